"""A parent invited by their social worker: opening the personal link or typing the letter's code, and
sending their views (or taking them back). The rules live in familyguide/invitations.py, shared with the staff
area; this module never imports the staff area.

Two parents never see each other's answers: opening an invitation in a browser whose chat belongs to another
invitation lets that chat go from this browser before anything is shown, and the quick exit clears the session
altogether. A chat tied to no invitation is the parent's own answers: opening an invitation over it asks first,
on a page that does not show them, whether to use them for the invitation or start again."""

from flask import g, redirect, render_template, request, session, url_for
from flask_babel import format_date

from .. import invitations, limits, notify, resume_codes, resume_guard, storage
from ..text import clean_text
from . import drafts, messages
from .views import CURRENT, bp

PENDING = "prepare_invitation"  # an invitation opened here, before its chat starts
CHOOSING = "prepare_invitation_choice"  # an invitation opened over the parent's own answers, before they choose
limits.limit_volume("prepare.send_views", "pdfs")


def pending_invitation():
    """The invitation opened in this browser whose chat has not started yet, if it still works."""
    return invitations.for_family(session.get(PENDING))


def _start_fresh(invitation_id):
    """Let this browser's chat go (if any) and go to the start of a new chat for the invitation."""
    if drafts.has_draft():
        drafts.let_go()
    session.pop(CHOOSING, None)
    session[PENDING] = invitation_id
    return redirect(url_for("prepare.start"), code=303)


def _opened(invitation_id):
    """Tie this browser to the invitation just opened, then go on to the start of the chat; over the parent's
    own answers (a chat tied to no invitation), ask first."""
    if drafts.has_draft():
        try:
            drafts.load()
            tied_to = drafts.invitation_id()
        except drafts.DraftMissing:
            return _start_fresh(invitation_id)
        if tied_to == invitation_id:
            session.pop(CHOOSING, None)
            return redirect(url_for("prepare.show_chat", _anchor=CURRENT), code=303)
        if tied_to is None:
            session.pop(PENDING, None)
            session[CHOOSING] = invitation_id
            return redirect(url_for("prepare.choose_answers"), code=303)
    return _start_fresh(invitation_id)


def _choice():
    """The invitation waiting for the parent's choice, if it still works and their own answers are still here."""
    invitation = invitations.for_family(session.get(CHOOSING))
    if invitation is None or not drafts.has_draft():
        return None
    try:
        drafts.load()
    except drafts.DraftMissing:
        return None
    return invitation if drafts.invitation_id() is None else None


@bp.get("/invite-answers")
def choose_answers():
    if _choice() is None:
        session.pop(CHOOSING, None)
        return redirect(url_for("prepare.start"), code=303)
    return render_template("prepare/invite_answers.html")


@bp.post("/invite-answers")
@storage.retry_on_conflict
def use_answers():
    invitation = _choice()
    if invitation is None:
        session.pop(CHOOSING, None)
        return redirect(url_for("prepare.start"), code=303)
    choice = request.form.get("choice")
    if choice == "fresh":
        return _start_fresh(invitation.id)
    if choice != "keep":
        return render_template("prepare/invite_answers.html"), 400
    session.pop(CHOOSING, None)
    if drafts.tie_to(invitation.id):
        invitations.mark_started(invitation.id)
    return redirect(url_for("prepare.show_chat", _anchor=CURRENT), code=303)


@bp.get("/invite/<token>")
def open_invitation(token):
    if not resume_guard.allow_attempt(request.remote_addr):
        return render_template("prepare/too_many_tries.html"), 429
    invitation_id = invitations.open_by_link(token)
    if invitation_id is None:
        resume_guard.record_wrong_code()
        return render_template("prepare/invite_not_found.html", code="", errors={}), 404
    resume_guard.right_code(request.remote_addr)
    return _opened(invitation_id)


@bp.post("/invite")
def open_invitation_by_code():
    typed = clean_text(request.form.get("code"))[:40]
    if not resume_guard.allow_attempt(request.remote_addr):
        return render_template("prepare/too_many_tries.html"), 429
    verdict, code = resume_codes.verdict(typed) if typed else ("missing", None)
    invitation_id = invitations.open_by_code(code) if verdict == "ok" else None
    if invitation_id is None:
        if verdict == "ok":
            resume_guard.record_wrong_code()
        error = {"ok": "invite_not_found", "missing": "code_missing"}.get(verdict, "code_mistyped")
        return render_template(
            "prepare/invite_not_found.html", code=typed, errors={"invite-code": messages.ERRORS[error]}
        ), 400
    resume_guard.right_code(request.remote_addr)
    return _opened(invitation_id)


def _tied_invitation():
    """The invitation the current draft is tied to (loading the draft), or None."""
    answers = drafts.load()
    return answers, invitations.for_family(drafts.invitation_id())


def _closed():
    return render_template("prepare/send_closed.html"), 410


@bp.get("/send")
def what_happens_when_you_send():
    _, invitation = _tied_invitation()
    if invitation is None or not invitation.can_send:
        return _closed()
    return render_template(
        "prepare/send.html",
        team=invitations.team_name(invitation.team_id),
        deletion_date=format_date(invitation.deletion_date, "long"),
        conference_date=format_date(invitation.conference_date, "long"),
        invitation=invitation,
    )


@bp.post("/send")
def send_views():
    answers, invitation = _tied_invitation()
    version = invitations.send_views(invitation.id, answers, g.lang) if invitation else None
    if version is None:
        return _closed()
    notify.views_arrived(invitation.record_id)
    return render_template("prepare/sent.html", version=version)


@bp.post("/take-back")
def take_back():
    _, invitation = _tied_invitation()
    if invitation is not None:
        invitations.take_back(invitation.id)
    return render_template("prepare/taken_back.html")
