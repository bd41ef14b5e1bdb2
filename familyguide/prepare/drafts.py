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


def start(about=None):
    """A new draft; ``about`` says whose views these are (all optional: see about.py)."""
    storage.unbind(_token())
    session[SESSION_KEY] = storage.create(KIND, {"answers": {}, "about": about or {}})


def _data():
    data = storage.load(_token(), KIND)
    if data is None:
        raise DraftMissing
    g.prepare_about = data.get("about", {})  # kept with the answers on every save
    return data


def load():
    """The answers dict of the current draft. Raises DraftMissing."""
    return _data().get("answers", {})


def about():
    """Whose views these are: {"parent", "child", "date"} as given at the start (empty for older drafts)."""
    return g.prepare_about if "prepare_about" in g else _data().get("about", {})


def save(answers):
    if not storage.save(_token(), {"answers": answers, "about": about()}):
        raise DraftMissing


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
