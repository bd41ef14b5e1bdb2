"""What only the worker sets, on the worker's page: who is writing, the questions asked, the English
translation of the child's words; and the worker's way back to a Three Houses with its resume code (after
the quick exit, which closes the child's screens but never destroys their work)."""

from flask import g, redirect, render_template, request, url_for

from .. import resume_codes, resume_guard
from ..form_input import BAD_INPUT
from ..text import clean_text
from . import messages, store
from .activity import MAX_TRANSLATION_LENGTH, WRITERS, set_translations, set_writer
from .blueprint import bp

CODE_ERRORS = {
    "code_missing": messages.CODE_MISSING,
    "code_mistyped": messages.CODE_MISTYPED,
    "code_not_found": messages.CODE_NOT_FOUND,
}


@bp.post("/for-the-worker/writer")
@store.with_activity
def save_writer():
    by = request.form.get("by", "")
    if by in WRITERS:
        set_writer(g.activity, by)
        store.save(g.activity)
    return redirect(url_for("houses.show_worker_page", saved="writer", _anchor="writer"), code=303)


def read_translations(form, things):
    """The worker's translations, cleaned and cut to length, by thing id (words only)."""
    return {
        thing["id"]: clean_text(form.get(f"translation-{thing['id']}"))[:MAX_TRANSLATION_LENGTH]
        for thing in things
        if thing["kind"] == "words" and f"translation-{thing['id']}" in form
    }


@bp.post("/for-the-worker/translations")
@store.with_activity
def save_translations():
    set_translations(g.activity, read_translations(request.form, g.activity["things"]))
    store.save(g.activity)
    return redirect(url_for("houses.show_worker_page", saved="translations", _anchor="translations"), code=303)


def render_come_back(code="", errors=None, status=200):
    return render_template("houses/come_back.html", code=code, errors=errors or {}), status


@bp.get("/come-back")
def show_come_back():
    return render_come_back()


@bp.post("/come-back")
def come_back():
    typed = clean_text(request.form.get("code"))[:40]
    if not typed:
        return render_come_back(typed, {"code": CODE_ERRORS["code_missing"]}, BAD_INPUT)
    if not resume_guard.allow_attempt(request.remote_addr):
        return render_template("errors/too_many.html"), 429
    verdict, code = resume_codes.verdict(typed)
    if verdict == "mistyped":
        return render_come_back(typed, {"code": CODE_ERRORS["code_mistyped"]}, BAD_INPUT)
    if not store.resume(code):
        resume_guard.record_wrong_code()
        return render_come_back(typed, {"code": CODE_ERRORS["code_not_found"]}, BAD_INPUT)
    resume_guard.right_code(request.remote_addr)
    return redirect(url_for("houses.show_worker_page"), code=303)
