"""The pictures of the Three Houses: the stickers a child can tap to put in a house (the no-dragging
alternative to drawing), the houses, the faces, the big choices' icons.

Every picture is drawn once, as a ``<symbol>`` in the static file ``houses-pictures.svg``. A page shows one
with ``<use>`` (the ``houses/svg.html`` macros), so a browser downloads the drawings once and keeps them; the
PDF takes the same drawing as an SVG file of its own (``drawing_file``).
"""

import functools
import re

from flask_babel import lazy_gettext as _l

from ..assets import manifest

SPRITE = "houses-pictures.svg"

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

_SYMBOL = re.compile(r'<symbol id="(?P<id>[^"]+)" viewBox="(?P<view_box>[^"]+)">(?P<drawing>.*?)</symbol>', re.DOTALL)


@functools.cache
def symbols(sprite):
    """Each symbol of the sprite file's bytes, by its id: (its viewBox, what it draws). Read once per file."""
    return {match["id"]: (match["view_box"], match["drawing"]) for match in _SYMBOL.finditer(sprite.decode("utf-8"))}


def drawing_file(symbol_id, size):
    """The symbol ``symbol_id`` as an SVG file ``size`` pixels square (WeasyPrint reads each image once per
    document, however often it is used)."""
    view_box, drawing = symbols(manifest().get(SPRITE).data)[symbol_id]
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" viewBox="{view_box}">{drawing}</svg>'
    ).encode()
