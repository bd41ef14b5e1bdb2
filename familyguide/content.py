"""Council content: guide pages in Markdown per language, loaded once and cached.

A page is ``content/<lang>/<section>/<slug>.md``: a small header between ``---`` lines (title, order,
summary; a translation also records ``source``, the version of the English page it was made from),
then Markdown. A page missing in a language falls back to English, and says so.
"""

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

REQUIRED_FIELDS = ("title", "order", "summary")
SOURCE_LANGUAGE = "en"


@dataclass(frozen=True)
class Page:
    lang: str
    section: str
    slug: str
    title: str
    order: int
    summary: str
    body: str
    source: str | None
    version: str
    header: dict[str, str]


def fill_settings(text: str, settings: Mapping[str, object]) -> str:
    """Put the council's own details where the content says ``{COUNCIL_PHONE}`` and so on;
    ``{tel:COUNCIL_PHONE}`` gives the number without spaces, for a ``tel:`` link."""
    for key, value in settings.items():
        text = text.replace("{tel:" + key + "}", str(value).replace(" ", ""))
        text = text.replace("{" + key + "}", str(value))
    return text


def parse_page(text: str) -> tuple[dict[str, str], str]:
    """Split a content file into its header (a dict of strings) and its Markdown body."""
    if not text.startswith("---\n"):
        raise ValueError("A content file must start with a '---' header.")
    head, _, body = text[4:].partition("\n---\n")
    header: dict[str, str] = {}
    for line in head.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            key, _, value = line.partition(":")
            header[key.strip()] = value.strip()
    return header, body.lstrip("\n")


def with_source(text: str, source_version: str) -> str:
    """The page's text with its header's ``source`` set to ``source_version``."""
    header_text, _, body = text[4:].partition("\n---\n")
    lines = [line for line in header_text.splitlines() if not line.startswith("source:")]
    lines.append(f"source: {source_version}")
    return "---\n" + "\n".join(lines) + "\n---\n" + body


def version_of(text: str) -> str:
    """A short fingerprint of a page's text: a translation records the one it was made from."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def _read_page(path: Path, lang: str, section: str) -> Page:
    text = path.read_text(encoding="utf-8")
    header, body = parse_page(text)
    return Page(
        lang=lang,
        section=section,
        slug=path.stem,
        title=header.get("title", ""),
        order=int(header.get("order", "0")),
        summary=header.get("summary", ""),
        body=body,
        source=header.get("source"),
        version=version_of(text),
        header=header,
    )


class Library:
    """Every content page under one content folder."""

    def __init__(self, content_dir: str | Path):
        self.root = Path(content_dir)

    @cache  # noqa: B019 - one Library per content folder lives as long as the app
    def pages(self, lang: str, section: str) -> list[Page]:
        folder = self.root / lang / section
        pages = [_read_page(p, lang, section) for p in sorted(folder.glob("*.md"))]
        return sorted(pages, key=lambda p: (p.order, p.slug))

    @cache  # noqa: B019 - as pages()
    def page_ids(self, section: str) -> tuple[str, ...]:
        """Each English page of ``section`` as ``section/slug``."""
        return tuple(f"{section}/{page.slug}" for page in self.pages(SOURCE_LANGUAGE, section))

    def page(self, lang: str, section: str, slug: str) -> Page | None:
        """The page in ``lang``, or the English one when it is missing there (``None`` if neither)."""
        for candidate in (lang, SOURCE_LANGUAGE):
            for page in self.pages(candidate, section):
                if page.slug == slug:
                    return page
        return None

    def status(self, lang: str, section: str) -> tuple[list[str], list[str]]:
        """Pages missing in ``lang`` and pages made from an older English version."""
        english = {p.slug: p for p in self.pages(SOURCE_LANGUAGE, section)}
        translated = {p.slug: p for p in self.pages(lang, section)}
        missing = sorted(set(english) - set(translated))
        stale = sorted(s for s, p in translated.items() if s in english and p.source != english[s].version)
        return missing, stale
