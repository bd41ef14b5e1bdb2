"""The conference record form, for a new record and for a change to one: what was typed (to show again), what
it says, and what is wrong with it. No view code here."""

from datetime import date, timedelta

from flask_babel import lazy_gettext as _l

from .. import invitations
from ..dates import read_date
from ..text import clean_text

FIELDS = ("reference", "day", "month", "year", "kind")
DATE_WINDOW = timedelta(days=366)
PROBLEMS = {
    "reference_missing": _l("Enter your case reference."),
    "reference_too_long": _l(
        "Your case reference must be %(limit)s characters or fewer.", limit=invitations.MAX_REFERENCE
    ),
    "date": _l("Enter the conference date, for example 27 3 2027."),
    "date_out_of_range": _l("The conference date must be from today to a year from today."),
    "kind": _l("Choose first conference or review conference."),
}


def empty():
    return dict.fromkeys(FIELDS, "")


def of_record(record):
    """The form filled in with what ``record`` says now."""
    day = record.conference_date
    return {"reference": record.reference, "day": day.day, "month": day.month, "year": day.year, "kind": record.kind}


def read(sent, earliest: date, today: date):
    """``(typed, (reference, conference date, kind), errors)`` from the posted form ``sent``: errors by field, in
    the order of the page. A conference date may be from ``earliest`` to a year after ``today``."""
    typed = {name: clean_text(sent.get(name))[:200] for name in FIELDS}
    errors, reference = {}, None
    try:
        reference = invitations.clean_reference(typed["reference"])
    except invitations.RecordProblem as problem:
        errors["reference"] = str(PROBLEMS[str(problem)])
    conference_date, problem = read_date(typed["day"], typed["month"], typed["year"], earliest, today + DATE_WINDOW)
    if problem:
        errors["day"] = str(PROBLEMS["date_out_of_range" if problem == "out_of_range" else "date"])
    if typed["kind"] not in invitations.KINDS:
        errors["kind"] = str(PROBLEMS["kind"])
    return typed, (reference, conference_date, typed["kind"]), errors
