"""Messages for the child's screens, in very simple words (defined once, shown in the child's language)."""

from flask_babel import gettext as _
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
# The whole Three Houses is at its size limit (FAMILYGUIDE_DRAFT_MAX_BYTES): nothing more was kept.
NO_MORE_ROOM = _l("There is no more room to keep things. Take something out, like a drawing, to add more.")
# The worker's way back to a Three Houses with its code (the first two say the same as the chat's).
CODE_MISSING = _l("Enter the code you were given, for example ABCD-EFGH-JKL.")
CODE_MISTYPED = _l("One letter or number in that code is not right. Check each one and try again.")
CODE_NOT_FOUND = _l("We could not find a Three Houses with that code. Check the code and try again.")
TRY_AGAIN = _l("Something went wrong. Please press the button again.")
# A form refused for its security token (CSRF): it does not match this browser's cookie, because cookies are
# blocked or the visit ended (the browser closed, the Leave this site button) since the page came. There is no
# time limit, and pressing the button again fails for ever while cookies are blocked. The site's own words
# (templates/errors/_form_not_matched.html).
NOT_MATCHED = (
    _l("Nothing was saved."),
    _l("The site could not match this form to this browser. It needs its one cookie for that."),
    _l("If your browser blocks cookies, allow them for this site. Then send the form again."),
)
# The child's part of it on their screens; the rest is for the worker, in the worker's language.
WORDS_NOT_KEPT = _l("We could not keep these words. Your worker can help.")
FEEL_SAFE = {
    "1": _l("Not safe at all"),
    "2": _l("Not very safe"),
    "3": _l("A bit safe"),
    "4": _l("Quite safe"),
    "5": _l("Very safe"),
}


SHORT_WORDS = 40


def thing_labels(things, pictures):
    """A short name for each thing, by id, for messages that must say which thing they mean: the start of
    its words, its picture's name, or "My drawing 2"."""
    labels, drawings = {}, 0
    for thing in things:
        if thing["kind"] == "words":
            text = " ".join(thing["text"].split())
            labels[thing["id"]] = text if len(text) <= SHORT_WORDS else text[: SHORT_WORDS - 1].rstrip() + "…"
        elif thing["kind"] == "picture":
            labels[thing["id"]] = str(pictures.get(thing["picture"], ""))
        else:
            drawings += 1
            labels[thing["id"]] = _("My drawing %(num)s", num=drawings)
    return labels


def share_missing(label):
    """The read-back error for one thing, naming it: "Choose yes or no for “When mum and dad shout”"."""
    return _("Choose yes or no for “%(thing)s”.", thing=label)
