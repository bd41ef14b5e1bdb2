"""The parent's draft: the answers dict of the session's draft (session_draft.py), and its resume code."""

from .. import resume_codes, resume_guard
from ..session_draft import SessionDraft

KIND = "prepare"
SESSION_KEY = "prepare_draft"
DRAFT = SessionDraft(KIND, SESSION_KEY)


class DraftMissing(Exception):
    """The session points at no draft, or at one that has expired or been deleted."""


def has_draft():
    return DRAFT.exists()


def start():
    DRAFT.start({"answers": {}})


def load():
    """The answers dict of the current draft. Raises DraftMissing."""
    data = DRAFT.load()
    if data is None:
        raise DraftMissing
    return data.get("answers", {})


def save(answers):
    if not DRAFT.save({"answers": answers}):
        raise DraftMissing


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
