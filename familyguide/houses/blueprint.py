from functools import partial

from flask import Blueprint, g

from .. import i18n, translation_checks
from .texts import SECTION

bp = Blueprint("houses", __name__, url_prefix="/<lang>/three-houses", template_folder="templates")


@bp.before_request
def translated_from():
    """The "not checked by a qualified translator" note: the Three Houses' texts and the interface strings."""
    translation_checks.shows_section(SECTION)


@bp.context_processor
def worker_language():
    """The child's screens are in the child's language, but the worker's parts of them (the questions to
    ask, the way to the worker's page) are in the worker's: ``worker_("...")`` inside an element marked
    with ``worker_lang``'s lang and dir."""
    activity = getattr(g, "activity", None)
    if not activity:
        return {}
    code = activity["worker_lang"]
    return {"worker_lang": i18n.languages().get(code), "worker_": partial(i18n.gettext_in, code)}
