"""Reading the worker's start form and the child's words, keeping exactly what was typed."""

from dataclasses import dataclass
from datetime import date, timedelta

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext

from ..dates import read_date
from ..form_input import FormInput
from ..numbers import read_number
from ..text import clean_text
from .activity import MAX_WORDS_LENGTH, WRITERS

MAX_CHILD_LENGTH = 40
MAX_WORKER_LENGTH = 80
MIN_AGE, MAX_AGE = 3, 18

MESSAGES = {
    # Plural forms, so that every language words the number right (Romanian "de" from 20 up, for example).
    "child_long": lazy_ngettext(
        "The child's first name or initials must be %(num)s character or fewer.",
        "The child's first name or initials must be %(num)s characters or fewer.",
        MAX_CHILD_LENGTH,
    ),
    "age_missing": _l("Enter the child's age."),
    "age_number": _l("Enter the child's age as a number, for example 8."),
    "age_range": _l("Enter an age from %(low)s to %(high)s.", low=MIN_AGE, high=MAX_AGE),
    "lang_missing": _l("Choose the language for the child's screens."),
    "worker_missing": _l("Enter your name."),
    "worker_long": lazy_ngettext(
        "Your name must be %(num)s character or fewer.",
        "Your name must be %(num)s characters or fewer.",
        MAX_WORKER_LENGTH,
    ),
    "date_missing": _l("Enter the date."),
    "date_not_real": _l("The date must be a real date, for example 22 11 2026."),
    "date_range": _l("Enter today's date or a date in the last 12 months."),
    "words_missing": _l("Write some words first."),
    "words_long": lazy_ngettext("Use %(num)s letter or fewer.", "Use %(num)s letters or fewer.", MAX_WORDS_LENGTH),
}


@dataclass
class StartInput(FormInput):
    child: str = ""
    age: str = ""
    child_lang: str = ""
    worker: str = ""
    day: str = ""
    month: str = ""
    year: str = ""
    when: date | None = None


def _check_age(age):
    if not age:
        return "age_missing"
    number = read_number(age, 3)
    if number is None:
        return "age_number"
    if not MIN_AGE <= number <= MAX_AGE:
        return "age_range"
    return None


# The start form has three date messages: any missing box, a date that is not real, a date out of range.
DATE_PROBLEMS = {
    "missing": "date_missing",
    "day_missing": "date_missing",
    "month_missing": "date_missing",
    "year_missing": "date_missing",
    "not_real": "date_not_real",
    "year_digits": "date_not_real",
    "out_of_range": "date_range",
}


def empty_start(today):
    return StartInput(day=str(today.day), month=str(today.month), year=str(today.year))


def read_start(values, today, language_codes):
    """Read and check the start form."""
    names = ("child", "age", "child_lang", "worker", "day", "month", "year")
    form = StartInput(*(clean_text(values.get(name))[:200] for name in names))
    errors = {}
    if len(form.child) > MAX_CHILD_LENGTH:
        errors["child"] = "child_long"
    if error := _check_age(form.age):
        errors["age"] = error
    if form.child_lang not in language_codes:
        errors["child_lang"] = "lang_missing"
    if not form.worker:
        errors["worker"] = "worker_missing"
    elif len(form.worker) > MAX_WORKER_LENGTH:
        errors["worker"] = "worker_long"
    form.when, problem = read_date(form.day, form.month, form.year, today - timedelta(days=366), today)
    if problem:
        errors["date"] = DATE_PROBLEMS[problem]
    form.errors = {name: MESSAGES[code] for name, code in errors.items()}
    return form


@dataclass
class WordsInput(FormInput):
    text: str = ""
    by: str = "child"


def read_words(values, by="child"):
    """Read the child's words (kept as typed, after the cleaning every text field gets). Who wrote them, ``by``,
    is the worker's setting, never a field of the child's form."""
    form = WordsInput(text=clean_text(values.get("text"))[: MAX_WORDS_LENGTH * 4], by=by if by in WRITERS else "child")
    if not form.text:
        form.errors["text"] = MESSAGES["words_missing"]
    elif len(form.text) > MAX_WORDS_LENGTH:
        form.errors["text"] = MESSAGES["words_long"]
    return form
