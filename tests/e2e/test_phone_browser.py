"""What a parent sees on a 360 x 740 phone: the question and every target shown below the sticky
"Leave this site" bar, never under it. Each test saves its screens under build/screenshots/ for a reviewer."""

import pytest

from .conftest import save_screenshot, wait_until_enhanced
from .houses_steps import start as start_three_houses
from .steps import click_and_load

PHONE = {"width": 360, "height": 740}
MAX_STEPS = 200


def rectangles(page, selector):
    """The rectangles of the element matching ``selector`` and of the sticky quick-exit bar."""
    return page.evaluate(
        """sel => {
        const box = el => { const r = el.getBoundingClientRect(); return {top: r.top, bottom: r.bottom}; };
        return {target: box(document.querySelector(sel)), bar: box(document.querySelector('.exit-this-page')),
                height: window.innerHeight};
    }""",
        selector,
    )


def assert_below_the_bar(page, selector, step):
    shown = rectangles(page, selector)
    target, bar = shown["target"], shown["bar"]
    assert target["top"] >= bar["bottom"], f"{step}: {selector} starts under the bar ({target} / {bar})"
    assert target["bottom"] <= shown["height"], f"{step}: {selector} ends below the screen ({target})"


def wait_for_focus_on(page, element_id):
    """Wait until the element with ``element_id`` has focus. Polled through Playwright (wait_for_function
    needs the page's own JavaScript, which some tests switch off); bounded, so a page that never gets there
    fails rather than hangs."""
    for _ in range(MAX_STEPS):
        if page.evaluate("document.activeElement?.id") == element_id:
            return
        page.wait_for_load_state("load")
    raise AssertionError(f"focus never reached #{element_id}")


def send(page, selector, javascript):
    """Press a chat button: with JavaScript the chat answers in place; without it, wait for the next page."""
    if javascript:
        page.click(selector)
    else:
        click_and_load(page, selector)


def wait_for_next_question(page, javascript, progress):
    if javascript:
        page.wait_for_function("p => document.getElementById('chat-progress')?.textContent !== p", arg=progress)
        wait_until_enhanced(page, "prepare")
        page.wait_for_function("() => document.activeElement?.closest('#current-question') !== null")
    else:  # send() waited for the new page
        wait_for_focus_on(page, "current-question")


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_every_chat_question_shows_below_the_exit_bar(make_page, javascript, lang, outside_requests):
    page = make_page(java_script_enabled=javascript, locale="en-GB", viewport=PHONE)
    page.goto(f"/{lang}/prepare/")
    click_and_load(page, "form button.button")
    wait_for_focus_on(page, "current-question")
    if javascript:
        wait_until_enhanced(page, "prepare")
    assert_below_the_bar(page, "#question-title", "first question")
    save_screenshot(page, f"chat-first-question-{lang}-{'js' if javascript else 'nojs'}")

    progress = page.inner_text("#chat-progress")
    send(page, "#choice-first", javascript)
    wait_for_next_question(page, javascript, progress)
    assert_below_the_bar(page, "#question-title", "text question")
    assert_below_the_bar(page, "button[value=answer]", "text question")  # the parent sees how to send it
    save_screenshot(page, f"chat-text-question-{lang}-{'js' if javascript else 'nojs'}")

    for step in range(3, 8):  # a few more, each a whole step: answered, then skipped
        progress = page.inner_text("#chat-progress")
        if page.locator("#answer").count():
            page.fill("#answer", "Words of mine " * step)
            send(page, "button[value=answer]", javascript)
        else:
            send(page, "button[value=skip]", javascript)
        wait_for_next_question(page, javascript, progress)
        assert_below_the_bar(page, "#question-title", f"question {step}")
        save_screenshot(page, f"chat-question-{step}-{lang}-{'js' if javascript else 'nojs'}")
        if page.locator("#answer").count():
            assert_below_the_bar(page, "button[value=answer]", f"question {step}")
    assert outside_requests == []


def test_shift_tab_never_leaves_focus_under_the_exit_bar(make_page):
    page = make_page(locale="en-GB", viewport=PHONE)
    page.goto("/en/prepare/")
    click_and_load(page, "form button.button")
    wait_until_enhanced(page, "prepare")
    page.click("#choice-first")
    page.wait_for_function("() => document.getElementById('question-title')?.textContent.includes('kept your child')")
    page.focus(".chat-tools a[href$='/delete']")
    seen = []
    while (
        focused := page.evaluate("document.activeElement.id || document.activeElement.textContent.trim()")
    ) != "exit-this-page":
        assert len(seen) < MAX_STEPS, seen
        seen.append(focused)
        page.evaluate("document.activeElement.setAttribute('data-under-test', '')")
        assert_below_the_bar(page, "[data-under-test]", f"Shift+Tab to {focused!r}")
        page.evaluate("document.activeElement.removeAttribute('data-under-test')")
        page.keyboard.press("Shift+Tab")
    assert "answer" in seen and "Send my answer" in seen  # it went through the question's own controls


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_key_dates_results_show_below_the_exit_bar(make_page, javascript):
    page = make_page(java_script_enabled=javascript, locale="en-GB", viewport=PHONE)
    page.goto("/en/key-dates/")
    page.fill("#day", "22")
    page.fill("#month", "12")
    page.fill("#year", "2026")
    page.check("#kind-first")
    click_and_load(page, "form button.button")
    wait_for_focus_on(page, "results")
    assert_below_the_bar(page, "#results-title", "key dates")
    save_screenshot(page, f"key-dates-results-en-{'js' if javascript else 'nojs'}")


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_a_thing_added_to_a_house_shows_below_the_exit_bar(make_page, javascript):
    page = make_page(java_script_enabled=javascript, locale="en-GB", viewport=PHONE)
    start_three_houses(page)  # the worker's start form, as houses_steps does it
    page.goto("/en/three-houses/houses/worries#say")  # the "Say or write" choice
    page.fill("#text", "The dog barks")
    page.click("form[action$='/words'] button")
    page.wait_for_url("**/houses/worries?added=*")
    page.wait_for_load_state("load")
    wait_for_focus_on(page, "things")
    assert_below_the_bar(page, "#things .added", "added to a house")
    save_screenshot(page, f"house-added-en-{'js' if javascript else 'nojs'}")


def focus_style(page):
    return page.evaluate("""() => { const s = getComputedStyle(document.activeElement);
        return {background: s.backgroundColor, outline: s.outlineColor + ' ' + s.outlineStyle,
                shadow: s.boxShadow}; }""")


YELLOW = "rgb(255, 221, 0)"
WHITE = "rgb(255, 255, 255)"
NO_FILL = "rgba(0, 0, 0, 0)"


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_focus_is_calm_a_parent_never_types_on_yellow(make_page, lang):
    page = make_page(locale="en-GB", viewport=PHONE)
    page.goto(f"/{lang}/prepare/")
    click_and_load(page, "form button.button")
    wait_until_enhanced(page, "prepare")
    page.focus("#choice-first")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # by keyboard, as a parent reaches it
    button = focus_style(page)
    assert button["background"] == YELLOW and "rgb(11, 12, 12)" in button["shadow"]
    page.keyboard.press("Enter")
    page.wait_for_selector("#answer")
    page.wait_for_function("() => document.activeElement?.id === 'answer'")
    page.keyboard.type("We walk to school.")
    field = focus_style(page)
    assert field["background"] == WHITE
    assert field["outline"] == f"{YELLOW} solid" and "inset" in field["shadow"]
    save_screenshot(page, f"chat-typing-{lang}")
    page.focus("a.back-link")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    link = focus_style(page)
    assert link["background"] == YELLOW and "rgb(11, 12, 12)" in link["shadow"]


def test_a_section_focused_to_be_read_out_has_no_fill(make_page):
    page = make_page(java_script_enabled=False, locale="en-GB", viewport=PHONE)
    page.goto("/en/key-dates/?day=22&month=12&year=2026&kind=first#results")
    wait_for_focus_on(page, "results")
    section = focus_style(page)
    assert section["background"] == NO_FILL and section["outline"] == f"{YELLOW} solid"
    page.goto("/en/prepare/")
    click_and_load(page, "form button.button")
    wait_for_focus_on(page, "current-question")
    assert focus_style(page)["background"] == NO_FILL


def test_the_answer_box_starts_small_on_a_phone_and_grows_as_they_type(make_page):
    page = make_page(locale="en-GB", viewport=PHONE)
    page.goto("/en/prepare/")
    click_and_load(page, "form button.button")
    wait_until_enhanced(page, "prepare")
    page.click("#choice-first")
    page.wait_for_selector("#answer")
    wait_until_enhanced(page, "prepare")
    before = page.evaluate("document.getElementById('answer').offsetHeight")
    assert before < 100  # about three lines: "Send my answer" shows with the question
    page.focus("#answer")
    for line in range(6):
        page.keyboard.type(f"Line {line} of what we do")
        page.keyboard.press("Enter")
    grown = page.evaluate("""() => { const box = document.getElementById('answer');
        return {height: box.offsetHeight, hidden: box.scrollHeight - box.clientHeight}; }""")
    assert grown["height"] > before + 100 and grown["hidden"] <= 1  # every line shows, nothing to scroll
    save_screenshot(page, "chat-answer-grown-en")


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_on_this_page_links_land_below_the_exit_bar(make_page, lang):
    page = make_page(java_script_enabled=False, locale="en-GB", viewport=PHONE)
    page.goto(f"/{lang}/guide/first-conference")
    save_screenshot(page, f"guide-on-this-page-{lang}")
    links = page.locator("nav.on-this-page a")
    assert links.count() > 3
    target = links.nth(2).get_attribute("href")
    links.nth(2).click()
    page.wait_for_url(f"**{target}")
    assert_below_the_bar(page, target, "on this page")
    save_screenshot(page, f"guide-section-3-{lang}")


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_check_your_answers_says_where_the_pdf_stays_before_the_download(make_page, lang):
    page = make_page(java_script_enabled=False, locale="en-GB", viewport=PHONE)
    page.goto(f"/{lang}/prepare/")
    click_and_load(page, "form button.button")
    click_and_load(page, "#choice-first")
    page.goto(f"/{lang}/prepare/check-your-answers")
    page.locator("a.button[href$='.pdf']").scroll_into_view_if_needed()
    notes = "#pdf-stays" if lang == "en" else "#pdf-translation"
    assert page.locator(notes).is_visible() and page.locator("#pdf-stays").is_visible()
    assert (page.locator("#pdf-translation").count() == 1) == (lang != "en")
    save_screenshot(page, f"check-your-answers-pdf-{lang}")


SPLIT_PHONE_NUMBERS = """() => [...document.querySelectorAll('a[href^="tel:"]')]
    .filter(link => link.getClientRects().length > 1).map(link => link.textContent)"""


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_phone_number_is_never_split_across_two_lines(make_page, lang):
    """The help page's numbers and the footer's, from the narrowest phone to a tablet held sideways: a number
    broken over two lines is misread and misdialled (the footer's was, at 1024 px)."""
    page = make_page(java_script_enabled=False, locale="en-GB", viewport=PHONE)
    page.goto(f"/{lang}/guide/need-help-now")
    assert page.locator('a[href^="tel:"]').count() > 3
    for width in (320, 360, 768, 1024):
        page.set_viewport_size({"width": width, "height": 740})
        assert page.evaluate(SPLIT_PHONE_NUMBERS) == [], width
        assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth"), width
        page.locator('a[href^="tel:0808"]').first.scroll_into_view_if_needed()
        save_screenshot(page, f"help-phone-numbers-{lang}-{width}")
