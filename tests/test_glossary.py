import re

from familyguide import glossary

from .pagecheck import text_of

BODY = "Intro words.\n\n" + "".join(f"## Term {i} {{#term-{i}}}\nMeaning {i}.\n\n" for i in range(1, 66))


def test_the_glossary_is_split_into_short_parts_with_the_intro_first():
    parts = glossary.split(BODY)
    assert [len(p.terms) for p in parts] == [30, 30, 5]
    assert parts[0].body.startswith("Intro words.") and "Intro" not in parts[1].body
    assert (parts[1].first_heading, parts[1].last_heading) == ("Term 31", "Term 60")
    assert glossary.part_of(parts, "term-45") == 2
    assert glossary.part_of(parts, "unknown") == 1


def test_a_term_link_goes_to_the_part_that_explains_it(client):
    english = client.get("/en/guide/the-decision").get_data(as_text=True)
    assert 'href="/en/guide/words-you-may-hear#threshold"' not in english
    assert 'href="/en/guide/words-you-may-hear/part-3#threshold"' in english
    part3 = client.get("/en/guide/words-you-may-hear/part-3").get_data(as_text=True)
    assert 'id="threshold"' in part3
    assert "Words you may hear, part 3 of 4" in text_of(part3)


def test_links_within_the_same_part_stay_on_the_page(client):
    part1 = client.get("/en/guide/words-you-may-hear").get_data(as_text=True)
    assert re.search(r'<a href="#[a-z-]+" class="term">', part1)  # e.g. Agency links to Professional
    assert 'href="/en/guide/words-you-may-hear#' not in part1
    assert client.get("/en/guide/words-you-may-hear/part-9").status_code == 404
