"""The parent's views as a PDF: their own words in any script, read back exactly; A4, fonts embedded, tagged."""

from datetime import datetime
from pathlib import Path

import pymupdf
import pytest

from .support.pagecheck import text_of
from .support.pdf import normalised, pdf_text
from .support.prepare import FIRST_CONFERENCE_ANSWERS, Clock, Parent, answer_everything

ANSWERS_IN_MANY_SCRIPTS = {
    "going_well": "I take the children to school every day.\nWe eat together at night.",
    "want_known": "أطفالي سعداء في المدرسة ويحبون اللعب مع أصدقائهم",
    "needs_to_change": "میرے بچے خوش ہیں اور ہم ساتھ کھانا کھاتے ہیں",
    "worries": "আমার ছেলে স্কুলে ভালো করছে। আমি প্রতিদিন তাকে গল্প পড়ে শোনাই।",
    "help_needed": "ਮੇਰੇ ਬੱਚੇ ਖੁਸ਼ ਹਨ। ਸਾਨੂੰ ਘਰ ਲਈ ਮਦਦ ਦੀ ਲੋੜ ਹੈ।",
    "next_steps": "હું દરરોજ મારા બાળકોને શાળાએ લઈ જાઉં છું.",
    "network": "My mum <b>and</b> my friend & neighbour.",
}


@pytest.fixture
def parent(client, monkeypatch):
    Clock(monkeypatch)  # 22 November 2026
    parent = Parent(client)
    parent.start()
    answers = [
        (key, {"text": ANSWERS_IN_MANY_SCRIPTS[key]} if key in ANSWERS_IN_MANY_SCRIPTS else data)
        for key, data in FIRST_CONFERENCE_ANSWERS
    ]
    answers = [(key, {"action": "skip"}) if key == "disagree" else (key, data) for key, data in answers]
    answer_everything(parent, answers)
    return parent


@pytest.fixture
def pdf(parent):
    response = parent.get("/my-views-for-the-conference.pdf")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"] == "attachment; filename=views-2026-11-22.pdf"  # today's date
    return response.data


def test_the_pdf_holds_every_answer_exactly_in_every_script(pdf):
    text = pdf_text(pdf)
    for key, answer in ANSWERS_IN_MANY_SCRIPTS.items():
        assert normalised(answer) in text, key


def test_the_pdf_has_headings_the_date_page_numbers_and_nothing_skipped(pdf):
    text = pdf_text(pdf)
    assert text.startswith("My views for the conference Written on 22 November 2026")
    assert "What is going well, and what I do well as a parent" in text
    assert "Who helps and supports me" in text
    assert "Where I would put things on the scale from 0 to 10 6" in text
    assert "What I do not agree with in the reports" not in text  # skipped
    assert "I did not miss the visit" not in text
    pages = pymupdf.open(stream=pdf, filetype="pdf").page_count
    assert f"Page 1 of {pages}" in text and f"Page {pages} of {pages}" in text


def test_the_pdf_holds_the_signs_of_safety_answers_under_their_headings(pdf):
    text = pdf_text(pdf)
    for heading, answer in (
        ("How I have kept my child safe", "I asked my mum to stay when I was ill."),
        ("What worries me about my child", "I worry my son does not sleep."),
        (
            "My goals: what would be happening when the workers can step back",
            "The children at school every day and me well.",
        ),
        ("What I think my child would say about home", "He would say he likes his room."),
        ("What I want to ask at the meeting", "What do I need to do for the plan to end?"),
        ("What makes it my number, and not 0", "My mum helps every day."),
    ):
        assert f"{heading} {answer}" in text, heading
    assert "The number I think my child would give, from 0 to 10 8" in text
    assert "Who helps and supports me, and what they know about the worries" in text
    assert text.index("How I have kept my child safe") < text.index("What is going well")


def test_the_pdf_is_a4_with_every_font_embedded_and_tagged_for_screen_readers(pdf):
    with pymupdf.open(stream=pdf, filetype="pdf") as document:
        for page in document:
            assert (round(page.rect.width), round(page.rect.height)) == (595, 842)
            fonts = page.get_fonts(full=True)
            assert fonts
            for _xref, ext, _type, basefont, *_ in fonts:
                assert ext in ("ttf", "otf", "cff"), f"{basefont} is not embedded"
        catalog = document.pdf_catalog()
        assert document.xref_get_key(catalog, "MarkInfo/Marked") == ("bool", "true")
        assert document.xref_get_key(catalog, "StructTreeRoot")[0] == "xref"
        assert document.xref_get_key(catalog, "Lang") == ("string", "en")
        assert "pdfuaid:part" in document.get_xml_metadata()
        names = {font[3] for page in document for font in page.get_fonts()}
    for script_font in ("Noto-Sans-Arabic", "Noto-Sans-Bengali", "Noto-Sans-Gurmukhi", "Noto-Sans-Gujarati"):
        assert any(script_font in name for name in names), script_font


def test_html_in_an_answer_is_text_in_the_pdf(pdf):
    assert "My mum <b>and</b> my friend & neighbour." in pdf_text(pdf)


def test_right_to_left_answers_are_laid_out_right_to_left(pdf):
    with pymupdf.open(stream=pdf, filetype="pdf") as document:
        page = document[0]
        width = page.rect.width
        blocks = {normalised(text): (x0, x1) for x0, _, x1, _, text, *_ in page.get_text("blocks")}
    urdu = next(box for text, box in blocks.items() if "کھانا" in text)
    english = next(box for text, box in blocks.items() if text.startswith("I take the children"))
    right_margin, left_margin = width - urdu[1], english[0]
    assert abs(right_margin - left_margin) < 2  # Urdu ends at the right margin as English starts at the left


def test_the_check_page_links_to_the_pdf(parent):
    html = parent.get("/check-your-answers").get_data(as_text=True)
    assert 'href="/en/prepare/my-views-for-the-conference.pdf"' in html
    assert "Download your PDF" in text_of(html)


def test_no_pdf_without_answers(client):
    response = Parent(client).get("/my-views-for-the-conference.pdf")
    assert response.status_code == 404
    assert "We could not find your answers" in text_of(response.data)


def test_the_pdf_is_made_on_request_and_not_stored(parent, app, tmp_path):
    assert parent.get("/my-views-for-the-conference.pdf").data.startswith(b"%PDF-")
    for folder in (tmp_path, Path(app.instance_path)):
        assert not list(folder.rglob("*.pdf"))


@pytest.mark.parametrize(
    "moment, day, written",
    [
        (datetime(2027, 6, 1, 23, 30), "2027-06-02", "2 June 2027"),  # summer: 00:30 on 2 June in England (BST)
        (datetime(2027, 12, 1, 23, 30), "2027-12-01", "1 December 2027"),  # winter: England keeps UTC's time
    ],
)
def test_the_pdf_is_dated_with_the_day_in_england_not_in_utc(client, monkeypatch, moment, day, written):
    Clock(monkeypatch, start=moment)
    parent = Parent(client)
    parent.start()
    answer_everything(parent, FIRST_CONFERENCE_ANSWERS)
    response = parent.get("/my-views-for-the-conference.pdf")
    assert response.headers["Content-Disposition"] == f"attachment; filename=views-{day}.pdf"
    assert pdf_text(response.data).startswith(f"My views for the conference Written on {written}")
