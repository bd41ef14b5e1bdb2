"""The parent's draft, kept server-side (encrypted by storage.py). The signed session holds only a binding
token (storage.bind), never the draft's id: the quick exit and delete revoke it."""

from flask import session

from .. import resume_codes, resume_guard, storage

KIND = "prepare"
SESSION_KEY = "prepare_draft"
storage.SESSION_BINDINGS.add(SESSION_KEY)


class DraftMissing(Exception):
    """The session points at no draft, or at one that has expired or been deleted."""


def has_draft():
    return bool(session.get(SESSION_KEY))


def _draft_id():
    return storage.bound_draft(session.get(SESSION_KEY))


def start():
    storage.unbind(session.get(SESSION_KEY))
    draft_id = storage.create(KIND, {"answers": {}})
    session[SESSION_KEY] = storage.bind(draft_id)
    return draft_id


def load():
    """The answers dict of the current draft. Raises DraftMissing."""
    data = storage.load(_draft_id(), KIND)
    if data is None:
        raise DraftMissing
    return data.get("answers", {})


def save(answers):
    draft_id = _draft_id()
    if not draft_id or not storage.save(draft_id, {"answers": answers}):
        raise DraftMissing


def issue_code():
    draft_id = _draft_id()
    if not draft_id:
        raise DraftMissing
    return storage.issue_resume_code(draft_id)


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
    storage.unbind(session.get(SESSION_KEY))
    session[SESSION_KEY] = storage.bind(draft_id)  # a new binding on every resume
    return None


def delete():
    draft_id = storage.bound_draft(session.pop(SESSION_KEY, None))
    if draft_id:
        storage.delete_draft(draft_id)
