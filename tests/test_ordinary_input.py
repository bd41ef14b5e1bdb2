"""Ordinary input never makes a server error (issue 17): numbers in any form, a question that does not apply,
very long words in the PDF, requests by the wrong method or too big; one cleaning for every text field; PDF
metadata without names."""

import io
import re

import pytest
from pypdf import PdfReader

from familyguide import storage
from familyguide.houses.store import KIND as HOUSES_KIND
from familyguide.houses.store import SESSION_KEY as HOUSES_SESSION
from familyguide.numbers import read_number
from familyguide.prepare.drafts import KIND as PREPARE_KIND
from familyguide.prepare.drafts import SESSION_KEY as PREPARE_SESSION
from familyguide.text import clean_text

from .support.houses import BASE, add_words, start
from .support.pagecheck import text_of
from .support.pdf import pdf_text
from .support.prepare import FIRST_CONFERENCE_ANSWERS, Clock, Parent, answer_everything

NOT_ASCII_NUMBERS = ["²", "①", "¹²", "٣", "१२", "１２", "9" * 20, "1" * 5, "-1", "+1", " 1", "1.0"]


def stored(app, client, session_key, kind):
    with client.raw.session_transaction() as session:
        token = session.get(session_key)  # the binding token that opens the draft
    with app.app_context():
        return storage.load(token, kind)


@pytest.mark.parametrize("text", NOT_ASCII_NUMBERS)
def test_only_a_few_ascii_digits_are_a_number(text):
    assert read_number(text, 4) is None


def test_ascii_digits_are_read():
    assert read_number("0042", 4) == 42 and read_number("7", 1) == 7 and read_number("", 4) is None


@pytest.mark.parametrize("box", ["day", "month", "year"])
@pytest.mark.parametrize("value", ["²", "①", "¹²", "9" * 20])
@pytest.mark.parametrize("path", ["/en/key-dates/", "/en/key-dates/calendar.ics"])
def test_key_dates_say_the_date_is_not_real(client, monkeypatch, path, box, value):
    Clock(monkeypatch)
    query = {"day": "3", "month": "2", "year": "2027", "kind": "first", box: value}
    response = client.get(path, query_string=query)
    assert response.status_code == 400
    text = text_of(response.get_data(as_text=True))
    assert "The date of the conference must be a real date" in text or "Enter the year as 4 numbers" in text


@pytest.mark.parametrize("age", ["①", "²", "¹²", "9" * 20, "٨"])
def test_the_three_houses_age_must_be_plain_digits(client, age):
    token = start(client)  # any token will do for the next post
    response = client.post(
        f"{BASE}/",
        data={
            "csrf_token": token,
            "child": "Ola",
            "age": age,
            "child_lang": "en",
            "worker": "Sam",
            "day": "22",
            "month": "11",
            "year": "2026",
        },
    )
    assert response.status_code == 400
    assert "Enter the child's age as a number, for example 8." in text_of(response.get_data(as_text=True))


def test_prompts_that_are_not_plain_numbers_are_ignored(app, client):
    token = start(client)
    response = client.raw.post(
        f"{BASE}/houses/worries/prompts", data={"csrf_token": token, "prompt": ["¹²", "9" * 20, "①", "0"]}
    )
    assert response.status_code == 303
    prompts = stored(app, client, HOUSES_SESSION, HOUSES_KIND)["prompts"]["worries"]
    assert len(prompts) == 1  # only "0", the first prompt


@pytest.fixture
def first_conference(client, monkeypatch):
    Clock(monkeypatch)
    parent = Parent(client)
    parent.start()
    parent.answer("conference_kind", choice="first")
    return parent


@pytest.mark.parametrize(
    "key, data",
    [
        ("since_last", {"choice": "better"}),
        ("since_last", {"choice": ""}),
        ("since_last", {"choice": "nonsense"}),
        ("what_helped", {"text": "The family group"}),
        ("what_helped", {"text": ""}),
    ],
)
def test_a_review_question_is_refused_on_a_first_conference(app, client, first_conference, key, data):
    response = first_conference.answer(key, **data)
    assert response.status_code == 303
    assert response.headers["Location"].startswith("/en/prepare/chat")
    assert key not in stored(app, client, PREPARE_SESSION, PREPARE_KIND)["answers"]


def test_a_question_the_council_switched_off_is_refused(app, client, first_conference):
    app.config["PREPARE_OPTIONAL_QUESTIONS_OFF"] = "one_point_up"
    assert first_conference.answer("one_point_up", text="More help at home").status_code == 303
    assert first_conference.answer("one_point_up", text="").status_code == 303
    assert "one_point_up" not in stored(app, client, PREPARE_SESSION, PREPARE_KIND)["answers"]


LONG_WORDS = {
    "going_well": "a" * 2990 + "ZZZEND",
    "want_known": "https://example.org/" + "/".join(f"part{n}" for n in range(330)) + "?end=1",
    "needs_to_change": "REF-" + "-".join(f"{n:06d}" for n in range(380)),
}


def test_every_character_of_a_long_word_is_in_the_views_pdf(client, monkeypatch):
    Clock(monkeypatch)
    parent = Parent(client)
    parent.start()
    answers = [
        (key, {"text": LONG_WORDS[key]}) if key in LONG_WORDS else (key, data) for key, data in FIRST_CONFERENCE_ANSWERS
    ]
    answer_everything(parent, answers)
    response = parent.get("/my-views-for-the-conference.pdf")
    # The PDF breaks a long word over lines and pages: spaces and page footers are taken out before looking.
    joined = "".join(re.sub(r"Page \d+ of \d+", "", pdf_text(response.data)).split())
    for key, word in LONG_WORDS.items():
        assert len(word) <= 3000 and word in joined, key


@pytest.mark.parametrize("path", ["/en/prepare/start", "/en/prepare/save", "/en/three-houses/delete"])
def test_a_get_where_a_form_is_expected_gets_the_sites_page(client, path):
    response = client.get(path)
    assert response.status_code == 405
    assert "POST" in response.headers["Allow"]
    html = response.get_data(as_text=True)
    assert "This page cannot be opened this way" in text_of(html)
    assert 'class="exit' in html or "exit" in html  # pagecheck already fails a family page without the exit


def test_a_form_sent_where_none_is_expected_keeps_the_text_in_the_users_language(client):
    response = client.raw.post("/ar/prepare/check-your-answers", data={"answer": "كلماتي المهمة"})
    assert response.status_code == 405
    html = response.get_data(as_text=True)
    assert 'lang="ar"' in html and "لا يمكن فتح هذه الصفحة بهذه الطريقة" in html
    assert "كلماتي المهمة" in html


def test_a_body_too_big_gets_the_sites_page_in_the_users_language(client):
    response = client.post("/pl/prepare/chat/going_well", data={"answer": "x" * (5 * 1024 * 1024)})
    assert response.status_code == 413
    text = text_of(response.get_data(as_text=True))
    assert "To, co wysyłasz, jest za duże" in text


def test_a_drawing_too_big_without_a_three_houses_open_gets_the_sites_page(client):
    response = client.post(f"{BASE}/houses/worries/drawings", data={"drawing": "x" * (5 * 1024 * 1024)})
    assert response.status_code == 413
    assert "What you sent is too big" in text_of(response.get_data(as_text=True))


CONTROL = "a\x00b\x07c\x1bd\x7fe\x85f\r\ng\th"
CLEANED = "abcdef\ng\th"


def test_one_cleaning_for_every_text_field():
    assert clean_text(CONTROL) == CLEANED
    assert clean_text("e\u0301\u200f") == "é\u200f"  # NFC; format characters stay
    assert clean_text("a\rb\u2028c\u2029d") == "a\nb\nc\nd"  # every kind of line end is a new line


def test_three_houses_fields_are_cleaned_like_the_chat(app, client):
    token = start(client, child="O\x00la\x07", worker="Sam\x1b Patel")
    add_words(client, token, "dreams", CONTROL)
    activity = stored(app, client, HOUSES_SESSION, HOUSES_KIND)
    assert activity["child"] == "Ola" and activity["worker"] == "Sam Patel"
    assert [t["text"] for t in activity["things"]] == [CLEANED]


def pdf_metadata(data):
    return {key: str(value) for key, value in (PdfReader(io.BytesIO(data)).metadata or {}).items()}


def test_the_three_houses_pdf_metadata_has_no_names(client, monkeypatch):
    from datetime import datetime

    from familyguide import clock

    monkeypatch.setattr(clock, "now", lambda: datetime(2026, 11, 22, 10, 0))
    start(client, child="Olamide", worker="Samira Patel")
    data = client.get(f"{BASE}/three-houses.pdf").data
    metadata = pdf_metadata(data)
    assert metadata["/Title"] == "The Three Houses, 22 November 2026"
    assert not re.search("Olamide|Samira|Patel", repr(metadata))


def test_the_views_pdf_metadata_is_its_kind_and_date(client, monkeypatch):
    Clock(monkeypatch)
    parent = Parent(client)
    parent.start()
    answer_everything(parent)
    metadata = pdf_metadata(parent.get("/my-views-for-the-conference.pdf").data)
    assert metadata["/Title"] == "My views for the conference, 22 November 2026"
    assert "/Author" not in metadata
