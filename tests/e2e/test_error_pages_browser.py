"""The pages a family sees when something goes wrong (too many tries, too big, a wrong kind of request, the
database away) in a real browser: what they say, the quick exit, axe, 320 px, and a screenshot to look at."""

import threading
from contextlib import contextmanager
from datetime import timedelta

import pytest
from werkzeug.serving import make_server

from familyguide import clock, create_app, db

from ..support.apps import NO_VOLUME_LIMITS, TEST_KEY
from .conftest import axe_violations, save_screenshot
from .text_spacing import text_spacing_problems

PHONE = {"width": 360, "height": 740}


@contextmanager
def serving(app):
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        db.dispose(app)


def settings(database_url, **more):
    return {
        "SECRET_KEY": "e2e-secret",
        "ENCRYPTION_KEY": TEST_KEY,
        "DATABASE_URL": database_url,
        **NO_VOLUME_LIMITS,
        **more,
    }


@pytest.fixture
def strict_server(tmp_path):
    """One new chat an hour per client, and small requests only (a server for each test: the counts of one
    test must not reach the next)."""
    url = f"sqlite:///{tmp_path / 'strict.sqlite3'}"
    app = create_app(settings(url, DRAFTS_PER_HOUR=1, MAX_CONTENT_LENGTH=4000))
    db.upgrade(url)
    with serving(app) as base:
        yield base


@pytest.fixture
def server_without_database(tmp_path):
    """The database cannot be opened at all (its folder does not exist)."""
    missing = tmp_path / "no-such-folder" / "gone.sqlite3"
    app = create_app(settings(f"sqlite:///{missing}"))
    with serving(app) as base:
        yield base


@pytest.fixture
def phone(browser, outside_requests):
    contexts = []

    def open_on(base_url):
        context = browser.new_context(base_url=base_url, viewport=PHONE, locale="en-GB")
        contexts.append(context)
        return context.new_page()

    yield open_on
    for context in contexts:
        context.close()


def submit_natively(page, selector="form[action$='/start']"):
    """Send the form as the browser does without JavaScript (the chat's script would otherwise send it)."""
    with page.expect_navigation(wait_until="load"):
        page.eval_on_selector(selector, "form => form.submit()")


def check_error_page(page, status, heading, name):
    assert page.inner_text("h1") == heading
    assert page.locator("#exit-this-page").is_visible()
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
    save_screenshot(page, f"error-{status}-{name}")
    page.set_viewport_size({"width": 320, "height": 640})
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{overflow}px sideways scroll at 320 px"
    assert text_spacing_problems(page) == []


def test_too_many_new_chats_says_to_wait_an_hour(phone, strict_server, outside_requests):
    for _ in range(2):  # two people on one connection (the limit counts per client address)
        page = phone(strict_server)
        page.goto("/en/prepare/")
        with page.expect_navigation() as sent:
            submit_natively(page)
    assert sent.value.status == 429
    check_error_page(page, 429, "Too many tries", "too-many")
    assert "Please wait an hour and try again." in page.inner_text("main")
    assert outside_requests == []


def test_an_answer_too_big_to_send_says_what_to_do(phone, strict_server):
    page = phone(strict_server)
    page.goto("/en/prepare/")
    submit_natively(page)
    page.click("#choice-first")  # the first question is answered by a button
    page.wait_for_selector("#answer")
    page.fill("#answer", "Our weekends together. " * 300)
    with page.expect_navigation() as sent:
        submit_natively(page, "form:has(#answer)")
    assert sent.value.status == 413
    check_error_page(page, 413, "What you sent is too big", "too-big")


def test_a_page_asked_for_the_wrong_way_offers_a_way_on(phone, strict_server):
    page = phone(strict_server)
    response = page.goto("/en/prepare/start")
    assert response.status == 405
    check_error_page(page, 405, "This page cannot be opened this way", "method-not-allowed")
    assert page.locator("main a[href]").count() >= 1


def test_when_the_database_is_away_the_page_says_so_calmly(phone, server_without_database):
    page = phone(server_without_database)
    page.goto("/en/prepare/")
    with page.expect_navigation() as sent:
        submit_natively(page)
    assert sent.value.status == 503
    check_error_page(page, 503, "Sorry, we could not save your answer", "unavailable")
    assert "Please wait a minute, then go back and send it again." in page.inner_text("main")


def test_a_form_sent_after_the_visit_ended_says_why_and_keeps_the_code_typed(phone, strict_server):
    """Cookies blocked, the browser closed, or Leave this site pressed in another tab: the form cannot be matched
    to this browser. The page says so truly and shows back what was typed."""
    page = phone(strict_server)
    page.goto("/en/prepare/come-back")
    page.fill("#code", "ABCD-EFGH-JKM")
    page.context.clear_cookies()
    with page.expect_navigation() as sent:
        submit_natively(page, "form:has(#code)")
    assert sent.value.status == 400
    check_error_page(page, 400, "We could not use this form", "form-not-matched")
    assert page.input_value("main textarea") == "ABCD-EFGH-JKM"


def test_answers_that_have_gone_say_when_answers_go_and_how_to_come_back(phone, strict_server, monkeypatch):
    page = phone(strict_server)
    page.goto("/en/prepare/")
    submit_natively(page)
    page.wait_for_selector("#choice-first")
    later = clock.now() + timedelta(hours=25)  # answers without a code last UNSAVED_DRAFT_HOURS (24)
    monkeypatch.setattr(clock, "now", lambda: later)
    response = page.goto("/en/prepare/check-your-answers")
    assert response.status == 404
    check_error_page(page, 404, "We could not find your answers", "answers-missing")
    assert "Leave this site" in page.inner_text("main") and "24 hours" in page.inner_text("main")
