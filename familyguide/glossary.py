"""The glossary in parts: one Markdown file per language, served as a few short pages.

Scripts that take three bytes a letter (Gurmukhi, Bengali, Gujarati) make one long glossary page too
heavy for a phone on a bad connection, so the entries are split into parts of ``TERMS_PER_PART``. A link to
a term goes to the part that holds it, in that language.
"""

import re
from dataclasses import dataclass

from . import markdown

TERMS_PER_PART = 30
_ENTRY = re.compile(r"^## ", re.MULTILINE)


@dataclass(frozen=True)
class Part:
    number: int
    body: str
    terms: list
    first_heading: str
    last_heading: str


def _heading_text(entry):
    return re.sub(r"\s*\{#[a-z0-9-]+\}\s*$", "", entry.splitlines()[0].removeprefix("## ")).strip()


def split(body):
    """The glossary body as parts: the introduction goes with part 1."""
    starts = [m.start() for m in _ENTRY.finditer(body)]
    if not starts:
        return [Part(1, body, [], "", "")]
    intro, entries = body[: starts[0]], [body[a:b] for a, b in zip(starts, [*starts[1:], len(body)], strict=True)]
    parts = []
    for number, first in enumerate(range(0, len(entries), TERMS_PER_PART), start=1):
        chunk = entries[first : first + TERMS_PER_PART]
        text = (intro if number == 1 else "") + "".join(chunk)
        parts.append(
            Part(number, text, markdown.heading_anchors(text), _heading_text(chunk[0]), _heading_text(chunk[-1]))
        )
    return parts


def part_of(parts, term):
    """The number of the part that explains ``term`` (1 if no part does)."""
    return next((part.number for part in parts if term in part.terms), 1)
