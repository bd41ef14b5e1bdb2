"""A family's words keep their own direction: a Latin phone number inside Urdu, Arabic inside an English page
or PDF. On pages each piece of their text is isolated (dir="auto" or <bdi>); in PDFs (WeasyPrint has
neither) each answer gets its own direction and names are set in Unicode isolates."""

import pymupdf
from bs4 import BeautifulSoup

from familyguide import pdf

from .support.houses import BASE, add_words, start
from .support.prepare import FIRST_CONFERENCE_ANSWERS, Clock, Parent, answer_everything

URDU_WITH_PHONE = "میرا فون نمبر 07700900123 ہے"
ARABIC_NAME = "سارا"


def not_isolated(html, words):
    """The places on the page where ``words`` show without their own direction: the nearest element with a
    dir attribute must be a <bdi> or say dir="auto"."""
    soup = BeautifulSoup(html, "html.parser")
    places = [node.parent for node in soup.find_all(string=lambda s: s and words in s)]
    places += soup.find_all(lambda tag: tag.name == "input" and words in tag.get("value", ""))
    assert places, f"{words!r} is not on the page"
    wrong = []
    for place in places:
        element = place
        while element is not None and element.name != "bdi" and not element.get("dir"):
            element = element.parent
        if element is None or (element.name != "bdi" and element.get("dir") != "auto"):
            wrong.append(str(place)[:120])
    return wrong


def test_an_answer_shows_in_its_own_direction_on_every_page(client, monkeypatch):
    Clock(monkeypatch)
    parent = Parent(client)
    parent.start()
    answers = [
        (key, {"text": URDU_WITH_PHONE}) if key == "going_well" else (key, data)
        for key, data in FIRST_CONFERENCE_ANSWERS
    ]
    answer_everything(parent, answers)
    for path in ("/check-your-answers", "/chat?change=going_well", "/chat?change=want_known"):
        assert not_isolated(parent.get(path).get_data(as_text=True), URDU_WITH_PHONE) == [], path
    too_long = parent.answer("going_well", text=URDU_WITH_PHONE + " x" * 3000)
    assert too_long.status_code == 400
    assert not_isolated(too_long.get_data(as_text=True), URDU_WITH_PHONE) == []


def test_names_and_words_in_the_three_houses_keep_their_direction(client):
    token = start(client, child=ARABIC_NAME, worker=f"{ARABIC_NAME} (SW 2)")
    add_words(client, token, "dreams", URDU_WITH_PHONE)
    pages = {
        path: client.get(BASE + path).get_data(as_text=True)
        for path in ("/for-the-worker", "/houses/dreams", "/read-back")
    }
    assert not_isolated(pages["/for-the-worker"], ARABIC_NAME) == []
    assert not_isolated(pages["/houses/dreams"], URDU_WITH_PHONE) == []
    assert not_isolated(pages["/read-back"], URDU_WITH_PHONE) == []
    refused = client.post(
        f"{BASE}/",
        data={"csrf_token": token, "child": ARABIC_NAME, "age": "x", "worker": ARABIC_NAME, "child_lang": "en"},
    )
    assert refused.status_code == 400
    assert not_isolated(refused.get_data(as_text=True), ARABIC_NAME) == []


def word_x(data, word):
    with pymupdf.open(stream=data, filetype="pdf") as document:
        return [w[0] for w in document[0].get_text("words") if w[4] == word]


def test_a_latin_phone_number_inside_urdu_reads_in_order_in_an_english_pdf():
    html = f'<html lang="en"><p>Answer:</p><p dir="{pdf.text_direction(URDU_WITH_PHONE)}">{URDU_WITH_PHONE}</p></html>'
    data = pdf.html_to_pdf(html)
    [first], [number], [last] = (word_x(data, word) for word in ("میرا", "07700900123", "ہے"))
    # Right to left: the first Urdu word on the right, the number whole in the middle, the last word on the left.
    assert first > number > last


def test_the_paragraph_direction_ignores_what_is_inside_an_isolate():
    assert pdf.text_direction(f"{pdf.isolate('Sam')} میرا") == "rtl"
    assert pdf.text_direction(f"\u2067{ARABIC_NAME}\u2069 hello") == "ltr"
    assert pdf.text_direction("07700900123 میرا") == "rtl"
    assert pdf.text_direction("Call 07700 میرا") == "ltr"


def test_names_in_the_three_houses_pdf_are_set_apart_from_the_sentence(client):
    start(client, child="Ola", worker="Sam (SW 2)")
    data = client.get(f"{BASE}/three-houses.pdf").data
    with pymupdf.open(stream=data, filetype="pdf") as document:
        text = document[0].get_text()
    assert "Child: \u2068Ola" in text and "Worker: \u2068Sam (SW 2)" in text  # first-strong isolates
