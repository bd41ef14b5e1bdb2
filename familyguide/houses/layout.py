"""Sharing the things of the three houses out over the pages of the PDF.

Every page shows the three houses side by side. Each house has room for ``ROOM`` units on a page (a unit
is about one line of words): a picture takes 2, words take 1 for who wrote them plus 1 a line (their
translation too, if the worker typed one), a drawing 8. When one house is full, all three go on over the
next page, so the houses always stand together.
"""

ROOM = 20
DRAWING_UNITS = 8
PICTURE_UNITS = 2
CHARACTERS_PER_LINE = 34


def units(thing):
    """How much of a house one thing fills."""
    if thing["kind"] == "drawing":
        return DRAWING_UNITS
    if thing["kind"] == "picture":
        return PICTURE_UNITS
    lines = sum(1 + len(line) // CHARACTERS_PER_LINE for line in thing["text"].splitlines() or [""])
    translation = thing.get("translation", "")
    if translation:  # the worker's translation, under the words, with its label
        lines += sum(1 + (len(line) + 24) // CHARACTERS_PER_LINE for line in translation.splitlines())
    return 1 + lines


def _pages_for_house(things):
    pages, current, used = [], [], 0
    for thing in things:
        size = min(units(thing), ROOM)
        if current and used + size > ROOM:
            pages.append(current)
            current, used = [], 0
        current.append(thing)
        used += size
    pages.append(current)
    return pages


def paginate(things_by_house):
    """A list of pages; each page maps every house to the things shown in it on that page."""
    per_house = {house: _pages_for_house(things) for house, things in things_by_house.items()}
    count = max(len(pages) for pages in per_house.values())
    return [{house: pages[i] if i < len(pages) else [] for house, pages in per_house.items()} for i in range(count)]
