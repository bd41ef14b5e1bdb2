"""A qualified translator's pages: per language, every page and batch of interface strings with its status;
each one beside its English source, with what the English has changed since it was last checked, and the
button "I have checked this page". Also the language's strings as a PO file, to download and upload.

The URLs name the language <code>, not <lang>: that name makes a request a family page in that language
(i18n.pull_language). A translator sees only the languages on their account (guard.translation_work answers
404 for any other), an admin every language; workers and managers none. Never family content. The logic lives in
familyguide/translation_checks.py and familyguide/po_files.py; these views only ask and show."""

from flask import Response, abort, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from .. import db, i18n, po_files, translation_checks
from ..content import SOURCE_LANGUAGE
from ..pages import GLOSSARY_SLUG, GUIDE
from . import accounts, audit, bp, guard
from .roles import ADMIN, TRANSLATOR

MAX_UPLOAD_BYTES = 2 * 1024 * 1024


def _page(template, http_status=200, **context):
    return render_template(f"staff/translations/{template}", **context), http_status


def _language(code):
    return i18n.languages().get(code)


@bp.get("/translations")
@guard.signed_in(TRANSLATOR, ADMIN)
def translations():
    every = i18n.languages()
    languages = [every.get(code) for code in accounts.languages_of(g.staff_account)]
    return _page("languages.html", languages=languages)


@bp.get("/translations/<code>")
@guard.translation_work
def translation_language(code):
    statuses = translation_checks.statuses(code)
    counts = {state: sum(1 for s in statuses if s.state == state) for state in translation_checks.STATES}
    return _page(
        "language.html",
        language=_language(code),
        statuses=statuses,
        counts=counts,
        imported=request.args.get("imported") == "1",
    )


def _text_of(code, page):
    path = translation_checks.content_text_path(code, page)
    return path.read_text(encoding="utf-8") if path.is_file() else None


def _terms(code):
    """The term list beside the page: the language's glossary page beside the English one, and the translators'
    own list of terms (content/<code>/terms.md) when there is one."""
    glossary = f"{GUIDE}/{GLOSSARY_SLUG}"
    return {
        "english_glossary": _text_of(SOURCE_LANGUAGE, glossary),
        "glossary": _text_of(code, glossary),
        "term_list": _text_of(code, "terms"),
    }


@bp.route("/translations/<code>/page/<path:page>", methods=["GET", "POST"])
@guard.translation_work
def translation_page(code, page):
    found = translation_checks.source(code, page)
    if found is None:
        abort(404)
    changed_since_shown = False
    if request.method == "POST":
        if found.translation is None:
            abort(404)
        with db.session() as s:
            after = translation_checks.record(
                code,
                page,
                g.staff_account.id,
                request.form.get("english_hash", ""),
                request.form.get("translation_hash", ""),
                session=s,
            )
            if after is not None:
                audit.record("translation_checked", actor=g.staff_account, target=f"{code} {page}", session=s)
        if after is not None:
            return redirect(url_for("staff.translation_page", code=code, page=page, checked=1))
        changed_since_shown, found = True, translation_checks.source(code, page)
    status = translation_checks.status_of(found, translation_checks.latest_check(code, page))
    return _page(
        "page.html",
        409 if changed_since_shown else 200,
        language=_language(code),
        status=status,
        rows=translation_checks.string_rows(code, page),
        changes=translation_checks.english_changes(status),
        terms=_terms(code),
        just_checked=request.args.get("checked") == "1",
        changed_since_shown=changed_since_shown,
        error=changed_since_shown,  # the page's title starts "Error:"
    )


@bp.get("/translations/<code>/messages.po")
@guard.translation_work
def translation_export(code):
    body = po_files.export(code)
    audit.record("strings_exported", actor=g.staff_account, target=code)
    return Response(
        body,
        mimetype="text/x-gettext-translation",
        headers={"Content-Disposition": f'attachment; filename="familyguide-{code}.po"'},
    )


@bp.route("/translations/<code>/import", methods=["GET", "POST"])
@guard.translation_work
def translation_import(code):
    problems = []
    if request.method == "POST":
        upload = request.files.get("po_file")
        data = upload.read(MAX_UPLOAD_BYTES + 1) if upload else b""
        if not data:
            problems = [_("Choose a PO file to upload.")]
        elif len(data) > MAX_UPLOAD_BYTES:
            problems = [_("The file is too big. A PO file of this site is less than 2 MB.")]
        else:
            problems = po_files.import_(code, data)
            if not problems:
                audit.record("strings_imported", actor=g.staff_account, target=code)
                return redirect(url_for("staff.translation_language", code=code, imported=1))
    return _page("import.html", 400 if problems else 200, language=_language(code), problems=problems, errors=problems)
