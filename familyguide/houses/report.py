"""The PDF for the conference: the three houses side by side with what the child agreed to share."""

import base64
from datetime import date

from flask import g
from flask_babel import format_date

from .. import i18n
from ..content import SOURCE_LANGUAGE
from ..pdf import isolate, render_pdf, text_direction
from . import messages, texts
from .activity import HOUSES, feel_safe, left_out_count, shared_things
from .layout import paginate
from .pictures import PICTURES, drawing_file

TEMPLATE = "houses/pdf.html"
STYLESHEET = "three_houses.css"


def _for_pdf(thing, images):
    """``thing`` as the template shows it; its image, if it has one, goes into ``images`` by name."""
    shown = dict(thing, dir=text_direction(thing["text"]))
    if thing["kind"] == "drawing":
        shown["image"] = f"drawing-{thing['id']}.jpg"
        images[shown["image"]] = base64.b64decode(thing["jpeg"])
    elif thing["kind"] == "picture":
        shown["image"] = f"picture-{thing['picture']}.svg"
        images[shown["image"]] = picture_svg(thing["picture"])
    return shown


def house_names(child_lang):
    """Each house's name in the child's language, and in English when that differs."""
    names = {}
    for house in HOUSES:
        child = texts.house_text(child_lang, house)
        english = texts.house_text(SOURCE_LANGUAGE, house)
        names[house] = (child, english.name if child.lang != SOURCE_LANGUAGE else None)
    return names


PICTURE_SIZE = 34  # pixels, a sticker or a face in the PDF


def picture_svg(name):
    """A sticker as an SVG file: the same drawing as on screen."""
    return drawing_file(f"picture-{name}", PICTURE_SIZE)


def face_svg(level):
    return drawing_file(f"face-{level}", PICTURE_SIZE)


def file_name(activity):
    return f"three-houses-{activity['date']}.pdf"


def build_pdf(activity):
    """The Three Houses as PDF bytes, through the app's one PDF seam."""
    images = {}
    shown = {house: [_for_pdf(t, images) for t in shared_things(activity, house)] for house in HOUSES}
    face = feel_safe(activity)
    if face:
        images[f"face-{face}.svg"] = face_svg(face)
    languages = i18n.languages()
    return render_pdf(
        TEMPLATE,
        stylesheet=STYLESHEET,
        images=images,
        activity=activity,
        isolate=isolate,
        pages=paginate(shown),
        names=house_names(activity["child_lang"]),
        left_out=left_out_count(activity),
        pictures=PICTURES,
        houses=HOUSES,
        face=face,
        face_label=messages.FEEL_SAFE.get(face),
        face_levels=len(messages.FEEL_SAFE),
        child_language=languages.get(activity["child_lang"]),
        lang=languages.get(g.lang),
        when=format_date(date.fromisoformat(activity["date"]), "long"),
    )
