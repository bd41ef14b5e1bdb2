"""Ask a question in a real browser: with JavaScript the answer appears below the box and is announced; without
it, the form opens the answer page. Either way the question is sent in a POST's body, never in an address. By
keyboard alone, axe on the answer page in English and Arabic, screenshots in build/screenshots/ask-*.png."""

import pytest

from .conftest import WithoutJavaScript, axe_violations, save_screenshot, wait_until_enhanced


def addresses_asked_for(page):
    """Every address the page asks for from now on (the page itself, its files, any fetch)."""
    addresses = []
    page.on("request", lambda request: addresses.append(request.url))
    return addresses


def ask_by_keyboard(page, question):
    """Tab from the page's start to the question box, type, and press Enter: no mouse."""
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "ask-q":
            break
    else:
        pytest.fail("the question box cannot be reached with Tab")
    page.keyboard.type(question)
    page.keyboard.press("Enter")


def test_with_javascript_the_answer_appears_on_the_same_page_and_is_announced(make_page, outside_requests):
    page = make_page(locale="en-GB")
    page.goto("/en/guide/who-will-be-there")
    wait_until_enhanced(page, "site", "ask")
    addresses = addresses_asked_for(page)
    ask_by_keyboard(page, "can i bring my mum with me")
    page.wait_for_selector("#ask-answer .ask-passages li")
    assert page.url.endswith("/en/guide/who-will-be-there")  # still on the guide page
    assert addresses and not any("mum" in address or "q=" in address for address in addresses)
    region = page.locator("#ask-answer")
    assert region.get_attribute("aria-live") == "polite"
    assert "Bring someone with you" in region.inner_text()
    assert page.locator("#ask-answer mark").count() > 0
    assert page.is_visible("#exit-this-page")
    page.locator("#ask-answer").scroll_into_view_if_needed()
    save_screenshot(page, "ask-in-place-en")
    assert axe_violations(page) == []
    assert outside_requests == []


def test_without_javascript_the_form_opens_the_answer_page(make_page):
    page = make_page(java_script_enabled=False, locale="en-GB")
    page.goto("/en/")
    addresses = addresses_asked_for(page)
    ask_by_keyboard(page, "will they take my kids away")
    page.wait_for_selector("#ask-answer .ask-passages li")
    assert page.url.endswith("/en/ask")  # the answer page, the question in no address
    assert not any("kids" in address or "q=" in address for address in addresses)
    assert page.input_value("#ask-q") == "will they take my kids away"
    page.go_back()  # the back button goes back to where the parent was
    page.wait_for_url("**/en/")


@pytest.mark.parametrize(
    ("lang", "question", "name"),
    [
        ("en", "my partner hits me", "ask-safety-en"),
        ("ar", "زوجي يضربني", "ask-safety-ar"),
        ("en", "what is a core group", "ask-found-en"),
        ("ar", "كيف اقدم شكوى", "ask-found-ar"),
        ("ar", "وين اصف السيارة", "ask-unknown-ar"),
    ],
)
def test_the_answer_page_passes_axe_in_english_and_arabic(make_page, lang, question, name):
    # The answer page as the form without JavaScript opens it (see WithoutJavaScript for how axe runs there).
    page = make_page(locale="en-GB", viewport={"width": 360, "height": 740})
    plain = WithoutJavaScript(page)
    page.goto(f"/{lang}/ask")
    page.fill("#ask-q", question)
    page.press("#ask-q", "Enter")
    page.wait_for_selector("#ask-answer section")
    assert plain.axe_violations() == []
    page.locator("#ask-answer").scroll_into_view_if_needed()
    save_screenshot(page, name)


def test_the_safety_answer_comes_first_with_the_numbers_to_call(make_page):
    page = make_page(locale="en-GB")
    page.goto("/en/")
    wait_until_enhanced(page, "site", "ask")
    ask_by_keyboard(page, "i want to kill myself")
    page.wait_for_selector("#ask-answer .ask-safety")
    first = page.locator("#ask-answer > section").first
    assert "ask-safety" in first.get_attribute("class")
    assert page.locator("#ask-answer .ask-safety a[href^='tel:']").first.get_attribute("href") == "tel:999"
    assert page.locator('#ask-answer .ask-safety a[href="tel:116123"]').count() == 1
    page.locator("#ask-answer").scroll_into_view_if_needed()
    save_screenshot(page, "ask-safety-in-place-en")
