"""The guide in a real browser: axe on every page, the quick exit, no outside requests, 320 px, key dates."""

import re
from datetime import datetime
from urllib.parse import urlparse

import pytest

from familyguide import clock

from .conftest import axe_violations, wait_until_enhanced
from .text_spacing import text_spacing_problems


@pytest.fixture
def today_is_22_november_2026(monkeypatch):
    monkeypatch.setattr(clock, "now", lambda: datetime(2026, 11, 22, 9, 30))


def sitemap_paths(live_server):
    client = live_server.app.test_client()
    xml = client.get("/sitemap.xml").get_data(as_text=True)
    return [urlparse(loc).path for loc in re.findall(r"<loc>([^<]+)</loc>", xml)]


def test_every_sitemap_page_passes_axe_fits_320px_and_takes_wider_text_spacing(
    make_page, live_server, outside_requests
):
    wide = make_page(locale="en-GB")
    narrow = make_page(viewport={"width": 320, "height": 640}, locale="en-GB")
    failures = []
    for path in sitemap_paths(live_server):
        wide.goto(path)
        if violations := axe_violations(wide):
            failures.append((path, violations))
        narrow.goto(path)
        overflow = narrow.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        if overflow > 0:
            failures.append((path, f"{overflow}px sideways scroll at 320px"))
        for shown in (wide, narrow):
            failures += [
                (path, f"{problem} at {shown.viewport_size['width']}px, text spaced (WCAG 1.4.12)")
                for problem in text_spacing_problems(shown)
            ]
    assert failures == []
    assert outside_requests == []


def test_quick_exit_by_click_replaces_the_page(page):
    page.goto("/en/guide/who-will-be-there")
    entries = page.evaluate("history.length")
    wait_until_enhanced(page)  # the JavaScript exit (location.replace), not the plain link
    page.click("#exit-this-page")
    page.wait_for_url("http://exit.example:*/weather")
    assert page.evaluate("history.length") == entries  # location.replace: the guide is not one "Back" away


def test_quick_exit_by_pressing_shift_three_times(page):
    page.goto("/en/key-dates/")
    wait_until_enhanced(page)
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url("http://exit.example:*/weather")


def test_quick_exit_without_javascript_goes_through_the_clearing_route(make_page):
    page = make_page(java_script_enabled=False)
    page.goto("/en/")
    page.click("#exit-this-page")
    page.wait_for_url("http://exit.example:*/weather")
    assert page.context.cookies() == []


def test_skip_link_is_first_and_focus_is_visible(page):
    page.goto("/en/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    assert focused == "skip-link"
    outline = page.evaluate("getComputedStyle(document.activeElement).backgroundColor")
    assert outline == "rgb(255, 221, 0)"


def fill_key_dates_by_keyboard(page):
    page.goto("/en/key-dates/")
    page.focus("#day")
    page.keyboard.type("22")
    page.keyboard.press("Tab")
    page.keyboard.type("12")
    page.keyboard.press("Tab")
    page.keyboard.type("2026")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # the first radio
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_selector("#results")


@pytest.mark.parametrize("javascript", [True, False])
def test_key_dates_by_keyboard_alone(make_page, javascript, today_is_22_november_2026):
    page = make_page(java_script_enabled=javascript, locale="en-GB")
    fill_key_dates_by_keyboard(page)
    assert "Friday, 8 January 2027" in page.inner_text("#results")
    if javascript:
        assert axe_violations(page) == []


def test_key_dates_error_keeps_what_was_typed_and_passes_axe(page, today_is_22_november_2026):
    page.goto("/en/key-dates/?day=31&month=2&year=2027&kind=first")
    assert page.input_value("#day") == "31"
    assert "must be a real date" in page.inner_text(".error-summary")
    assert axe_violations(page) == []


def test_print_hides_the_exit_and_navigation(page):
    page.goto("/en/guide/what-is-a-conference")
    page.emulate_media(media="print")
    assert not page.is_visible("#exit-this-page")
    assert page.is_visible("h1")


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_an_error_page_comes_back_with_focus_on_the_error_summary(make_page, javascript, today_is_22_november_2026):
    """As GOV.UK's does: a keyboard or screen-reader user starts at the list of problems, which links to each."""
    page = make_page(java_script_enabled=javascript, locale="en-GB")
    page.goto("/en/key-dates/?day=31&month=2&year=2027&kind=first")
    page.wait_for_function("document.activeElement && document.activeElement.id === 'error-summary'")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#day"
