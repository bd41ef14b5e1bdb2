"""The text spacing check (text_spacing.py) finds what WCAG 1.4.12 is about, and only that: shown pages made
for the purpose, with no server."""

import pytest

from .text_spacing import SPACING_CSS, text_spacing_problems

WORDS = "Ask the chair to say it again in other words. " * 3


@pytest.fixture
def shown(make_page):
    page = make_page(viewport={"width": 320, "height": 640})

    def show(body, lang="en"):
        page.set_content(f'<!doctype html><html lang="{lang}"><body style="margin:0">{body}</body></html>')
        return page

    return show


def test_a_box_of_a_set_height_that_its_spaced_text_spills_out_of(shown):
    problems = text_spacing_problems(shown(f'<div id="note" style="height:3.6em;line-height:1.2">{WORDS}</div>'))
    assert len(problems) == 1
    assert problems[0].startswith("div#note's text spills") and "set height" in problems[0]


def test_a_box_that_cuts_off_its_spaced_text(shown):
    page = shown(f'<p class="tip" style="height:3.6em;line-height:1.2;overflow:hidden">{WORDS}</p>')
    assert [problem.split(" (")[0] for problem in text_spacing_problems(page)] == ["p.tip cuts off its text"]


def test_a_word_too_long_for_the_line_once_spaced(shown):
    # 16 letters of 30 px monospace (0.6 em each) are 288 px: they fit at 320 px; 0.12 em apart, 346 px.
    page = shown('<p style="font:30px monospace;margin:0">ABCDEFGHIJKLMNOP</p>')
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    problems = text_spacing_problems(page)
    assert len(problems) == 1 and problems[0].endswith("px sideways scroll"), problems
    assert page.evaluate("document.documentElement.scrollWidth") <= 320  # the spacing is gone again


def test_boxes_that_grow_with_their_text_pass_and_are_left_as_they_were(shown):
    page = shown(
        f'<h1>Title</h1><p style="line-height:1.8">{WORDS}</p><ul><li>{WORDS}</li></ul>'
        '<span style="position:absolute;width:1px;height:1px;overflow:hidden">for screen readers</span>'
    )
    styles = "[...document.body.querySelectorAll('*')].map(e => e.hasAttribute('style') ? e.style.cssText : null)"
    before = page.evaluate(styles)
    assert text_spacing_problems(page) == []
    assert page.evaluate(styles) == before  # no line heights left behind, the page's own kept
    assert page.evaluate("document.adoptedStyleSheets.length") == 0
    assert page.evaluate("getComputedStyle(document.querySelector('p')).letterSpacing") == "normal"


def test_arabic_script_is_not_spaced_letter_by_letter(shown):
    """Its letters join: WCAG asks only for the spacing a script uses. The check's own style sheet, read on a
    page in Arabic with an English paragraph in it."""
    page = shown('<p style="font-size:16px">كلمة</p><p lang="en" style="font-size:16px">word</p>', lang="ar")
    seen = page.evaluate(
        """(css) => { const sheet = new CSSStyleSheet(); sheet.replaceSync(css);
           document.adoptedStyleSheets = [sheet];
           const seen = [...document.querySelectorAll('p')].map(p => getComputedStyle(p).letterSpacing);
           document.adoptedStyleSheets = []; return seen; }""",
        SPACING_CSS,
    )
    assert seen == ["normal", "1.92px"]
