"""Comparing what a family typed with what a PDF reader (PyMuPDF) gets back from the PDF."""

import collections
import itertools
import re
import unicodedata

import pymupdf

# Invisible characters have no place on a page to be read back from: format characters (direction marks,
# joiners), variation selectors and the other default-ignorable marks, and white space (the PDF wraps lines
# where it must).
# (Unicode's Default_Ignorable_Code_Point, unassigned ones included).
_IGNORABLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0000-\U000e0fff]"
)
_RIGHT_TO_LEFT = ("R", "AL", "AN", "RLE", "RLO", "RLI", "FSI")  # letters, and the controls that reverse text
# Marks of these scripts with no letter to sit on are drawn on a dotted circle in a right-to-left run.
_RIGHT_TO_LEFT_SCRIPTS = (
    "ARABIC",
    "SYRIAC",
    "HEBREW",
    "THAANA",
    "NKO",
    "SAMARITAN",
    "MANDAIC",
    "ADLAM",
    "HANIFI",
    "YEZIDI",
    "SOGDIAN",
    "OLD",
    "MENDE",
    "KHAROSHTHI",
)


# Where Unicode gives a code point not yet assigned a right-to-left direction by default (DerivedBidiClass.txt's
# @missing lines): the layout engine draws such a character right to left, but unicodedata says nothing of it.
_RIGHT_TO_LEFT_BLOCKS = ((0x0590, 0x08FF), (0xFB1D, 0xFDFF), (0xFE70, 0xFEFF), (0x10800, 0x10FFF), (0x1E800, 0x1EFFF))


def _right_to_left(ch):
    if unicodedata.bidirectional(ch) in _RIGHT_TO_LEFT:
        return True
    if unicodedata.category(ch) == "Cn" and any(low <= ord(ch) <= high for low, high in _RIGHT_TO_LEFT_BLOCKS):
        return True
    return unicodedata.category(ch).startswith("M") and unicodedata.name(ch, "").startswith(_RIGHT_TO_LEFT_SCRIPTS)


def visible(text, orphan_marks=True):
    """The characters of ``text`` that show, decomposed (NFD): a reader may put a mark that begins a line
    onto the letter that ends the line before.

    Without ``orphan_marks``, combining marks with no letter to sit on (at the start, or after a space or
    a format character) are left out: Pango draws them on a dotted circle, and readers do not reliably give
    back the text of those (the one known gap; such text is still stored and shown exactly).
    """
    text = _IGNORABLE.sub("", unicodedata.normalize("NFD", text))
    shown, base = [], False
    for ch in text:
        kind = unicodedata.category(ch)
        if ch.isspace() or kind in ("Cf", "Cc", "Zl", "Zp"):
            base = False
            continue
        if kind.startswith("M") and not base and not orphan_marks:
            continue
        base = base or not kind.startswith("M")
        shown.append(ch)
    return unicodedata.normalize("NFD", "".join(shown))


# MuPDF drops a letter that repeats the letter it has just read at the same place, taking it for text drawn
# twice to look bold (tests/test_prepare_pdf_text.py keeps a strict xfail of it, which fails the day MuPDF
# reads it back); in other layouts it gives such a letter three times. The PDF carries the letter (its
# /ActualText does). squeezed() and repeats() let that one reader quirk through, and nothing else.


def _is_mark(ch):
    return unicodedata.category(ch).startswith("M")


def squeezed(text):
    """``text`` with each run of one letter made one ("ধর্মম" is "ধর্ম", "aaa" is "a"); marks stay as they are.
    For text compared in order: both sides squeezed."""
    return "".join(ch for i, ch in enumerate(text) if i == 0 or text[i - 1] != ch or _is_mark(ch))


def repeats(text):
    """How many times each letter of ``text`` comes right after itself (marks between do not count): what a
    reader may drop. For text compared as a count of characters, where order cannot be squeezed."""
    letters = [ch for ch in text if not _is_mark(ch)]
    return collections.Counter(ch for before, ch in itertools.pairwise(letters) if before == ch)


def pdf_text(data, furniture=()):
    """The PDF's text as a reader gets it, without the page furniture matched by the ``furniture`` patterns
    (page numbers, running headings), which a long answer may straddle."""
    with pymupdf.open(stream=data, filetype="pdf") as document:
        text = "\n".join(page.get_text() for page in document)
    for pattern in furniture:
        text = re.sub(pattern, "", text)
    return text


def _in_order(wanted, found, dropped=0):
    """True when ``wanted`` is found in order in ``found``, each character soon after the one before.

    Slack is allowed for one reader quirk: PyMuPDF repeats the last character of an emoji sequence drawn
    with stand-in glyphs (no font in the PDF has emoji), after the sequence's /ActualText; and for the
    ``dropped`` characters left out of ``wanted`` that a reader may still give back between its characters.
    """
    slack = 2 + len(wanted) // 4 + dropped
    start = found.find(wanted[:1])
    while start != -1:
        position, skipped = start + 1, 0
        for ch in wanted[1:]:
            next_position = found.find(ch, position)
            if next_position == -1:
                break
            skipped += next_position - position
            position = next_position + 1
            if skipped > slack:
                break
        else:
            return True
        start = found.find(wanted[:1], start + 1)
    return False


def _unmirrored(text):
    # Brackets in right-to-left text are drawn mirrored, and read back as their partner: "<" as ">".
    return ["()" if unicodedata.mirrored(ch) else ch for ch in text]


# U+FFFD (the replacement character, which text copied from a broken page carries) is, to MuPDF, a glyph with no
# text: the PDF maps its glyph to U+FFFD as it should, but MuPDF gives back the glyph's number as a character
# instead ("ȹ" for glyph 0x239). tests/test_prepare_pdf_text.py checks the PDF's map and keeps a strict xfail of
# the reading. So it is not looked for, and the character read in its place is let through as slack.
UNKNOWN = "\ufffd"


def missing_from(text, extracted):
    """What of ``text`` a reader does not get back from ``extracted``: "" when all of it is there.

    Text with nothing right to left in it must be there in order. Text mixing directions is compared
    character by character: a reader's extraction puts mixed lines in display order, not typing order.
    """
    wanted, found = visible(text, orphan_marks=False).replace(UNKNOWN, ""), visible(extracted)
    if not wanted:
        return ""
    if not any(_right_to_left(ch) for ch in text):
        # The marks with no letter to sit on are left out of what is wanted, but may be read back, anywhere
        # around the letters (after a line break in "0\ǹ̀ᰤ፠", three of them): as many more may come between.
        dropped = len(visible(text)) - len(wanted)
        return "" if _in_order(squeezed(wanted), squeezed(found), dropped) else wanted
    short = collections.Counter(_unmirrored(wanted)) - collections.Counter(_unmirrored(found)) - repeats(wanted)
    return "".join(short.elements())
