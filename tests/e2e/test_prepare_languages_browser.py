"""The preparation chat in Urdu in a real browser: right to left, by keyboard, axe at every step."""

import re

from .conftest import axe_violations, wait_until_enhanced
from .steps import tab_to


def test_every_step_in_urdu_passes_axe_by_keyboard(make_page, outside_requests):
    page = make_page(locale="ur-PK")
    failures = []

    def check(step):
        if violations := axe_violations(page):
            failures.append((step, violations))

    page.goto("/ur/prepare/")
    assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == ["ur", "rtl"]
    check("start")
    tab_to(page, "form button.button")
    page.keyboard.press("Enter")
    page.wait_for_selector("#choice-first")
    wait_until_enhanced(page, "site", "prepare")
    check("first question")
    tab_to(page, "#choice-first")
    page.keyboard.press("Enter")
    page.wait_for_selector("#answer")
    check("text question")
    tab_to(page, "button[value=answer]")
    page.keyboard.press("Enter")
    page.wait_for_selector(".error-summary")
    check("error")
    tab_to(page, "#answer")
    page.keyboard.type("میرے بچے خوش ہیں")
    tab_to(page, "button[value=answer]")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.getElementById('chat-log').textContent.includes('میرے بچے خوش ہیں')")
    check("conversation")
    page.goto("/ur/prepare/check-your-answers")
    check("check your answers")
    tab_to(page, "form[action$='/save'] button")
    page.keyboard.press("Enter")
    page.wait_for_selector(".resume-code")
    check("saved")
    page.goto("/ur/prepare/come-back")
    tab_to(page, "#code")
    page.keyboard.type("ABCD-EFGH")
    page.keyboard.press("Enter")
    page.wait_for_selector(".error-summary")
    check("wrong code")
    page.goto("/ur/prepare/delete")
    check("delete")
    tab_to(page, "form button.button-warning")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/ur/prepare/delete$"))
    page.wait_for_selector("h1")
    check("deleted")
    assert failures == []
    assert outside_requests == []
