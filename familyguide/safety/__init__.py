"""The quick exit: leave the site in one tap, ending the session."""

from flask import Blueprint, current_app, redirect, session

from .. import current, limits, storage
from ..extensions import csrf

bp = Blueprint("safety", __name__)
# The exit is never counted against a client's volume: counting needs the database, and the exit must not fail.
limits.limit_volume("safety.leave_site", None)


@bp.route("/exit", methods=["GET", "POST"])
@csrf.exempt  # ending one's own session cannot harm anyone, and the exit must never fail
def leave_site():
    try:
        storage.end_session_bindings(session)  # a copy of this cookie must open nothing afterwards
    except Exception:  # the exit must never fail, even with the database away; the session still ends
        current_app.logger.exception("The quick exit could not revoke the session's drafts")
    session.clear()
    response = redirect(current_app.config["EXIT_URL"], code=303)
    response.headers["Clear-Site-Data"] = '"cache", "cookies", "storage"'
    return response


NOTE_SEEN = "exit_note_seen"


@bp.app_context_processor
def first_visit_note():
    """Show the short note about the quick exit on the first family page of a visit. Pages that are not for
    families (the staff area sets g.family_page = False) leave the family session alone."""
    if current.state().get("family_page", True) is False:
        return {}
    visit = current.visit()
    seen = visit.get(NOTE_SEEN, False)
    if not seen:
        visit[NOTE_SEEN] = True
    return {"show_exit_note": not seen}
