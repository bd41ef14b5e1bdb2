"""The parent's views as a PDF: rendered on request through the app's one PDF seam, never stored."""

from datetime import date

from flask import current_app
from flask_babel import format_date
from flask_babel import gettext as _
from markupsafe import Markup

from .. import clock, i18n
from ..pdf import isolate, render_pdf, text_direction
from ..pdf.download import pdf_download
from . import messages
from .about import file_name
from .journey import for_the_record


def css_string(text):
    """A CSS string literal holding ``text`` exactly."""
    escaped = "".join(ch if ch.isalnum() or ch in " .,-" else f"\\{ord(ch):x} " for ch in text)
    return f'"{escaped}"'


def page_counter_content():
    """The CSS ``content`` for "Page 1 of 2" in the parent's language, with the numbers as counters."""
    template = _("Page %(page)s of %(pages)s", page="\x00page\x00", pages="\x00pages\x00")
    parts = []
    for piece in template.split("\x00"):
        if piece in ("page", "pages"):
            parts.append(f"counter({piece})")
        elif piece:
            parts.append(css_string(piece))
    return " ".join(parts)


def sections(journey, answers):
    found = []
    for question, record in for_the_record(journey, answers):
        text = str(messages.shown_answer(question, record))
        found.append(
            {
                "heading": question.heading,
                "heading_en": question.heading_en,
                "text": text,
                "dir": text_direction(text),
                "heading_lang": question.lang,
            }
        )
    return found


def whose_views(about):
    """The lines that say whose views these are, for the top of the PDF (each only when known)."""
    lines = []
    if about.get("parent"):
        lines.append(_("Parent: %(name)s", name=isolate(about["parent"])))
    if about.get("child"):
        lines.append(_("Child's initials: %(initials)s", initials=isolate(about["child"])))
    if about.get("date"):
        lines.append(_("Conference date: %(date)s", date=format_date(date.fromisoformat(about["date"]), "long")))
    lines.append(_("Council: %(council)s", council=current_app.config["COUNCIL_NAME"]))
    return lines


def document(journey, answers, about=None, written_on=None):
    """The PDF of the parent's views, dated ``written_on`` (today when not given: the day the parent downloads
    it)."""
    language = i18n.current_language()
    # Safe as Markup (bandit B704): built from our own translated strings, every character but letters and " .,-"
    # CSS-escaped.
    page_counter = Markup(page_counter_content())  # nosec
    return render_pdf(
        "prepare/pdf.html",
        stylesheet="prepare_views.css",
        lang=language.code,
        dir=language.dir,
        show_english=language.code != "en",
        date=format_date(written_on or clock.today(), "long"),
        sections=sections(journey, answers),
        page_counter=page_counter,
        whose=whose_views(about or {}),
    )


def download(answers, journey, version, about):
    """The PDF of this draft ``version``, as a download named views-<initials>-<date>.pdf."""
    download_name = file_name(about, clock.today())
    return pdf_download("prepare", version, lambda: document(journey, answers, about), download_name)
