"""The open Three Houses of this browser session, kept by the shared storage module (encrypted, expiring)."""

from functools import wraps

from flask import g, render_template, session

from .. import storage

KIND = "houses"
SESSION_KEY = "houses_draft"
storage.SESSION_BINDINGS.add(SESSION_KEY)


def load():
    return storage.load(session.get(SESSION_KEY), KIND)


def begin(activity):
    """Store a new activity for this session, deleting any one already open here."""
    end()
    session[SESSION_KEY] = storage.create(KIND, activity)


def save(activity):
    return storage.save(session.get(SESSION_KEY), activity)


def version():
    """(draft id, version) of the activity this request loaded."""
    return storage.version_of(session.get(SESSION_KEY))


def end():
    storage.delete_draft(session.pop(SESSION_KEY, None))


def issue_code():
    """A resume code for the activity this request opened: the worker's way back to it after the quick exit."""
    return storage.issue_resume_code(session.get(SESSION_KEY))


def resume(code):
    """Open the activity with this (checked) code in this session, with a new binding. False if none has it."""
    token = storage.resume(code, KIND)
    if token is None:
        return False
    storage.unbind(session.get(SESSION_KEY))
    session[SESSION_KEY] = token
    return True


def missing_page(kept_text=""):
    return render_template("houses/missing.html", kept_text=kept_text), 404


def with_activity(view):
    """Run the view with ``g.activity`` loaded, or say that there is no Three Houses open. When another
    save got there first, the view runs again on the fresh activity (storage.retry_on_conflict)."""

    @wraps(view)
    @storage.retry_on_conflict
    def wrapper(*args, **kwargs):
        g.activity = load()
        if g.activity is None:
            session.pop(SESSION_KEY, None)
            return missing_page()
        return view(*args, **kwargs)

    return wrapper
