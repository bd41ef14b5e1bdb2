"""The translation workflow for interface strings, in one script.

python scripts/translations.py extract   # write the templates (.pot) from the code and templates
python scripts/translations.py update    # merge each template into every language's catalogue (.po)
python scripts/translations.py compile   # build the .mo files (they are built, never committed)
python scripts/translations.py check     # fail if a template is stale, or a language misses a string

Two catalogues. ``messages``: what families see, in every language of content/languages.toml (babel.cfg keeps
the staff area out of it). ``staff``: the staff area's own strings (familyguide/staff/), in the staff area's
languages (STAFF_LANGUAGES: Welsh, for councils in Wales), less any string the family catalogue already has,
so that a string is translated in one place; the app loads both (i18n.py).
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
STAFF_TEMPLATE = ROOT / "translations" / "staff.pot"
# The staff area's languages besides English (familyguide.i18n.STAFF_LANGUAGES says the same to the app).
STAFF_LANGUAGES = ["cy"]
STAFF_FOLDER = ROOT / "familyguide" / "staff"
STAFF_METHODS = [("**.py", "python"), ("**.html", "jinja2")]
# Outside the staff folder, a string for staff is marked with this name (po_files.py: a translator's problems).
STAFF_KEYWORD = "staff_gettext"
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


def po_path(code, domain="messages"):
    return ROOT / "translations" / code / "LC_MESSAGES" / f"{domain}.po"


def _extracted(folder, method_map, options_map, prefix="", keywords=KEYWORDS, into=None):
    """The strings marked with ``keywords`` in ``folder``, added to ``into`` (a new catalog when None)."""
    catalog = into if into is not None else Catalog(project="familyguide", charset="utf-8")
    for filename, lineno, message, comments, context in extract_from_dir(
        str(folder), method_map, options_map, keywords=keywords, comment_tags=("Translators:",), strip_comment_tags=True
    ):
        catalog.add(message, None, [(prefix + filename, lineno)], auto_comments=comments, context=context)
    return catalog


def extract():
    """A fresh catalog of every string marked for translation that families see."""
    with open(ROOT / "babel.cfg") as f:
        method_map, options_map = parse_mapping_cfg(f)
    return _extracted(ROOT, method_map, options_map)


def extract_staff(family):
    """A fresh catalog of the staff area's strings (familyguide/staff/, and ``staff_gettext`` anywhere in the
    app's code) that the family catalog (``family``) does not have."""
    catalog = _extracted(STAFF_FOLDER, STAFF_METHODS, {}, prefix="familyguide/staff/")
    outside = [("staff/**", "ignore"), ("**.py", "python")]
    _extracted(ROOT / "familyguide", outside, {}, "familyguide/", keywords={STAFF_KEYWORD: None}, into=catalog)
    family_ids = _ids(family)
    for message in list(catalog):
        if message.id and _key(message) in family_ids:
            catalog.delete(message.id, context=message.context)
    return catalog


def domains():
    """(domain, its template, a fresh catalog of its strings, its languages) for each catalogue."""
    family = extract()
    return [
        ("messages", TEMPLATE, family, languages()),
        ("staff", STAFF_TEMPLATE, extract_staff(family), STAFF_LANGUAGES),
    ]


def _key(message):
    return (message.id if isinstance(message.id, str) else tuple(message.id), message.context)


def _ids(catalog):
    return {_key(m) for m in catalog if m.id}


def write_template(catalog, path=TEMPLATE):
    buffer = io.BytesIO()
    write_po(buffer, catalog, omit_header=False, sort_output=True, include_lineno=False, width=100)
    path.write_bytes(buffer.getvalue())


def read(path, locale=None):
    with open(path, "rb") as f:
        return read_po(f, locale=locale)


def update():
    for domain, template_path, _fresh, codes in domains():
        _update(domain, read(template_path), codes)


def _update(domain, template, codes):
    for code in codes:
        path = po_path(code, domain)
        catalog = read(path, locale=code) if path.exists() else Catalog(locale=code, charset="utf-8")
        catalog.update(template, no_fuzzy_matching=True, update_header_comment=False)
        catalog.fuzzy = False  # the header is ours, not a guess
        catalog.mime_headers = [("Plural-Forms", plural_forms(code))]
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "wb") as f:
            write_po(f, catalog, sort_output=True, include_lineno=False, width=100, ignore_obsolete=True)
        print(f"updated {path.relative_to(ROOT)}")


def compile_all():
    for domain, code in [("messages", code) for code in languages()] + [("staff", code) for code in STAFF_LANGUAGES]:
        path = po_path(code, domain)
        if path.exists():
            with open(path.with_suffix(".mo"), "wb") as f:
                write_mo(f, read(path, locale=code), use_fuzzy=False)


def untranslated(message):
    strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
    return message.fuzzy or not all(strings)


def check():
    problems = []
    for domain, template_path, catalog, codes in domains():
        fresh = _ids(catalog)
        if not template_path.exists() or _ids(read(template_path)) != fresh:
            problems.append(
                f"translations/{template_path.name} is out of date: run `python scripts/translations.py extract`."
            )
        for code in codes:
            path = po_path(code, domain)
            if not path.exists():
                problems.append(f"{code}: no {domain}.po")
                continue
            translated = read(path, locale=code)
            missing = fresh - _ids(translated)
            gaps = [m.id for m in translated if m.id and untranslated(m)]
            if missing:
                problems.append(f"{code}: {len(missing)} string(s) not in {domain}.po: run `... update`.")
            for msgid in gaps:
                problems.append(f"{code} ({domain}): untranslated or fuzzy: {msgid!r}")
    for problem in problems:
        print(problem)
    print("Translations: OK" if not problems else f"Translations: {len(problems)} problem(s).")
    return 1 if problems else 0


def main(argv):
    command = argv[1] if len(argv) > 1 else "check"
    if command == "extract":
        for _domain, template_path, catalog, _codes in domains():
            write_template(catalog, template_path)
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
