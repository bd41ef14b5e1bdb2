"""The preparation chat as data: the questions in order, which ones apply, and where the parent is.

No Flask here. Questions come from council content (one Markdown file per question); answers are a
plain dict ``{key: {"status": ..., "value": ...}}`` as stored in the encrypted draft.
"""

from dataclasses import dataclass, field
from typing import TypedDict

from ..content import Page

TEXT, CHOICE, SCALE = "text", "choice", "scale"
ANSWERED, NOT_SURE, SKIPPED = "answered", "not_sure", "skipped"
STATUSES = (ANSWERED, NOT_SURE, SKIPPED)
KIND_QUESTION = "conference_kind"
REVIEW = "review"
SCALE_VALUES = tuple(str(n) for n in range(11))


class AnswerRecord(TypedDict):
    """One answer as stored in the draft: its status (one of STATUSES) and the words, for an answered one."""

    status: str
    value: str


Answers = dict[str, AnswerRecord]  # question key -> answer

# A parent can always say what in the reports is wrong: a council cannot switch this question off.
ALWAYS_ASKED = frozenset({"disagree"})


@dataclass(frozen=True)
class Question:
    key: str
    order: int
    kind: str
    title: str
    summary: str
    explanation: str
    examples: tuple[str, ...] = ()
    choices: tuple[tuple[str, str], ...] = ()  # (value, label) pairs
    optional: bool = False
    only_for: str | None = None
    glossary: str | None = None
    heading: str = ""
    heading_en: str = ""
    scale_ends: tuple[str, ...] = ()
    lang: str = "en"  # the language of this wording (English while a translation is missing)

    def label(self, value: str) -> str:
        """The words shown for a choice (the number itself on the scale)."""
        return dict(self.choices).get(value, value)

    @property
    def values(self) -> tuple[str, ...]:
        return SCALE_VALUES if self.kind == SCALE else tuple(value for value, _ in self.choices)


def _choices(text: str | None) -> tuple[tuple[str, str], ...]:
    pairs = []
    for part in (text or "").split("|"):
        value, _, label = part.partition("=")
        if value.strip() and label.strip():
            pairs.append((value.strip(), label.strip()))
    return tuple(pairs)


def question_from_page(page: Page, english: Page | None = None) -> Question:
    """Build a Question from a content page; ``english`` is the English page, which sets the question's place,
    kind and rules (a translation only changes the words) and gives the PDF's English headings."""
    header = page.header
    source = english or page
    kind = source.header.get("kind", TEXT)
    if kind not in (TEXT, CHOICE, SCALE):
        raise ValueError(f"{page.slug}: unknown kind {kind!r}")
    key = source.header["key"]
    return Question(
        key=key,
        order=source.order,
        kind=kind,
        title=page.title,
        summary=page.summary,
        explanation=page.body,
        examples=tuple(header[k] for k in ("example_1", "example_2") if header.get(k)),
        choices=_choices(header.get("choices")),
        optional=source.header.get("optional", "no").lower() == "yes" and key not in ALWAYS_ASKED,
        only_for=source.header.get("only_for") or None,
        glossary=header.get("glossary") or None,
        heading=header.get("heading") or page.title,
        heading_en=source.header.get("heading") or source.title,
        scale_ends=tuple(header[k] for k in ("scale_low", "scale_high") if header.get(k)),
        lang=page.lang,
    )


def switched_off(setting: str | None) -> set[str]:
    """The optional question keys a council has switched off: "disagree, scale" -> {"disagree", "scale"}."""
    return {key.strip() for key in (setting or "").split(",") if key.strip()}


@dataclass
class Journey:
    """The ordered questions and the rules for which apply, given a council's settings and the answers."""

    questions: list[Question]
    off: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.questions = sorted(self.questions, key=lambda q: (q.order, q.key))
        self._by_key = {q.key: q for q in self.questions}
        # Which questions apply turns on one answer (is this a review conference?): both lists, made once.
        self._steps = {review: tuple(q for q in self.questions if self._applies(q, review)) for review in (False, True)}
        # Where each question stands in each list, by key: a page asks three times, and searching the list compared
        # whole questions field by field, longer the further the parent had come.
        self._places = {review: {q.key: at for at, q in enumerate(steps)} for review, steps in self._steps.items()}

    def get(self, key: str) -> Question | None:
        return self._by_key.get(key)

    def applies(self, question: Question, answers: Answers) -> bool:
        return self._applies(question, _is_review(answers))

    def _applies(self, question: Question, review: bool) -> bool:
        if question.optional and question.key in self.off:
            return False
        return review if question.only_for == REVIEW else True

    def steps(self, answers: Answers) -> tuple[Question, ...]:
        """The questions that apply to this parent, in order."""
        return self._steps[_is_review(answers)]

    def next_unanswered(self, answers: Answers) -> Question | None:
        return next((q for q in self.steps(answers) if q.key not in answers), None)

    def _place(self, question: Question, answers: Answers) -> tuple[tuple[Question, ...], int]:
        """This parent's steps and where ``question`` stands in them; ValueError when it is not one of them."""
        review = _is_review(answers)
        at = self._places[review].get(question.key)
        if at is None:
            raise ValueError(f"{question.key} does not apply to this parent")
        return self._steps[review], at

    def position(self, question: Question, answers: Answers) -> tuple[int, int]:
        """(number, total) for "Question 3 of 10"."""
        steps, at = self._place(question, answers)
        return at + 1, len(steps)

    def previous(self, question: Question, answers: Answers) -> Question | None:
        steps, at = self._place(question, answers)
        return steps[at - 1] if at else None

    def before(self, question: Question, answers: Answers) -> list[Question]:
        """The answered questions that come before ``question`` (the conversation so far)."""
        steps, at = self._place(question, answers)
        return [q for q in steps[:at] if q.key in answers]

    def answered_steps(self, answers: Answers) -> list[Question]:
        return [q for q in self.steps(answers) if q.key in answers]

    def is_complete(self, answers: Answers) -> bool:
        return self.next_unanswered(answers) is None


def _is_review(answers: Answers) -> bool:
    return value_of(answers, KIND_QUESTION) == REVIEW


def value_of(answers: Answers, key: str) -> str:
    answer = answers.get(key)
    return answer.get("value", "") if answer and answer.get("status") == ANSWERED else ""


def for_the_record(journey: Journey, answers: Answers) -> list[tuple[Question, AnswerRecord]]:
    """What goes in the parent's views: every applicable question answered or marked "not sure"."""
    return [(q, answers[q.key]) for q in journey.answered_steps(answers) if answers[q.key]["status"] != SKIPPED]
