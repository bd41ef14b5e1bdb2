import hashlib
from dataclasses import replace
from urllib.parse import quote, urlencode

from flask import Blueprint, Response, g, render_template, request
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from .. import clock, descriptions
from ..fragments import cached_fragment, hole, render_part
from ..full_dates import full_date
from ..kept_pages import kept_page
from . import form as key_dates_form
from .ics import calendar_file
from .rules import FIRST, key_dates

bp = Blueprint("keydates", __name__, url_prefix="/<lang>/key-dates", template_folder="templates")
descriptions.describe(
    "keydates", _l("Type in the date of your conference. See the latest dates for the reports, meetings and notes.")
)

LABELS = {
    "reports": _l("Reports should reach you by"),
    "conference": _l("The conference"),
    "core_group": _l("First core group meeting by"),
    "notes": _l("Notes of the meeting sent to you by"),
    "review": _l("Review conference by"),
}
CALENDAR_TITLES = {
    "reports": _l("Latest day for the reports to reach you"),
    "conference": _l("Child protection conference"),
    "core_group": _l("Latest day for the first core group meeting"),
    "notes": _l("Latest day for the notes of the conference to reach you"),
    "review": _l("Latest day for the review conference"),
}
CALENDAR_NOTE = _l(
    "This is the latest date the rules allow. Your invitation letter or your social worker gives the real date."
)


@bp.get("/")
def show_form():
    if not request.args:  # the empty form is the same for every visitor: kept
        return kept_page(lambda: _form_page(key_dates_form.read({}, clock.today())), clock.today())
    form = key_dates_form.read(request.args, clock.today())
    if not form.submitted or form.errors:
        return _form_page(form), form.http_status
    # The dates asked for: the page is the same for every visitor but for the date typed and its results, so it
    # is kept with holes for them (the kind chosen is part of what it is kept by).
    typed = {"day": form.day, "month": form.month, "year": form.year}
    shown = replace(form, **{name: hole(name) for name in typed})
    results = _results(form)
    return kept_page(lambda: _form_page(shown, hole("results")), form.kind, holes={**typed, "results": results})


def _results(form):
    """The dates worked out, as HTML: the words are kept per kind of conference (and order of the dates), with a
    hole for each date and the calendar link's query, so no date anyone asked for is kept."""
    dates = key_dates(form.conference, form.kind)
    asked = form.conference
    # The calendar link's path is in the kept part; only its query, the date asked, goes in a hole.
    holes = {
        "calendar-query": urlencode({"day": asked.day, "month": asked.month, "year": asked.year, "kind": form.kind})
    }
    locale = get_locale()
    for item in dates:
        holes[f"{item.key}-iso"] = item.day.isoformat()
        holes[f"{item.key}-day"] = full_date(item.day, locale)
    order = tuple(item.key for item in dates)
    return cached_fragment(
        "key-dates-results",
        form.kind,
        order,
        caller=lambda: render_part("keydates/_results.html", order=order, kind=form.kind, labels=LABELS, FIRST=FIRST),
        holes=holes,
    )


def _form_page(form, results=None):
    return render_template("keydates/form.html", form=form, results=results)


@bp.get("/calendar.ics")
def download_calendar():
    form = key_dates_form.read(request.args, clock.today())
    if not form.submitted or form.errors:
        return show_form()
    dates = key_dates(form.conference, form.kind)
    seed = f"{form.conference.isoformat()}-{form.kind}"
    events = [
        (
            hashlib.sha256(f"{seed}-{d.key}".encode()).hexdigest()[:16],
            d.day,
            str(CALENDAR_TITLES[d.key]),
            str(CALENDAR_NOTE),
        )
        for d in dates
    ]
    body = calendar_file(events, clock.now(), g.lang)
    filename = _("conference-dates") + ".ics"
    return Response(
        body,
        mimetype="text/calendar",
        headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(filename)}"},
    )
