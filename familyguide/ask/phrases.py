"""The council's editable word lists for the question box, one folder per language: ``content/<lang>/ask/``.

- ``synonyms.toml``: what a parent may type = the words the guide uses ("kids" = "children").
- ``safety.toml``: phrases that show danger, by kind (danger, domestic_abuse, child_at_risk, self_harm).
- ``own-case.toml``: phrases that ask about the family's own case (own_case), or its dates (dates).
- ``stopwords.toml``: words that carry no meaning for finding a passage ("the", "my", "czy").

A phrase matches a question when its words come one after another in the question, each word of 3 letters or
more matching any word that starts with it ("hit me" matches "hitting me"; "me" matches only "me"). A phrase of
two such longer words matches them in either order, as parents write them ("zabic sie" and "sie zabic", "mnie
bije" and "bije mnie"); a phrase with a short word keeps its order ("in danger" is not "danger in"). Case,
accents, short vowels, apostrophes and letter variants do not matter (see text.fold).
"""

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .text import words

SHORTEST_PREFIX = 3
SAFETY_KINDS = ("danger", "domestic_abuse", "child_at_risk", "self_harm")
OWN_CASE_KINDS = ("dates", "own_case")


@dataclass(frozen=True)
class Phrases:
    synonyms: list = field(default_factory=list)  # (words a parent types, words the guide uses), longest first
    safety: dict = field(default_factory=dict)  # kind -> list of phrases as word tuples
    own_case: dict = field(default_factory=dict)
    stopwords: frozenset = frozenset()


def _read(path):
    if not path.exists():
        return {}
    with path.open("rb") as file:
        return tomllib.load(file)


def _phrase_lists(data, kinds):
    return {kind: [tuple(words(p)) for p in data.get(kind, {}).get("phrases", []) if words(p)] for kind in kinds}


def load(content_dir, lang):
    folder = Path(content_dir) / lang / "ask"
    synonyms = [(tuple(words(k)), tuple(words(v))) for k, v in _read(folder / "synonyms.toml").items() if words(k)]
    return Phrases(
        synonyms=sorted(synonyms, key=lambda pair: -len(pair[0])),
        safety=_phrase_lists(_read(folder / "safety.toml"), SAFETY_KINDS),
        own_case=_phrase_lists(_read(folder / "own-case.toml"), OWN_CASE_KINDS),
        stopwords=frozenset(words(_read(folder / "stopwords.toml").get("words", ""))),
    )


def find(phrase, question_words, start=0):
    """Where ``phrase`` (a word tuple) starts in ``question_words`` from ``start`` on, or -1. A phrase of two
    words of 3 letters or more also matches the other way round ("zabic sie" matches "sie zabic")."""
    orders = [phrase]
    if len(phrase) == 2 and all(len(word) >= SHORTEST_PREFIX for word in phrase):
        orders.append(phrase[::-1])
    for i in range(start, len(question_words) - len(phrase) + 1):
        if any(matches_at(order, question_words, i) for order in orders):
            return i
    return -1


def matches_at(phrase, question_words, at):
    """Whether ``phrase`` (a word tuple) is in ``question_words`` at ``at``."""
    if at + len(phrase) > len(question_words):
        return False
    return all(_word_matches(word, question_words[at + j]) for j, word in enumerate(phrase))


def _word_matches(phrase_word, question_word):
    """A phrase's word of 3 letters or more matches any word starting with it; a shorter one, only itself."""
    if len(phrase_word) < SHORTEST_PREFIX:
        return question_word == phrase_word
    return question_word.startswith(phrase_word)


def matching_kinds(lists, question_words):
    """The kinds (in their order) whose phrases appear in the question."""
    return [kind for kind, phrases in lists.items() if any(find(p, question_words) >= 0 for p in phrases)]


def concepts(phrases, question_words):
    """The question as concepts, each a list of alternative word lists: a word on its own, or a parent's words
    that synonyms.toml knows with the guide's words for them ("kids" -> [["kids"], ["children"]])."""
    result, at = [], 0
    while at < len(question_words):
        match = next((pair for pair in phrases.synonyms if matches_at(pair[0], question_words, at)), None)
        if match is None:
            result.append([[question_words[at]]])
            at += 1
        else:
            typed, guide_words = match
            result.append([list(question_words[at : at + len(typed)]), list(guide_words)])
            at += len(typed)
    return result
