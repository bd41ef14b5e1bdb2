"""The PDF for the conference: the three houses side by side with what the child agreed to share."""

from datetime import date

from flask import g
from flask_babel import format_date

from .. import i18n
from ..content import SOURCE_LANGUAGE
from ..pdf import render_pdf
from . import texts
from .activity import HOUSES, left_out_count, shared_things
from .layout import direction_of, paginate
from .pictures import PICTURES

TEMPLATE = "pdf/three_houses.html"


def _for_pdf(thing):
    shown = dict(thing, dir=direction_of(thing["text"]))
    if thing["kind"] == "drawing":
        shown["src"] = "data:image/png;base64," + thing["png"]
    return shown


def house_names(child_lang):
    """Each house's name in the child's language, and in English when that differs."""
    names = {}
    for house in HOUSES:
        child = texts.house_text(child_lang, house)
        english = texts.house_text(SOURCE_LANGUAGE, house)
        names[house] = (child, english.name if child.lang != SOURCE_LANGUAGE else None)
    return names


def build_pdf(activity):
    """The Three Houses as PDF bytes, through the app's one PDF seam."""
    shown = {house: [_for_pdf(t) for t in shared_things(activity, house)] for house in HOUSES}
    languages = i18n.languages()
    return render_pdf(
        TEMPLATE, activity=activity, pages=paginate(shown), names=house_names(activity["child_lang"]),
        left_out=left_out_count(activity), pictures=PICTURES, houses=HOUSES,
        child_language=languages.get(activity["child_lang"]), lang=languages.get(g.lang),
        when=format_date(date.fromisoformat(activity["date"]), "long"),
    )
