"""The one PDF seam for the whole app: ``render_pdf(template, stylesheet=..., images=..., **context) -> bytes``.

WeasyPrint renders an HTML template to a tagged PDF (PDF/UA-1) with fonts embedded from PyPI packages:
Atkinson Hyperlegible for Latin text, Noto for Arabic script, Bengali, Gurmukhi and Gujarati. The
static font instances are built once by scripts/build_fonts.py. The font configuration and each
document's stylesheet (a file in ``styles/``) are parsed once per process, not once per PDF. Images
made for one PDF (a child's drawing, a picture) are handed over as bytes and named ``image:<name>`` in
the template, so they are never copied into the HTML as long base64 text. Nothing is ever fetched
from the network.
"""

import atexit
import gc
import logging
import unicodedata
from functools import cache
from pathlib import Path
from typing import Any

import fontpkg_atkinson_hyperlegible
from flask import render_template
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from . import actual_text

NOTO = Path(__file__).parent / "fonts"
STYLES = Path(__file__).parent / "styles"
IMAGE_SCHEME = "image:"
IMAGE_TYPES = {".jpg": "image/jpeg", ".png": "image/png", ".svg": "image/svg+xml"}
ATKINSON = Path(fontpkg_atkinson_hyperlegible.__file__).parent / "files"
FACES = [
    (
        "Atkinson Hyperlegible",
        ATKINSON / "AtkinsonHyperlegible-Regular.ttf",
        ATKINSON / "AtkinsonHyperlegible-Bold.ttf",
    ),
    *[
        (name, NOTO / f"{stem}-Regular.ttf", NOTO / f"{stem}-Bold.ttf")
        for name, stem in (
            ("Noto Sans", "NotoSans"),
            ("Noto Sans Arabic", "NotoSansArabic"),
            ("Noto Sans Bengali", "NotoSansBengali"),
            ("Noto Sans Gurmukhi", "NotoSansGurmukhi"),
            ("Noto Sans Gujarati", "NotoSansGujarati"),
        )
    ],
]
FONT_STACK = ", ".join(f'"{name}"' for name, _, _ in FACES)
ALLOWED_FOLDERS = (NOTO, ATKINSON)

log = logging.getLogger(__name__)


class _NoFamilyCharacters(logging.Filter):
    """WeasyPrint's warning about a character no font has quotes the character: a family's words never go in
    a log, so the warning is reworded without it."""

    def filter(self, record):
        if str(record.msg).startswith(".notdef glyph rendered"):
            record.msg, record.args = "A character that no font has was drawn as a box in a PDF.", ()
        return True


logging.getLogger("weasyprint").addFilter(_NoFamilyCharacters())

# Shaped text (Arabic, Urdu, Bengali, ...) must read back as written: see actual_text.py.
actual_text.install()


class PdfFontsMissing(RuntimeError):
    """The static font instances have not been built (run `make setup`)."""


def _font_faces():
    rules = []
    for name, regular, bold in FACES:
        for path, weight in ((regular, 400), (bold, 700)):
            if not path.exists():
                raise PdfFontsMissing(f"{path} is missing: run `make setup` (scripts/build_fonts.py).")
            rules.append(f'@font-face {{ font-family: "{name}"; src: url("{path.as_uri()}"); font-weight: {weight}; }}')
    rules.append(f"html {{ font-family: {FONT_STACK}; }}")
    return "\n".join(rules)


class LocalOnlyFetcher(URLFetcher):
    """Fonts from our own folders, and the images handed to this one PDF; anything else (the network above
    all) is refused."""

    def __init__(self, images=None):
        super().__init__(allowed_protocols=("file",), allow_redirects=False)
        self.images = images or {}

    def fetch(self, url, headers=None):
        if url.startswith(IMAGE_SCHEME):
            name = url.removeprefix(IMAGE_SCHEME)
            if name not in self.images:
                raise ValueError(f"no image called {name!r} was given to this PDF")
            kind = IMAGE_TYPES[Path(name).suffix]
            return URLFetcherResponse(url, body=self.images[name], headers={"Content-Type": kind})
        if url.startswith("file:"):
            path = Path(url.removeprefix("file://").split("?")[0]).resolve()
            if not any(path.is_relative_to(folder.resolve()) for folder in ALLOWED_FOLDERS):
                raise ValueError("PDFs may only use the app's own fonts")
        return super().fetch(url, headers)


@cache
def _fonts():
    font_config = FontConfiguration()
    return font_config, CSS(string=_font_faces(), font_config=font_config, url_fetcher=LocalOnlyFetcher())


@cache
def _stylesheet(name):
    font_config, _ = _fonts()
    return CSS(filename=str(STYLES / name), font_config=font_config, url_fetcher=LocalOnlyFetcher())


@atexit.register
def _let_the_fonts_go():
    """Free the kept fonts while Pango still stands. Left to the interpreter's very last collection, their
    finalisers ran after Pango's state was gone and the process ended with a segmentation fault: a gunicorn
    worker that had built a PDF was logged as "sent SIGSEGV" at every restart."""
    _stylesheet.cache_clear()
    _fonts.cache_clear()
    gc.collect()


def text_direction(text: str | None) -> str:
    """ "rtl" when the first strong character is right-to-left (Arabic, Urdu, ...), else "ltr": WeasyPrint
    does not support dir="auto", so a family's words get their direction from this. As in the Unicode
    bidirectional algorithm (rule P2), what sits inside an isolate (U+2066 to U+2069) does not count."""
    depth = 0
    for character in text or "":
        kind = unicodedata.bidirectional(character)
        if kind in ("LRI", "RLI", "FSI"):
            depth += 1
        elif kind == "PDI":
            depth = max(depth - 1, 0)
        elif depth == 0 and kind in ("R", "AL"):
            return "rtl"
        elif depth == 0 and kind == "L":
            return "ltr"
    return "ltr"


def isolate(text: str) -> str:
    """``text`` set apart from the sentence around it (a first-strong isolate, U+2068 ... U+2069), so that a
    name in another script keeps its own order inside a translated sentence: WeasyPrint has no <bdi>."""
    return f"\u2068{text}\u2069"


def html_to_pdf(html: str, stylesheet: str | None = None, images: dict[str, bytes] | None = None) -> bytes:
    """A tagged PDF of ``html``, with the app's fonts, the stylesheet ``styles/<stylesheet>`` if named, and
    ``images`` (name -> bytes) for its ``image:<name>`` sources."""
    try:
        return _write_pdf(html, stylesheet, images)
    except Exception as error:
        if not actual_text.took_part(error):
            raise
        # The error's text could quote the family's words: only its kind goes in the log.
        log.warning("The /ActualText layer failed (%s): the PDF is built without it.", type(error).__name__)
    with actual_text.without_the_layer():
        return _write_pdf(html, stylesheet, images)


def _write_pdf(html: str, stylesheet: str | None, images: dict[str, bytes] | None) -> bytes:
    font_config, fonts_css = _fonts()
    stylesheets = [fonts_css, _stylesheet(stylesheet)] if stylesheet else [fonts_css]
    document = HTML(string=html, url_fetcher=LocalOnlyFetcher(images), base_url=str(NOTO))
    return document.write_pdf(
        stylesheets=stylesheets,
        font_config=font_config,
        pdf_variant="pdf/ua-1",
        pdf_identifier=False,
        uncompressed_pdf=False,
    )


def render_pdf(template_name: str, *, stylesheet: str, images: dict[str, bytes] | None = None, **context: Any) -> bytes:
    """Render ``template_name`` (an HTML template) with ``context`` into a tagged PDF.

    ``stylesheet`` names the document's CSS file in ``styles/``; ``images`` maps names such as
    ``drawing-3.jpg`` to bytes, which the template shows with ``<img src="image:drawing-3.jpg">``.
    """
    return html_to_pdf(render_template(template_name, **context), stylesheet, images)
