"""The child's screens use very simple words (about a 6-7 year-old's reading): short sentences and short
words, scored on what the child sees. The worker's parts and the child's own words are left out."""

import pytest
from bs4 import BeautifulSoup

from familyguide import readability

from .support.houses import add_picture, add_words, start

CHILD_SCREENS = (
    "houses",
    "houses/worries",
    "houses/good-things",
    "houses/dreams",
    "read-back",
    "things/t1",
    "thank-you",
    "feel-safe",
)
MAX_CHILD_GRADE = 2.0  # Flesch-Kincaid grade 2: a child of about 7
MAX_CHILD_WORDS_PER_SENTENCE = 8.0
NOT_FOR_THE_CHILD_TO_READ = ".worker-panel, .worker-link, .thing-words, .kept-text, script, template, svg"


def child_text(html):
    main = BeautifulSoup(html, "html.parser").select_one("main")
    for part in main.select(NOT_FOR_THE_CHILD_TO_READ):
        part.decompose()
    found = (element.get_text(" ", strip=True) for element in main.select("h1, h2, p, li, label, legend, button, a"))
    return [text for text in found if text]


@pytest.fixture
def houses_with_things(client):
    token = start(client)
    add_words(client, token, "worries", "Shouting at night")
    add_picture(client, token, "dreams", "dog")
    return client


@pytest.mark.parametrize("screen", CHILD_SCREENS)
def test_the_childs_screens_use_very_simple_words(houses_with_things, screen):
    blocks = child_text(houses_with_things.get(f"/en/three-houses/{screen}").get_data(as_text=True))
    assert len(blocks) > 3
    scores = readability.score(blocks)
    assert scores.grade <= MAX_CHILD_GRADE, f"{screen}: grade {scores.grade:.1f}"
    assert scores.words_per_sentence <= MAX_CHILD_WORDS_PER_SENTENCE, f"{screen}: {scores.words_per_sentence:.1f}"


def test_the_child_score_tells_a_childs_words_from_a_grown_ups():
    child = readability.score(["Choose a house.", "What worries you?", "Tap a picture to put it in the house."])
    grown_up = readability.score(
        [
            "Record the child's exact words and read everything back before asking "
            "about consent to share with the conference."
        ]
    )
    assert child.grade <= MAX_CHILD_GRADE < grown_up.grade


READ_ALOUD_TEXT = "h1, h2, p.hint, .child-intro p, .thing-words, .thing-label, .share legend"


@pytest.mark.parametrize("screen", ["houses", "houses/worries", "read-back", "things/t1", "thank-you", "feel-safe"])
def test_every_heading_hint_and_thing_the_child_sees_can_be_listened_to(houses_with_things, screen):
    main = BeautifulSoup(
        houses_with_things.get(f"/en/three-houses/{screen}").get_data(as_text=True), "html.parser"
    ).select_one("main")
    for part in main.select(".worker-panel, .error-summary"):
        part.decompose()
    listened = {button["data-speak"] for button in main.select("button.speak")}
    texts = main.select(READ_ALOUD_TEXT)
    assert texts

    def is_listened(element):
        return f"#{element.get('id')}" in listened

    silent = [
        text.get_text(strip=True)
        for text in texts
        if not (is_listened(text) or text.find_parent(is_listened) or text.find(is_listened))
    ]
    assert silent == [], screen
