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
K1, B = 1.2, 0.5  # b below Lucene's 0.75: a long section is not worth less (chosen on eval/ask)
# A parent's word the guide does not have is read as the guide's closest word at least this close (difflib's
# ratio): "confrence" is "conference", "socail" is "social".
SPELLING_CUTOFF = 0.85
SHORTEST_CORRECTED = 4
MAX_CORRECTIONS_KEPT = 10000
# The share of the guide's words for a parent's words (synonyms.toml) a passage must hold to match them fully.
GUIDE_WORDS_ENOUGH = 0.5


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
        passage_words = [(text.words(p.heading), text.words(p.text)) for p in passages]
        # The heading twice: it says what the passage is about.
        documents = [self._terms(heading + heading + body) for heading, body in passage_words]
        self.retriever = bm25s.BM25(k1=K1, b=B)
        if documents:  # a language with no pages (a council's own content) has nothing to index: search finds nothing
            self.retriever.index(documents, show_progress=False)
        self.term_sets = [frozenset(d) for d in documents]
        frequency = {}
        for terms in self.term_sets:
            for term in terms:
                frequency[term] = frequency.get(term, 0) + 1
        count = len(passages)
        self.idf = {t: _idf(count, df) for t, df in frequency.items()}
        self.unknown_idf = _idf(count, 0)
        # Each word under every spelling with one letter left out: a word typed with one letter wrong, missing,
        # extra or swapped shares one of these with the guide's word (SymSpell's idea), found in a few look-ups.
        # Not for languages searched by 3-grams, which already meet a word spelt a little differently.
        self.one_letter_out = {}
        words = set() if text.uses_ngrams(lang) else {w for pair in passage_words for part in pair for w in part}
        for word in (w for w in words if len(w) > 2):
            for variant in _one_letter_out(word):
                self.one_letter_out.setdefault(variant, set()).add(word)
        self.corrections = {}

    def _terms(self, words):
        return [t for w in words if w not in self.stopwords for t in text.word_terms(w, self.lang)]

    def corrected(self, word):
        """The word, or the guide's closest word when the guide does not have it (a spelling mistake)."""
        if len(word) < SHORTEST_CORRECTED or text.uses_ngrams(self.lang):
            return word
        if all(t in self.idf for t in text.word_terms(word, self.lang)):
            return word
        if word not in self.corrections:
            candidates = set()
            for variant in _one_letter_out(word):
                candidates |= self.one_letter_out.get(variant, set())
            close = difflib.get_close_matches(word, sorted(candidates), n=1, cutoff=SPELLING_CUTOFF)
            if len(self.corrections) < MAX_CORRECTIONS_KEPT:
                self.corrections[word] = close[0] if close else word
            else:
                return close[0] if close else word
        return self.corrections[word]

    def telling_terms(self, concepts):
        """The question's terms worth marking in an extract: those in fewer than a third of the passages."""
        least = _idf(len(self.passages), len(self.passages) / 3)
        terms = {t for alternatives in self._concept_terms(concepts) for a in alternatives for t in a}
        return frozenset(t for t in terms if self.idf.get(t, 0) >= least)

    def _concept_terms(self, concepts):
        """Each concept (phrases.concepts) as its alternatives' terms; a word alone may be a spelling mistake."""
        result = []
        for alternatives in concepts:
            if len(alternatives) == 1 and len(alternatives[0]) == 1:
                alternatives = [[self.corrected(alternatives[0][0])]]
            terms = [self._terms(words) for words in alternatives]
            if any(terms):
                result.append([t for t in terms if t])
        return result

    def search(self, concepts, limit=3):
        """The best passages for the question's concepts, best first, with how sure each is: the share of the
        question's weight that the passage holds. A concept weighs as its alternative the guide knows best
        (the guide's words for a parent's word), each term by its inverse document frequency."""
        concepts = self._concept_terms(concepts)
        query = [t for alternatives in concepts for a in alternatives for t in a]
        if not query or not self.passages:
            return []
        scores = self.retriever.get_scores(query)
        best = numpy.argsort(-scores, kind="stable")[: limit * 4]
        # A number ("hes 12") rarely names what a question is about: it helps the ranking but is not needed.
        weighed = [(self._weight(c), c) for c in concepts if not all(t.isdigit() for a in c for t in a)]
        total = sum(weight for weight, _ in weighed)
        hits = []
        for i in best:
            if scores[i] <= 0:
                break
            held = sum(weight * self._share(c, self.term_sets[i]) for weight, c in weighed)
            hits.append(Hit(self.passages[i], float(scores[i]), held / total if total else 0.0))
        return hits

    def _weight(self, alternatives):
        return min(sum(self.idf.get(t, self.unknown_idf) for t in a) / len(a) for a in alternatives)

    def _share(self, alternatives, passage_terms):
        """How much of a concept a passage holds (0 to 1): the best of its alternatives. The guide's words for
        a parent's word (the second alternative on) are several ways to say one thing: half of them is enough."""
        shares = []
        for number, terms in enumerate(alternatives):
            found = sum(self.idf.get(t, 0) for t in terms if t in passage_terms)
            whole = sum(self.idf.get(t, self.unknown_idf) for t in terms) * (GUIDE_WORDS_ENOUGH if number else 1)
            shares.append(min(1.0, found / whole))
        return max(shares)


def _one_letter_out(word):
    return {word, *(word[:i] + word[i + 1 :] for i in range(len(word)))}


def _idf(count, df):
    return math.log(1 + (count - df + 0.5) / (df + 0.5))
