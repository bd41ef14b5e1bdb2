"""Answering a question from the guide, never inventing: safety first, then the family's own case, then the
best passages, or "I don't know" when no passage is a sure match.

A question is searched in the page's language first. When no passage there is sure, the question may be in
another language (an English question on the Polish site, a Polish one on the English site): it is searched
in English and in the languages written in the question's script, and the same place is shown in the page's
language, with a link to the passage it was found in.
"""

from dataclasses import dataclass, field

from . import phrases, text
from .index import LanguageIndex
from .passages import split_library

# A question longer than this is cut: no parent's question is longer, and it bounds the work.
LONGEST_QUESTION = 500
MOST_WORDS = 40
# How much of the question the best passage must hold (index.Hit.sureness) to be shown as an answer.
SURE = 0.48
# A second or third passage is shown only when it scores at least this share of the best one.
ALSO_SHOWN = 0.5
MOST_SHOWN = 3
SOURCE_LANGUAGE = "en"
SCRIPTS = {
    "latin": ("en", "cy", "pl", "ro", "pt", "es", "it"),
    "arabic": ("ar", "ur"),
    "bengali": ("bn",),
    "gurmukhi": ("pa",),
    "gujarati": ("gu",),
}


@dataclass(frozen=True)
class Result:
    passage: object  # shown, in the page's language when the guide has it there
    found_in: object  # the passage the question matched (another language's, for a cross-language match)
    marked_terms: frozenset  # terms of the question to mark in the extract (in found_in's language)


@dataclass(frozen=True)
class Answer:
    question: str
    safety: tuple = ()  # the kinds of danger the question shows (phrases.SAFETY_KINDS)
    own_case: str = ""  # "own_case" or "dates" when it asks about the family's own case
    results: tuple = field(default_factory=tuple)
    empty: bool = False  # the question has no words to look for

    @property
    def known(self):
        return bool(self.results)


class Asker:
    """The passages and word lists of every language, indexed once per app."""

    def __init__(self, library, content_dir, languages, settings):
        self.phrases = {lang: phrases.load(content_dir, lang) for lang in languages}
        self.indexes = {
            lang: LanguageIndex(lang, split_library(library, lang, settings), self.phrases[lang].stopwords)
            for lang in languages
        }
        self.by_key = {lang: _first_by_key(index.passages) for lang, index in self.indexes.items()}

    def answer(self, question, lang):
        question = (question or "")[:LONGEST_QUESTION]
        question_words = text.words(question)[:MOST_WORDS]
        if not question_words:
            return Answer(question, empty=True)
        safety = self._kinds(lang, "safety", question_words)
        own_case = self._kinds(lang, "own_case", question_words)
        return Answer(
            question,
            safety=tuple(safety),
            own_case=own_case[0] if own_case else "",
            results=tuple(self._results(question, question_words, lang)),
        )

    def _kinds(self, lang, lists, question_words):
        """The kinds whose phrases the question holds, in the page's language or English."""
        kinds = []
        for other in dict.fromkeys((lang, SOURCE_LANGUAGE)):
            for kind in phrases.matching_kinds(getattr(self.phrases[other], lists), question_words):
                if kind not in kinds:
                    kinds.append(kind)
        return kinds

    def _results(self, question, question_words, lang):
        for search_lang in self._languages_to_search(question, lang):
            concepts = phrases.concepts(self.phrases[search_lang], question_words)
            hits = self.indexes[search_lang].search(concepts)
            if hits and hits[0].sureness >= SURE:
                return self._shown(hits, lang, self.indexes[search_lang].telling_terms(concepts))
        return []

    def _languages_to_search(self, question, lang):
        others = (SOURCE_LANGUAGE, *SCRIPTS.get(text.script_of(question), ()))
        return [lang for lang in dict.fromkeys((lang, *others)) if lang in self.indexes]

    def _shown(self, hits, lang, marked_terms):
        results, keys = [], set()
        for hit in hits:
            if hit.passage.key in keys or hit.score < ALSO_SHOWN * hits[0].score:
                continue
            keys.add(hit.passage.key)
            shown = hit.passage if hit.passage.lang == lang else self.by_key[lang].get(hit.passage.key, hit.passage)
            results.append(Result(shown, hit.passage, marked_terms))
            if len(results) == MOST_SHOWN:
                break
        return results


def _first_by_key(passages):
    by_key = {}
    for passage in passages:
        by_key.setdefault(passage.key, passage)
    return by_key
