"""Offline plain-language scores for English text: Flesch-Kincaid grade and words per sentence.

textstat 0.7.10+ fetches a word list at run time (and older releases need NLTK data), so this counts
syllables with the usual vowel-group rules. It agrees with dictionary counts for the short, common
words the guide uses, which is what the scores are for.
"""

import re
from dataclasses import dataclass

MAX_GRADE = 6.0
MAX_WORDS_PER_SENTENCE = 15.0
GOAL_GRADE = 5.0
GOAL_WORDS_PER_SENTENCE = 12.0

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d+(?:[.:,/]\d+)*")
_SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)|:(?=\s*$)")
_VOWEL_GROUP = re.compile(r"[aeiouy]+")


def count_syllables(word):
    word = word.lower().strip("'’-")
    if not word or word[0].isdigit():
        return 1
    if "-" in word:
        return sum(count_syllables(part) for part in word.split("-") if part)
    word = re.sub(r"[’']s$", "", word)
    groups = len(_VOWEL_GROUP.findall(word))
    if word.endswith("e") and not word.endswith(("le", "ee", "ye")) and groups > 1:
        groups -= 1
    silent_ending = word.endswith(("ed", "es")) and len(word) > 3 and word[-3] not in "aeiouytd"
    if silent_ending and not word.endswith(("ses", "zes", "ches", "shes", "ges", "ces", "xes")) and groups > 1:
        groups -= 1
    return max(1, groups)


def sentences_of(blocks):
    """Split blocks of text into sentences; a block (heading, list item) always ends one."""
    sentences = []
    for block in blocks:
        for part in _SENTENCE_END.split(block):
            if _WORD.search(part):
                sentences.append(part)
    return sentences


@dataclass(frozen=True)
class Scores:
    words: int
    sentences: int
    syllables: int

    @property
    def words_per_sentence(self):
        return self.words / self.sentences if self.sentences else 0.0

    @property
    def grade(self):
        if not self.words:
            return 0.0
        return 0.39 * self.words_per_sentence + 11.8 * (self.syllables / self.words) - 15.59

    @property
    def within_limits(self):
        return self.grade <= MAX_GRADE and self.words_per_sentence <= MAX_WORDS_PER_SENTENCE


def score(blocks):
    """Scores for a page given as blocks of plain text."""
    sentences = sentences_of(blocks)
    words = [w for s in sentences for w in _WORD.findall(s)]
    return Scores(words=len(words), sentences=len(sentences), syllables=sum(map(count_syllables, words)))
