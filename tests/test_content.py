"""The council content: every file well formed, every glossary link resolving, English kept plain."""

import pytest

from familyguide import easy_read, markdown, readability
from familyguide.config import PROJECT_ROOT
from familyguide.content import REQUIRED_FIELDS, parse_page
from familyguide.pages import GLOSSARY_SLUG, GUIDE

CONTENT = PROJECT_ROOT / "content"
ALL_FILES = sorted(CONTENT.glob("*/*/*.md"))
ENGLISH_FILES = sorted(CONTENT.glob("en/*/*.md"))
REQUIRED_GUIDE_PAGES = {
    "what-is-a-conference",
    "who-will-be-there",
    "before-the-conference",
    "first-conference",
    "review-conference",
    "the-decision",
    "after-the-conference",
    "your-rights-and-help",
    GLOSSARY_SLUG,
    "staying-safe-online",
    "need-help-now",
}


def relative(path):
    return str(path.relative_to(CONTENT))


def test_the_guide_has_every_page():
    assert REQUIRED_GUIDE_PAGES <= {p.stem for p in (CONTENT / "en" / GUIDE).glob("*.md")}


@pytest.mark.parametrize("path", ALL_FILES, ids=relative)
def test_every_content_file_has_its_header_fields(path):
    header, body = parse_page(path.read_text(encoding="utf-8"))
    for field in REQUIRED_FIELDS:
        assert header.get(field), f"{relative(path)} has no {field!r}"
    int(header["order"])
    assert body.strip()
    if not relative(path).startswith("en/"):
        assert header.get("source"), f"{relative(path)} does not record the English version it was made from"


def glossary_terms(lang):
    path = CONTENT / lang / GUIDE / f"{GLOSSARY_SLUG}.md"
    return set(markdown.heading_anchors(parse_page(path.read_text(encoding="utf-8"))[1]))


@pytest.mark.parametrize("path", ALL_FILES, ids=relative)
def test_every_glossary_link_resolves(path):
    lang = path.relative_to(CONTENT).parts[0]
    linked = markdown.glossary_links(parse_page(path.read_text(encoding="utf-8"))[1])
    missing = set(linked) - glossary_terms(lang)
    assert not missing, f"{relative(path)} links to glossary terms that do not exist: {sorted(missing)}"


def test_the_glossary_explains_the_words_of_the_sources():
    needed = {
        "core-group",
        "safety-network",
        "safety-plan",
        "danger-statement",
        "safety-goal",
        "scaling",
        "significant-harm",
        "threshold",
        "bottom-lines",
        "genogram",
        "contingency",
        "dissent",
        "statutory-visit",
        "child-in-need",
        "categories",
    }
    terms = glossary_terms("en")
    missing = {term for term in needed if not any(t == term or t.startswith(term) for t in terms)}
    assert not missing


def test_guide_pages_link_to_the_glossary():
    for path in (CONTENT / "en" / GUIDE).glob("*.md"):
        if path.stem not in (GLOSSARY_SLUG, "staying-safe-online"):
            assert markdown.glossary_links(parse_page(path.read_text(encoding="utf-8"))[1]), path.stem


@pytest.mark.parametrize("path", ENGLISH_FILES, ids=relative)
def test_english_pages_are_plain(path):
    header, body = parse_page(path.read_text(encoding="utf-8"))
    scores = readability.score(easy_read.reading_blocks(path.parent.name, header["title"], body))
    assert scores.grade <= readability.MAX_GRADE, f"{relative(path)}: grade {scores.grade:.1f}"
    assert scores.words_per_sentence <= readability.MAX_WORDS_PER_SENTENCE, (
        f"{relative(path)}: {scores.words_per_sentence:.1f} words a sentence"
    )


def test_readability_scores_tell_plain_from_hard_text():
    plain = readability.score(["You can bring a friend. The chair will talk to you first."])
    hard = readability.score(
        [
            "The conference should consider whether professional judgement, substantiated by "
            "the findings of enquiries in this individual case or by research evidence, predicts "
            "that the child is likely to suffer maltreatment or impairment of development."
        ]
    )
    assert plain.within_limits and plain.grade < 3
    assert not hard.within_limits and hard.grade > 12


def test_content_status_command_reports_missing_translations(runner, tmp_path):
    result = runner.invoke(args=["content", "status"])
    assert result.exit_code == 0
    assert "missing or stale" in result.output or "up to date" in result.output


def test_scores_command_lists_every_english_page(runner):
    result = runner.invoke(args=["content", "scores"])
    assert result.exit_code == 0
    for path in ENGLISH_FILES:
        assert f"{path.parent.name}/{path.stem}" in result.output
