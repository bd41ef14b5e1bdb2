"""Reading the key dates form: a date in three boxes (day, month, year) and the kind of conference."""

from dataclasses import dataclass, field
from datetime import date

from flask_babel import lazy_gettext as _l

from .rules import FIRST, REVIEW

MESSAGES = {
    "date_missing": _l("Enter the date of the conference."),
    "day_missing": _l("The date of the conference must include a day."),
    "month_missing": _l("The date of the conference must include a month."),
    "year_missing": _l("The date of the conference must include a year."),
    "year_digits": _l("Enter the year as 4 numbers, for example 2027."),
    "not_real": _l("The date of the conference must be a real date, for example 27 3 2027."),
    "out_of_range": _l("Enter a date from the last 12 months or the next 2 years."),
    "kind_missing": _l("Choose if this is a first conference or a review conference."),
}


@dataclass
class KeyDatesInput:
    day: str = ""
    month: str = ""
    year: str = ""
    kind: str = ""
    errors: dict = field(default_factory=dict)
    conference: date | None = None

    @property
    def submitted(self):
        return any((self.day, self.month, self.year, self.kind))


def _date_error(day, month, year):
    parts = {"day": day, "month": month, "year": year}
    if not any(parts.values()):
        return "date_missing"
    for name, value in parts.items():
        if not value:
            return f"{name}_missing"
    if not (day.isdigit() and month.isdigit() and year.isdigit()):
        return "not_real"
    if len(year) != 4:
        return "year_digits"
    return None


def _parse_date(day, month, year, today):
    error = _date_error(day, month, year)
    if error:
        return None, error
    try:
        value = date(int(year), int(month), int(day))
    except ValueError:
        return None, "not_real"
    if not date(today.year - 1, today.month, 1) <= value <= date(today.year + 2, 12, 31):
        return None, "out_of_range"
    return value, None


def read(args, today):
    """Read the form's values, keeping exactly what was typed, and check them."""
    form = KeyDatesInput(*(args.get(name, "").strip()[:20] for name in ("day", "month", "year", "kind")))
    if not form.submitted:
        return form
    form.conference, error = _parse_date(form.day, form.month, form.year, today)
    if error:
        form.errors["date"] = MESSAGES[error]
    if form.kind not in (FIRST, REVIEW):
        form.errors["kind"] = MESSAGES["kind_missing"]
    return form
