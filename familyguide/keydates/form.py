"""Reading the key dates form: a date in three boxes (day, month, year) and the kind of conference."""

from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l

from ..dates import read_date
from ..form_input import FormInput
from ..text import clean_text
from .rules import FIRST, REVIEW

MESSAGES = {
    "missing": _l("Enter the date of the conference."),
    "day_missing": _l("The date of the conference must include a day."),
    "month_missing": _l("The date of the conference must include a month."),
    "year_missing": _l("The date of the conference must include a year."),
    "year_digits": _l("Enter the year as 4 numbers, for example 2027."),
    "not_real": _l("The date of the conference must be a real date, for example 27 3 2027."),
    "out_of_range": _l("Enter a date from the last 12 months or the next 2 years."),
    "kind_missing": _l("Choose if this is a first conference or a review conference."),
}


@dataclass
class KeyDatesInput(FormInput):
    day: str = ""
    month: str = ""
    year: str = ""
    kind: str = ""
    conference: date | None = None

    @property
    def submitted(self):
        return any((self.day, self.month, self.year, self.kind))


def _date_range(today):
    """From the start of this month last year to the end of the year after next."""
    return date(today.year - 1, today.month, 1), date(today.year + 2, 12, 31)


def read(args, today):
    """Read the form's values, keeping exactly what was typed, and check them."""
    form = KeyDatesInput(*(clean_text(args.get(name))[:20] for name in ("day", "month", "year", "kind")))
    if not form.submitted:
        return form
    form.conference, problem = read_date(form.day, form.month, form.year, *_date_range(today))
    if problem:
        form.errors["date"] = MESSAGES[problem]
    if form.kind not in (FIRST, REVIEW):
        form.errors["kind"] = MESSAGES["kind_missing"]
    return form
