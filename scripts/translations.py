"""The translation workflow for interface strings, in one script.

python scripts/translations.py extract   # write translations/messages.pot from the code and templates
python scripts/translations.py update    # merge the template into every language's messages.po
python scripts/translations.py compile   # build the .mo files (they are built, never committed)
python scripts/translations.py check     # fail if the template is stale, or a language misses a string
"""

import io
import sys
import tomllib
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "translations" / "messages.pot"
KEYWORDS = {
    "_": None,
    "gettext": None,
    "ngettext": (1, 2),
    "lazy_gettext": None,
    "_l": None,
    "lazy_ngettext": (1, 2),
    "worker_": None,
}


def languages():
    with open(ROOT / "content" / "languages.toml", "rb") as f:
        return [code for code in tomllib.load(f) if code != "en"]


def plural_forms(code):
    """The Plural-Forms header for a language, from Babel's (CLDR's) plural rule for it."""
    return get_plural(code).plural_forms


def po_path(code):
    return ROOT / "translations" / code / "LC_MESSAGES" / "messages.po"


def extract():
    """A fresh catalog of every string marked for translation."""
    with open(ROOT / "babel.cfg") as f:
        method_map, options_map = parse_mapping_cfg(f)
    catalog = Catalog(project="familyguide", charset="utf-8")
    for filename, lineno, message, comments, context in extract_from_dir(
        str(ROOT), method_map, options_map, keywords=KEYWORDS, comment_tags=("Translators:",), strip_comment_tags=True
    ):
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return catalog


def _ids(catalog):
    return {(m.id if isinstance(m.id, str) else tuple(m.id), m.context) for m in catalog if m.id}


def write_template(catalog):
    buffer = io.BytesIO()
    write_po(buffer, catalog, omit_header=False, sort_output=True, include_lineno=False, width=100)
    TEMPLATE.write_bytes(buffer.getvalue())


def read(path, locale=None):
    with open(path, "rb") as f:
        return read_po(f, locale=locale)


def update():
    template = read(TEMPLATE)
    for code in languages():
        path = po_path(code)
        catalog = read(path, locale=code) if path.exists() else Catalog(locale=code, charset="utf-8")
        catalog.update(template, no_fuzzy_matching=True, update_header_comment=False)
        catalog.fuzzy = False  # the header is ours, not a guess
        catalog.mime_headers = [("Plural-Forms", plural_forms(code))]
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "wb") as f:
            write_po(f, catalog, sort_output=True, include_lineno=False, width=100, ignore_obsolete=True)
        print(f"updated {path.relative_to(ROOT)}")


def compile_all():
    for code in languages():
        path = po_path(code)
        if path.exists():
            with open(path.with_suffix(".mo"), "wb") as f:
                write_mo(f, read(path, locale=code), use_fuzzy=False)


def untranslated(message):
    strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
    return message.fuzzy or not all(strings)


def check():
    problems = []
    fresh = _ids(extract())
    if not TEMPLATE.exists() or _ids(read(TEMPLATE)) != fresh:
        problems.append("translations/messages.pot is out of date: run `python scripts/translations.py extract`.")
    for code in languages():
        path = po_path(code)
        if not path.exists():
            problems.append(f"{code}: no messages.po")
            continue
        catalog = read(path, locale=code)
        missing = fresh - _ids(catalog)
        gaps = [m.id for m in catalog if m.id and untranslated(m)]
        if missing:
            problems.append(f"{code}: {len(missing)} string(s) not in messages.po: run `... update`.")
        for msgid in gaps:
            problems.append(f"{code}: untranslated or fuzzy: {msgid!r}")
    for problem in problems:
        print(problem)
    print("Translations: OK" if not problems else f"Translations: {len(problems)} problem(s).")
    return 1 if problems else 0


def main(argv):
    command = argv[1] if len(argv) > 1 else "check"
    if command == "extract":
        write_template(extract())
    elif command == "update":
        update()
    elif command == "compile":
        compile_all()
    elif command == "check":
        return check()
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
