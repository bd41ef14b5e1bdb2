"""The one PDF seam for the whole app: ``render_pdf(template, **context) -> bytes``.

WeasyPrint renders an HTML template to a tagged PDF (PDF/UA-1) with fonts embedded from PyPI packages:
Atkinson Hyperlegible for Latin text, Noto for Arabic script, Bengali, Gurmukhi and Gujarati. The
static font instances are built once by scripts/build_fonts.py; the stylesheet and font configuration
are built once per process. Nothing is ever fetched from the network.
"""

from functools import cache
from pathlib import Path

import fontpkg_atkinson_hyperlegible
from flask import render_template
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from . import actual_text

NOTO = Path(__file__).parent / "fonts"
ATKINSON = Path(fontpkg_atkinson_hyperlegible.__file__).parent / "files"
FACES = [
    ("Atkinson Hyperlegible", ATKINSON / "AtkinsonHyperlegible-Regular.ttf",
     ATKINSON / "AtkinsonHyperlegible-Bold.ttf"),
    *[
        (name, NOTO / f"{stem}-Regular.ttf", NOTO / f"{stem}-Bold.ttf")
        for name, stem in (("Noto Sans", "NotoSans"), ("Noto Sans Arabic", "NotoSansArabic"),
                           ("Noto Sans Bengali", "NotoSansBengali"), ("Noto Sans Gurmukhi", "NotoSansGurmukhi"),
                           ("Noto Sans Gujarati", "NotoSansGujarati"))
    ],
]
FONT_STACK = ", ".join(f'"{name}"' for name, _, _ in FACES)
ALLOWED_FOLDERS = (NOTO, ATKINSON)

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
    """Fonts from our own folders and data: images; anything else (the network above all) is refused."""

    def __init__(self):
        super().__init__(allowed_protocols=("file", "data"), allow_redirects=False)

    def fetch(self, url, headers=None):
        if url.startswith("file:"):
            path = Path(url.removeprefix("file://").split("?")[0]).resolve()
            if not any(path.is_relative_to(folder.resolve()) for folder in ALLOWED_FOLDERS):
                raise ValueError("PDFs may only use the app's own fonts")
        return super().fetch(url, headers)


@cache
def _base():
    font_config = FontConfiguration()
    return font_config, CSS(string=_font_faces(), font_config=font_config, url_fetcher=LocalOnlyFetcher())


def render_pdf(template_name, **context):
    """Render ``template_name`` (an HTML template) with ``context`` into a tagged A4 PDF."""
    font_config, base_css = _base()
    html = render_template(template_name, **context)
    document = HTML(string=html, url_fetcher=LocalOnlyFetcher(), base_url=str(NOTO))
    return document.write_pdf(stylesheets=[base_css], font_config=font_config, pdf_variant="pdf/ua-1",
                              pdf_identifier=False, uncompressed_pdf=False)
