"""Every catalogue's Plural-Forms header is Babel's (CLDR's) plural rule for its language, so each count
gets the noun form a reader of that language expects."""

import gettext
import re

import pytest
from babel import Locale
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po

from familyguide.config import PROJECT_ROOT
from familyguide.locales import Languages

CODES = [code for code in Languages(PROJECT_ROOT / "content").codes if code != "en"]
COUNTS = [*range(0, 1201), 1_000_000, 1_000_001, 2_000_000]


def catalogue(code):
    path = PROJECT_ROOT / "translations" / code / "LC_MESSAGES" / "messages.po"
    text = path.read_text(encoding="utf-8")
    header_block = text.split('msgstr ""\n', 1)[1].split("\n\n", 1)[0]  # the header entry, as written
    header_text = "".join(line.strip().strip('"') for line in header_block.splitlines()).replace("\\n", "\n")
    header = re.search(r"^Plural-Forms: nplurals=(\d+); plural=(.*?);?$", header_text, re.MULTILINE)
    with open(path, "rb") as f:
        return header, read_po(f, locale=code)


@pytest.mark.parametrize("code", CODES)
def test_the_plural_forms_header_is_babels_rule_for_the_language(code):
    header, _ = catalogue(code)
    assert header, f"{code}: no Plural-Forms header"
    expected = get_plural(code)
    assert int(header.group(1)) == expected.num_plurals, code
    ours, babels = gettext.c2py(header.group(2)), gettext.c2py(expected.plural_expr)
    wrong = [n for n in COUNTS if ours(n) != babels(n)]
    assert not wrong, f"{code}: counts {wrong[:5]}... get the wrong form"


@pytest.mark.parametrize("code", CODES)
def test_each_plural_form_stands_for_one_cldr_category(code):
    header, _ = catalogue(code)
    form_of, rule = gettext.c2py(header.group(2)), Locale.parse(code).plural_form
    categories = {}
    for n in COUNTS:
        categories.setdefault(form_of(n), set()).add(rule(n))
    assert all(len(found) == 1 for found in categories.values()), (code, categories)


def test_arabic_counts_from_11_to_99_and_from_100_get_their_own_noun_forms():
    _, catalog = catalogue("ar")
    message = catalog[("%(num)s thing inside", "%(num)s things inside")]
    form_of = gettext.c2py(catalog.plural_expr)
    assert message.string[form_of(11)] == message.string[form_of(99)] == "فيه %(num)s شيئًا"
    assert message.string[form_of(100)] == message.string[form_of(102)] == "فيه %(num)s شيء"
    assert message.string[form_of(3)] == "فيه %(num)s أشياء"


def test_romanian_says_de_only_from_20_up():
    _, catalog = catalogue("ro")
    message = catalog[
        ("Your name must be %(num)s character or fewer.", "Your name must be %(num)s characters or fewer.")
    ]
    form_of = gettext.c2py(catalog.plural_expr)
    assert "de caractere" not in message.string[form_of(19)]
    assert "de caractere" in message.string[form_of(20)] and "de caractere" in message.string[form_of(80)]
