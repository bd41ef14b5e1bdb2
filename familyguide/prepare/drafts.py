"""The parent's draft, kept server-side (sealed by storage.py). The signed session holds only a binding token,
never the draft's id or key: the quick exit and delete revoke it."""

from flask import g, session

from .. import resume_codes, resume_guard, storage

KIND = "prepare"
SESSION_KEY = "prepare_draft"
storage.SESSION_BINDINGS.add(SESSION_KEY)


class DraftMissing(Exception):
    """The session points at no draft, or at one that has expired or been deleted."""


def has_draft():
    return bool(session.get(SESSION_KEY))


def _token():
    return session.get(SESSION_KEY)


def start(invitation_id=None):
    """A new draft for this session; ``invitation_id`` ties it to a social worker's invitation (for good)."""
    storage.unbind(_token())
    session[SESSION_KEY] = storage.create(KIND, {"answers": {}, "invitation": invitation_id})
    g.prepare_invitation = invitation_id


def load():
    """The answers dict of the current draft. Raises DraftMissing."""
    data = storage.load(_token(), KIND)
    if data is None:
        raise DraftMissing
    g.prepare_invitation = data.get("invitation")
    return data.get("answers", {})


def invitation_id():
    """The invitation the draft this request loaded is tied to, or None (the chat without an invitation)."""
    return g.get("prepare_invitation")


def save(answers):
    if not storage.save(_token(), {"answers": answers, "invitation": invitation_id()}):
        raise DraftMissing


def let_go():
    """Stop this session's draft (it stays for its resume code, if it has one): another parent's link was
    opened here, and must never show this one's answers."""
    storage.unbind(session.pop(SESSION_KEY, None))


def version():
    """(draft id, version) of the draft this request loaded."""
    return storage.version_of(_token())


def issue_code():
    """A new resume code for the draft this request loaded. Raises DraftMissing."""
    code = storage.issue_resume_code(_token())
    if code is None:
        raise DraftMissing
    return code


def resume(typed):
    """Bring back the draft with this code into this session. None, or why not: "code_mistyped" when the
    check character shows a typing mistake, "code_not_found" when no live draft has it."""
    verdict, code = resume_codes.verdict(typed)
    if verdict == "mistyped":
        return "code_mistyped"
    token = storage.resume(code, KIND)
    if token is None:
        resume_guard.record_wrong_code()
        return "code_not_found"
    storage.unbind(_token())
    session[SESSION_KEY] = token  # a new binding on every resume
    return None


def delete():
    storage.delete_draft(session.pop(SESSION_KEY, None))
