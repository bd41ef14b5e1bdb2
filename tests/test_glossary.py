import re

from familyguide import glossary

from .support.pagecheck import text_of

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


def test_a_translated_glossary_with_fewer_parts_shows_the_english_part_instead_of_not_found(tmp_path):
    import shutil

    from familyguide import create_app, db
    from familyguide.config import PROJECT_ROOT

    content = tmp_path / "content"
    shutil.copytree(PROJECT_ROOT / "content", content)
    welsh = content / "cy" / "guide" / "words-you-may-hear.md"
    text = welsh.read_text(encoding="utf-8")
    head, _, entries = text.partition("\n## ")
    welsh.write_text(head + "\n## " + "\n## ".join(entries.split("\n## ")[:5]), encoding="utf-8")
    app = create_app(
        {"TESTING": True, "CONTENT_DIR": str(content), "DATABASE_URL": f"sqlite:///{tmp_path / 'g.sqlite3'}"}
    )
    db.upgrade(app.extensions["familyguide.db_url"])
    client = app.test_client()
    assert client.get("/cy/guide/words-you-may-hear").status_code == 200
    last = client.get("/cy/guide/words-you-may-hear/part-4")
    assert last.status_code == 200
    assert 'id="working-days"' in last.get_data(as_text=True)  # the English part, as a missing page would be
    assert client.get("/cy/guide/words-you-may-hear/part-5").status_code == 404
