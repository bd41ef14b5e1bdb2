"""The notices in a real browser: axe and a 320px screen on each in English, Arabic and Bengali, reached from
every page's footer by keyboard, and the child's version reached from the Three Houses and back."""

import pytest

from .conftest import axe_violations, save_screenshot, wait_until_enhanced
from .houses_steps import start

NOTICES = ("privacy", "privacy/children", "accessibility", "cookies")
OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


@pytest.mark.parametrize("lang", ["en", "ar", "bn"])
def test_each_notice_passes_axe_and_fits_320px(make_page, outside_requests, lang):
    wide = make_page(locale="en-GB")
    narrow = make_page(locale="en-GB", viewport={"width": 320, "height": 640})
    failures = []
    for notice in NOTICES:
        path = f"/{lang}/{notice}"
        wide.goto(path)
        wide.evaluate("document.fonts.ready.then(() => true)")
        if violations := axe_violations(wide):
            failures.append((path, violations))
        narrow.goto(path)
        narrow.evaluate("document.fonts.ready.then(() => true)")
        if (overflow := narrow.evaluate(OVERFLOW)) > 0:
            failures.append((path, f"{overflow}px sideways scroll at 320px"))
        name = f"notices-{lang}-{notice.replace('/', '-')}-320"
        save_screenshot(narrow, name)
        narrow.locator("footer").scroll_into_view_if_needed()
        save_screenshot(narrow, f"{name}-footer")
    assert failures == []
    assert outside_requests == []


@pytest.mark.parametrize(("lang", "label", "heading"), [("en", "Cookies", "Cookies"), ("ar", "الخصوصية", "خصوصيتك")])
def test_a_footer_link_is_reached_and_followed_by_keyboard(page, lang, label, heading):
    page.goto(f"/{lang}/guide/who-will-be-there")
    wait_until_enhanced(page)
    link = page.locator("footer a", has_text=label)
    for _ in range(200):  # Tab through the page until the footer link has the focus
        page.keyboard.press("Tab")
        if link.evaluate("element => element === document.activeElement"):
            break
    else:
        pytest.fail(f"Tab never reached the footer link {label!r}")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/{lang}/{'cookies' if lang == 'en' else 'privacy'}")
    assert page.locator("h1").inner_text() == heading


def test_the_child_reads_who_sees_their_houses_and_goes_back(make_page, outside_requests):
    phone = make_page(locale="en-GB", viewport={"width": 320, "height": 640})
    start(phone, worker_lang="en", child_lang="ar")
    link = phone.locator('a[href="/ar/privacy/children"]')
    link.scroll_into_view_if_needed()
    save_screenshot(phone, "notices-ar-three-houses-link-320")
    link.click()
    phone.wait_for_url("**/ar/privacy/children")
    assert phone.locator("h1").inner_text() == "ماذا يحدث لما تصنعه"
    assert "30 يومًا" in phone.locator("main").inner_text()  # DRAFT_RETENTION_DAYS after the last change
    assert axe_violations(phone) == []
    phone.locator("main a.button-secondary").scroll_into_view_if_needed()
    save_screenshot(phone, "notices-ar-child-back-320")
    phone.locator("main a.button-secondary").click()
    phone.wait_for_url("**/ar/three-houses/houses")
    assert outside_requests == []
