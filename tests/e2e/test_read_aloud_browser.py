"""Read aloud in a real browser. Headless chromium has no voices, so each test gives the page a stand-in
speech engine (installed before the page's own scripts run) that lists voices and records what it is asked
to say. The page must offer read aloud only with a voice on the device (a network voice would send the
family's words to a third party), and must say the right words in the right language."""

import json

import pytest

from .conftest import wait_until_enhanced
from .houses_steps import choose, open_house, start, wait_until_drawn

STAND_IN_SPEECH = """
(() => {
  const voices = %s;
  const engine = new EventTarget();
  engine.spoken = [];
  engine.getVoices = () => voices;
  engine.speak = (utterance) => engine.spoken.push({text: utterance.text, lang: utterance.lang,
                                                    voice: utterance.voice && utterance.voice.name});
  engine.cancel = () => {};
  Object.defineProperty(window, "speechSynthesis", {value: engine, configurable: true});
  window.SpeechSynthesisUtterance = function (text) { this.text = text; };
})();
"""
LOCAL_ENGLISH = {"name": "On-device English", "lang": "en-GB", "localService": True}
LOCAL_POLISH = {"name": "On-device Polish", "lang": "pl-PL", "localService": True}
NETWORK_ARABIC = {"name": "Cloud Arabic", "lang": "ar-SA", "localService": False}


@pytest.fixture
def speaking_page(make_page):
    """A page whose device has the given voices."""

    def make(*voices):
        page = make_page(locale="en-GB")
        page.add_init_script(STAND_IN_SPEECH % json.dumps(voices))
        return page

    return make


def spoken(page):
    return page.evaluate("window.speechSynthesis.spoken")


def test_a_guide_page_is_read_aloud_with_the_devices_own_voice(speaking_page, outside_requests):
    page = speaking_page(LOCAL_ENGLISH, NETWORK_ARABIC)
    page.goto("/en/")
    button = page.get_by_role("button", name="Read this page aloud")
    button.click()
    said = spoken(page)
    assert len(said) == 1
    assert said[0]["voice"] == "On-device English" and said[0]["lang"] == "en"
    assert page.inner_text("h1") in said[0]["text"]
    assert page.get_by_role("button", name="Stop reading").is_visible()
    assert outside_requests == []


def test_read_aloud_is_not_offered_when_the_only_voice_would_send_the_page_away(speaking_page):
    page = speaking_page(LOCAL_ENGLISH, NETWORK_ARABIC)
    page.goto("/ar/")
    page.wait_for_load_state("load")
    assert page.locator(".read-aloud").count() == 1 and page.locator(".read-aloud").is_hidden()
    page.goto("/en/")
    assert page.locator(".read-aloud").is_visible()


def test_read_aloud_is_not_offered_without_any_voice(speaking_page):
    page = speaking_page()
    page.goto("/en/")
    page.wait_for_load_state("load")
    assert page.locator(".read-aloud").count() == 1 and page.locator(".read-aloud").is_hidden()
    start(page)
    assert page.locator("button.speak").count() > 0
    assert not any(button.is_visible() for button in page.locator("button.speak").all())


def test_each_thing_and_question_in_a_house_is_read_aloud(speaking_page):
    page = speaking_page(LOCAL_ENGLISH)
    start(page)
    open_house(page, "worries")
    choose(page, "say")
    page.fill("#text", "Shouting at night")
    page.click("form[action$='/words'] button")
    page.wait_for_selector("#things .thing-words")
    wait_until_enhanced(page, "site")  # the Listen buttons are bound by then
    page.click("#things button.speak[data-speak$='-text']")
    page.click("button.speak[data-speak='#question']")
    assert [(s["text"], s["lang"]) for s in spoken(page)] == [("Shouting at night", "en"), ("What worries you?", "en")]


def test_the_listen_buttons_loudspeaker_is_drawn_in_the_buttons_colour(speaking_page):
    """The loudspeaker is a <use> of the picture file, coloured by the button it is in (currentColor)."""
    page = speaking_page(LOCAL_ENGLISH)
    start(page)
    open_house(page, "worries")
    wait_until_enhanced(page, "site")
    button = "button.speak[data-speak='#question']"
    assert page.is_visible(button)
    colour = page.evaluate("selector => getComputedStyle(document.querySelector(selector)).color", button)
    rgb = tuple(int(part) for part in colour[colour.index("(") + 1 : colour.index(")")].split(",")[:3])
    assert wait_until_drawn(page, f"{button} svg", rgb)


def test_the_child_hears_a_house_and_their_own_words_in_polish(speaking_page):
    page = speaking_page(LOCAL_ENGLISH, LOCAL_POLISH)
    start(page, child_lang="pl")
    open_house(page, "good-things", child_lang="pl")
    choose(page, "say")
    page.fill("#text", "Mój kot Misia")
    page.click("form[action$='/words'] button[type=submit]")
    page.wait_for_url("**/houses/good-things?added=*")
    listen = page.locator("button.speak")
    assert listen.first.is_visible()
    page.locator("button.speak[data-speak='#page-title']").click()
    page.locator("button.speak[data-speak$='-text']").last.click()
    said = spoken(page)
    assert [s["voice"] for s in said] == ["On-device Polish", "On-device Polish"]
    assert said[0]["text"] == page.inner_text("#page-title")
    assert said[1]["text"] == "Mój kot Misia"


def test_each_chat_message_can_be_read_aloud(speaking_page):
    page = speaking_page(LOCAL_ENGLISH)
    page.goto("/en/prepare/")
    page.click("form button.button")
    page.wait_for_selector(".message .read-message")
    page.locator(".message .read-message").last.click()
    said = spoken(page)
    assert len(said) == 1 and said[0]["voice"] == "On-device English"
    assert "first conference, or a review" in said[0]["text"]
    assert "Read aloud" not in said[0]["text"]  # the button's own label is not read out


def test_the_page_is_read_once_a_tap_however_often_the_devices_voices_change(speaking_page):
    page = speaking_page(LOCAL_ENGLISH)
    page.goto("/en/")
    button = page.get_by_role("button", name="Read this page aloud")
    button.wait_for()
    for _ in range(2):  # a phone fires this when it loads or adds a voice, after the page has set up
        page.evaluate("window.speechSynthesis.dispatchEvent(new Event('voiceschanged'))")
    button.click()
    assert len(spoken(page)) == 1
