"""The Easy Read guide in a real browser: axe in English, Arabic and Bengali, large text, each picture at the
start of its line (left, or right in Arabic), 320 px without sideways scrolling, screenshots to look at."""

import pytest

from familyguide.content import SOURCE_LANGUAGE
from familyguide.easy_read import SECTION

from .conftest import axe_violations, save_screenshot

MIN_TEXT_PX = 18


def easy_read_paths(live_server, lang):
    with live_server.app.app_context():
        from familyguide import pages

        slugs = [p.slug for p in pages.library().pages(SOURCE_LANGUAGE, SECTION)]
    return [f"/{lang}/easy-read/", *(f"/{lang}/easy-read/{slug}" for slug in slugs)]


def picture_sides(page):
    """For every idea, whether its picture is left or right of its words, as the reader sees them."""
    return page.evaluate(
        """() => [...document.querySelectorAll('li.easy-idea')].map(li => {
             const picture = li.querySelector('img').getBoundingClientRect();
             const words = li.querySelector('.easy-words').getBoundingClientRect();
             return picture.right <= words.left ? 'left' : (picture.left >= words.right ? 'right' : 'overlap');
           })"""
    )


def smallest_text_px(page):
    return page.evaluate(
        """() => Math.min(...[...document.querySelectorAll('.easy-words p, .easy-read h2, .easy-read h1')]
             .map(e => parseFloat(getComputedStyle(e).fontSize)))"""
    )


@pytest.mark.parametrize(("lang", "side"), [("en", "left"), ("ar", "right"), ("bn", "left")])
def test_easy_read_pages_pass_axe_with_large_text_and_pictures_at_the_start(make_page, live_server, lang, side):
    wide = make_page(locale="en-GB")
    failures = []
    for path in easy_read_paths(live_server, lang):
        wide.goto(path)
        if violations := axe_violations(wide):
            failures.append((path, violations))
        if path.endswith("/easy-read/"):
            continue
        assert wide.locator("li.easy-idea").count() > 0, path
        assert set(picture_sides(wide)) == {side}, path
        assert smallest_text_px(wide) >= MIN_TEXT_PX, path
        images_loaded = wide.evaluate(
            "[...document.querySelectorAll('img.easy-picture')].every(i => i.complete && i.naturalWidth > 0)"
        )
        assert images_loaded, path
    assert failures == []
    wide.goto(f"/{lang}/easy-read/who-comes")
    save_screenshot(wide, f"easy-read-who-comes-{lang}")


@pytest.mark.parametrize("lang", ["en", "ar", "bn"])
def test_easy_read_fits_320px_with_text_still_at_least_18px(make_page, live_server, lang):
    narrow = make_page(viewport={"width": 320, "height": 640}, locale="en-GB")
    for path in easy_read_paths(live_server, lang):
        narrow.goto(path)
        overflow = narrow.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, (path, overflow)
        if not path.endswith("/easy-read/"):
            assert smallest_text_px(narrow) >= MIN_TEXT_PX, path
            assert "overlap" not in picture_sides(narrow), path
    narrow.goto(f"/{lang}/easy-read/the-decision")
    save_screenshot(narrow, f"easy-read-the-decision-{lang}-320px")


def test_from_a_guide_page_to_its_easy_read_version_and_the_pdf(page):
    page.goto("/en/guide/the-decision")
    page.get_by_role("link", name="Easy Read version").click()
    page.wait_for_url("**/en/easy-read/the-decision")
    assert page.locator("h1").inner_text() == "The decision"
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the Easy Read guide to print (PDF)").click()
    assert download.value.suggested_filename == "easy-read-guide.pdf"
