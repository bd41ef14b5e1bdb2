"""The A4 letter a worker hands a parent: in the parent's language with the English beside it, the personal
link, the code, a QR code of the link (drawn here with segno, as SVG, into the PDF: nothing fetched), the
latest key dates for the conference (keydates/rules.py), the conference team's phone number, and who will
see what they send. Through the one PDF module. The staff area calls this; it never imports the staff area."""

from flask import current_app
from flask_babel import force_locale, format_date
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from . import i18n
from .keydates.rules import key_dates
from .keydates.views import LABELS
from .pdf import isolate, render_pdf

TITLE = _l("Your invitation to share your views")
PARAGRAPHS = (
    _l(
        "Your social worker invites you to use familyguide. It is the council's website about the child "
        "protection conference. It explains the conference in plain words."
    ),
    _l("It helps you get ready. You can answer some questions and send your views to your social worker."),
)
OPEN_LINK = _l("Open this link on your phone or computer:")
SCAN = _l("Or scan this QR code with your phone's camera.")
TYPE_CODE = _l("Or go to the page “Get ready for the conference” and type this code:")
KEY_DATES = _l("Key dates")
# Under the letter's dates: the conference date is the worker's own, the others the rules' latest (the key dates
# page's note, "Your invitation letter ... gives the real date", would be wrong here).
DATES_NOTE = _l(
    "The conference date is the real one. The other dates are the latest the rules allow. Things can happen sooner."
)
WHO_SEES = _l(
    "Only your social worker and their manager will see what you send. Nothing is sent until you choose to send it."
)
PHONE = _l("Questions? Call the conference team: %(phone)s")
KEEP_SAFE = _l("Keep this letter safe. The link and the code are only for you.")


def qr_svg(link):
    """The link as a QR code, SVG bytes (segno draws it: no request to any other site)."""
    import segno

    return segno.make(link, error="m").svg_inline(scale=4, dark="#000000", light="#ffffff").encode("utf-8")


def _both(message, **variables):
    """(the sentence in the current language, the same in English)."""
    msgid = message._args[0]  # a lazy string keeps its English original
    with force_locale("en"):
        english = _(msgid, **variables)
    return _(msgid, **variables), english


def letter_pdf(language, link, code, conference_date, kind, phone=None):
    """The letter as PDF bytes, in ``language`` (a code), English beside it unless it is English."""
    phone = phone or current_app.config.get("CONFERENCE_TEAM_PHONE") or current_app.config["COUNCIL_PHONE"]
    lang = i18n.languages().get(language)
    with force_locale(lang.babel_locale):
        dates = [
            {
                "label": _both(LABELS[d.key]),
                "day": format_date(d.day, "full"),
                "day_en": _english_date(d.day),
            }
            for d in key_dates(conference_date, kind)
        ]
        return render_pdf(
            "letters/invitation.html",
            stylesheet="invitation_letter.css",
            images={"qr.svg": qr_svg(link)},
            lang=lang.code,
            dir=lang.dir,
            show_english=lang.code != "en",
            title=_both(TITLE),
            paragraphs=[_both(p) for p in PARAGRAPHS],
            open_link=_both(OPEN_LINK),
            scan=_both(SCAN),
            type_code=_both(TYPE_CODE),
            key_dates_heading=_both(KEY_DATES),
            dates=dates,
            note=_both(DATES_NOTE),
            who_sees=_both(WHO_SEES),
            phone=_both(PHONE, phone=isolate(phone)),
            keep_safe=_both(KEEP_SAFE),
            link=link,
            code=code,
        )


def _english_date(day):
    with force_locale("en_GB"):
        return format_date(day, "full")
