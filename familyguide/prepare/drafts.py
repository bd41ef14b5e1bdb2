"""The parent's draft: the answers dict of the session's draft (session_draft.py), and its resume code."""

from flask import g

from .. import current, resume_codes, resume_guard, storage
from ..session_draft import SessionDraft

KIND = "prepare"
SESSION_KEY = "prepare_draft"
DRAFT = SessionDraft(KIND, SESSION_KEY)


class DraftMissing(Exception):
    """The session points at no draft, or at one that has expired or been deleted."""


def has_draft():
    return DRAFT.exists()


def start(about: dict | None = None, invitation_id=None) -> None:
    """A new draft; ``about`` says whose views these are (all optional: see about.py); ``invitation_id`` ties it
    to a social worker's invitation (for good)."""
    DRAFT.start({"answers": {}, "about": about or {}, "invitation": invitation_id})
    g.prepare_invitation = invitation_id


def _data() -> dict:
    data = DRAFT.load()
    if data is None:
        raise DraftMissing
    state = current.state()
    state.prepare_about = data.get("about", {})  # kept with the answers on every save
    state.prepare_invitation = data.get("invitation")
    return data


def load():
    """The answers dict of the current draft. Raises DraftMissing."""
    return _data().get("answers", {})


def about() -> dict:
    """Whose views these are: {"parent", "child", "date"} as given at the start (empty for older drafts)."""
    return g.prepare_about if "prepare_about" in g else _data().get("about", {})


def invitation_id():
    """The invitation the draft this request loaded is tied to, or None (the chat without an invitation)."""
    return g.get("prepare_invitation")


def save(answers):
    if not DRAFT.save({"answers": answers, "about": about(), "invitation": invitation_id()}):
        raise DraftMissing


def save_about(record: dict) -> None:
    """Change whose views these are (see about.py), keeping the answers."""
    answers = load()
    if not DRAFT.save({"answers": answers, "about": record, "invitation": invitation_id()}):
        raise DraftMissing
    g.prepare_about = record


def tie_to(invitation):
    """Tie the parent's own draft (tied to none) to an invitation they opened, keeping every answer. Returns
    whether it holds any answer. Raises DraftMissing."""
    answers = load()
    g.prepare_invitation = invitation
    save(answers)
    return bool(answers)


def let_go():
    """Stop this session's draft (it stays for its resume code, if it has one): another parent's link was
    opened here, and must never show this one's answers."""
    storage.unbind(DRAFT.token)
    DRAFT.forget()


def version():
    """(draft id, version) of the draft this request loaded."""
    return DRAFT.version()


def issue_code():
    """A new resume code for the draft this request loaded. Raises DraftMissing."""
    code = DRAFT.issue_code()
    if code is None:
        raise DraftMissing
    return code


def resume(typed):
    """Bring back the draft with this code into this session. None, or why not: "code_mistyped" when the
    check character shows a typing mistake, "code_not_found" when no live draft has it."""
    verdict, code = resume_codes.verdict(typed)
    if verdict == "mistyped":
        return "code_mistyped"
    if not DRAFT.resume(code):
        resume_guard.record_wrong_code()
        return "code_not_found"
    return None


def delete():
    DRAFT.delete()
