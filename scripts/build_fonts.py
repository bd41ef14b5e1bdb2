"""Build the fonts the site serves and the PDFs embed, from PyPI font packages (never from the web).

- Web: for each language with a ``font`` in content/languages.toml, a WOFF2 subset holding only the
  characters that language's pages and strings use, at weight 400, plus a tiny stylesheet that declares it as
  weight 400 (not 100-900): the browser then draws headings bold by synthesis, with no second file to fetch.
- Web, every page: the language switcher names each language in its own script, so each such font also
  gives a tiny subset of just its language's name, in names.css with a unicode-range (a browser fetches
  one only when the device has no font of its own for that script).
- PDF: static (non-variable) regular and bold instances of each script's Noto font, made once here so
  no request ever builds a variable-font instance.

Outputs are built, not committed: familyguide/static/fonts/ and familyguide/pdf/fonts/.
"""

import sys
import tomllib
from pathlib import Path

import manimgx_fonts
from fontTools import subset
from fontTools.ttLib import TTFont
from fontTools.varLib import instancer

ROOT = Path(__file__).resolve().parent.parent
NOTO = Path(manimgx_fonts.__file__).parent
WEB_OUT = ROOT / "familyguide" / "static" / "fonts"
PDF_OUT = ROOT / "familyguide" / "pdf" / "fonts"
PDF_FAMILIES = ["NotoSans", "NotoSansArabic", "NotoSansBengali", "NotoSansGurmukhi", "NotoSansGujarati"]
LATIN_BASICS = "".join(chr(c) for c in range(0x20, 0x7F)) + "–—‘’“”…·•"


def static_instance(family, weight):
    font = TTFont(NOTO / f"{family}[wght].ttf")
    # Pin every axis: wght as asked, any other axis (wdth) at its default.
    limits = {axis.axisTag: axis.defaultValue for axis in font["fvar"].axes}
    limits["wght"] = weight
    return instancer.instantiateVariableFont(font, limits, updateFontNames=True)


def language_text(code):
    chunks = [LATIN_BASICS]
    for path in (ROOT / "content" / code).rglob("*"):
        if path.is_file():
            chunks.append(path.read_text(encoding="utf-8"))
    po = ROOT / "translations" / code / "LC_MESSAGES" / "messages.po"
    if po.exists():
        chunks.append(po.read_text(encoding="utf-8"))
    return "".join(chunks)


def build_web_font(code, language):
    target = WEB_OUT / f"{code}.woff2"
    font = static_instance(language["font"], 400)
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=language_text(code))
    subsetter.subset(font)
    font.flavor = "woff2"
    font.save(target)
    family = f"familyguide-{code}"
    (WEB_OUT / f"{code}.css").write_text(
        f'@font-face{{font-family:"{family}";src:url("{code}.woff2") format("woff2");'
        f"font-weight:400;font-display:swap}}\n"
        # Scoped to the language, so a page in another language can load it for one part (the worker's panel).
        f'[lang|="{code}"]{{font-family:"{family}",system-ui,"Noto Sans",Arial,sans-serif,'
        f'"familyguide-names"}}\n',
        encoding="utf-8",
    )
    return target


def _unicode_range(text):
    points = sorted({ord(ch) for ch in text if ord(ch) > 0x24F})
    return ",".join(f"U+{point:04X}" for point in points)


def build_name_fonts(languages):
    rules = []
    for code, language in languages.items():
        if not language.get("font"):
            continue
        font = static_instance(language["font"], 400)
        options = subset.Options()
        options.flavor = "woff2"
        options.layout_features = ["*"]
        subsetter = subset.Subsetter(options)
        subsetter.populate(text=language["name"])
        subsetter.subset(font)
        font.flavor = "woff2"
        font.save(WEB_OUT / f"names-{code}.woff2")
        rules.append(
            f'@font-face{{font-family:"familyguide-names";src:url("names-{code}.woff2") format("woff2");'
            f"unicode-range:{_unicode_range(language['name'])};font-display:swap}}"
        )
    (WEB_OUT / "names.css").write_text("\n".join(rules) + "\n", encoding="utf-8")


def build_pdf_fonts():
    PDF_OUT.mkdir(parents=True, exist_ok=True)
    for family in PDF_FAMILIES:
        for weight, style in ((400, "Regular"), (700, "Bold")):
            target = PDF_OUT / f"{family}-{style}.ttf"
            if not target.exists():
                static_instance(family, weight).save(target)


def main():
    with open(ROOT / "content" / "languages.toml", "rb") as f:
        languages = tomllib.load(f)
    WEB_OUT.mkdir(parents=True, exist_ok=True)
    for code, language in languages.items():
        if language.get("font"):
            build_web_font(code, language)
    build_name_fonts(languages)
    build_pdf_fonts()
    return 0


if __name__ == "__main__":
    sys.exit(main())
