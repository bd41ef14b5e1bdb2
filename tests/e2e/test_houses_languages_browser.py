"""The Three Houses in a real browser in other languages: Arabic (right to left) for the worker and the
child, and the issue's own case, a worker in English beside a child whose screens are in Polish."""

from .houses_steps import check_every_screen, choose, open_house, start
from .steps import click_and_load


def test_every_screen_passes_axe_and_fits_320px_in_arabic(make_page, outside_requests):
    assert check_every_screen(make_page, "ar", "ar") == []
    assert outside_requests == []


def test_every_screen_passes_axe_with_an_english_worker_and_a_polish_child(make_page, outside_requests):
    assert check_every_screen(make_page, "en", "pl") == []
    assert outside_requests == []


def test_arabic_screens_mirror_and_polish_words_are_kept(make_page):
    page = make_page(locale="ar")
    start(page, "ar", "ar")
    assert page.evaluate("document.documentElement.dir") == "rtl"
    open_house(page, "worries", "ar")
    choose(page, "say")
    page.fill("#text", "أخاف من الظلام")
    click_and_load(page, "form[action$='/words'] button")
    words = page.locator(".thing-words").first
    assert words.inner_text() == "أخاف من الظلام"
    assert words.evaluate("node => getComputedStyle(node).direction") == "rtl"
    page.goto("/ar/three-houses/houses/good-things")
    choose(page, "say")
    page.fill("#text", "Lubię grać w piłkę")
    click_and_load(page, "form[action$='/words'] button")
    assert page.locator(".thing-words").first.evaluate("node => getComputedStyle(node).direction") == "ltr"
