"""The open Three Houses of this browser session, kept by the shared storage module (encrypted, expiring)."""

from functools import wraps

from flask import g, render_template, request, session

from .. import storage
from .blueprint import bp

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


@bp.before_app_request
def end_on_quick_exit():
    """The quick exit ends the child's work at once, not only the session that points to it."""
    if request.endpoint == "safety.leave_site":
        end()
