"""The draft this browser session is working on, for any journey (the preparation chat, the Three Houses).

The signed session holds only a binding token under the journey's own key, never the draft's id or key:
storage.py seals the draft, and the quick exit revokes every binding (storage.SESSION_BINDINGS). What a
journey does when there is no draft (a page that says so, an exception) stays in the journey."""

from flask import session

from . import current, storage


class SessionDraft:
    def __init__(self, kind: str, session_key: str):
        self.kind = kind
        self.session_key = session_key
        storage.SESSION_BINDINGS.add(session_key)

    @property
    def token(self) -> str | None:
        return current.visit().get(self.session_key)

    def exists(self) -> bool:
        """Whether this session points at a draft (which may since have expired or been deleted)."""
        return bool(self.token)

    def start(self, data: dict, parts: dict | None = None) -> None:
        """A new draft holding ``data`` (and ``parts``, when given) for this session. Any draft it had stays,
        for its resume code. Raises storage.DraftTooBig, storing nothing, when it would go over the cap."""
        storage.unbind(self.token)
        session[self.session_key] = storage.create(self.kind, data, parts)

    def load(self) -> dict | None:
        """The draft's data, or None when there is none (or it has expired or been deleted)."""
        return storage.load(self.token, self.kind)

    def load_with_parts(self) -> tuple[dict, dict] | None:
        """The draft's data and its parts (large pieces stored apart, by name), or None."""
        return storage.load_with_parts(self.token, self.kind)

    def save(self, data: dict, parts: dict | None = None) -> bool:
        """False when the draft has gone; raises storage.DraftConflict when another save got there first, and
        storage.DraftTooBig (storing nothing) when it would hold more than the cap. ``parts``, when given,
        are all the draft's parts now: only those that changed are written."""
        return storage.save(self.token, data, parts)

    def version(self) -> tuple[str, int] | None:
        """(draft id, version) of the draft this request loaded: what a PDF of it is kept under."""
        return storage.version_of(self.token)

    def issue_code(self) -> str | None:
        """A new resume code for the draft this request loaded, or None when nothing is loaded."""
        return storage.issue_resume_code(self.token)

    def resume(self, code: str) -> bool:
        """Bring the live draft with this (checked) code into this session, with a new binding."""
        token = storage.resume(code, self.kind)
        if token is None:
            return False
        storage.unbind(self.token)
        session[self.session_key] = token
        return True

    def forget(self) -> None:
        """Drop this session's pointer to a draft that has gone."""
        session.pop(self.session_key, None)

    def delete(self) -> None:
        """Delete the draft, every way into it and this session's pointer: nothing of it can be read again."""
        storage.delete_draft(session.pop(self.session_key, None))
