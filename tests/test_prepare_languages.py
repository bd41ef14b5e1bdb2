"""The preparation chat in Arabic: the same journey, right to left, whatever the state of the translation.

These assertions do not depend on wording, so they hold before and after the Arabic texts are translated.
"""

import unicodedata

import pymupdf
import pytest
from bs4 import BeautifulSoup

from .conftest import CheckedClient
from .support.prepare import Clock, Parent, code_from

LANG = "ar"
ARABIC_ANSWERS = {
    "kept_safe": "أطفالي سعداء في المدرسة ويحبون اللعب",
    "going_well": "مررنا بسنة صعبة لكن الأمور أفضل الآن",
}
REVIEW_QUESTIONS_AFTER_THE_FIRST_THREE = (
    "want_known",
    "worries",
    "own_worries",
    "needs_to_change",
    "since_last",
    "what_helped",
    "hard_to_do",
    "help_needed",
    "family_goals",
    "next_steps",
    "network",
    "child_view",
    "disagree",
    "questions_to_ask",
    "on_the_day",
    "scale",
    "scale_why",
    "child_scale",
    "one_point_up",
)


@pytest.fixture
def time(monkeypatch):
    return Clock(monkeypatch)


@pytest.fixture
def parent(client, time):
    parent = Parent(client, LANG)
    parent.start()
    return parent


def html_of(parent, path="/chat"):
    return BeautifulSoup(parent.get(path).get_data(as_text=True), "html.parser")


def test_the_chat_is_right_to_left_in_arabic(parent):
    page = html_of(parent)
    assert page.html["lang"] == "ar" and page.html["dir"] == "rtl"
    assert page.select_one('form[action="/ar/prepare/chat/conference_kind"]')
    assert page.select_one("#choice-first") and page.select_one("#choice-review")


def test_the_whole_journey_in_arabic_with_skips_going_back_and_changing(parent):
    parent.answer("conference_kind", choice="review")
    parent.answer("kept_safe", text=ARABIC_ANSWERS["kept_safe"])
    parent.answer("going_well", action="skip")
    assert parent.current_question() == "want_known"
    back = html_of(parent).select_one("a.back-link")["href"]
    assert back == "/ar/prepare/chat?change=going_well#current-question"
    parent.answer("going_well", text=ARABIC_ANSWERS["going_well"])
    parent.answer("kept_safe", text=ARABIC_ANSWERS["kept_safe"] + " دائماً")
    log = html_of(parent).select_one("#chat-log").get_text(" ")
    assert ARABIC_ANSWERS["kept_safe"] + " دائماً" in log and ARABIC_ANSWERS["going_well"] in log
    for key in REVIEW_QUESTIONS_AFTER_THE_FIRST_THREE:
        response = parent.answer(key, action="not_sure" if key in ("scale", "child_scale") else "skip")
    assert response.headers["Location"] == "/ar/prepare/check-your-answers"
    check = html_of(parent, "/check-your-answers")
    assert len(check.select("#your-answers + dl .summary-row")) == 22  # a review conference asks 22 questions
    pdf = parent.get("/my-views-for-the-conference.pdf").data
    with pymupdf.open(stream=pdf, filetype="pdf") as document:
        text = " ".join(unicodedata.normalize("NFC", page.get_text()) for page in document)
        assert document.xref_get_key(document.pdf_catalog(), "Lang") == ("string", "ar")
    assert ARABIC_ANSWERS["going_well"] in " ".join(text.split())


def test_an_over_long_arabic_answer_is_kept_with_the_error(parent):
    parent.answer("conference_kind", choice="first")
    text = "كلمة " * 700
    response = parent.answer("going_well", text=text)
    assert response.status_code == 400
    page = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    assert page.select_one(".error-summary a")["href"] == "#answer"
    assert page.select_one("#answer").get_text() == text.strip()


def test_save_and_return_on_a_fresh_device_in_arabic(parent, app):
    parent.answer("conference_kind", choice="first")
    parent.answer("kept_safe", text=ARABIC_ANSWERS["kept_safe"])
    code = code_from(parent.post("/save"))
    other = Parent(CheckedClient(app.test_client()), LANG)
    assert other.post("/come-back", {"code": code}).status_code == 303
    assert ARABIC_ANSWERS["kept_safe"] in html_of(other).select_one("#chat-log").get_text(" ")


def test_delete_in_arabic(parent):
    parent.answer("conference_kind", choice="first")
    code = code_from(parent.post("/save"))
    assert parent.post("/delete").status_code == 200
    assert parent.get("/chat").status_code == 302
    assert parent.post("/come-back", {"code": code}).status_code == 400


def test_expiry_in_arabic_shows_the_typed_text(parent, time):
    parent.answer("conference_kind", choice="first")
    time.forward(days=31)
    response = parent.answer("going_well", text=ARABIC_ANSWERS["going_well"])
    assert response.status_code == 404
    page = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    assert page.html["dir"] == "rtl"
    assert page.select_one("#typed-text").get_text() == ARABIC_ANSWERS["going_well"]


def test_the_rate_limit_in_arabic(client, time):
    parent = Parent(client, LANG)
    for _ in range(10):
        assert parent.post("/come-back", {"code": "WXYZ-WXYZ"}).status_code == 400
    assert parent.post("/come-back", {"code": "WXYZ-WXYZ"}).status_code == 429
