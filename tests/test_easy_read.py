"""The Easy Read guide: every line short and plain in every language, a picture beside every idea, linked from
the guide, in the sitemap, and printable as one A4 PDF."""

import io
import re
import unicodedata
import xml.etree.ElementTree as ET

import pymupdf
import pytest
from bs4 import BeautifulSoup
from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader

from familyguide import easy_read, readability
from familyguide.config import PROJECT_ROOT
from familyguide.content import fill_settings, parse_page
from familyguide.easy_read import SECTION
from familyguide.pages import COUNCIL_SETTINGS

CONTENT = PROJECT_ROOT / "content"
LANGUAGES = sorted(p.name for p in CONTENT.iterdir() if p.is_dir())
ENGLISH = sorted((CONTENT / "en" / SECTION).glob("*.md"))
EVERY_PAGE = sorted(CONTENT.glob(f"*/{SECTION}/*.md"))
THE_WHOLE_GUIDE = {
    "what-is-a-conference",
    "who-comes",
    "before",
    "during",
    "the-decision",
    "after",
    "rights-and-help",
    "staying-safe-online",
    "key-words",
}
GUIDE_PAGES_WITH_THEIR_OWN_EASY_READ_PAGE = {
    "what-is-a-conference": "what-is-a-conference",
    "who-will-be-there": "who-comes",
    "before-the-conference": "before",
    "first-conference": "during",
    "review-conference": "during",
    "the-decision": "the-decision",
    "after-the-conference": "after",
    "your-rights-and-help": "rights-and-help",
    "need-help-now": "rights-and-help",
    "staying-safe-online": "staying-safe-online",
    "words-you-may-hear": "key-words",
}


def relative(path):
    return str(path.relative_to(CONTENT))


def read(path):
    return parse_page(path.read_text(encoding="utf-8"))


def filled(text, app_config):
    return fill_settings(text, {key: app_config[key] for key in COUNCIL_SETTINGS})


def words_in(line):
    """Words as a reader sees them where words are separated by spaces (all 12 languages here)."""
    return [w for w in easy_read.plain(line).split() if any(unicodedata.category(c)[0] in "LN" for c in w)]


# --- the content ---------------------------------------------------------------------------------------------


def test_the_easy_read_guide_covers_the_whole_guide_in_every_language():
    for lang in LANGUAGES:
        assert {p.stem for p in (CONTENT / lang / SECTION).glob("*.md")} == THE_WHOLE_GUIDE, lang


@pytest.mark.parametrize("path", ENGLISH, ids=relative)
def test_english_easy_read_is_at_grade_3_or_below_with_one_short_sentence_a_line(path):
    header, body = read(path)
    lines = easy_read.lines_of(header["title"], fill_settings(body, {"EMERGENCY_PHONE": "999"}))
    scores = readability.score(lines)
    assert scores.grade <= easy_read.MAX_GRADE, f"{relative(path)}: grade {scores.grade:.1f}"
    for line in lines:
        assert len(readability.sentences_of([line])) == 1, f"{relative(path)}: more than one sentence in {line!r}"
        assert len(readability._WORD.findall(line)) <= easy_read.MAX_WORDS_PER_LINE, f"{relative(path)}: {line!r}"


@pytest.mark.parametrize("path", EVERY_PAGE, ids=relative)
def test_every_line_in_every_language_has_at_most_10_words(path):
    header, body = read(path)
    for line in easy_read.lines_of(header["title"], body):
        assert len(words_in(line)) <= easy_read.MAX_WORDS_PER_LINE, f"{relative(path)}: {line!r}"


@pytest.mark.parametrize("path", EVERY_PAGE, ids=relative)
def test_every_idea_has_a_drawn_picture_and_no_part_has_more_than_6_ideas(path):
    _, body = read(path)
    parts = easy_read.parse(body)
    assert parts and all(part.heading for part in parts), relative(path)
    for part in parts:
        assert 1 <= len(part.ideas) <= easy_read.MAX_IDEAS_PER_PART, f"{relative(path)}: {part.heading}"
    assert easy_read.pictures_used(body) <= set(easy_read.picture_names()), relative(path)


@pytest.mark.parametrize("path", [p for p in EVERY_PAGE if not relative(p).startswith("en/")], ids=relative)
def test_a_translation_has_the_english_pictures_labels_and_council_details_in_the_same_places(path):
    _, body = read(path)
    _, english = read(CONTENT / "en" / SECTION / path.name)
    ideas = [idea for part in easy_read.parse(body) for idea in part.ideas]
    english_ideas = [idea for part in easy_read.parse(english) for idea in part.ideas]
    assert [i.picture for i in ideas] == [i.picture for i in english_ideas]
    assert [bool(i.label) for i in ideas] == [bool(i.label) for i in english_ideas]
    assert len(easy_read.parse(body)) == len(easy_read.parse(english))
    assert sorted(re.findall(r"\{[A-Z_]+\}", body)) == sorted(re.findall(r"\{[A-Z_]+\}", english))
    labels = [i.label for i in ideas if i.label]
    assert not any(label in {i.label for i in english_ideas} for label in labels), "a label left in English"


def test_key_words_are_bold_and_explained_on_their_own_line():
    for lang in LANGUAGES:
        _, body = read(CONTENT / lang / SECTION / "key-words.md")
        ideas = [idea for part in easy_read.parse(body) for idea in part.ideas]
        assert len(ideas) >= 18, lang
        for idea in ideas:
            bold = re.findall(r"\*\*(.+?)\*\*", idea.text)
            assert len(bold) == 1, (lang, idea.text)
            assert len(words_in(idea.text)) > len(bold[0].split()) + 1, (
                lang,
                idea.text,
            )  # the word, then what it means


# --- the page kind ---------------------------------------------------------------------------------------------

_NOT_AN_IDEA = st.text().filter(lambda s: s.strip() and not s.strip().startswith(("{", "## ")))


@given(
    picture=st.from_regex(r"[a-z0-9]+(-[a-z0-9]+)*", fullmatch=True),
    label=st.text(alphabet=st.characters(blacklist_characters="}\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")),
    text=st.text(alphabet=st.characters(blacklist_characters="\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")),
)
def test_any_idea_line_reads_back_as_its_picture_label_and_words(picture, label, text):
    label, text = label.strip(), text.strip()
    if not text:
        return
    tag = f"{{{picture}: {label}}}" if label else f"{{{picture}}}"
    [part] = easy_read.parse(f"## Part\n{tag} {text}\n")
    assert part.heading == "Part"
    assert part.ideas == (easy_read.Idea(picture, label, text),)


@given(line=_NOT_AN_IDEA)
def test_a_line_without_a_picture_is_refused_with_its_line_number(line):
    if not line.strip() or any(c in line for c in "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"):
        return
    with pytest.raises(easy_read.EasyReadError, match="line 2"):
        easy_read.parse(f"## Part\n{line}\n")


def test_pictures_are_a_set_of_at_least_40_in_one_style():
    names = easy_read.picture_names()
    assert len(names) >= 40
    for name in (
        "people",
        "meeting-table",
        "chair-person",
        "phone",
        "letter",
        "calendar",
        "house",
        "plan",
        "court",
        "social-worker",
        "interpreter",
        "child",
        "school",
        "doctor",
        "police",
        "advocate",
        "lawyer",
        "clock",
        "door",
        "pen-paper",
        "talking",
        "listening",
        "question",
        "safe-place",
        "helpline",
        "computer",
    ):
        assert name in names
    palette = {"#1d2b4f", "#4f86c6", "#f5c542", "#ffffff", "#dce8f5", "#f3cfae", "#c68642", "#8d5524", "#e0ac69"}
    palette |= {"#3b2a1a", "#7a4a1e", "#b5651d", "none"}
    for name in names:
        root = ET.parse(easy_read.PICTURES / f"{name}.svg").getroot()
        assert root.get("viewBox") == "0 0 120 120", name
        group = root[0]
        assert group.get("stroke") == "#1d2b4f" and group.get("stroke-width") == "5", name  # thick dark outline
        colours = {e.get("fill") for e in root.iter() if e.get("fill")}
        assert colours <= palette, (name, colours - palette)
        assert not any(e.tag.endswith(("text", "image", "script")) for e in root.iter()), name


# --- the pages -------------------------------------------------------------------------------------------------


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.data, "html.parser")


def test_an_easy_read_page_shows_each_idea_with_its_picture(client):
    html = page(client, "/en/easy-read/who-comes")
    assert html.h1.get_text(strip=True) == "Who comes to the meeting?"
    ideas = html.select("li.easy-idea")
    assert len(ideas) == 16
    first = ideas[0]
    assert first.img["alt"] == "" and first.get_text(" ", strip=True) == "You come to the meeting."
    labelled = [i for i in ideas if i.img["alt"]]
    assert [i.img["alt"] for i in labelled] == ["A person between two speech bubbles in two languages"]
    assert labelled[0].select_one("strong").get_text() == "interpreter"
    for img in html.select("img.easy-picture"):
        assert re.fullmatch(r"/static/easy-read/[a-z-]+\.[0-9a-f]{12}\.svg", img["src"])
        picture = client.get(img["src"])
        assert picture.status_code == 200 and picture.mimetype == "image/svg+xml"
    assert [h.get_text() for h in html.select("section.easy-part h2")] == [
        "You and your family",
        "The people who run the meeting",
        "People who work with your child",
        "Your child",
    ]


def test_easy_read_pages_fill_in_the_councils_details(app, client):
    html = page(client, "/en/easy-read/rights-and-help")
    assert f"The team phone is {app.config['COUNCIL_PHONE']}." in html.get_text(" ", strip=True)
    assert "{" not in html.select_one(".easy-read").get_text()


@pytest.mark.parametrize(
    ("lang", "title", "line"),
    [
        ("ar", "ما هو المؤتمر؟", "**المؤتمر** هو اجتماع."),
        ("ur", "کانفرنس کیا ہے؟", "**کانفرنس** ایک میٹنگ ہے۔"),
        ("bn", "কনফারেন্স কী?", "**কনফারেন্স** হলো একটি মিটিং।"),
        ("pl", "Co to jest konferencja?", "**Konferencja** to spotkanie."),
    ],
)
def test_easy_read_pages_are_in_the_language_of_the_url(client, lang, title, line):
    html = page(client, f"/{lang}/easy-read/what-is-a-conference")
    assert html.h1.get_text(strip=True) == title
    assert html.select_one(".fallback-note") is None
    assert html.select_one("li.easy-idea").get_text(" ", strip=True) == easy_read.plain(line)


def test_every_guide_page_links_to_its_easy_read_version(client):
    for guide_slug, easy_slug in GUIDE_PAGES_WITH_THEIR_OWN_EASY_READ_PAGE.items():
        link = page(client, f"/en/guide/{guide_slug}").select_one(".easy-read-link a")
        assert link.get_text() == "Easy Read version" and link["href"] == f"/en/easy-read/{easy_slug}", guide_slug
    link = page(client, "/ar/guide/the-decision").select_one(".easy-read-link a")
    assert link["href"] == "/ar/easy-read/the-decision" and link.get_text() != "Easy Read version"


def test_the_home_page_links_to_the_easy_read_guide_which_lists_every_page(client):
    link = page(client, "/en/").select_one(".easy-read-link a")
    assert link["href"] == "/en/easy-read/"
    contents = page(client, link["href"])
    titles = [a.get_text() for a in contents.select(".easy-contents a")]
    assert titles[0] == "What is a conference?" and titles[-1] == "Key words" and len(titles) == 9


def test_each_easy_read_page_leads_to_the_next_and_offers_the_pdf(client):
    html = page(client, "/en/easy-read/before")
    assert html.select_one("a[rel=prev]")["href"] == "/en/easy-read/who-comes"
    assert html.select_one("a[rel=next]")["href"] == "/en/easy-read/during"
    assert html.select_one(".easy-download a")["href"] == "/en/easy-read/easy-read-guide.pdf"


def test_the_sitemap_lists_every_easy_read_page_in_every_language(client):
    sitemap = client.get("/sitemap.xml").get_data(as_text=True)
    for slug in THE_WHOLE_GUIDE:
        assert f"http://localhost/en/easy-read/{slug}</loc>" in sitemap
        assert f'hreflang="ur" href="http://localhost/ur/easy-read/{slug}"' in sitemap
    assert "http://localhost/en/easy-read/</loc>" in sitemap


def test_an_unknown_easy_read_page_is_not_found(client):
    assert client.get("/en/easy-read/no-such-page").status_code == 404


# --- the PDF ---------------------------------------------------------------------------------------------------


@pytest.fixture
def pdf_of(client):
    def get(lang):
        response = client.get(f"/{lang}/easy-read/easy-read-guide.pdf")
        assert response.status_code == 200 and response.mimetype == "application/pdf"
        assert "attachment" in response.headers["Content-Disposition"]
        return response.data

    return get


def text_of(data):
    with pymupdf.open(stream=data, filetype="pdf") as document:
        text = "\n".join(p.get_text() for p in document)
    visible = "".join(ch for ch in unicodedata.normalize("NFC", text) if unicodedata.category(ch) != "Cf")
    return " ".join(visible.split())


def letters(text):
    """Text without spaces and combining marks: a shaped script's marks and the spaces at a left-to-right run
    (a number isolated in an Urdu line) may come back from the PDF in another order."""
    return "".join(
        ch for ch in unicodedata.normalize("NFC", text) if not ch.isspace() and unicodedata.category(ch) != "Mn"
    )


def sides(data, page_number):
    """For each line of words on a page, whether its picture (a vector drawing) sits left or right of it."""
    with pymupdf.open(stream=data, filetype="pdf") as document:
        page = document[page_number]
        drawings = [d["rect"] for d in page.get_drawings() if d["rect"].width < 120 and d["rect"].height > 20]
        lines = [b for b in page.get_text("blocks") if b[3] - b[1] < 40]
    assert drawings and lines
    picture_x = sum(r.x0 + r.x1 for r in drawings) / (2 * len(drawings))
    text_x = sum(b[0] + b[2] for b in lines) / (2 * len(lines))
    return "left" if picture_x < text_x else "right"


def test_the_english_pdf_holds_every_line_of_the_guide_with_pictures_beside_them(app, pdf_of):
    data = pdf_of("en")
    text = text_of(data)
    for path in ENGLISH:
        header, body = read(path)
        for line in easy_read.lines_of(header["title"], filled(body, app.config)):
            assert " ".join(line.split()) in text, line
    reader = PdfReader(io.BytesIO(data))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 portrait
    assert "/StructTreeRoot" in reader.trailer["/Root"]
    assert sides(data, 1) == "left"


def test_the_urdu_pdf_reads_back_in_urdu_with_pictures_on_the_right(app, pdf_of):
    data = pdf_of("ur")
    text = letters(text_of(data))
    for path in (CONTENT / "ur" / SECTION).glob("*.md"):
        header, body = read(path)
        for line in easy_read.lines_of(header["title"], filled(body, app.config)):
            assert letters(line) in text, line
    assert "آسان زبان میں گائیڈ" in text_of(data)  # whole words, spaces and all, as on the cover
    assert sides(data, 1) == "right"


def test_the_pdf_embeds_its_fonts(pdf_of):
    for lang in ("en", "ur"):
        reader = PdfReader(io.BytesIO(pdf_of(lang)))
        fonts = {}
        for pdf_page in reader.pages:
            for font in (pdf_page["/Resources"].get("/Font") or {}).values():
                font = font.get_object()
                fonts[str(font["/BaseFont"])] = font
        assert fonts, lang
        for name, font in fonts.items():
            descriptor = (font.get("/DescendantFonts") or [font])[0].get_object().get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor else font.get("/FontDescriptor").get_object()
            assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")), (lang, name)


def test_a_page_missing_in_a_language_is_shown_in_english_and_says_so(tmp_path):
    from familyguide import create_app

    content = tmp_path / "content"
    for lang in LANGUAGES:
        (content / lang / SECTION).mkdir(parents=True)
    (content / "languages.toml").write_text((CONTENT / "languages.toml").read_text(encoding="utf-8"))
    for path in (CONTENT / "en").rglob("*.md"):
        target = content / "en" / path.relative_to(CONTENT / "en")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    app = create_app(
        {"TESTING": True, "CONTENT_DIR": str(content), "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    )
    html = BeautifulSoup(app.test_client().get("/pl/easy-read/during").data, "html.parser")
    assert html.select_one(".fallback-note").get_text(strip=True).startswith("Tej strony nie ma jeszcze")
    assert html.select_one(".easy-read")["lang"] == "en"
    assert html.h1.get_text(strip=True) == "At the meeting"
