"""A Three Houses at its size limit (FAMILYGUIDE_DRAFT_MAX_BYTES): the child's words stay in the box, with a
message in their language, on a 320 px screen, right to left."""

from .conftest import axe_violations, save_screenshot
from .houses_steps import choose, open_house, start

WORDS = "بابا يصرخ في الليل"


def test_words_over_the_size_limit_are_kept_with_a_message_in_arabic_at_320px(make_page, live_server, outside_requests):
    page = make_page(viewport={"width": 320, "height": 900}, locale="ar")
    start(page, worker_lang="ar", child_lang="ar")
    config = live_server.app.flask_app.config
    before = config["DRAFT_MAX_BYTES"]
    config["DRAFT_MAX_BYTES"] = 1  # nothing more fits
    try:
        open_house(page, "worries", "ar")
        choose(page, "say")
        page.fill("#text", WORDS)
        page.click("form[action$='/words'] button")
        page.wait_for_selector("#error-summary")
        assert "لا يوجد مكان لحفظ أشياء أخرى." in page.inner_text("#error-summary")
        assert page.input_value("#text") == WORDS
        assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
        assert axe_violations(page) == []
        save_screenshot(page, "houses-no-more-room-ar-320")
    finally:
        config["DRAFT_MAX_BYTES"] = before
    assert outside_requests == []
