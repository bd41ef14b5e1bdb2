"""The parent's draft, kept server-side (encrypted by storage.py); only its id lives in the signed session."""

from flask import session

from .. import resume_codes, resume_guard, storage

KIND = "prepare"
SESSION_KEY = "prepare_draft"


class DraftMissing(Exception):
    """The session points at no draft, or at one that has expired or been deleted."""


def has_draft():
    return bool(session.get(SESSION_KEY))


def start():
    draft_id = storage.create(KIND, {"answers": {}})
    session[SESSION_KEY] = draft_id
    return draft_id


def load():
    """The answers dict of the current draft. Raises DraftMissing."""
    data = storage.load(session.get(SESSION_KEY), KIND)
    if data is None:
        raise DraftMissing
    return data.get("answers", {})


def save(answers):
    draft_id = session.get(SESSION_KEY)
    if not draft_id or not storage.save(draft_id, {"answers": answers}):
        raise DraftMissing


def issue_code():
    return storage.issue_resume_code(session[SESSION_KEY])


def resume(typed):
    """Bring back the draft with this code into this session. None, or why not: "code_mistyped" when the
    check character shows a typing mistake, "code_not_found" when no live draft has it."""
    verdict, code = resume_codes.verdict(typed)
    if verdict == "mistyped":
        return "code_mistyped"
    draft_id = storage.find_by_code(code, KIND)
    if draft_id is None:
        resume_guard.record_wrong_code()
        return "code_not_found"
    session[SESSION_KEY] = draft_id
    return None


def delete():
    draft_id = session.pop(SESSION_KEY, None)
    if draft_id:
        storage.delete_draft(draft_id)
