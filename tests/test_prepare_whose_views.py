"""Whose views these are: the parent's name or initials, the child's initials and the conference date, all
optional, asked at the start of the chat; on the PDF with the council's name, and in the PDF's file name.
And in a right-to-left PDF, each heading's English line sits under it on the same side, large and dark
enough to survive a photocopy."""

import re
import unicodedata
from datetime import date

import pymupdf
import pytest
from bs4 import BeautifulSoup
from flask_babel import force_locale, gettext
from hypothesis import given
from hypothesis import strategies as st

from familyguide.prepare.about import file_name

from .conftest import CheckedClient
from .support.pagecheck import text_of
from .support.pdf import downloaded_name
from .support.prepare import FIRST_CONFERENCE_ANSWERS, Clock, Parent, answer_everything
from .test_prepare_pdf import pdf_text


@pytest.fixture
def time(monkeypatch):
    return Clock(monkeypatch)  # 22 November 2026


def finished(client, lang="en", **about):
    parent = Parent(client, lang)
    parent.start(**about)
    answer_everything(parent, FIRST_CONFERENCE_ANSWERS)
    return parent


def test_the_start_page_asks_whose_views_these_are_and_nothing_is_required(client, time):
    parent = Parent(client)
    page = BeautifulSoup(parent.get("/").get_data(as_text=True), "html.parser")
    for field in ("parent", "child", "day", "month", "year"):
        assert page.select_one(f"form[action$='/start'] input[name={field}]") is not None
        assert not page.select_one(f"input[name={field}]").has_attr("required")
    assert parent.start().headers["Location"].endswith("/chat#current-question")


def test_bad_details_say_what_is_wrong_and_keep_what_was_typed(client, time):
    parent = Parent(client)
    response = parent.post("/start", {"parent": "Amina " * 12, "child": "K.B. and more", "day": "31", "month": "2"})
    assert response.status_code == 400
    page = text_of(response.data)
    assert "Your name is too long for the PDF. You can write your initials instead." in page
    assert "Your child's initials are too long. Write only the first letter of each name." in page
    assert "Enter the day, month and year of the conference, or leave the date empty." in page
    html = response.get_data(as_text=True)
    assert 'value="K.B. and more"' in html and 'value="31"' in html and 'href="#day"' in html
    assert "Amina Amina" in html
    not_real = parent.post("/start", {"day": "31", "month": "2", "year": "2027"})
    assert "The date must be a real date, for example 22 11 2026." in text_of(not_real.data)
    too_far = parent.post("/start", {"day": "1", "month": "1", "year": "2030"})
    assert "Enter a conference date from the last year or the next year." in text_of(too_far.data)


def test_the_pdf_says_whose_views_these_are_and_is_named_with_them(client, time):
    parent = finished(client, parent="Amina Begum", child="K.B.", day="15", month="1", year="2027")
    response = parent.get("/my-views-for-the-conference.pdf")
    text = pdf_text(response.data)
    clean = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    for line in (
        "Parent: Amina Begum",
        "Child's initials: K.B.",
        "Conference date: 15 January 2027",
        "Council: Example Council",
    ):
        assert line in clean
    assert downloaded_name(response) == "views-KB-2027-01-15.pdf"


def test_without_details_the_pdf_names_the_council_and_the_file_has_todays_date(client, time):
    response = finished(client).get("/my-views-for-the-conference.pdf")
    text = pdf_text(response.data)
    assert "Council: Example Council" in text and "Parent:" not in text and "Conference date" not in text
    assert downloaded_name(response) == "views-2026-11-22.pdf"


def test_the_details_are_kept_through_every_answer_in_urdu(client, time):
    parent = finished(client, "ur", parent="عائشہ خان", child="ع خ", day="3", month="2", year="2027")
    response = parent.get("/my-views-for-the-conference.pdf")
    text = pdf_text(response.data)
    assert "عائشہ خان" in text and "ع خ" in text
    assert "Example Council" in text
    assert "Parent:" not in text  # the labels are in Urdu
    assert downloaded_name(response) == "views-عخ-2027-02-03.pdf"


def spans(data):
    """Every text span of the first page: (text, size, colour, bounding box)."""
    with pymupdf.open(stream=data, filetype="pdf") as document:
        found = []
        for block in document[0].get_text("dict")["blocks"]:
            for line in block.get("lines", []):
                for span in line["spans"]:
                    found.append((span["text"].strip(), span["size"], span["color"], pymupdf.Rect(span["bbox"])))
        return found


def test_in_an_urdu_pdf_each_english_heading_line_sits_under_its_heading_on_the_right(client, time):
    data = finished(client, "ur").get("/my-views-for-the-conference.pdf").data
    shown = spans(data)
    title = next(s for s in shown if s[0] == "کانفرنس کے لیے میری رائے")
    english_lines = [s for s in shown if s[0] in ("My views for the conference", "First or review conference")]
    assert len(english_lines) == 2
    for text, size, colour, box in english_lines:
        assert size >= 9, text
        assert all((colour >> shift) & 0xFF <= 0x55 for shift in (16, 8, 0)), text  # black or dark grey
        # On the heading's (right) side, not at the far left margin, and under its heading.
        assert abs(box.x1 - title[3].x1) < 3, (text, box, title[3])
        heading = max((s for s in shown if s[3].y1 < box.y1 and s[1] > size), key=lambda s: s[3].y1)
        assert abs(heading[3].x1 - box.x1) < 3 and (heading[3].y0 + heading[3].y1) / 2 < box.y0, (heading, box)


LETTERS_OR_DIGITS = re.compile(r"^views-(?:([^-./\\\s]+)-)?(\d{4}-\d{2}-\d{2})\.pdf$")


@given(
    parent=st.text(max_size=80),
    child=st.text(max_size=30),
    conference=st.one_of(st.none(), st.dates(min_value=date(2025, 1, 1), max_value=date(2028, 12, 31))),
)
def test_the_file_name_holds_only_safe_characters_whatever_was_typed(parent, child, conference):
    about = {"parent": parent, "child": child, "date": conference.isoformat() if conference else ""}
    name = file_name(about, date(2026, 11, 22))
    match = LETTERS_OR_DIGITS.match(name)
    assert match, name
    initials, day = match.groups()
    assert day == (conference.isoformat() if conference else "2026-11-22")
    for ch in initials or "":
        assert unicodedata.category(ch)[0] in "LM" or unicodedata.category(ch) == "Nd", (ch, name)
    assert len(initials or "") <= 12
    assert not initials or unicodedata.category(initials[0])[0] != "M"  # never a mark with no letter


def whose_rows(response):
    """The check page's "whose views" rows: {label: (shown value, where its Change link goes)}."""
    page = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    heading = page.find(id="whose-views")
    rows = {}
    for row in heading.find_next("dl").select(".summary-row"):
        link = row.select_one(".summary-action a")
        rows[row.dt.get_text(strip=True)] = (row.select_one(".summary-answer").get_text(strip=True), link["href"])
        assert row.dt.get_text(strip=True) in link.get_text(" ", strip=True)  # "Change" says what it changes
    return rows


def field_values(response):
    page = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    return {
        name: page.find("input", attrs={"name": name})["value"] for name in ("parent", "child", "day", "month", "year")
    }


def test_the_check_page_shows_whose_views_with_a_change_link_to_each(app, client, time):
    parent = finished(client, parent="Amina Begum", child="K.B.", day="15", month="1", year="2027")
    rows = whose_rows(parent.get("/check-your-answers"))
    assert rows == {
        "Your name or initials": ("Amina Begum", "/en/prepare/whose-views#parent"),
        "Your child's initials": ("K.B.", "/en/prepare/whose-views#child"),
        "The date of the conference": ("15 January 2027", "/en/prepare/whose-views#day"),
    }
    empty = whose_rows(finished(CheckedClient(app.test_client())).get("/check-your-answers"))
    assert [shown for shown, _ in empty.values()] == ["Not filled in"] * 3


def test_changing_whose_views_goes_back_to_the_check_page_and_the_pdf_and_its_name_follow(client, time):
    parent = finished(client, parent="Amina Begum", child="K.B.", day="15", month="1", year="2027")
    assert field_values(parent.get("/whose-views")) == {
        "parent": "Amina Begum",
        "child": "K.B.",
        "day": "15",
        "month": "1",
        "year": "2027",
    }
    saved = parent.post(
        "/whose-views", {"parent": "  Sam Jones ", "child": "L.J.", "day": "2", "month": "2", "year": "2027"}
    )
    assert saved.status_code == 303
    assert saved.headers["Location"].endswith("/en/prepare/check-your-answers#whose-views")
    check = parent.get("/check-your-answers")
    assert [shown for shown, _ in whose_rows(check).values()] == ["Sam Jones", "L.J.", "2 February 2027"]
    assert "I take the children to school every day." in text_of(check.data)  # the answers are kept
    response = parent.get("/my-views-for-the-conference.pdf")
    clean = "".join(ch for ch in pdf_text(response.data) if unicodedata.category(ch) != "Cf")
    assert "Parent: Sam Jones" in clean and "Child's initials: L.J." in clean
    assert "Conference date: 2 February 2027" in clean and "Amina" not in clean and "January" not in clean
    assert "I asked my mum to stay when I was ill." in clean
    assert downloaded_name(response) == "views-LJ-2027-02-02.pdf"

    parent.post("/whose-views", {"parent": "", "child": "", "day": "", "month": "", "year": ""})
    assert [shown for shown, _ in whose_rows(parent.get("/check-your-answers")).values()] == ["Not filled in"] * 3
    response = parent.get("/my-views-for-the-conference.pdf")
    text = pdf_text(response.data)
    assert "Parent:" not in text and "Child's initials" not in text and "Conference date" not in text
    assert "Council: Example Council" in text
    assert downloaded_name(response) == "views-2026-11-22.pdf"


def arabic(app, message):
    with app.test_request_context("/ar/"), force_locale("ar"):
        return gettext(message)


def test_a_bad_change_says_what_is_wrong_in_the_parents_language_keeps_the_text_and_changes_nothing(app, client, time):
    parent = finished(client, "ar", parent="أمينة", child="أ ب", day="15", month="1", year="2027")
    typed = {"parent": "أمينة " * 13, "child": "ك ب", "day": "31", "month": "2", "year": "2027"}
    response = parent.post("/whose-views", typed)
    assert response.status_code == 400
    page = text_of(response.data)
    assert arabic(app, "Your name is too long for the PDF. You can write your initials instead.") in page
    assert arabic(app, "The date must be a real date, for example 22 11 2026.") in page
    assert "Your name is too long" not in page
    assert field_values(response) == {**typed, "parent": typed["parent"].strip()}
    assert 'href="#day"' in response.get_data(as_text=True) and 'href="#parent"' in response.get_data(as_text=True)
    rows = whose_rows(parent.get("/check-your-answers"))
    assert [shown for shown, _ in rows.values()][:2] == ["أمينة", "أ ب"]
    assert downloaded_name(parent.get("/my-views-for-the-conference.pdf")) == "views-أب-2027-01-15.pdf"


def test_without_a_draft_there_is_nothing_to_change(client, time):
    parent = Parent(client)
    assert parent.get("/whose-views").status_code == 404
    assert parent.post("/whose-views", {"parent": "Sam"}).status_code == 404
