"""A parent's sent views as the worker reads them: each answer exactly as written, in the parent's language
and direction, under the question in the parent's language and in English; and the same PDF the parent gets."""

from contextlib import contextmanager

from flask import g
from flask_babel import force_locale

from .. import clock, i18n
from ..pdf import text_direction
from ..prepare import messages, views_pdf
from ..prepare.journey import for_the_record
from ..prepare.questions import journey


@contextmanager
def in_language(code):
    """Render as a family page in ``code`` would (the parent's language), inside a staff request."""
    before = getattr(g, "lang", None)
    g.lang = code
    try:
        with force_locale(i18n.languages().get(code).babel_locale):
            yield i18n.languages().get(code)
    finally:
        g.lang = before


def rows(sent):
    """One row per question the parent answered or marked "not sure", in the order they saw them."""
    english = journey("en")
    found = []
    with in_language(sent.language) as language:
        for question, record in for_the_record(journey(sent.language), sent.answers):
            text = str(messages.shown_answer(question, record))
            found.append(
                {
                    "question": question.title,
                    "question_lang": question.lang,
                    "question_dir": "rtl" if question.lang == language.code and language.is_rtl else "ltr",
                    "question_en": (english.get(question.key) or question).title,
                    "text": text,
                    "dir": text_direction(text),
                    "lang": language.code,
                }
            )
    return found


def pdf(sent):
    """The PDF the parent gets from their own check-your-answers page, for this version, dated the day they sent
    it (not the day the worker downloads it)."""
    with in_language(sent.language):
        return views_pdf.document(journey(sent.language), sent.answers, written_on=clock.local(sent.sent_at).date())
