"""The screens issue 16 changed, as a phone (360 x 740) and a tablet (1024 x 768) show them, in English, Arabic
and Bengali: the child's house with things inside it, its three choices (draw, say or write, add a picture), the
worker's page, and the chat's check page with "whose views" changed through its Change link. Each is saved
under build/screenshots/proof-*.png for a reviewer, and checked for what a screenshot shows going wrong: the
page's direction, nothing wider than the screen, the heading clear of the sticky quick exit, the choices not
overlapping one another."""

import pytest

from .conftest import save_screenshot
from .houses_steps import choose, open_house, start
from .steps import click_and_load

SCREENS = {"phone": {"width": 360, "height": 740}, "tablet": {"width": 1024, "height": 768}}
LANGUAGES = ("en", "ar", "bn")
WORDS = {"en": "When mum and dad shout", "ar": "عندما يصرخ أمي وأبي", "bn": "যখন মা আর বাবা চিৎকার করে"}
NAMES = {"en": ("Sam Jones", "L.J."), "ar": ("سارة أحمد", "ل ج"), "bn": ("সুমি বেগম", "র ব")}

LAYOUT_PROBLEMS = """heading => {
  const problems = [];
  const width = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth > width + 1) {
    problems.push(`the page scrolls sideways: ${document.documentElement.scrollWidth} > ${width}`);
  }
  for (const element of document.querySelectorAll('main *')) {
    const box = element.getBoundingClientRect();
    if (!element.checkVisibility() || element.closest('.visually-hidden') || box.width === 0) { continue; }
    if (box.left < -1 || box.right > width + 1) {
      problems.push(`${element.tagName}.${element.className} goes off the screen (${box.left}-${box.right})`);
    }
  }
  const stuck = [...document.querySelectorAll('body *')].filter(
    el => ['sticky', 'fixed'].includes(getComputedStyle(el).position) && el.checkVisibility());
  const title = document.querySelector(heading);
  if (!title) {
    problems.push(`no ${heading}`);
  } else {
    const box = title.getBoundingClientRect();
    for (const bar of stuck) {
      const over = bar.getBoundingClientRect();
      if (box.top < over.bottom && over.top < box.bottom && box.left < over.right && over.left < box.right) {
        problems.push(`${heading} is under ${bar.className || bar.tagName}`);
      }
    }
  }
  const choices = [...document.querySelectorAll('a.choice')].map(el => el.getBoundingClientRect());
  choices.forEach((a, i) => choices.slice(i + 1).forEach(b => {
    if (a.top < b.bottom - 1 && b.top < a.bottom - 1 && a.left < b.right - 1 && b.left < a.right - 1) {
      problems.push('two choices overlap');
    }
  }));
  return problems;
}"""


def shown(page, lang, name, heading="h1"):
    """Check the screen as shown now, then save it as build/screenshots/proof-<name>.png."""
    page.wait_for_load_state("load")
    page.evaluate("document.fonts.ready.then(() => true)")
    assert page.evaluate("document.documentElement.dir") == ("rtl" if lang == "ar" else "ltr"), name
    assert page.evaluate(LAYOUT_PROBLEMS, heading) == [], name
    save_screenshot(page, f"proof-{name}")


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("screen", SCREENS)
def test_the_childs_house_its_choices_and_the_workers_page(make_page, screen, lang, outside_requests):
    page = make_page(locale="en-GB" if lang == "en" else lang, viewport=SCREENS[screen], has_touch=True)
    start(page, lang, lang)
    shown(page, lang, f"child-houses-{lang}-{screen}")
    open_house(page, "worries", lang)
    choose(page, "say")
    page.fill("#text", WORDS[lang])
    click_and_load(page, "form[action$='/words'] button")
    choose(page, "pictures")
    click_and_load(page, "#picture-rain")
    page.evaluate("window.scrollTo(0, 0)")
    assert page.locator(".big-house-body .thing-words").inner_text() == WORDS[lang]
    shown(page, lang, f"child-house-with-things-{lang}-{screen}")
    for choice in ("draw", "say", "pictures"):
        choose(page, choice)
        shown(page, lang, f"child-choice-{choice}-{lang}-{screen}", heading=f"#{choice} h2")
    page.goto(f"/{lang}/three-houses/for-the-worker")
    shown(page, lang, f"worker-page-{lang}-{screen}")
    assert outside_requests == []


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("screen", SCREENS)
def test_the_check_page_and_changing_whose_views(make_page, screen, lang, outside_requests):
    page = make_page(locale="en-GB" if lang == "en" else lang, viewport=SCREENS[screen])
    page.goto(f"/{lang}/prepare/")
    page.fill("#parent", "Amina")
    click_and_load(page, "form[action$='/start'] button.button")
    page.click("#choice-first")
    page.wait_for_selector("#answer")  # the next question, a text box: the first answer is stored
    page.goto(f"/{lang}/prepare/check-your-answers")
    shown(page, lang, f"check-your-answers-{lang}-{screen}")
    parent, child = NAMES[lang]
    page.click("#whose-views + dl a[href$='#child']")
    page.wait_for_url("**/whose-views#child")
    page.fill("#parent", parent)
    page.fill("#child", child)
    page.fill("#day", "31")
    page.fill("#month", "2")
    page.fill("#year", "2027")
    click_and_load(page, "form[action$='/whose-views'] button.button")
    assert page.locator("#child").input_value() == child  # refused (no 31 February), and the text is kept
    shown(page, lang, f"whose-views-error-{lang}-{screen}", heading=".error-summary")
    page.fill("#day", "28")
    page.click("form[action$='/whose-views'] button.button")
    page.wait_for_url("**/check-your-answers#whose-views")
    assert page.locator("#whose-views + dl bdi").all_inner_texts()[:2] == [parent, child]
    shown(page, lang, f"check-whose-views-changed-{lang}-{screen}", heading="#whose-views")
    assert outside_requests == []
