"""No text a family types can stop a PDF being built: Unicode format characters, and any failure of the
/ActualText layer (the PDF is then built without it, and the log says so without the family's words)."""

import logging
import subprocess
import sys
import textwrap

import pytest

from familyguide import pdf
from familyguide.config import PROJECT_ROOT
from familyguide.pdf import actual_text

from .support.pdf import normalised, pdf_text
from .support.prepare import FIRST_CONFERENCE_ANSWERS, Clock, Parent, answer_everything

FORMAT_CHARACTERS = {
    "right-to-left mark alone": "\u200f",
    "right-to-left mark around a phone number": "میرا فون \u200f07700 900123\u200f ہے",
    "isolates around Arabic": "\u2067مرحبا\u2069 hello",
    "first-strong isolate": "Call \u2068سارا\u2069 today",
    "right-to-left override": "abc \u202eXYZ\u202c def",
    "zero-width joiner family emoji": "👨\u200d👩\u200d👧 family",
    "zero-width joiner in Arabic": "ا\u200dب",
    "zero-width non-joiner in Urdu": "می\u200cرا",
    "left-to-right mark": "\u200e",
}


@pytest.mark.parametrize("text", FORMAT_CHARACTERS.values(), ids=FORMAT_CHARACTERS.keys())
def test_format_characters_never_stop_a_pdf(text):
    data = pdf.html_to_pdf(f'<p dir="{pdf.text_direction(text)}">{text}</p><p>after</p>')
    assert "after" in pdf_text(data)


def parent_with_answer(client, monkeypatch, answer):
    Clock(monkeypatch)
    parent = Parent(client)
    parent.start()
    answers = [
        (key, {"text": answer}) if key == "going_well" else (key, data) for key, data in FIRST_CONFERENCE_ANSWERS
    ]
    answer_everything(parent, answers)
    return parent


def test_an_answer_with_a_right_to_left_mark_gets_its_pdf(client, monkeypatch):
    answer = "\u2067میرا فون نمبر\u2069 \u200f07700 900123\u200f ہے"
    response = parent_with_answer(client, monkeypatch, answer).get("/my-views-for-the-conference.pdf")
    assert response.status_code == 200
    text = pdf_text(response.data)
    # Mixed-direction lines come out of text extraction in display order: each word is checked on its own.
    assert all(word in text for word in ("میرا", "فون", "نمبر", "07700", "900123", "ہے"))


def test_when_the_actual_text_layer_fails_the_pdf_is_built_without_it(client, monkeypatch, caplog):
    answer = "میرے بچے خوش ہیں secret-family-words"
    parent = parent_with_answer(client, monkeypatch, answer)

    def broken(*args, **kwargs):
        raise RuntimeError("secret-family-words in the message")

    monkeypatch.setattr(actual_text, "plan_line", broken)
    with caplog.at_level(logging.WARNING):
        response = parent.get("/my-views-for-the-conference.pdf")
    assert response.status_code == 200
    text = pdf_text(response.data)
    assert "I take the children" not in text  # the answer replaced going_well
    assert "secret-family-words" in text
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING and r.name == "familyguide.pdf"]
    assert len(warnings) == 1 and "ActualText" in warnings[0].getMessage()
    assert all("secret" not in r.getMessage() and "میرے" not in r.getMessage() for r in caplog.records)


def test_errors_that_are_not_the_layers_are_not_hidden(monkeypatch):
    monkeypatch.setattr(pdf, "_write_pdf", lambda *args: (_ for _ in ()).throw(OSError("disk")))
    with pytest.raises(OSError):
        pdf.html_to_pdf("<p>x</p>")


def test_the_layer_is_back_after_a_failure(monkeypatch):
    calls = []
    real = actual_text.plan_line

    def fails_once(*args):
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("once")
        return real(*args)

    monkeypatch.setattr(actual_text, "plan_line", fails_once)
    pdf.html_to_pdf("<p>في</p>")
    assert len(calls) == 1  # the second drawing ran without the layer
    assert normalised("في") in pdf_text(pdf.html_to_pdf("<p>في</p>"))
    assert len(calls) == 2


CHARACTERS_NO_FONT_HAS = {
    "emoji family": "We are a 👨\u200d👩\u200d👧 family",
    "rainbow flag": "Flag 🏳️\u200d🌈 here",
    "character beyond U+FFFF": "x\U00030149y and \U0001f600",
    "Arabic letter with a mark in an English line": "Call إبراهيم today",
}


@pytest.mark.parametrize("text", CHARACTERS_NO_FONT_HAS.values(), ids=CHARACTERS_NO_FONT_HAS.keys())
def test_characters_no_font_has_read_back_exactly_and_stay_out_of_the_log(text, caplog):
    from .fuzz.pdftext import missing_from
    from .fuzz.pdftext import pdf_text as raw_text

    with caplog.at_level(logging.WARNING):
        data = pdf.html_to_pdf(f'<html lang="en"><p dir="{pdf.text_direction(text)}">{text}</p></html>')
    assert missing_from(text, raw_text(data)) == ""
    logged = " ".join(record.getMessage() for record in caplog.records)
    assert not any(ch in logged for ch in text if not ch.isascii())


def test_an_arabic_initial_in_an_english_line_reads_back_as_the_letter():
    data = pdf.html_to_pdf('<html lang="en"><p>Child: إ. (initial)</p></html>')
    assert "إ" in pdf_text(data)  # not the hamza before the alef it sits on


def test_a_process_that_built_a_pdf_ends_cleanly(tmp_path):
    """A gunicorn worker that built a PDF used to end with a segmentation fault at every restart."""
    script = textwrap.dedent(f"""
        import os, re
        os.environ["FAMILYGUIDE_ENV"] = "test"
        from familyguide import create_app, db
        from tests.support.apps import TEST_KEY
        url = "sqlite:///{tmp_path / "exit.sqlite3"}"
        settings = {{"SECRET_KEY": "t", "ENCRYPTION_KEY": TEST_KEY, "DATABASE_URL": url, "WTF_CSRF_ENABLED": False}}
        app = create_app(settings)
        db.upgrade(url)
        client = app.test_client()
        client.post("/en/prepare/start")
        client.post("/en/prepare/chat/conference_kind", data={{"choice": "first"}})
        assert client.get("/en/prepare/my-views-for-the-conference.pdf").data.startswith(b"%PDF-")
        print("built")
    """)
    ended = subprocess.run([sys.executable, "-c", script], cwd=PROJECT_ROOT, capture_output=True, text=True)
    assert (ended.returncode, ended.stdout.strip()) == (0, "built"), ended.stderr[-2000:]
