"""The preparation chat in a real browser: by keyboard alone, with JavaScript on and off; axe at every step."""

import re

import pytest

from .conftest import axe_violations, wait_until_enhanced
from .steps import press_and_load, tab_to
from .text_spacing import text_spacing_problems


def press(page, key, javascript):
    """Press ``key`` on the focused control. Without JavaScript that sends a form or follows a link: wait for
    the new page to load. (Playwright's wait_for_function, which polls inside the page, cannot follow a page
    with scripting off into the next page: it can wait for ever.)"""
    if javascript:
        page.keyboard.press(key)
    else:
        press_and_load(page, key)


def wait_for_question(page, text, javascript=True):
    if javascript:  # the chat changes the page in place
        page.wait_for_function("t => document.getElementById('question-title')?.textContent.includes(t)", arg=text)
    else:  # press() waited for the new page
        assert text in page.inner_text("#question-title")


def check_axe(page, javascript, failures, step):
    """axe where the page's scripts run; with or without them, nothing lost with a reader's own text spacing."""
    if javascript and (violations := axe_violations(page)):
        failures.append((step, violations))
    failures += [(step, f"{problem}, text spaced") for problem in text_spacing_problems(page)]


def answer_by_keyboard(page, text, javascript):
    tab_to(page, "#answer")
    page.keyboard.type(text)
    tab_to(page, "button[value=answer]")
    press(page, "Enter", javascript)


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_the_whole_chat_by_keyboard_alone(make_page, javascript, outside_requests):
    page = make_page(java_script_enabled=javascript, locale="en-GB")
    failures = []
    page.goto("/en/prepare/")
    check_axe(page, javascript, failures, "start")
    tab_to(page, "#child")  # the child's initials (optional), for the PDF and its file name
    page.keyboard.type("K.B.")
    tab_to(page, "form button.button")
    press(page, "Enter", False)  # the start form is sent as a page, with JavaScript too
    wait_for_question(page, "first conference, or a review", javascript)
    if javascript:
        wait_until_enhanced(page, "site", "prepare")
    check_axe(page, javascript, failures, "first question")

    tab_to(page, "#choice-first")
    press(page, "Space", javascript)
    wait_for_question(page, "How have you kept your child safe?", javascript)
    assert "Question 2 of 19" in page.inner_text("#chat-progress")
    assert "My first conference" in page.inner_text("#chat-log")
    check_axe(page, javascript, failures, "text question")

    answer_by_keyboard(page, "We read a story <b>every</b> night.", javascript)
    wait_for_question(page, "What is going well", javascript)
    assert "We read a story <b>every</b> night." in page.inner_text("#chat-log")

    tab_to(page, "button[value=skip]")
    press(page, "Enter", javascript)
    wait_for_question(page, "professionals to know", javascript)
    assert "We will leave this one out." in page.inner_text("#chat-log")

    tab_to(page, "button[value=answer]")  # sending nothing: a clear error, focus on the summary
    press(page, "Enter", javascript)
    if javascript:
        page.wait_for_selector(".error-summary")
    assert "Write your answer" in page.inner_text(".error-summary")
    assert page.title().startswith("Error:")
    check_axe(page, javascript, failures, "error")

    tab_to(page, "a.back-link")  # go back and change the last answer
    press(page, "Enter", False)  # a link: a new page, with JavaScript too
    wait_for_question(page, "What is going well", javascript)
    answer_by_keyboard(page, "My son loves football.", javascript)
    wait_for_question(page, "professionals to know", javascript)

    asked = []
    for _ in range(16):  # skip the other sixteen
        progress = page.inner_text("#chat-progress")
        asked.append(page.inner_text("#question-title"))
        tab_to(page, "button[value=skip]")
        press(page, "Enter", javascript)
        if javascript:
            page.wait_for_function("p => document.getElementById('chat-progress')?.textContent !== p", arg=progress)
    for question in (
        "What worries you about your child?",
        "What would be happening when the workers can step back?",
        "Do they know about the worries?",
        "What would your child say about home?",
        "Is there anything in the reports that you do not agree with?",
        "What do you want to ask at the meeting?",
        "What makes it that number, and not 0?",
        "What number from 0 to 10 would your child give?",
    ):
        assert any(question in title for title in asked), question
    page.wait_for_url(re.compile(r"/check-your-answers$"))
    page.wait_for_load_state("networkidle")
    summary = page.inner_text("#your-answers + .summary-list")
    assert "We read a story <b>every</b> night." in summary and "My son loves football." in summary
    check_axe(page, javascript, failures, "check your answers")

    # Whose views these are can be changed from here, by keyboard too; the PDF's file name follows.
    tab_to(page, "#whose-views + dl a[href$='#child']")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/whose-views#child$"))
    check_axe(page, javascript, failures, "whose views")
    tab_to(page, "#child")
    page.keyboard.press("Control+A")
    page.keyboard.type("M.K.")
    tab_to(page, "form[action$='/whose-views'] button.button")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/check-your-answers#whose-views$"))
    assert "M.K." in page.inner_text("#whose-views + dl")

    with page.expect_download() as download:
        tab_to(page, "a[href$='.pdf']")
        page.keyboard.press("Enter")
    assert re.fullmatch(r"views-MK-\d{4}-\d{2}-\d{2}\.pdf", download.value.suggested_filename)

    tab_to(page, "a[href$='/delete']")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/delete$"))
    check_axe(page, javascript, failures, "delete")
    tab_to(page, "form button.button-warning")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Your answers have been deleted")
    check_axe(page, javascript, failures, "deleted")
    assert failures == []
    assert outside_requests == []


def test_without_javascript_the_page_comes_back_at_the_new_question(make_page):
    page = make_page(java_script_enabled=False, locale="en-GB")
    page.goto("/en/prepare/")
    page.click("form button.button")
    page.click("#choice-review")
    assert page.url.endswith("#current-question")
    # The browser focuses the fragment: the new question, named by its title.
    for _ in range(50):  # wait_for_function needs the page's own JavaScript, which is off here
        if page.evaluate("document.activeElement?.id") == "current-question":  # null while the page loads
            break
        page.wait_for_timeout(100)
    labelled_by = page.evaluate("document.activeElement.getAttribute('aria-labelledby')")
    assert "How have you kept your child safe?" in page.inner_text(f"#{labelled_by}")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('#current-question') !== null")


def test_with_javascript_the_chat_updates_in_place_and_announces(page):
    page.goto("/en/prepare/")
    page.click("form button.button")
    wait_for_question(page, "first conference, or a review")
    wait_until_enhanced(page, "prepare")  # else the click below may be an ordinary post that reloads the page
    page.evaluate("window.__samePage = true")
    page.click("#choice-first")
    wait_for_question(page, "How have you kept your child safe?")
    assert page.evaluate("window.__samePage === true")  # no reload
    assert page.evaluate("document.activeElement.id") == "answer"  # its label is the new question
    page.wait_for_function("() => document.getElementById('chat-announcer').textContent.includes('Question 2 of 19')")
    assert "Thank you" in page.inner_text("#chat-announcer")
    page.fill("#answer", "x" * 3005)
    page.wait_for_function("() => document.getElementById('answer-count').textContent.includes('5 characters too')")
    page.click("button[value=answer]")
    page.wait_for_selector(".error-summary")
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    assert page.input_value("#answer") == "x" * 3005


def test_save_and_come_back_later_with_the_code(make_page):
    phone = make_page(java_script_enabled=True, locale="en-GB", viewport={"width": 320, "height": 640})
    phone.goto("/en/prepare/")
    phone.click("form button.button")
    wait_for_question(phone, "first conference, or a review")
    wait_until_enhanced(phone, "prepare")
    phone.click("#choice-first")
    wait_for_question(phone, "How have you kept your child safe?")
    phone.fill("#answer", "Typed on the phone at night")
    phone.click("button[value=answer]")
    wait_for_question(phone, "What is going well")
    assert phone.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
    phone.click("text=Save and come back later")
    code = phone.inner_text(".resume-code").strip()
    assert re.fullmatch(r"[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{3}", code)
    assert axe_violations(phone) == []

    library = make_page(java_script_enabled=False, locale="en-GB")
    library.goto("/en/prepare/come-back")
    library.fill("#code", code.lower())
    library.click("form button.button")
    assert "Typed on the phone at night" in library.inner_text("#chat-log")
    assert "Question 3 of 19" in library.inner_text("#chat-progress")


def test_with_javascript_a_stale_form_still_shows_the_text_back(page):
    page.goto("/en/prepare/")
    page.click("form button.button")
    wait_for_question(page, "first conference, or a review")
    wait_until_enhanced(page, "prepare")
    page.click("#choice-first")
    wait_for_question(page, "How have you kept your child safe?")
    page.evaluate("document.querySelector('.chat-form input[name=csrf_token]').value = 'stale'")
    page.fill("#answer", "Words I do not want to lose")
    page.click("button[value=answer]")
    page.wait_for_selector("#typed-text")
    assert page.inner_text("h1") == "We could not use this form"
    assert page.input_value("#typed-text") == "Words I do not want to lose"
