"""Text handling for the question box, per language: the same steps for a question and for the guide.

1. Unicode NFKC and case folding; apostrophes and joiners dropped ("don't" and "dont" are one word); accents
   on Latin letters dropped, since parents often type without them ("maz" is "mąż", "decisao" is "decisão").
2. Arabic and Urdu letter variants folded (hamza forms of alef, the Urdu and Persian yeh, keheh, heh goal and
   doachashmee, teh marbuta), short vowels and tatweel removed, Arabic-Indic digits as 0-9.
3. Words: runs of letters, marks and digits (marks matter: a Bengali or Gujarati vowel sign is a mark).
4. Terms: a Snowball stem for each word where the language has a stemmer; where it does not (Welsh,
   Punjabi, Urdu, Bengali, Gujarati), the word itself and its character 3-grams, so "plant" meets "phlant"
   and an Urdu word meets its inflected forms.
"""

import re
import unicodedata
from functools import cache

import Stemmer

# Snowball algorithms (PyStemmer) for the site's languages that have one.
STEMMERS = {
    "en": "english",
    "es": "spanish",
    "it": "italian",
    "pt": "portuguese",
    "ro": "romanian",
    "ar": "arabic",
    "pl": "polish",
}
# The languages without one (Welsh, Punjabi, Urdu, Bengali, Gujarati) use character n-grams.
NGRAM_SIZE = 3

_FOLD = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ى": "ي",
        "ی": "ي",
        "ے": "ي",
        "ئ": "ي",
        "ؤ": "و",
        "ک": "ك",
        "ة": "ه",
        "ہ": "ه",
        "ھ": "ه",
        "ۃ": "ه",
        "ł": "l",
        "ـ": None,
        "'": None,
        "’": None,
        "‘": None,
        "ʼ": None,
        "\u200c": None,
        "\u200d": None,
        **{chr(0x0660 + d): str(d) for d in range(10)},
        **{chr(0x06F0 + d): str(d) for d in range(10)},
    }
)
# Arabic short vowels and other marks, and accents on Latin letters, that people type or leave out at will.
_HARAKAT = re.compile("[\u064b-\u065f\u0670\u06d6-\u06ed]")
_LATIN_ACCENTS = re.compile("[\u0300-\u036f]")
# Letters, digits and the marks of the Indic scripts (whole blocks, so vowel signs stay inside their word).
_WORD = re.compile(r"(?:[^\W_]|[\u0300-\u036f\u0900-\u0dff])+")


def fold(text):
    """The text as compared: NFKC, case folded, letter variants folded, apostrophes and short vowels gone."""
    text = unicodedata.normalize("NFKC", text).casefold().translate(_FOLD)
    text = unicodedata.normalize("NFC", _LATIN_ACCENTS.sub("", unicodedata.normalize("NFD", _HARAKAT.sub("", text))))
    return text


def words(text):
    """The folded words of ``text``, in order."""
    return _WORD.findall(fold(text))


@cache
def _stemmer(lang):
    algorithm = STEMMERS.get(lang)
    return Stemmer.Stemmer(algorithm) if algorithm else None


def uses_ngrams(lang):
    return lang not in STEMMERS


def word_terms(word, lang):
    """The index terms one folded word gives in ``lang``."""
    stemmer = _stemmer(lang)
    if stemmer is not None:
        return [stemmer.stemWord(word)]
    if len(word) <= NGRAM_SIZE:
        return [word]
    return [word, *("#" + word[i : i + NGRAM_SIZE] for i in range(len(word) - NGRAM_SIZE + 1))]


def terms(text, lang):
    """Every index term of ``text`` in ``lang``, in order (repeats kept: BM25 counts them)."""
    return [term for word in words(text) for term in word_terms(word, lang)]


def script_of(text):
    """The main script of ``text``: 'latin', 'arabic', 'bengali', 'gurmukhi', 'gujarati' or '' (none)."""
    counts = {}
    for char in text:
        if char.isalpha():
            name = unicodedata.name(char, "").split(" ")[0].lower()
            counts[name] = counts.get(name, 0) + 1
    return max(counts, key=counts.get) if counts else ""
