"""One language's passages ranked by BM25 (bm25s), and how sure a match is.

The ranking is bm25s's. How sure we are is the share of the question that the best passage holds: the sum
of the inverse document frequencies of the question's terms found in the passage, over that sum for all its
terms (a term the guide never uses weighs as much as the rarest). "Can I bring my dog" finds "bring" but not
"dog", the rare and telling word, so it is not sure.
"""

import difflib
import math
from dataclasses import dataclass

import bm25s
import numpy

from . import text

# BM25's usual settings (Lucene's).
K1, B = 1.2, 0.75
# A parent's word the guide does not have is read as the guide's closest word at least this close (difflib's
# ratio): "confrence" is "conference", "socail" is "social".
SPELLING_CUTOFF = 0.8
SHORTEST_CORRECTED = 4


@dataclass(frozen=True)
class Hit:
    passage: object
    score: float
    sureness: float  # 0 to 1


class LanguageIndex:
    def __init__(self, lang, passages, stopwords=frozenset()):
        self.lang = lang
        self.passages = passages
        self.stopwords = stopwords
        documents = [self._terms(text.words(f"{p.heading} {p.heading} {p.text}")) for p in passages]
        self.retriever = bm25s.BM25(k1=K1, b=B)
        self.retriever.index(documents, show_progress=False)
        self.term_sets = [frozenset(d) for d in documents]
        frequency = {}
        for terms in self.term_sets:
            for term in terms:
                frequency[term] = frequency.get(term, 0) + 1
        count = len(passages)
        self.idf = {t: _idf(count, df) for t, df in frequency.items()}
        self.unknown_idf = _idf(count, 0)
        self.words = sorted({w for p in passages for w in text.words(f"{p.heading} {p.text}") if len(w) > 2})

    def _terms(self, words):
        return [t for w in words if w not in self.stopwords for t in text.word_terms(w, self.lang)]

    def corrected(self, word):
        """The word, or the guide's closest word when the guide does not have it (a spelling mistake)."""
        if len(word) < SHORTEST_CORRECTED or text.uses_ngrams(self.lang):
            return word
        if all(t in self.idf for t in text.word_terms(word, self.lang)):
            return word
        close = difflib.get_close_matches(word, self.words, n=1, cutoff=SPELLING_CUTOFF)
        return close[0] if close else word

    def telling_terms(self, question_words):
        """The question's terms worth marking in an extract: those in fewer than a third of the passages."""
        least = _idf(len(self.passages), len(self.passages) / 3)
        terms = set(self._terms(self.corrected(w) for w in question_words))
        return frozenset(t for t in terms if self.idf.get(t, 0) >= least)

    def search(self, question_words, optional_words=(), limit=3):
        """The best passages for the question, best first, with how sure each is."""
        question_words = [self.corrected(w) for w in question_words if w not in self.stopwords]
        query = self._terms(question_words)
        if not query or not self.passages:
            return []
        needed = set(self._terms(w for w in question_words if w not in optional_words))
        needed = needed or set(query)
        weight = sum(self.idf.get(t, self.unknown_idf) for t in needed)
        scores = self.retriever.get_scores(query)
        best = numpy.argsort(-scores, kind="stable")[: limit * 4]
        hits = []
        for i in best:
            if scores[i] <= 0:
                break
            found = sum(self.idf[t] for t in needed & self.term_sets[i])
            hits.append(Hit(self.passages[i], float(scores[i]), found / weight if weight else 0.0))
        return hits


def _idf(count, df):
    return math.log(1 + (count - df + 0.5) / (df + 0.5))
