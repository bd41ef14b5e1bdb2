"""A short extract of a passage around the words the question matched, those words marked, escaped."""

import re

from markupsafe import Markup, escape

from . import text

WORDS_SHOWN = 40
_WORD = re.compile(r"(?:[^\W_]|[\u0300-\u036f\u0900-\u0dff]|['’])+")


def extract(passage_text, lang, marked_terms):
    """Up to WORDS_SHOWN words of the passage where the marked terms are thickest, as safe HTML: each matching
    word in <mark>, "…" where the text was cut."""
    spans = [m.span() for m in _WORD.finditer(passage_text)]
    if not spans:
        return escape(passage_text)
    hits = [_is_marked(passage_text[a:b], lang, marked_terms) for a, b in spans]
    window = min(WORDS_SHOWN, len(spans))
    start = max(range(len(spans) - window + 1), key=lambda i: (sum(hits[i : i + window]), -i))
    end = start + window
    begin_at = spans[start][0] if start else 0
    stop_at = spans[end - 1][1] if end < len(spans) else len(passage_text)
    pieces, at = ["…" if start else ""], begin_at
    for (a, b), hit in zip(spans[start:end], hits[start:end], strict=True):
        pieces.append(str(escape(passage_text[at:a])))
        word = str(escape(passage_text[a:b]))
        pieces.append(f"<mark>{word}</mark>" if hit else word)
        at = b
    pieces += [str(escape(passage_text[at:stop_at])), "…" if end < len(spans) else ""]
    # Safe as Markup (bandit B704): every piece of the passage is escaped; only <mark> is added.
    return Markup("".join(pieces))  # nosec


def _is_marked(word, lang, marked_terms):
    folded = text.words(word)
    return bool(folded) and text.word_terms(folded[0], lang)[0] in marked_terms
