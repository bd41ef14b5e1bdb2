"""Messages for the child's screens, in very simple words (defined once, shown in the child's language)."""

from flask_babel import lazy_gettext as _l

from .activity import MAX_DRAWINGS_PER_HOUSE, MAX_THINGS_PER_HOUSE
from .drawings import MAX_BYTES, MAX_SIDE

DRAWING = {
    "missing": _l("Draw something first."),
    "not_png": _l("This is not a drawing we can use. Only PNG pictures work."),
    "broken": _l("This drawing is broken. Please draw it again."),
    "too_big": _l("This drawing is too big. It can be up to %(size)s KB.", size=MAX_BYTES // 1024),
    "too_many_pixels": _l("This drawing is too large. It can be up to %(side)s by %(side)s dots.", side=MAX_SIDE),
}
HOUSE_FULL = {
    "things": _l(
        "This house is full. It can hold %(count)s things. Take one out to add another.", count=MAX_THINGS_PER_HOUSE
    ),
    "drawings": _l("This house has %(count)s drawings. Take one out to add another.", count=MAX_DRAWINGS_PER_HOUSE),
}
PICTURE_MISSING = _l("Choose a picture.")
SHARE_MISSING = _l("Choose yes or no.")
TRY_AGAIN = _l("Something went wrong. Please press the button again.")
FEEL_SAFE = {
    "1": _l("Not safe at all"),
    "2": _l("Not very safe"),
    "3": _l("A bit safe"),
    "4": _l("Quite safe"),
    "5": _l("Very safe"),
}
