"""Reading one answer from the chat form: cleaned, checked, and never lost. No Flask here.

Errors are codes ("too_long", "choose"); the views turn them into sentences in the parent's language.
"""

from dataclasses import dataclass

from ..form_input import FormInput
from ..text import clean_text
from .journey import ANSWERED, CHOICE, NOT_SURE, SKIPPED, TEXT

MAX_LENGTH = 3000
ACTIONS = {"answer": ANSWERED, "not_sure": NOT_SURE, "skip": SKIPPED}


@dataclass
class AnswerInput(FormInput):
    """The answer as typed; ``error`` is the code of what is wrong with it, ``errors`` its message (views.py)."""

    text: str = ""
    status: str = ANSWERED
    error: str | None = None

    def as_record(self):
        value = self.text if self.status == ANSWERED else ""
        return {"status": self.status, "value": value}


def read(question, form):
    """Read the form for ``question``. ``form`` is a mapping (request.form)."""
    status = ACTIONS.get(form.get("action", "answer"), ANSWERED)
    if question.kind == TEXT:
        text = clean_text(form.get("answer"))
    else:
        text = clean_text(form.get("choice") or form.get("answer"))
    answer = AnswerInput(text=text, status=status)
    if status != ANSWERED:
        return answer
    if question.kind == TEXT:
        answer.error = _text_error(text)
    elif text not in question.values:
        answer.error = "choose_scale" if question.kind != CHOICE else "choose"
    return answer


def _text_error(text):
    if not text:
        return "empty"
    if len(text) > MAX_LENGTH:
        return "too_long"
    return None


def remaining(text):
    return MAX_LENGTH - len(text or "")
