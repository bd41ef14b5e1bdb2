"""The Three Houses' wording a council may change: content/<lang>/houses/ (house names, what each house
is for, the question the child sees, the worker's prompts, and the worker's guide)."""

from dataclasses import dataclass
from functools import lru_cache

from .. import pages
from ..content import SOURCE_LANGUAGE
from .activity import HOUSES

SECTION = "houses"
GUIDE_SLUG = "how-to"


@dataclass(frozen=True)
class HouseText:
    key: str
    lang: str
    name: str
    summary: str
    question: str
    prompts: tuple


def prompts_in(body):
    """The prompts are the Markdown list items of the house's page."""
    return tuple(line[2:].strip() for line in body.splitlines() if line.startswith(("- ", "* ")))


def house_text(lang, house):
    """The house's wording in ``lang``, or in English where that language has none yet."""
    return _house_text(pages.library(), lang, house)


@lru_cache(maxsize=256)
def _house_text(library, lang, house):
    """Made once for each app's content (its Library, which reads each page once) and language."""
    page = library.page(lang, SECTION, house)
    return HouseText(
        key=house,
        lang=page.lang,
        name=page.title,
        summary=page.summary,
        question=page.header.get("question", page.title),
        prompts=prompts_in(page.body),
    )


def all_houses(lang):
    return [house_text(lang, house) for house in HOUSES]


def guide_page(lang):
    return pages.library().page(lang, SECTION, GUIDE_SLUG)


def english_prompt(house, index):
    """The English wording of a prompt: the PDF records what the child was asked in the report's words."""
    prompts = house_text(SOURCE_LANGUAGE, house).prompts
    return prompts[index] if 0 <= index < len(prompts) else None


def guide_html(page, lang):
    return pages.render_page(page, lang)
