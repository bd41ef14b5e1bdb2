"""A parent invited by their social worker: opening the personal link or typing the letter's code, and
sending their views (or taking them back). The rules live in familyguide/invitations.py, shared with the staff
area; this module never imports the staff area.

Two parents never see each other's answers: opening an invitation in a browser whose chat belongs to another
invitation (or to none) lets that chat go from this browser before anything is shown, and the quick exit
clears the session altogether."""

from flask import g, redirect, render_template, request, session, url_for
from flask_babel import format_date

from .. import invitations, limits, notify, resume_codes, resume_guard
from ..text import clean_text
from . import drafts, messages
from .views import CURRENT, bp

PENDING = "prepare_invitation"  # an invitation opened here, before its chat starts
limits.limit_volume("prepare.send_views", "pdfs")


def pending_invitation():
    """The invitation opened in this browser whose chat has not started yet, if it still works."""
    return invitations.for_family(session.get(PENDING))


def _opened(invitation_id):
    """Tie this browser to the invitation just opened, then go on to the start of the chat."""
    if drafts.has_draft():
        try:
            drafts.load()
            same = drafts.invitation_id() == invitation_id
        except drafts.DraftMissing:
            same = False
        if same:
            return redirect(url_for("prepare.show_chat", _anchor=CURRENT), code=303)
        drafts.let_go()
    session[PENDING] = invitation_id
    return redirect(url_for("prepare.start"), code=303)


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
