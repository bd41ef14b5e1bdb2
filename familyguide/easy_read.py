"""Easy Read pages: the guide again in short lines, one idea per line, each with a picture.

An Easy Read page is a content page (``content/<lang>/easy-read/<slug>.md``, the same header as any page)
whose body is written line by line::

    ## A heading starts a part of the page
    {meeting} A conference is a **meeting**.
    {court: A court building with a judge} It is not a court.

``{name}`` is the picture beside the idea (``static/easy-read/<name>.svg``), decorative when the sentence says
it all; ``{name: words}`` gives the picture a text alternative when it adds meaning. The sentence is inline
Markdown (``**bold**`` for a key word, explained in the same or the next line). The header may name the guide
pages the Easy Read page stands for (``guide: slug, slug``), so each guide page links to its Easy Read version.
"""

import re
from dataclasses import dataclass
from pathlib import Path

from . import markdown

SECTION = "easy-read"
PICTURES = Path(__file__).parent / "static" / "easy-read"
MAX_WORDS_PER_LINE = 10
MAX_IDEAS_PER_PART = 6
MAX_GRADE = 3.0

_IDEA = re.compile(r"^\{(?P<picture>[a-z0-9-]+)(?::\s*(?P<label>[^}]*?))?\}\s+(?P<text>\S.*)$")
_MARKUP = re.compile(r"\*\*|__|\[|\]\([^)]*\)")


@dataclass(frozen=True)
class Idea:
    picture: str
    label: str  # "" when the picture is decorative
    text: str  # inline Markdown


@dataclass(frozen=True)
class Part:
    heading: str
    ideas: tuple


class EasyReadError(ValueError):
    """A line that is neither a heading, an idea, nor blank."""


def parse(body):
    """The page's parts, in order. A page may open with ideas before its first heading."""
    parts, heading, ideas = [], "", []
    for number, line in enumerate(body.splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        if line.startswith("## "):
            if ideas or heading:
                parts.append(Part(heading, tuple(ideas)))
            heading, ideas = line[3:].strip(), []
            continue
        match = _IDEA.match(line)
        if not match:
            raise EasyReadError(f"line {number}: an idea starts with {{picture}}: {line[:40]!r}")
        ideas.append(Idea(match["picture"], (match["label"] or "").strip(), match["text"].strip()))
    if ideas or heading:
        parts.append(Part(heading, tuple(ideas)))
    return parts


def plain(text):
    """A line's words without their markup."""
    return _MARKUP.sub("", text)


def lines_of(title, body):
    """Every line a reader reads on the page, as plain text: the title, each heading, each idea."""
    lines = [title]
    for part in parse(body):
        if part.heading:
            lines.append(plain(part.heading))
        lines += [plain(idea.text) for idea in part.ideas]
    return lines


def pictures_used(body):
    return {idea.picture for part in parse(body) for idea in part.ideas}


def picture_names():
    return sorted(p.stem for p in PICTURES.glob("*.svg"))


def guide_slugs(page):
    """The guide pages an Easy Read page stands for, from its ``guide:`` header."""
    return [slug.strip() for slug in page.header.get("guide", "").split(",") if slug.strip()]


def reading_blocks(section, title, body):
    """What a reader reads on a content page, as blocks of plain text for the reading scores: an Easy Read
    page line by line, any other page block by block."""
    if section == SECTION:
        return lines_of(title, body)
    return [title, *markdown.plain_text_blocks(body)]
