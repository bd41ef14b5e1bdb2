"""The passages a question can find: each section of a guide page, each part of a section under a smaller
heading, and each glossary entry, in one language, with the place on the page it links to."""

from dataclasses import dataclass

from .. import glossary, markdown
from ..content import fill_settings

GUIDE = "guide"
GLOSSARY_SLUG = "words-you-may-hear"


@dataclass(frozen=True)
class Passage:
    lang: str
    slug: str  # the guide page
    anchor: str  # the h2 section (or glossary entry) it belongs to: "" for a page's introduction
    page_title: str
    heading: str  # the section's heading, and the smaller heading after " – " when it has one
    text: str
    glossary_part: int  # the glossary part holding the entry (0 for other pages)

    @property
    def key(self):
        """The same place in every language: the page and its section."""
        return f"{self.slug}#{self.anchor}"


def split_library(library, lang, settings):
    """Every passage of the guide in ``lang`` (only the pages written in ``lang``)."""
    passages = []
    for page in library.pages(lang, GUIDE):
        body = fill_settings(page.body, settings)
        parts = glossary.split(body) if page.slug == GLOSSARY_SLUG else []
        for anchor, heading, subheading, blocks in markdown.section_texts(body):
            passages.append(
                Passage(
                    lang=lang,
                    slug=page.slug,
                    anchor=anchor,
                    page_title=page.title,
                    heading=" – ".join(h for h in (heading or page.title, subheading) if h),
                    text=" ".join(blocks),
                    glossary_part=glossary.part_of(parts, anchor) if parts else 0,
                )
            )
    return passages
