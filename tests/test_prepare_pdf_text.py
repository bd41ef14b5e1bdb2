"""familyguide/pdf/actual_text.py: shaped text reads back as written, and the page looks exactly the same."""

import re
import unicodedata

import pymupdf
import pytest
from weasyprint.draw import text as weasyprint_text

from familyguide import pdf
from familyguide.pdf.actual_text import Glyph, Planned, SpanWriter, graphemes, plan_run, read_by_mupdf

SAMPLES = {
    "en": "My children are happy — “office” fine",
    "ar": "أطفالي سعداء في المدرسة",
    "ur": "میرے بچے خوش ہیں",
    "bn": "ভালো আমার বাচ্চারা খুশি কৌশল",
    "pa": "ਮੇਰੇ ਬੱਚੇ ਖੁਸ਼ ਹਨ",
    "gu": "મારા બાળકો ખુશ છે",
}


def render(samples):
    html = "".join(
        f'<p lang="{lang}" dir="{"rtl" if lang in ("ar", "ur") else "ltr"}">{text}</p>'
        for lang, text in samples.items()
    )
    return pdf.html_to_pdf(html)


def extracted(data):
    with pymupdf.open(stream=data, filetype="pdf") as document:
        return unicodedata.normalize("NFC", "".join(page.get_text() for page in document))


@pytest.fixture
def without_actual_text(monkeypatch):
    monkeypatch.setattr(weasyprint_text, "draw_first_line", weasyprint_text.draw_first_line.__wrapped__)


def test_shaped_text_reads_back_exactly():
    text = extracted(render(SAMPLES))
    for lang, sample in SAMPLES.items():
        assert sample in text, lang


# A reph (র্ or ર્ before a consonant) is drawn after the consonant; conjuncts, half forms and a joiner.
SHAPED_WORDS = {
    "bn": "মার্চ কর্মী ধর্ম সূর্য পূর্ণ কর্কা শিক্ষা ভালোবাসা কক্\u200dক",
    "gu": "ધર્મ કર્મ ભાર્ગવ માર્ચ",
    "pa": "ਕ੍ਕਿਕ ਪ੍ਰੇਮ ਧਰਮ ਸ਼ੁਰੂ",
}


def test_conjuncts_and_a_reph_read_back_exactly_with_their_words_whole():
    text = extracted(render(SHAPED_WORDS))
    for lang, words in SHAPED_WORDS.items():
        assert words in text, lang


def test_a_half_form_drawn_again_without_its_joiner_gives_no_letter_twice():
    # Gujarati ક્ + ZWJ draws a half form; ક્ before ખ draws the same glyph. Had the glyph kept the joiner it
    # was first drawn with, a span over the three glyphs read back as ક્‍ક્ખખ (and the Bengali word as
    # ...কোকো). A reader may leave out the joiner, which shows nothing.
    for word in ("ક્\u200dક્ખ", "કકક્\u200dક્ખ", "ક્કક્\u200dક્ક઼", "ক্\u200dখ্ক্ক্কো"):
        read = extracted(render({"gu": word})).strip()
        assert read.replace("\u200d", "") == unicodedata.normalize("NFC", word).replace("\u200d", ""), word


def test_marks_the_font_draws_as_glyphs_of_their_own_read_back_once_each():
    # HarfBuzz draws "a" + grave + ogonek (marks out of their canonical order, as text pasted from elsewhere
    # may have them) as the glyph of ą and a grave glyph the font has no character for. That glyph once took
    # the cluster's first letter, "a": the span over the cluster then read back with the ogonek twice.
    for word in ("a\u0328a\u0300\u0328", "A\u0328A\u0300\u0328", "a\u0328a\u0300\u0301\u0328"):
        read = extracted(render({"en": word})).strip()
        assert unicodedata.normalize("NFD", read) == unicodedata.normalize("NFD", word), ascii(read)


def test_a_letter_drawn_as_two_glyphs_reads_back_once():
    # Noto Sans Bengali draws the ম of ল্ম্ক as two glyphs, and each took the text ম: the span over the
    # word read back as ল্ম্ক্ক.
    for word in ("ল্ম্ক", "ক্কল্ম্ক"):
        assert extracted(render({"bn": word})).strip() == word


def test_a_character_no_font_has_reads_back_with_the_marks_before_it():
    # No font has U+1C24 (Lepcha) or U+1360 (Ethiopic): WeasyPrint draws a stand-in glyph that reads as the
    # character. Taken for a glyph with no text, it made the span leave out "0" and MuPDF lost the grave.
    # After U+0346, drawn from another font, the grave begins a run of its own: its span must hold it.
    for word in ("0\u0300\u1c24", "0\\\u01f9\u0300\u1c24\u1360", "0\u0346\u0300\u1c24"):
        read = extracted(render({"en": word})).strip()
        assert unicodedata.normalize("NFD", read) == unicodedata.normalize("NFD", word), ascii(read)


@pytest.mark.xfail(
    strict=True,
    reason="MuPDF drops a letter that repeats the one just read at the same place (it takes it for text drawn "
    "twice to look bold): the second ম of ধর্মম, after the reph's span gives its last letter. Rare in real "
    "words; no layout of the spans was found that avoids it. Strict: this fails the day it reads back.",
)
def test_a_consonant_repeated_right_after_a_reph_reads_back():
    assert "ধর্মম" in extracted(render({"bn": "ধর্মম"}))


def test_a_replacement_character_typed_is_mapped_to_itself_in_the_pdf():
    # Text copied from a page with a broken encoding carries U+FFFD (�). The PDF draws it and its font's map from
    # glyphs to text (ToUnicode) gives U+FFFD back, so a reader that follows the map reads what was typed.
    data = render({"en": "a\ufffdb"})
    maps = []
    with pymupdf.open(stream=data, filetype="pdf") as document:
        for xref in range(1, document.xref_length()):
            kind, value = document.xref_get_key(xref, "ToUnicode")
            if kind == "xref":
                maps.append(document.xref_stream(int(value.split()[0])).decode("latin-1"))
    assert any(re.search(r"<[0-9a-f]{4}> <fffd>", cmap, re.IGNORECASE) for cmap in maps)


@pytest.mark.xfail(
    strict=True,
    reason="MuPDF takes a glyph whose text is U+FFFD for a glyph with no text, and gives back the glyph's number as "
    "a character instead (ȹ for glyph 0x239). The PDF's map is right (the test above). Strict: this fails the day "
    "MuPDF reads it back.",
)
def test_a_replacement_character_reads_back_in_mupdf():
    assert "a\ufffdb" in extracted(render({"en": "a\ufffdb"}))


def test_the_reph_s_span_does_not_end_on_the_consonant_that_ends_its_text():
    to_unicode = {}
    # "মার্চ" in Noto Sans Bengali: ম, া, then চ and the reph glyph drawn after it, one cluster.
    glyphs = [Glyph(49, 0, 10027), Glyph(59, 3, 4358), Glyph(30, 6, 8815), Glyph(132, 6, 0)]
    nominal = {49: "ম", 59: "া", 30: "চ"}
    planned = plan_run(glyphs, "মার্চ".encode(), to_unicode, nominal)
    assert [p.span for p in planned[:2]] == [None, None]
    assert planned[2].span == planned[3].span and planned[2].text == "র্চ"
    # Why: a reader given the span over চ alone loses the র্; over চ and the reph, it reads it all.
    assert read_by_mupdf(["চ"], "র্চ") == "চ"
    assert read_by_mupdf(["চ", "র"], "র্চ") == "র্চ"


def test_without_the_spans_urdu_arabic_and_bengali_read_back_wrong(without_actual_text):
    text = extracted(render(SAMPLES))
    assert SAMPLES["en"] in text
    assert SAMPLES["ar"] not in text and SAMPLES["bn"] not in text


def pixels(data):
    with pymupdf.open(stream=data, filetype="pdf") as document:
        return [page.get_pixmap(dpi=72).samples for page in document]


def test_the_spans_change_no_pixel(monkeypatch):
    with_spans = pixels(render(SAMPLES))
    monkeypatch.setattr(weasyprint_text, "draw_first_line", weasyprint_text.draw_first_line.__wrapped__)
    assert pixels(render(SAMPLES)) == with_spans


def test_a_vowel_sign_and_a_conjunct_join_their_consonant():
    lo = "লো".encode()
    assert graphemes(lo, [0, 3]) == {0: (0, "লো"), 3: (0, "লো")}
    conjunct = "চ্চা".encode()
    assert set(graphemes(conjunct, [0, 6, 9]).values()) == {(0, "চ্চা")}
    arabic = "في".encode()
    assert graphemes(arabic, [0, 2]) == {0: (0, "ف"), 2: (2, "ي")}


def test_a_letter_drawn_from_a_shared_base_and_dot_gets_its_text():
    to_unicode = {}
    # "ف" in Noto Sans Arabic: a dot (no width, drawn first in right-to-left order) and a dotless base.
    planned = plan_run([Glyph(280, 0, 0), Glyph(50, 0, 9000)], "ف".encode(), to_unicode, {}, rtl=True)
    assert planned[0].span != planned[1].span
    assert planned[0].text == "" and planned[1].text == "ف"
    assert to_unicode == {280: "ف", 50: "ف"}


def test_glyphs_that_spell_their_text_get_no_span():
    to_unicode = {}
    glyphs = [Glyph(10, 0, 500), Glyph(11, 1, 500), Glyph(12, 2, 500)]
    planned = plan_run(glyphs, b"Hi!", to_unicode, {})
    assert [p.span for p in planned] == [None, None, None]
    assert to_unicode == {10: "H", 11: "i", 12: "!"}


def test_a_vowel_sign_drawn_before_its_consonant_is_wrapped():
    to_unicode = {}
    # "শি": the i-sign is drawn first; both glyphs are one Pango cluster.
    planned = plan_run([Glyph(353, 0, 4000), Glyph(53, 0, 11000)], "শি".encode(), to_unicode, {353: "ি", 53: "শ"})
    assert planned[0].span == planned[1].span and planned[0].text == "শি"
    assert to_unicode == {353: "ি", 53: "শ"}


class FakeStream:
    def __init__(self):
        self.stream = []

    def show_text(self, text):
        self.stream.append(f"[{text}] TJ".encode())


def test_the_writer_puts_spans_around_the_planned_glyphs():
    stream = FakeStream()
    writer = SpanWriter(stream, [Planned(1), Planned(2, ("u",), "ف"), Planned(3)])
    writer.show_text("<0001>0<>12.5<0002>-3<0003>")
    writer.close()
    assert stream.stream == [
        b"[<0001> 0 12.5] TJ",
        b"/Span <</ActualText <FEFF0641>>> BDC",
        b"[<0002> -3] TJ",
        b"EMC",
        b"[<0003>] TJ",
    ]


def test_the_writer_passes_text_through_when_it_does_not_match_the_plan():
    stream = FakeStream()
    writer = SpanWriter(stream, [Planned(1), Planned(2, ("u",), "x")])
    writer.show_text("<0001>0<0009>0")
    writer.show_text("<0002>")
    assert stream.stream == [b"[<0001> 0 <0009> 0] TJ", b"[<0002>] TJ"]  # unchanged, give or take spaces
