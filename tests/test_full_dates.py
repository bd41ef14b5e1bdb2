"""Dates written out in full on the key dates page: the same text as Babel's own format_date, in every language."""

from datetime import date, timedelta

import pytest
from babel import Locale
from babel.dates import format_date
from hypothesis import given
from hypothesis import strategies as st

from familyguide.config import PROJECT_ROOT
from familyguide.full_dates import full_date
from familyguide.locales import Languages

LOCALES = sorted({language.babel_locale for language in Languages(PROJECT_ROOT / "content")})


@pytest.mark.parametrize("name", LOCALES)
def test_every_day_of_four_years_reads_as_babel_writes_it(name):
    locale = Locale.parse(name)
    day = date(2025, 1, 1)
    while day < date(2029, 1, 1):  # every weekday in every month, a leap year, the turns of the years
        assert full_date(day, locale) == format_date(day, "full", locale=locale), day
        day += timedelta(days=1)


@given(day=st.dates(), name=st.sampled_from(LOCALES))
def test_any_date_a_form_could_allow_reads_as_babel_writes_it(day, name):
    locale = Locale.parse(name)
    assert full_date(day, locale) == format_date(day, "full", locale=locale)


def test_a_pattern_with_other_fields_still_reads_as_babel_writes_it():
    """A locale whose full date has fields the tables do not hold (Babel writes those itself)."""
    for name in ("ja", "zh_Hant", "fa", "he", "hi"):
        locale = Locale.parse(name)
        for day in (date(2026, 12, 25), date(2027, 2, 28), date(2028, 2, 29)):
            assert full_date(day, locale) == format_date(day, "full", locale=locale), (name, day)
