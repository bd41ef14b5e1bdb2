"""The open Three Houses of this browser session: the session's draft (session_draft.py) holds the activity."""

from functools import wraps

from flask import g, render_template

from .. import invitations, storage
from ..session_draft import SessionDraft

KIND = "houses"
SESSION_KEY = "houses_draft"
DRAFT = SessionDraft(KIND, SESSION_KEY)


# A drawing's images are stored apart from the words, one draft part per drawing (storage.py), so that adding
# a word does not rewrite megabytes of drawings. The activity the views see has them back in place.
IMAGES = ("png", "jpeg")

# The name of this device's copy of a Three Houses kept on a child's invitation (invitations.houses_saved).
HOLDER = "holder"


def split_drawings(activity):
    """The activity with every drawing's images left out, and those images by thing id."""
    drawings = {t["id"]: {k: t[k] for k in IMAGES} for t in activity["things"] if any(t.get(k) for k in IMAGES)}
    words = dict(activity, things=[dict(t, png="", jpeg="") if t["id"] in drawings else t for t in activity["things"]])
    return words, drawings


def with_drawings(words, drawings):
    """The activity as the views see it: each drawing's images put back (an older draft still holds its own)."""
    for thing in words["things"]:
        thing.update(drawings.get(thing["id"], {}))
    return words


def load():
    found = DRAFT.load_with_parts()
    return None if found is None else with_drawings(*found)


def load_without_drawings():
    """The activity with its drawings' images left sealed: for a page that only shows what is in the houses (each
    drawing comes by its own address). It cannot be saved (``save`` refuses), or the drawings would be lost."""
    g.drawings_left_out = True
    return DRAFT.load()


def begin(activity):
    """Store a new activity for this session, deleting any one already open here."""
    end()
    DRAFT.start(activity)
    _keep_on_invitation(activity)


def open_on_record(record, invitation_id, new):
    """Open the child's Three Houses on their invitation in this session, deleting any one already open here:
    the one kept on the record, drawings and all, so the child carries on where they stopped; or, when none
    is kept yet, ``new``, kept there from now on. A start never replaces what the record holds (a start on
    another device a moment before this one is carried on too). From now on only this device may change what
    the record keeps (invitations.houses_saved); one open on it before is told so when it tries (HeldElsewhere).
    True when it carried on."""
    holder = invitations.new_holder()
    kept = kept_on_record(record, invitation_id)
    if kept is None and not invitations.houses_saved(invitation_id, new, {}, done=False, first=True, holder=holder):
        kept = kept_on_record(record, invitation_id)
    if kept is not None:
        invitations.hold_houses(invitation_id, holder)  # a device it was open on before may change it no more
    end()
    DRAFT.start(*split_drawings({**(new if kept is None else kept), HOLDER: holder}))
    return kept is not None


def save(activity):
    """Store the activity (raises storage.DraftTooBig, storing nothing, when it would go over the cap)."""
    if g.get("drawings_left_out"):
        raise RuntimeError("This activity was opened without its drawings: saving it would lose them.")
    saved = DRAFT.save(*split_drawings(activity))
    if saved:
        _keep_on_invitation(activity)
    return saved


def _keep_on_invitation(activity):
    """A Three Houses the worker started from a child's invitation is kept on that record as it changes (its
    drawings apart there too). invitations.HeldElsewhere when it has been opened on another device since."""
    if activity.get("invitation"):
        done = bool(activity["things"]) and all(t["share"] is not None for t in activity["things"])
        holder = activity.get(HOLDER)
        for_record = {name: value for name, value in activity.items() if name != HOLDER}
        invitations.houses_saved(activity["invitation"], *split_drawings(for_record), done, holder=holder)


def kept_on_record(record, invitation_id):
    """The child's Three Houses as kept on their invitation, drawings in place, or None."""
    found = invitations.houses_of(record, invitation_id)
    return None if found is None else with_drawings(*found)


def version():
    """(draft id, version) of the activity this request loaded."""
    return DRAFT.version()


def end():
    DRAFT.delete()


def issue_code():
    """A resume code for the activity this request opened: the worker's way back to it after the quick exit."""
    return DRAFT.issue_code()


def resume(code):
    """Open the activity with this (checked) code in this session, with a new binding. False if none has it."""
    return DRAFT.resume(code)


def missing_page(kept_text=""):
    return render_template("houses/missing.html", kept_text=kept_text), 404


def _opened_by(load_activity, view):
    @wraps(view)
    @storage.retry_on_conflict
    def wrapper(*args, **kwargs):
        activity = g.activity = load_activity()
        if activity is None:
            DRAFT.forget()
            return missing_page()
        invitation = activity.get("invitation")
        if invitation and invitations.houses_held_elsewhere(invitation, activity.get(HOLDER)):
            # Told on the first page, not after a drawing made here is refused (errors.py closes this copy).
            raise invitations.HeldElsewhere
        return view(*args, **kwargs)

    return wrapper


def with_activity(view):
    """Run the view with ``g.activity`` loaded, or say that there is no Three Houses open (or that it is open
    on another device now, see open_on_record). When another save got there first, the view runs again on the
    fresh activity (storage.retry_on_conflict)."""
    return _opened_by(load, view)


def showing_activity(view):
    """As ``with_activity``, for a page that only shows the activity: its drawings stay sealed, so a child with
    many drawings gets their house as quickly as a child with none. The view cannot save."""
    return _opened_by(load_without_drawings, view)
