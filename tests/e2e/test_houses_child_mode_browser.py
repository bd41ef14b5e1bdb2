"""The child's own screens on a 1024 x 768 tablet, in English, Arabic and Bengali: the house and its three
choices on the first screen, none of the adult chrome, text of at least 20px, a drawing pad as wide as the
tablet allows, axe clean; and the quick exit, after which the worker opens the child's work again with the
activity's code from the worker's page."""

import pytest

from .conftest import axe_violations, save_screenshot
from .houses_steps import choose, open_house, start
from .steps import click_and_load
from .text_spacing import text_spacing_problems

TABLET = {"width": 1024, "height": 768}
ADULT_CHROME = ".site-header, .languages, .unchecked-note, .exit-note, .site-footer"
CHILD_SCREENS = ("houses", "houses/worries", "houses/dreams", "things/t1", "read-back", "feel-safe", "thank-you")

SMALL_TEXT = """() => {
  const small = [];
  const walker = document.createTreeWalker(document.querySelector('main'), NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, element = node.parentElement;
    if (!node.textContent.trim() || !element.checkVisibility() || element.closest('.visually-hidden')) { continue; }
    const size = parseFloat(getComputedStyle(element).fontSize);
    const words = node.textContent.trim().slice(0, 30);
    if (size < 20) { small.push(`${element.tagName}.${element.className} "${words}" ${size}px`); }
  }
  return small;
}"""


def bottom_of(page, selector):
    return page.evaluate(f"() => document.querySelector({selector!r}).getBoundingClientRect().bottom")


def tablet(make_page, lang):
    return make_page(locale="en-GB" if lang == "en" else lang, viewport=TABLET, has_touch=True)


def add_words(page, house, lang, text):
    open_house(page, house, lang)
    choose(page, "say")
    page.fill("#text", text)
    page.click("form[action$='/words'] button")
    page.wait_for_url(f"**/houses/{house}?added=*")


WORDS = {"en": "When mum and dad shout", "ar": "عندما يصرخ أمي وأبي", "bn": "যখন মা আর বাবা চিৎকার করে"}


@pytest.mark.parametrize("lang", ["en", "ar", "bn"])
def test_the_house_and_its_three_choices_fit_the_first_screen_of_a_tablet(make_page, lang, outside_requests):
    page = tablet(make_page, lang)
    start(page, lang, lang)
    save_screenshot(page, f"child-houses-{lang}-1024")
    open_house(page, "worries", lang)
    page.wait_for_load_state("load")
    page.evaluate("document.fonts.ready.then(() => true)")
    save_screenshot(page, f"child-house-empty-{lang}-1024")
    assert page.locator("a.choice").count() == 3
    assert all(choice.is_visible() for choice in page.locator("a.choice").all())
    assert bottom_of(page, ".choices") <= TABLET["height"]
    add_words(page, "worries", lang, WORDS[lang])
    choose(page, "pictures")
    click_and_load(page, "#picture-rain")
    page.evaluate("window.scrollTo(0, 0)")
    # What the child made is inside the house, and the house and its choices still fit the first screen.
    assert page.locator(".big-house-body .thing-words").inner_text() == WORDS[lang]
    assert page.locator(".big-house-body .thing-kind-picture").count() == 1
    assert bottom_of(page, ".choices") <= TABLET["height"]
    save_screenshot(page, f"child-house-with-things-{lang}-1024")
    assert outside_requests == []


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_childs_screens_have_no_adult_chrome_big_text_and_pass_axe(make_page, lang, outside_requests):
    page = tablet(make_page, lang)
    start(page, lang, lang)
    add_words(page, "worries", lang, WORDS[lang])
    problems = {}
    for screen in CHILD_SCREENS:
        page.goto(f"/{lang}/three-houses/{screen}")
        page.wait_for_load_state("load")
        page.evaluate("document.fonts.ready.then(() => true)")
        found = []
        if page.locator(ADULT_CHROME).count():
            found.append("adult chrome")
        if not page.locator(".exit-calm a#exit-this-page").is_visible():
            found.append("no calm quick exit")
        found += page.evaluate(SMALL_TEXT)
        found += axe_violations(page)
        found += text_spacing_problems(page)
        if found:
            problems[screen] = found
    assert problems == {}
    # The worker's page keeps the header, the language box and (in a language not checked) the note.
    page.goto(f"/{lang}/three-houses/for-the-worker")
    assert page.locator(".site-header").count() == 1 and page.locator(".languages").count() == 1
    assert page.locator(".unchecked-note").count() == (0 if lang == "en" else 1)
    assert axe_violations(page) == []
    save_screenshot(page, f"worker-page-{lang}-1024")
    assert outside_requests == []


def test_the_drawing_pad_uses_the_width_of_the_tablet(make_page):
    page = tablet(make_page, "en")
    start(page)
    open_house(page, "dreams")
    choose(page, "draw")
    width = page.evaluate("() => document.querySelector('canvas.draw-canvas').getBoundingClientRect().width")
    assert width >= 0.9 * TABLET["width"]
    save_screenshot(page, "child-drawing-pad-en-1024")


def test_the_read_back_error_names_each_thing(make_page):
    page = tablet(make_page, "en")
    start(page)
    add_words(page, "worries", "en", "When mum and dad shout")
    add_words(page, "dreams", "en", "A puppy")
    page.goto("/en/three-houses/read-back")
    page.check("#share-t1-yes")
    click_and_load(page, "form[action$='/read-back'] button[type=submit]")
    links = page.locator(".error-summary a")
    assert links.all_inner_texts() == ["Choose yes or no for “A puppy”."]
    save_screenshot(page, "child-read-back-error-en-1024")


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_after_the_quick_exit_the_worker_opens_the_childs_work_again_with_its_code(
    make_page, javascript, outside_requests
):
    page = make_page(java_script_enabled=javascript, locale="en-GB", viewport=TABLET)
    start(page)
    add_words(page, "worries", "en", "When mum and dad shout")
    page.goto("/en/three-houses/for-the-worker")
    code = page.inner_text(".resume-code")
    open_house(page, "worries")
    page.click("#exit-this-page")
    page.wait_for_url("**/weather")
    page.goto("/en/three-houses/houses/worries")
    assert "There is no Three Houses open" in page.inner_text("main")  # the child's screens are closed
    click_and_load(page, "text=Open a Three Houses with its code")
    page.fill("#code", code)
    page.click("form[action$='/come-back'] button[type=submit]")
    page.wait_for_url("**/en/three-houses/for-the-worker")
    assert code in page.inner_text(".resume-code")
    open_house(page, "worries")
    assert "When mum and dad shout" in page.inner_text(".big-house")
    assert outside_requests == []
