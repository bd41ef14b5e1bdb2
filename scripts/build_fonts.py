"""Build the fonts the site serves and the PDFs embed, from PyPI font packages (never from the web).

- Web: for each language with a ``font`` in content/languages.toml, a WOFF2 subset holding only the
  characters that language's pages and strings use, at weight 400, plus a tiny stylesheet that declares it as
  weight 400 (not 100-900): the browser then draws headings bold by synthesis, with no second file to fetch.
- Web: until that font arrives the browser draws the language with a font of the device. So that the page does
  not move when it swaps in (layout shift), each such font gets a fallback face: a font a device may have,
  measured here with fontTools, scaled (size-adjust) so the language's text takes the width it takes in the web
  font, with the web font's ascent and descent (ascent-override, descent-override). See fallback_face().
- Web, every page: the language switcher names each language in its own script, so each such font also
  gives a tiny subset of just its language's name, in names.css with a unicode-range (a browser fetches
  one only when the device has no font of its own for that script).
- PDF: static (non-variable) regular and bold instances of each script's Noto font, made once here so
  no request ever builds a variable-font instance.

Outputs are built, not committed: familyguide/static/fonts/ and familyguide/pdf/fonts/.
"""

import collections
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
# Fonts a device may draw a language in before its web font arrives, by local() name, with the file that is
# measured when this machine has it (Debian's default sans-serif, the one the browser tests and Lighthouse
# fall back to). Without one here no fallback face is built: no metrics are ever typed in by hand.
FALLBACK_FONTS = [("DejaVu Sans", ("DejaVuSans.ttf",))]
SYSTEM_FONT_DIRS = [Path("/usr/share/fonts"), Path("/usr/local/share/fonts")]
LATIN_END = 0x24F  # the web fonts' own scripts start above Latin; Latin stays with the page's usual fonts
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


def build_web_font(code, language, candidates=()):
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
    fallback = fallback_face(font, language_text(code), f"{family}-fallback", candidates)
    stack = f'"{family}","{family}-fallback"' if fallback else f'"{family}"'
    (WEB_OUT / f"{code}.css").write_text(
        f'@font-face{{font-family:"{family}";src:url("{code}.woff2") format("woff2");'
        f"font-weight:400;font-display:swap}}\n"
        + (fallback or "")
        # Scoped to the language, so a page in another language can load it for one part (the worker's panel).
        + f'[lang|="{code}"]{{font-family:{stack},system-ui,"Noto Sans",Arial,sans-serif,"familyguide-names"}}\n',
        encoding="utf-8",
    )
    return target


def _system_font(file_names):
    for folder in SYSTEM_FONT_DIRS:
        for name in file_names:
            found = next(folder.rglob(name), None) if folder.is_dir() else None
            if found:
                return TTFont(found)
    return None


def _advance(font, ch):
    """The width of ``ch`` in ``font`` in ems (the width of the missing-glyph box when it has none)."""
    glyph = font.getBestCmap().get(ord(ch), ".notdef")
    return font["hmtx"].metrics[glyph][0] / font["head"].unitsPerEm


def local_fonts():
    """(local() name, TTFont) of each font of FALLBACK_FONTS this machine has, to measure."""
    found = ((name, _system_font(file_names)) for name, file_names in FALLBACK_FONTS)
    return [(name, font) for name, font in found if font is not None]


def fallback_face(web_font, text, family, candidates):
    """The @font-face of the first of ``candidates`` ((local() name, TTFont) pairs), scaled to stand in for
    ``web_font`` until it arrives; None when there is no candidate.

    It covers the space (so it is the text's first available font, whose ascent and descent place every line's
    text, with the page's fixed line heights) and the language's letters it has (Latin keeps the page's fonts,
    as it does once the web font is there). A letter it lacks is drawn as its missing-glyph box (a device with
    no font for the script has nothing else), so that box is what is measured for it.

    size-adjust: the web font's width of the language's text (each character as often as the language's pages
    and strings use it) over the local font's. ascent-override and descent-override: the web font's own
    (divided by size-adjust, which the browser applies to them too)."""
    for local_name, local in candidates:
        cmap = web_font.getBestCmap()
        counts = collections.Counter(ch for ch in text if ord(ch) > LATIN_END and ord(ch) in cmap)
        counts[" "] = text.count(" ")
        web_width = sum(n * _advance(web_font, ch) for ch, n in counts.items())
        local_width = sum(n * _advance(local, ch) for ch, n in counts.items())
        size_adjust = web_width / local_width
        upm = web_font["head"].unitsPerEm
        ascent, descent = web_font["hhea"].ascent / upm, -web_font["hhea"].descent / upm
        drawn = "".join(ch for ch in counts if ord(ch) in local.getBestCmap())
        return (
            f'@font-face{{font-family:"{family}";src:local("{local_name}");font-weight:400;'
            f"size-adjust:{size_adjust:.2%};ascent-override:{ascent / size_adjust:.2%};"
            f"descent-override:{descent / size_adjust:.2%};line-gap-override:0%;"
            f"unicode-range:{','.join(filter(None, ['U+0020', _unicode_range(drawn)]))}}}\n"
        )
    return None


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
    candidates = local_fonts()
    for code, language in languages.items():
        if language.get("font"):
            build_web_font(code, language, candidates)
    build_name_fonts(languages)
    build_pdf_fonts()
    return 0


if __name__ == "__main__":
    sys.exit(main())
