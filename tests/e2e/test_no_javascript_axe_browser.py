"""axe and a reader's own text spacing (WCAG 1.4.12, text_spacing.py) on every kind of family page as a browser
with JavaScript off builds it, in English, Arabic and Bengali.

The other browser tests run axe on the pages with JavaScript on; the plain pages a family gets with it off
(the forms sent by the browser, the pages the server sends back) are checked here. How axe runs on a page
whose scripts are off: see WithoutJavaScript in conftest.py.
"""

from datetime import timedelta

import pytest

from familyguide import clock

from .conftest import WithoutJavaScript, save_screenshot
from .houses_steps import start
from .steps import click_and_load
from .test_easy_read_browser import easy_read_paths

QUESTIONS = {"en": "what is a core group", "ar": "كيف اقدم شكوى", "bn": "কোর গ্রুপ কী"}
NOTICES = ("privacy", "privacy/children", "accessibility", "cookies")


def conference_in_six_weeks():
    day = clock.now().date() + timedelta(weeks=6)
    return f"day={day.day}&month={day.month}&year={day.year}&kind=first"


@pytest.mark.parametrize("lang", ["en", "ar", "bn"])
def test_every_kind_of_family_page_without_javascript_passes_axe(make_page, live_server, outside_requests, lang):
    page = make_page(locale="en-GB")
    plain = WithoutJavaScript(page)
    failures = []

    def check(step, shot=None):
        if violations := plain.axe_violations():
            failures.append((step, page.url, violations))
        failures.extend((step, page.url, problem) for problem in plain.text_spacing_problems())
        if shot:
            save_screenshot(page, f"no-javascript-{shot}-{lang}")

    for path in [
        f"/{lang}/",
        f"/{lang}/guide/who-will-be-there",
        f"/{lang}/guide/words-you-may-hear",
        f"/{lang}/key-dates/",
        *(f"/{lang}/{notice}" for notice in NOTICES),
        *easy_read_paths(live_server, lang)[:2],
    ]:
        assert page.goto(path).ok, path
        check(path)

    assert page.goto(f"/{lang}/key-dates/?{conference_in_six_weeks()}").ok
    assert page.locator("#results").count() == 1
    check("key dates result", "key-dates")

    page.goto(f"/{lang}/ask")
    page.fill("#ask-q", QUESTIONS[lang])
    page.press("#ask-q", "Enter")  # the browser sends the form: a POST, the answer page comes back
    page.wait_for_selector("#ask-answer section")
    check("ask answer")

    page.goto(f"/{lang}/prepare/")
    check("preparation start")
    page.click("form button.button")  # the browser sends the start form: the chat's first question
    page.wait_for_url(f"**/{lang}/prepare/chat*")
    assert page.locator("#current-question").count() == 1
    check("preparation chat", "chat")
    click_and_load(page, "#choice-first")
    check("preparation chat, second question")
    page.goto(f"/{lang}/prepare/check-your-answers")
    check("check your answers")

    page.goto(f"/{lang}/three-houses/")
    check("Three Houses start")
    start(page, worker_lang=lang, child_lang=lang)
    check("the three houses")
    page.goto(f"/{lang}/three-houses/houses/worries")
    check("a house", "house")
    page.goto(f"/{lang}/three-houses/for-the-worker")
    check("the worker's page")

    assert failures == []
    assert outside_requests == []
