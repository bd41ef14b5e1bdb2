"""Whose views these are: the parent's name or initials, the child's initials and the conference date, all
optional, asked at the start of the chat; on the PDF with the council's name, and in the PDF's file name.
And in a right-to-left PDF, each heading's English line sits under it on the same side, large and dark
enough to survive a photocopy."""

import re
import unicodedata
from datetime import date
from urllib.parse import unquote

import pymupdf
import pytest
from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st

from familyguide.prepare.about import file_name

from .support.pagecheck import text_of
from .support.prepare import FIRST_CONFERENCE_ANSWERS, Clock, Parent, answer_everything
from .test_prepare_pdf import pdf_text


def downloaded_name(response):
    """The file name the browser saves the download under (the UTF-8 one when there is one)."""
    disposition = response.headers["Content-Disposition"]
    if match := re.search(r"filename\*=UTF-8''([^;]+)", disposition):
        return unquote(match.group(1))
    return re.search(r"filename=([^;]+)", disposition).group(1)


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
