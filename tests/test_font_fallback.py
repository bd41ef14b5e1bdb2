"""The fallback face each web font gets (scripts/build_fonts.py): a local font, measured with fontTools, scaled
so the language's text takes the width it takes in the web font and given the web font's ascent and descent, so
the page does not move when the web font arrives (the browser test is tests/e2e/test_font_swap_browser.py)."""

import importlib.util
import re
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from .support.pages import asset_path, fetch_bytes
from .test_languages import FONT_LANGUAGES

ROOT = Path(__file__).resolve().parents[1]
WEB_FONTS = ROOT / "familyguide" / "static" / "fonts"
PDF_FONTS = ROOT / "familyguide" / "pdf" / "fonts"
ARABIC_TEXT = "نريد أن نسمع رأيك في الاجتماع، وما يهمّك؟ Example Council 2026"


@pytest.fixture(scope="module")
def build_fonts():
    spec = importlib.util.spec_from_file_location("build_fonts", ROOT / "scripts" / "build_fonts.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def descriptors(face):
    found = dict(re.findall(r"([a-z-]+):([^;}]+)", face))
    found["unicode-range"] = [int(point, 16) for point in re.findall(r"U\+([0-9A-F]+)", found["unicode-range"])]
    return found


def percent(value):
    return float(value.rstrip("%")) / 100


def width(font, text, scale=1.0):
    cmap, metrics, upm = font.getBestCmap(), font["hmtx"].metrics, font["head"].unitsPerEm
    return scale * sum(metrics[cmap[ord(ch)]][0] / upm for ch in text)


def test_a_local_copy_of_the_same_font_stands_in_at_its_own_size_and_metrics(build_fonts):
    web = TTFont(WEB_FONTS / "ar.woff2")
    face = build_fonts.fallback_face(
        web, ARABIC_TEXT, "x-fallback", [("Noto Sans Arabic", TTFont(PDF_FONTS / "NotoSansArabic-Regular.ttf"))]
    )
    found = descriptors(face)
    assert found["src"] == 'local("Noto Sans Arabic")'
    assert found["size-adjust"] == "100.00%"
    upm = web["head"].unitsPerEm
    assert percent(found["ascent-override"]) == pytest.approx(web["hhea"].ascent / upm, abs=1e-4)
    assert percent(found["descent-override"]) == pytest.approx(-web["hhea"].descent / upm, abs=1e-4)
    # The Arabic letters only: Latin text keeps the page's own fonts, as it does once the web font is there.
    assert {chr(point) for point in found["unicode-range"]} == {" "} | {ch for ch in ARABIC_TEXT if ord(ch) > 0x24F}


def test_a_wider_local_font_is_scaled_so_the_text_takes_the_web_fonts_width(build_fonts):
    web = TTFont(WEB_FONTS / "ar.woff2")
    bold = TTFont(PDF_FONTS / "NotoSansArabic-Bold.ttf")  # the same letters, each wider
    found = descriptors(build_fonts.fallback_face(web, ARABIC_TEXT, "x-fallback", [("Bold", bold)]))
    scale = percent(found["size-adjust"])
    assert scale < 0.95
    letters = "".join(ch for ch in ARABIC_TEXT if ord(ch) > 0x24F or ch == " ")
    assert width(bold, letters, scale) == pytest.approx(width(web, letters), rel=1e-3)
    # The browser scales the overrides by size-adjust too: after it, they are the web font's own.
    upm = web["head"].unitsPerEm
    assert percent(found["ascent-override"]) * scale == pytest.approx(web["hhea"].ascent / upm, abs=1e-3)


def test_a_local_font_without_the_languages_letters_sets_the_lines_and_scales_its_missing_glyph_boxes(build_fonts):
    web = TTFont(WEB_FONTS / "bn.woff2")
    arabic = TTFont(PDF_FONTS / "NotoSansArabic-Regular.ttf")  # no Bengali: each letter is its box
    text = "আমার বাচ্চারা খুশি"
    found = descriptors(build_fonts.fallback_face(web, text, "x-fallback", [("Noto Sans Arabic", arabic)]))
    assert found["unicode-range"] == [0x20]  # the space only: the first available font, with the web font's lines
    box = arabic["hmtx"].metrics[".notdef"][0] / arabic["head"].unitsPerEm
    letters = text.replace(" ", "")
    boxes_and_spaces = box * len(letters) + width(arabic, "  ")
    assert percent(found["size-adjust"]) * boxes_and_spaces == pytest.approx(width(web, text), rel=1e-3)
    assert build_fonts.fallback_face(web, text, "x-fallback", []) is None


@pytest.mark.parametrize("language", FONT_LANGUAGES, ids=lambda language: language.code)
def test_a_fallback_face_that_was_built_comes_right_after_the_web_font(app, client, language):
    css = fetch_bytes(client, asset_path(app, f"fonts/{language.code}.css")).decode()
    family = f"familyguide-{language.code}"
    stack = re.search(r'\[lang\|="[a-z]+"\]\{font-family:([^}]+)\}', css).group(1)
    faces = re.findall(r"@font-face\{[^}]+\}", css)
    if f'"{family}-fallback"' not in css:
        assert stack.startswith(f'"{family}",system-ui') and len(faces) == 1
        return
    assert stack.startswith(f'"{family}","{family}-fallback",system-ui')
    found = descriptors(next(face for face in faces if f'"{family}-fallback"' in face))
    assert 0.5 < percent(found["size-adjust"]) < 2 and found["src"].startswith("local(")
    assert found["unicode-range"][0] == 0x20 and min(found["unicode-range"][1:], default=0x250) > 0x24F
