"""Shaped text in a PDF reads back exactly as it was written (familyguide/pdf/actual_text.py).

Words are built the way the scripts build them, so that HarfBuzz reorders, joins and stacks glyphs: Bengali
and Gujarati syllables with a reph (র্ / ર્ before a consonant, drawn after it), conjuncts through a virama,
with a zero-width joiner or non-joiner after the virama, vowel signs drawn before their consonant, nuktas
and nasal signs; Gurmukhi with its addak, tippi and subjoined letters; Urdu and Arabic letters with their
vowel marks; Latin letters with stacked combining marks. Every character of the source must come back from
the PDF in order, with none added: after the normalisation the other fuzz tests use (``pdftext.visible``:
decomposed, without white space, where the PDF may wrap, and without the invisible format characters such as
ZWJ and ZWNJ, which draw nothing to read). Word boundaries are checked on chosen words in
tests/test_prepare_pdf_text.py. In right-to-left lines the letters must come back in order and every mark
must come back, but a letter's marks may come back in another order around it: a reader reverses such a line,
drawn left to right (the known gap, in pdf/actual_text.py's docstring).
"""

import unicodedata
from collections import Counter

from hypothesis import example, given
from hypothesis import strategies as st

from familyguide import pdf

from ..support.pdf import pdf_text
from .pdftext import repeats, squeezed, visible

ZWJ, ZWNJ = "\u200d", "\u200c"


def _chars(first, last, *extra):
    """The assigned letters from ``first`` to ``last`` (and ``extra``) of one Unicode category group."""
    found = [chr(c) for c in range(ord(first), ord(last) + 1) if unicodedata.category(chr(c)) == "Lo"]
    return [*found, *extra]


def _mark(names):
    return [unicodedata.lookup(name) for name in names]


class Brahmic:
    """The parts of a syllable in one of the three north Indian scripts of the site's languages."""

    def __init__(self, consonants, virama, vowel_signs, modifiers, nukta=None, ra=None, independent_vowels=()):
        self.consonants, self.virama, self.ra = consonants, virama, ra
        self.vowel_signs, self.modifiers, self.nukta = vowel_signs, modifiers, nukta
        self.independent_vowels = independent_vowels

    def syllable(self):
        consonant = st.sampled_from(self.consonants)
        if self.nukta:
            consonant = st.one_of(consonant, consonant.map(lambda c: c + self.nukta))
        joiner = st.sampled_from(["", "", ZWJ, ZWNJ])
        cluster = st.builds(
            lambda first, rest: first + "".join(self.virama + joined + c for joined, c in rest),
            consonant,
            st.lists(st.tuples(joiner, consonant), max_size=2),
        )
        reph = st.sampled_from(["", self.ra + self.virama] if self.ra else [""])
        modifier = st.sampled_from(["", *self.modifiers])
        ending = st.one_of(
            st.builds(lambda v, m: v + m, st.sampled_from(["", *self.vowel_signs]), modifier),
            st.just(self.virama),  # a dead consonant at the end of a syllable (হসন্ত)
        )
        consonant_syllable = st.builds(lambda r, c, e: r + c + e, reph, cluster, ending)
        vowel_syllable = st.builds(lambda v, m: v + m, st.sampled_from(self.independent_vowels), modifier)
        return st.one_of(consonant_syllable, consonant_syllable, vowel_syllable)

    def words(self):
        return st.lists(self.syllable(), min_size=1, max_size=4).map("".join)


BENGALI = Brahmic(
    consonants=_chars("\u0995", "\u09b9", "\u09ce"),
    virama="\u09cd",
    vowel_signs=["\u09be", "\u09bf", "\u09c0", "\u09c1", "\u09c2", "\u09c3", "\u09c7", "\u09c8", "\u09cb", "\u09cc"],
    modifiers=["\u0981", "\u0982", "\u0983"],
    nukta="\u09bc",
    ra="\u09b0",
    independent_vowels=_chars("\u0985", "\u0994"),
)
GUJARATI = Brahmic(
    consonants=_chars("\u0a95", "\u0ab9"),
    virama="\u0acd",
    vowel_signs=["\u0abe", "\u0abf", "\u0ac0", "\u0ac1", "\u0ac2", "\u0ac3", "\u0ac7", "\u0ac8", "\u0acb", "\u0acc"],
    modifiers=["\u0a81", "\u0a82", "\u0a83"],
    nukta="\u0abc",
    ra="\u0ab0",
    independent_vowels=_chars("\u0a85", "\u0a94"),
)
GURMUKHI = Brahmic(
    consonants=_chars("\u0a15", "\u0a39"),
    virama="\u0a4d",
    vowel_signs=["\u0a3e", "\u0a3f", "\u0a40", "\u0a41", "\u0a42", "\u0a47", "\u0a48", "\u0a4b", "\u0a4c"],
    modifiers=["\u0a02", "\u0a70", "\u0a71"],  # bindi, tippi, addak
    nukta="\u0a3c",
    independent_vowels=_chars("\u0a05", "\u0a14"),
)

ARABIC_MARKS = _mark(
    [
        "ARABIC FATHA",
        "ARABIC DAMMA",
        "ARABIC KASRA",
        "ARABIC SHADDA",
        "ARABIC SUKUN",
        "ARABIC FATHATAN",
        "ARABIC KASRATAN",
        "ARABIC LETTER SUPERSCRIPT ALEF",
        "ARABIC HAMZA ABOVE",
    ]
)
ARABIC_LETTERS = _chars("\u0621", "\u064a")
URDU_LETTERS = [*"ابپتٹثجچحخدڈذرڑزژسشصضطظعغفقکگلمنںوہھءیےۓ", *"آأؤئۂ"]
URDU_MARKS = [*ARABIC_MARKS[:5], "\u0656", "\u0657", "\u0658"]  # with the marks of Urdu's own vowels


def _arabic_words(letters, marks):
    letter = st.builds(
        lambda c, m: c + "".join(m), st.sampled_from(letters), st.lists(st.sampled_from(marks), max_size=2)
    )
    return st.lists(letter, min_size=1, max_size=6).map("".join)


# The marks of the Latin-script languages of the site (Polish, Welsh, Romanian, Spanish, Italian, Portuguese)
# and Vietnamese-like stacks of them, typed as separate combining characters.
LATIN_MARKS = _mark(
    [
        "COMBINING GRAVE ACCENT",
        "COMBINING ACUTE ACCENT",
        "COMBINING CIRCUMFLEX ACCENT",
        "COMBINING TILDE",
        "COMBINING MACRON",
        "COMBINING BREVE",
        "COMBINING DOT ABOVE",
        "COMBINING DIAERESIS",
        "COMBINING RING ABOVE",
        "COMBINING DOUBLE ACUTE ACCENT",
        "COMBINING CARON",
        "COMBINING DOT BELOW",
        "COMBINING COMMA BELOW",
        "COMBINING CEDILLA",
        "COMBINING OGONEK",
    ]
)
latin_word = st.lists(
    st.builds(
        lambda c, m: c + "".join(m), st.sampled_from("aeioucnsyAEZ"), st.lists(st.sampled_from(LATIN_MARKS), max_size=3)
    ),
    min_size=1,
    max_size=6,
).map("".join)

SCRIPTS = {
    "bn": ("ltr", BENGALI.words()),
    "gu": ("ltr", GUJARATI.words()),
    "pa": ("ltr", GURMUKHI.words()),
    "ur": ("rtl", _arabic_words(URDU_LETTERS, URDU_MARKS)),
    "ar": ("rtl", _arabic_words(ARABIC_LETTERS, ARABIC_MARKS)),
    "en": ("ltr", latin_word),
}


@st.composite
def shaped_paragraphs(draw):
    """One to three paragraphs, each of one to five words in one script."""
    paragraphs = []
    for lang in draw(st.lists(st.sampled_from(sorted(SCRIPTS)), min_size=1, max_size=3)):
        direction, words = SCRIPTS[lang]
        paragraphs.append((lang, direction, " ".join(draw(st.lists(words, min_size=1, max_size=5)))))
    return paragraphs


def letters(text):
    """The letters of ``text`` in order, without their marks."""
    return "".join(ch for ch in text if not unicodedata.category(ch).startswith("M"))


@given(shaped_paragraphs())
@example([("ar", "rtl", "ء"), ("bn", "ltr", "র্কক্")])  # the ক after the reph's span: dropped by MuPDF (squeezed)
@example([("ar", "rtl", "ء"), ("ar", "rtl", "ء"), ("gu", "ltr", "કકક્\u200dક્ખ")])  # a half form drawn again, no joiner
@example([("bn", "ltr", "ক্\u200dখ্ক্ক্কো")])  # a virama first drawn before a joiner, drawn again without
@example([("en", "ltr", "a\u0328a\u0300\u0301\u0328")])  # marks out of order: a grave glyph of its own
@example([("bn", "ltr", "ক্কল্ম্ক")])  # a letter drawn as two glyphs, each spelling it
@example([("ur", "rtl", "\u0622\u0651\u0650")])  # right to left: each glyph keeps its cluster's first letter
def test_every_character_of_shaped_text_reads_back_in_order(paragraphs):
    html = '<html lang="en"><body>' + "".join(
        f'<p lang="{lang}" dir="{direction}">{text}</p>' for lang, direction, text in paragraphs
    )
    extracted = visible(pdf_text(pdf.html_to_pdf(html)))
    expected = visible("".join(text for _, _, text in paragraphs))
    # Squeezed, and counted up to repeats: MuPDF may drop or triple a letter that repeats the one before it
    # (see pdftext.squeezed).
    if all(direction == "ltr" for _, direction, _ in paragraphs):
        assert squeezed(extracted) == squeezed(expected)
    else:
        # A right-to-left line is drawn left to right and read back reversed: a letter's marks may come
        # back in another order around it (see the module's docstring), so each letter in order, and
        # every mark.
        assert squeezed(letters(extracted)) == squeezed(letters(expected))
        read, typed, allowed = Counter(extracted), Counter(expected), repeats(expected)
        assert not (typed - read) - allowed and not (read - typed) - allowed
