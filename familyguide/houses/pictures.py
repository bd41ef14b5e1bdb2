"""The picture stickers a child can tap to put in a house (the no-dragging alternative to drawing).

Each is drawn by the ``picture`` macro in houses/svg.html, on the page and in the PDF.
"""

from flask_babel import lazy_gettext as _l

PICTURES = {
    "sun": _l("Sun"),
    "rain": _l("Rain"),
    "heart": _l("Heart"),
    "star": _l("Star"),
    "house": _l("House"),
    "tree": _l("Tree"),
    "dog": _l("Dog"),
    "cat": _l("Cat"),
    "ball": _l("Ball"),
    "person": _l("Person"),
    "happy": _l("Happy face"),
    "sad": _l("Sad face"),
}
