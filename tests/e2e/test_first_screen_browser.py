"""The first screen of a phone (360 x 740): in every language, the page's own heading and the first line after it show
under the exit bar, the header and the notes, which are one short line each; the exit note hides with one tap."""

import pytest

from familyguide import i18n

from .conftest import axe_violations, save_screenshot, wait_until_enhanced

PHONE = {"width": 360, "height": 740}
FIRST_PAGES = ["/{lang}/", "/{lang}/prepare/", "/{lang}/guide/who-will-be-there"]


def language_codes(live_server):
    with live_server.app.app_context():
        return i18n.languages().codes


FIRST_LINE = """() => {
    const h1 = document.querySelector("main h1");
    let next = h1.nextElementSibling;  // what the page says first: the first shown block after the heading
    while (next && next.getBoundingClientRect().height === 0) next = next.nextElementSibling;
    const walker = document.createTreeWalker(next, NodeFilter.SHOW_TEXT);
    let text = walker.nextNode();
    while (text && !text.textContent.trim()) text = walker.nextNode();
    const range = document.createRange();
    range.selectNodeContents(text);
    const firstLine = range.getClientRects()[0];
    return {headingTop: h1.getBoundingClientRect().top, firstLineBottom: firstLine.bottom,
            bar: document.querySelector(".exit-this-page").getBoundingClientRect().bottom, height: innerHeight};
}"""


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_the_heading_and_the_first_line_after_it_show_on_the_first_screen_in_every_language(
    make_page, live_server, javascript
):
    failures = []
    for code in language_codes(live_server):
        for path in FIRST_PAGES:
            page = make_page(viewport=PHONE, java_script_enabled=javascript)  # a new visit: both notes show
            page.goto(path.format(lang=code))
            assert page.locator(".exit-note").count() == 1
            where = page.evaluate(FIRST_LINE)
            if not (where["bar"] <= where["headingTop"] and where["firstLineBottom"] <= where["height"]):
                failures.append((code, path, where))
            if javascript and code in ("en", "ar", "bn") and path == FIRST_PAGES[1]:
                save_screenshot(page, f"first-screen-{code}-360x740")
            page.context.close()
    assert failures == []


def test_the_exit_note_hides_with_one_tap_and_stays_hidden_for_the_visit(make_page):
    page = make_page(viewport=PHONE, locale="en-GB")
    page.goto("/en/prepare/")
    wait_until_enhanced(page)
    note = page.locator(".exit-note")
    assert "press the Shift key 3 times" in note.inner_text()
    page.get_by_role("button", name="Hide this note").click()
    assert note.count() == 0
    assert page.evaluate("document.activeElement.id") == "main"
    page.goto("/en/guide/who-will-be-there")
    assert page.locator(".exit-note").count() == 0


def test_without_javascript_there_is_no_hide_button_and_the_note_shows_once(make_page):
    page = make_page(viewport=PHONE, java_script_enabled=False)
    page.goto("/en/prepare/")
    assert page.locator(".exit-note").count() == 1
    assert page.get_by_role("button", name="Hide this note").count() == 0
    page.goto("/en/guide/who-will-be-there")
    assert page.locator(".exit-note").count() == 0


LAYOUT = """async () => {
    await document.fonts.ready;
    const box = (selector) => { const r = document.querySelector(selector).getBoundingClientRect();
                                return [Math.round(r.top), Math.round(r.height)]; };
    return {note: box(".exit-note"), heading: box("main h1"), button: box(".exit-note .hide-note")};
}"""


@pytest.mark.parametrize("lang", ["en", "ur"])
def test_site_js_moves_nothing_when_it_makes_the_hide_button_work(make_page, lang):
    """The hide button is in the page as the server sends it, so the page is laid out the same before and
    after site.js binds it (Lighthouse counted the button's late arrival as a layout shift on Urdu pages)."""
    before_js = make_page(viewport=PHONE)
    before_js.route("**/site.*.js", lambda route: route.abort())  # the page as it is first painted
    before_js.goto(f"/{lang}/prepare/")
    after_js = make_page(viewport=PHONE)
    after_js.goto(f"/{lang}/prepare/")
    wait_until_enhanced(after_js)
    assert before_js.evaluate(LAYOUT) == after_js.evaluate(LAYOUT)
    assert before_js.evaluate("document.documentElement.hasAttribute('data-site-ready')") is False


def test_the_translation_note_is_one_line_that_opens_to_the_whole_sentence(make_page):
    page = make_page(viewport=PHONE, locale="pl-PL")
    page.goto("/pl/prepare/")
    note = page.locator(".unchecked-note")
    summary = note.locator("summary")
    assert summary.inner_text() == "Niesprawdzone przez wykwalifikowanego tłumacza"
    assert note.get_by_role("link", name="English").is_visible()
    whole = note.locator("details p")
    assert not whole.is_visible()
    summary.focus()
    page.keyboard.press("Enter")
    assert whole.is_visible() and "poproś o tłumacza" in whole.inner_text()
    assert axe_violations(page) == []
