"""Each page's one-line description (``<meta name="description">``), for search results and link previews.

A guide page is described by its own summary (the view passes ``page_description``). Any other page takes
the summary of the feature it belongs to (a family tool's summary, or one a feature gives with
``describe()``), and a page of no feature the site's own summary. All of them are translated.
"""

from flask import request
from flask_babel import lazy_gettext as _l

from .site import family_tools

SITE = _l(
    "You have been invited to a child protection conference. This guide tells you what will happen, in plain words."
)
_BY_BLUEPRINT = {}


def describe(blueprint, summary):
    """Describe every page of a feature (its blueprint) that does not describe itself."""
    _BY_BLUEPRINT[blueprint] = summary


def page_description():
    blueprint = request.blueprint
    tools = {endpoint.partition(".")[0]: summary for endpoint, _title, summary in family_tools()}
    return _BY_BLUEPRINT.get(blueprint) or tools.get(blueprint) or SITE


def init_app(app):
    app.context_processor(lambda: {"page_description": page_description()})
