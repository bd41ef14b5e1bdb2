"""A language's interface strings as a PO file, for translators who work in their own tools (issue 13).

export() gives the language's messages.po as it is; import_() takes one back, checks it (the same strings of
this site, every one translated, the same placeholders kept, no HTML the English does not have, nothing marked
fuzzy) and only then writes it in
the form scripts/translations.py writes (so exporting and importing again changes nothing) and compiles the
.mo file the site reads. The site shows imported strings after its next restart.

Used by the staff area's download and upload (familyguide/staff/translation_views.py) and by
`flask content export-po` / `import-po`.

Its problems are for a translator on a staff page, so they are marked ``staff_gettext``: scripts/translations.py puts
them in the staff area's catalogue (English and Welsh), not in the families' (no translator of Polish is asked
to translate what a translator is told)."""

import io
import re
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po, write_po
from flask import current_app
from flask_babel import gettext as staff_gettext  # shown to translators on staff pages: the staff catalogue

# The same options as scripts/translations.py update: a file written here is byte for byte what it writes.
WRITE_OPTIONS = {"sort_output": True, "include_lineno": False, "width": 100, "ignore_obsolete": True}
# %(name)s and %s style placeholders (what gettext() in this site fills in), and {NAME} council settings.
PLACEHOLDER = re.compile(r"%\([^)]*\)[a-z]|%[a-z%]|\{[A-Za-z_:]+\}")
COUNT_PLACEHOLDERS = {"%(num)s", "%(count)s", "%(n)s"}
# The markup in a string, as a browser reads it. A tag: "<" and what opens a tag in HTML (a letter, "/", "!" or
# "?"), up to its ">"; with no ">" before the next "<" or the end, up to there (an unclosed tag would end inside the
# page's own HTML after the string, so it counts as a tag, one that no English string has). A character reference:
# "&" and a name or "#" and a number ("&lt;", "&#60", even the "&E" of "A&E": some decode without their ";").
# Any other "<" or ">" is a bare one.
MARKUP = re.compile(
    r"(?P<tag><[A-Za-z/!?][^<>]*>?)"
    r"|(?P<reference>&(?:#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);?)"
    r"|[<>]"
)
SHOWN_AT_MOST = 5


def path_of(lang):
    return Path(current_app.config["TRANSLATIONS_DIR"]) / lang / "LC_MESSAGES" / "messages.po"


def export(lang):
    return path_of(lang).read_bytes()


def _forms(value):
    if isinstance(value, tuple | list):
        return [v or "" for v in value]
    return [value or ""]


def _placeholders(text):
    return sorted(set(PLACEHOLDER.findall(text)) - {"%%"})


def _short(text, limit=60):
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _listed(problem, items):
    shown = "; ".join(f"“{_short(i)}”" for i in items[:SHOWN_AT_MOST])
    more = f" and {len(items) - SHOWN_AT_MOST} more" if len(items) > SHOWN_AT_MOST else ""
    return f"{problem} ({len(items)}): {shown}{more}."


def _key(message):
    return message.id if isinstance(message.id, str) else tuple(message.id)


def _text_of_id(message):
    return message.id if isinstance(message.id, str) else " | ".join(message.id)


def _placeholder_problem(message):
    """What is wrong with the placeholders of one translated message, or None."""
    wanted = set()
    for form in _forms(message.id):
        wanted |= set(_placeholders(form))
    plural = not isinstance(message.id, str)
    for form in _forms(message.string):
        found = set(_placeholders(form))
        # A plural form may write the number as a word ("one hour"), so it may leave the count out.
        needed = wanted - COUNT_PLACEHOLDERS if plural else wanted
        if found - wanted or needed - found:
            return True
    return False


def _markup(text):
    """The tags in ``text`` (each exactly as written, attributes and all) and its other markup: character
    references and bare "<" or ">"."""
    tags, others = [], set()
    for found in MARKUP.finditer(text):
        if found.group("tag"):
            tags.append(found.group())
        else:
            others.add(found.group())
    return sorted(tags), others


def markup_problem(message):
    """Whether a translated message has markup its English does not have: the site's templates put every
    catalogue string into the page as HTML when its English has markup (familyguide/i18n.py), so a translation
    may keep the English's tags, in any order, and nothing else: the same tags with the same attributes, as many
    of each, and no character reference or bare "<" or ">" the English does not have. A plural form may have the
    singular's markup or the plural's."""
    english = [_markup(form) for form in _forms(message.id)]
    allowed_others = set().union(*(others for _, others in english))
    for form in _forms(message.string):
        tags, others = _markup(form)
        if all(tags != english_tags for english_tags, _ in english) or not others <= allowed_others:
            return True
    return False


def problems_with(lang, data):
    """Why ``data`` (an uploaded PO file) cannot replace the language's strings: a list of messages for the
    translator, empty when it can."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return [staff_gettext("The file is not in UTF-8. Save it as UTF-8 in your PO editor and upload it again.")]
    try:
        uploaded = read_po(io.BytesIO(data), locale=lang, abort_invalid=True)
    except (PoFileError, ValueError, LookupError):
        return [
            staff_gettext(
                "This is not a PO file that can be read. Save it again from your PO editor and upload that file."
            )
        ]
    current = read_po(io.BytesIO(export(lang)), locale=lang)
    ours = {_key(m): m for m in current if m.id}
    theirs = {_key(m): m for m in uploaded if m.id}
    if not theirs:
        return [staff_gettext("This is not a PO file of this site's strings: there are no strings in it.")]
    problems = []
    missing = [_text_of_id(ours[k]) for k in ours if k not in theirs]
    extra = [_text_of_id(theirs[k]) for k in theirs if k not in ours]
    if missing:
        problems.append(_listed(staff_gettext("Strings of this site missing from the file"), missing))
    if extra:
        problems.append(_listed(staff_gettext("Strings in the file that this site does not have"), extra))
    common = [theirs[k] for k in ours if k in theirs]
    untranslated = [_text_of_id(m) for m in common if not all(f.strip() for f in _forms(m.string))]
    fuzzy = [_text_of_id(m) for m in common if m.fuzzy]
    shape = [
        _text_of_id(m)
        for m in common
        if len(_forms(m.string)) != len(_forms(ours[_key(m)].string)) and not isinstance(m.id, str)
    ]
    placeholders = [_text_of_id(m) for m in common if _placeholder_problem(m)]
    markup = [_text_of_id(m) for m in common if markup_problem(m)]
    if untranslated:
        problems.append(_listed(staff_gettext("Strings with no translation"), untranslated))
    if fuzzy:
        fuzzy_marked = staff_gettext("Strings marked fuzzy (needs work): check them and remove the mark")
        problems.append(_listed(fuzzy_marked, fuzzy))
    if shape:
        problems.append(_listed(staff_gettext("Strings with the wrong number of plural forms"), shape))
    if placeholders:
        problems.append(
            _listed(
                staff_gettext(
                    "Strings whose placeholders (like %(name)s or {COUNCIL_NAME}) are not the same as in the English: "
                    "keep each one exactly as it is"
                ),
                placeholders,
            )
        )
    if markup:
        problems.append(
            _listed(
                staff_gettext(
                    "Strings with HTML that the English does not have (a tag like <a> or <meta>, an attribute, "
                    "or a code like &lt; or &#60;): keep the English's tags exactly as they are and add no others"
                ),
                markup,
            )
        )
    return problems


def import_(lang, data):
    """Replace the language's translations with those in ``data`` when it passes every check. Returns the
    problems (nothing is written when there are any)."""
    problems = problems_with(lang, data)
    if problems:
        return problems
    theirs = {_key(m): m for m in read_po(io.BytesIO(data), locale=lang) if m.id}
    catalogue = read_po(io.BytesIO(export(lang)), locale=lang)
    for message in catalogue:
        if message.id:
            message.string = theirs[_key(message)].string
    out = io.BytesIO()
    write_po(out, catalogue, **WRITE_OPTIONS)
    path = path_of(lang)
    path.write_bytes(out.getvalue())
    with open(path.with_suffix(".mo"), "wb") as f:
        write_mo(f, catalogue, use_fuzzy=False)
    return []
