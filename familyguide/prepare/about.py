"""Whose views these are: the parent's name or initials, the child's initials and the conference date, all
optional, asked at the start of the chat, changed from the check-your-answers page, and printed on the PDF (and
in its file name). No Flask here.

Errors are codes; the views turn them into sentences in the parent's language.
"""

import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta

from ..dates import read_date
from ..form_input import FormInput
from ..text import clean_text

MAX_PARENT_LENGTH = 60
MAX_CHILD_LENGTH = 12
# A conference date can be a past one (a review) or one to come, within about a year either way.
DATE_WINDOW = timedelta(days=366)
DATE_PROBLEMS = {
    "day_missing": "date_incomplete",
    "month_missing": "date_incomplete",
    "year_missing": "date_incomplete",
    "not_real": "date_not_real",
    "year_digits": "date_not_real",
    "out_of_range": "date_range",
}
MAX_FILE_INITIALS = 12


@dataclass
class AboutInput(FormInput):
    """As typed; ``errors`` maps a field to a code here (the view turns each into a sentence)."""

    parent: str = ""
    child: str = ""
    day: str = ""
    month: str = ""
    year: str = ""
    when: date | None = None

    def as_record(self):
        """What the draft keeps (the date as an ISO string, or empty)."""
        return {"parent": self.parent, "child": self.child, "date": self.when.isoformat() if self.when else ""}


def from_record(record):
    """The form filled in with what the draft keeps (to change it after the start)."""
    when = date.fromisoformat(record["date"]) if record.get("date") else None
    day, month, year = (str(when.day), str(when.month), str(when.year)) if when else ("", "", "")
    return AboutInput(record.get("parent", ""), record.get("child", ""), day, month, year, when)


def read(values, today):
    """Read the optional start form; nothing is required. Errors map a field to a code."""
    form = AboutInput(*(clean_text(values.get(name))[:200] for name in ("parent", "child", "day", "month", "year")))
    if len(form.parent) > MAX_PARENT_LENGTH:
        form.errors["parent"] = "parent_long"
    if len(form.child) > MAX_CHILD_LENGTH:
        form.errors["child"] = "child_long"
    if form.day or form.month or form.year:
        form.when, problem = read_date(form.day, form.month, form.year, today - DATE_WINDOW, today + DATE_WINDOW)
        if problem:
            form.errors["date"] = DATE_PROBLEMS[problem]
    return form


def _file_safe(text):
    """Only letters (of any script, with their marks) and digits: nothing a file system or a download could
    misread (no separators, dots, spaces, controls or direction marks)."""
    kept = []
    for ch in unicodedata.normalize("NFC", text):
        kind = unicodedata.category(ch)
        if kind[0] == "L" or kind == "Nd" or (kind[0] == "M" and kept):
            kept.append(ch)
    return "".join(kept)


def initials_of(name):
    """The first letter of each word of a name ("Amina Begum" -> "AB"); a name of one word is kept whole."""
    words = name.split()
    if len(words) <= 1:
        return name
    return "".join(_file_safe(word)[:1] for word in words)


def file_name(about, today):
    """views-<initials>-<date>.pdf: the child's initials (or the parent's), the conference date (or today)."""
    initials = _file_safe(about.get("child", "")) or _file_safe(initials_of(about.get("parent", "")))
    day = about.get("date") or today.isoformat()
    parts = ["views", initials[:MAX_FILE_INITIALS], day] if initials else ["views", day]
    return "-".join(parts) + ".pdf"
