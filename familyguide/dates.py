"""Reading a date typed in three boxes (day, month, year), the GOV.UK pattern, the same way on every form.

Each form words its own messages; this module only says what is wrong.
"""

from datetime import date

from .numbers import read_number

PROBLEMS = ("missing", "day_missing", "month_missing", "year_missing", "not_real", "year_digits", "out_of_range")


def read_date(day: str, month: str, year: str, earliest: date, latest: date) -> tuple[date | None, str | None]:
    """``(date, None)`` when the boxes make a real date from ``earliest`` to ``latest``, else ``(None, problem)``
    with ``problem`` one of PROBLEMS, the first that applies."""
    boxes = {"day": day, "month": month, "year": year}
    if not any(boxes.values()):
        return None, "missing"
    for name, value in boxes.items():
        if not value:
            return None, f"{name}_missing"
    numbers = {name: read_number(value, 4) for name, value in boxes.items()}
    if None in numbers.values():
        return None, "not_real"
    if len(year) != 4:
        return None, "year_digits"
    try:
        typed = date(numbers["year"], numbers["month"], numbers["day"])
    except ValueError:
        return None, "not_real"
    if not earliest <= typed <= latest:
        return None, "out_of_range"
    return typed, None
