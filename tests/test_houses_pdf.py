"""The PDF for the conference: the child's words (in any script), the drawings, who wrote what, the
prompts used, and only what the child agreed to share, with a count of what was left out."""

import io
import shutil
import unicodedata
from datetime import datetime

import pymupdf
import pytest
from pypdf import PdfReader

from familyguide import clock, create_app, db, i18n
from familyguide.config import PROJECT_ROOT
from familyguide.houses import activity as rules
from familyguide.houses.report import build_pdf

from .support.apps import TEST_KEY
from .support.houses import (
    BASE,
    add_drawing,
    add_picture,
    add_words,
    choose_face,
    drawing_png,
    redirected,
    share,
    start,
    stored,
    translate,
)

POLISH = "Boję się, kiedy tata krzyczy na mamę"
ARABIC = "أخاف عندما يصرخ أبي في الليل"
BENGALI = "আমি বাবার চিৎকারে ভয় পাই"


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch):
    monkeypatch.setattr(clock, "now", lambda: datetime(2026, 11, 22, 10, 0))


def normalised(text):
    """NFC, spaces normalised, and without the invisible format characters (the isolates around names)."""
    visible = "".join(ch for ch in unicodedata.normalize("NFC", text) if unicodedata.category(ch) != "Cf")
    return " ".join(visible.split())


def pdf_text(data):
    """The text as a reader gets it (PyMuPDF reads the /ActualText of shaped scripts), spaces normalised."""
    with pymupdf.open(stream=data, filetype="pdf") as document:
        return normalised("\n".join(page.get_text() for page in document))


def image_count(data):
    """Image XObjects across the PDF, each counted once however many pages use it."""
    images = set()
    for page in PdfReader(io.BytesIO(data)).pages:
        for ref in (page["/Resources"].get("/XObject") or {}).values():
            if ref.get_object().get("/Subtype") == "/Image":
                images.add(ref.idnum)
    return len(images)


def font_names(data):
    names = set()
    for page in PdfReader(io.BytesIO(data)).pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            names.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
    return names


def download(client):
    response = client.get(f"{BASE}/three-houses.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert "attachment" in response.headers["Content-Disposition"]
    assert response.headers["Cache-Control"] == "no-store"
    return response.data


@pytest.fixture
def full_pdf(client):
    """A worked example: words in three scripts, a picture, four drawings, some not agreed to share."""
    token = start(client)
    add_words(client, token, "worries", POLISH, by="worker")  # t1 yes
    add_words(client, token, "worries", ARABIC, by="child")  # t2 yes
    add_words(client, token, "good-things", BENGALI)  # t3 yes
    add_words(client, token, "good-things", "My secret diary")  # t4 no
    add_picture(client, token, "good-things", "dog")  # t5 yes
    for house, colour in (("dreams", "red"), ("dreams", "blue"), ("worries", "green"), ("good-things", "purple")):
        add_drawing(client, token, house, drawing_png(colour=colour))  # t6-t9; t9 not answered
    client.post(
        f"{BASE}/houses/worries/prompts", data={"csrf_token": token, "prompt": ["0", "3"]}, follow_redirects=True
    )
    share(
        client,
        token,
        {"t1": "yes", "t2": "yes", "t3": "yes", "t4": "no", "t5": "yes", "t6": "yes", "t7": "yes", "t8": "yes"},
    )
    return download(client)


def test_the_childs_words_are_in_the_pdf_in_polish_arabic_and_bengali(full_pdf):
    text = pdf_text(full_pdf)
    for words in (POLISH, ARABIC, BENGALI):
        assert normalised(words) in text
    fonts = font_names(full_pdf)
    assert "Noto-Sans-Arabic" in fonts and "Noto-Sans-Bengali" in fonts


def test_the_pdf_has_the_shared_drawings_only(full_pdf):
    assert image_count(full_pdf) == 3


def test_the_pdf_leaves_out_what_was_not_agreed_and_says_how_many(full_pdf):
    text = pdf_text(full_pdf)
    assert "My secret diary" not in text
    assert "2 things are not shown, because the child did not say they could be shared at the meeting." in text
    assert text.count("Drawn by the child") == 3


def test_the_pdf_says_who_wrote_what_and_who_it_is_for(full_pdf):
    text = pdf_text(full_pdf)
    assert "The child's words, written by the worker" in text
    assert "Written by the child" in text
    assert "Picture chosen by the child" in text and "Dog" in text
    for detail in ("Child: Ola", "Age: 8", "Worker: Sam Patel", "Date: 22 November 2026"):
        assert detail in text
    assert "What worries you?" in text and "Who do you worry about?" in text
    assert text.index("House of Worries") < text.index("House of Good Things") < text.index("House of Dreams")


def test_the_pdf_is_a4_landscape_and_tagged(full_pdf):
    reader = PdfReader(io.BytesIO(full_pdf))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (842, 595)
    assert "/StructTreeRoot" in reader.trailer["/Root"]
    assert reader.trailer["/Root"]["/MarkInfo"]["/Marked"]


def test_full_houses_go_on_over_more_pages(client):
    token = start(client)
    for i in range(12):
        add_words(client, token, "dreams", f"Dream number {i}: a big garden with a swing and a dog to walk every day")
    share(client, token, {f"t{i}": "yes" for i in range(1, 13)})
    data = download(client)
    text = pdf_text(data)
    assert len(PdfReader(io.BytesIO(data)).pages) >= 3  # two pages of houses, then the questions
    assert "The Three Houses (continued)" in text
    for i in range(12):
        assert f"Dream number {i}:" in text
    assert "Nothing was left out. The child agreed to share everything in their houses." in text


@pytest.fixture
def polish_app(tmp_path):
    """The app with a Polish House of Worries in its content, as a council's translator would add it."""
    content = tmp_path / "content"
    shutil.copytree(PROJECT_ROOT / "content" / "en" / "houses", content / "en" / "houses")
    shutil.copy(PROJECT_ROOT / "content" / "languages.toml", content / "languages.toml")
    (content / "pl" / "houses").mkdir(parents=True)
    english = (content / "en" / "houses" / "worries.md").read_text(encoding="utf-8")
    polish = english.replace("title: House of Worries", "title: Dom Zmartwień")
    (content / "pl" / "houses" / "worries.md").write_text(polish, encoding="utf-8")
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "t",
            "ENCRYPTION_KEY": TEST_KEY,
            "SERVER_NAME": "localhost",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'pl.sqlite3'}",
            "CONTENT_DIR": str(content),
        }
    )
    db.upgrade(app.extensions["familyguide.db_url"])
    return app


def test_house_names_are_in_the_childs_language_with_english_beneath(polish_app):
    activity = rules.new_activity("Ola", 8, "pl", "Sam Patel", "2026-11-22", "en")
    with polish_app.test_request_context("/en/three-houses/"):
        polish_app.preprocess_request()
        text = pdf_text(build_pdf(activity))
    assert "Dom Zmartwień House of Worries" in text
    assert "Language of the child's screens: Polish" in text


def house_name_x(data, name):
    with pymupdf.open(stream=data, filetype="pdf") as document:
        return document[0].search_for(name)[0].x0


def test_the_houses_run_right_to_left_when_the_worker_reads_arabic(app):
    activity = rules.new_activity("Ola", 8, "en", "Sam Patel", "2026-11-22", "en")
    positions = {}
    for lang in ("en", "ar"):
        with app.test_request_context(f"/{lang}/three-houses/"):
            app.preprocess_request()
            data = build_pdf(activity)
        positions[lang] = [house_name_x(data, name) for name in ("House of Worries", "House of Dreams")]
    worries, dreams = positions["en"]
    assert worries < dreams
    worries, dreams = positions["ar"]
    assert worries > dreams


def test_the_face_the_child_chose_for_feeling_safe_at_home_is_in_the_pdf(client):
    token = start(client)
    assert redirected(choose_face(client, token, "4"))
    text = pdf_text(download(client))
    assert "How safe do you feel at home?" in text
    assert "The child chose a face: Quite safe (4 of 5, from 1, not safe at all, to 5, very safe)." in text
    assert text.index("How safe do you feel at home?") < text.index("Questions the worker asked")


def test_the_pdf_has_no_face_when_the_child_did_not_answer_or_would_rather_not_say(client):
    token = start(client)
    assert "How safe do you feel at home?" not in pdf_text(download(client))
    assert redirected(choose_face(client, token, "1"))
    assert redirected(choose_face(client, token, ""))
    text = pdf_text(download(client))
    assert "How safe do you feel at home?" not in text and "Not safe at all" not in text


@pytest.mark.parametrize("worker_lang", ["en", "ur"])
def test_the_workers_translation_is_under_the_childs_words_and_marked_as_theirs(app, client, worker_lang):
    token = start(client, child_lang="pl", worker_lang=worker_lang)
    add_words(client, token, "worries", POLISH)  # t1
    add_words(client, token, "dreams", "Piesek")  # t2: no translation
    translated = translate(client, token, {"t1": "Dad shouts at night.", "t2": ""})
    assert redirected(translated) and "Dad shouts at night." in translated.get_data(as_text=True)
    share(client, token, {"t1": "yes", "t2": "yes"})
    text = pdf_text(client.get(f"/{worker_lang}/three-houses/three-houses.pdf").data)
    with app.test_request_context(f"/{worker_lang}/"):
        # Without its colon: in a right-to-left line the extracted text may put the colon on the other side.
        label = normalised(i18n.gettext_in(worker_lang, "The worker's translation:")).rstrip(":")
    assert worker_lang == "en" or label != "The worker's translation"  # translated in Urdu
    assert text.count(label) == 1
    assert text.index(normalised(POLISH)) < text.index(label) < text.index("Dad shouts at night.")
    assert text.index("Dad shouts at night.") < text.index("Piesek")


def test_changing_the_childs_words_takes_away_a_translation_that_no_longer_fits(app, client):
    token = start(client)
    add_words(client, token, "worries", POLISH)
    translate(client, token, {"t1": "Dad shouts at night."})
    assert stored(app, client)["things"][0]["translation"] == "Dad shouts at night."
    client.raw.post(f"{BASE}/things/t1", data={"csrf_token": token, "text": "Tata krzyczy rano"})
    assert stored(app, client)["things"][0]["translation"] == ""
