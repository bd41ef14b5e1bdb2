"""The preparation chat's journey: questions as data, which apply, progress, going back; reading answers."""

from dataclasses import replace

import pytest

from familyguide.config import PROJECT_ROOT
from familyguide.content import Library
from familyguide.prepare import answers as answer_form
from familyguide.prepare.journey import (
    ANSWERED,
    NOT_SURE,
    SKIPPED,
    Journey,
    for_the_record,
    question_from_page,
    switched_off,
)

REQUIRED_KEYS = {
    "conference_kind",
    "going_well",
    "want_known",
    "needs_to_change",
    "worries",
    "since_last",
    "what_helped",
    "help_needed",
    "next_steps",
    "network",
    "disagree",
    "on_the_day",
    "scale",
    "one_point_up",
}
# The Signs of Safety questions a practitioner would never leave out (issue 15).
SIGNS_OF_SAFETY_KEYS = {
    "kept_safe",
    "own_worries",
    "hard_to_do",
    "family_goals",
    "child_view",
    "questions_to_ask",
    "scale_why",
    "child_scale",
}
FIRST_CONFERENCE_ORDER = [
    "conference_kind",
    "kept_safe",
    "going_well",
    "want_known",
    "worries",
    "own_worries",
    "needs_to_change",
    "help_needed",
    "family_goals",
    "next_steps",
    "network",
    "child_view",
    "disagree",
    "questions_to_ask",
    "on_the_day",
    "scale",
    "scale_why",
    "child_scale",
    "one_point_up",
]
REVIEW_ONLY = ["since_last", "what_helped", "hard_to_do"]


@pytest.fixture(scope="module")
def questions():
    pages = Library(PROJECT_ROOT / "content").pages("en", "prepare")
    return [question_from_page(page, page) for page in pages]


def answered(value=""):
    return {"status": ANSWERED, "value": value}


def test_the_content_has_every_question_the_leaflet_asks(questions):
    assert {q.key for q in questions} == REQUIRED_KEYS | SIGNS_OF_SAFETY_KEYS
    for question in questions:
        assert question.title.endswith("?"), question.key
        assert len(question.examples) == 2, question.key
        assert question.glossary and question.explanation.strip(), question.key
        assert question.heading_en, question.key


def test_choice_and_scale_questions_offer_their_replies(questions):
    by_key = {q.key: q for q in questions}
    assert by_key["conference_kind"].values == ("first", "review")
    assert by_key["since_last"].values == ("better", "same", "worse")
    assert by_key["since_last"].label("worse") == "Got worse"
    assert by_key["scale"].values == tuple(str(n) for n in range(11))
    assert "0 means if nothing changes" in by_key["scale"].scale_ends[0]
    assert "10 means there are no worries" in by_key["scale"].scale_ends[1]
    assert by_key["child_scale"].values == tuple(str(n) for n in range(11))
    assert "your child would say" in by_key["child_scale"].scale_ends[0]


def test_the_support_question_asks_if_they_know_the_worries_and_could_be_in_the_safety_plan(questions):
    network = {q.key: q for q in questions}["network"]
    assert "Do they know about the worries?" in network.title
    assert "part of the safety plan" in network.explanation


def test_a_first_conference_skips_the_review_questions(questions):
    journey = Journey(questions)
    first = {"conference_kind": answered("first")}
    keys = [q.key for q in journey.steps(first)]
    assert keys == FIRST_CONFERENCE_ORDER
    review = {"conference_kind": answered("review")}
    review_keys = [q.key for q in journey.steps(review)]
    assert review_keys[7:10] == REVIEW_ONLY
    assert [key for key in review_keys if key not in REVIEW_ONLY] == FIRST_CONFERENCE_ORDER
    assert journey.position(journey.get("going_well"), review) == (3, 22)


def test_not_knowing_the_kind_of_conference_asks_only_the_first_conference_questions(questions):
    journey = Journey(questions)
    assert len(journey.steps({"conference_kind": {"status": NOT_SURE, "value": ""}})) == len(FIRST_CONFERENCE_ORDER)


def test_a_council_can_switch_off_optional_questions_but_not_required_ones(questions):
    journey = Journey(questions, switched_off(" disagree, scale ,going_well, child_scale"))
    keys = [q.key for q in journey.steps({})]
    assert "scale" not in keys and "child_scale" not in keys
    assert "going_well" in keys  # not optional, so a council cannot switch it off
    assert "disagree" in keys  # never optional, whatever the council asks
    assert "one_point_up" in keys


def test_a_council_cannot_make_the_disagree_question_optional_by_rewording_it():
    library = Library(PROJECT_ROOT / "content")
    english = next(p for p in library.pages("en", "prepare") if p.header["key"] == "disagree")
    reworded = replace(english, header={**english.header, "optional": "yes"})
    question = question_from_page(reworded, reworded)
    assert not question.optional
    journey = Journey([question], switched_off("disagree"))
    assert [q.key for q in journey.steps({})] == ["disagree"]


def test_a_translation_changes_the_words_but_not_the_place_or_the_rules():
    library = Library(PROJECT_ROOT / "content")
    english = next(p for p in library.pages("en", "prepare") if p.header["key"] == "kept_safe")
    translated = replace(
        english,
        lang="pl",
        order=99,
        title="Jak dbasz o bezpieczeństwo dziecka?",
        header={**english.header, "optional": "yes", "only_for": "review"},
    )
    question = question_from_page(translated, english)
    assert question.title == "Jak dbasz o bezpieczeństwo dziecka?"
    assert (question.order, question.optional, question.only_for) == (english.order, False, None)


def test_next_previous_and_the_conversation_so_far(questions):
    journey = Journey(questions)
    answers = {"conference_kind": answered("first"), "going_well": {"status": SKIPPED, "value": ""}}
    assert journey.next_unanswered(answers).key == "kept_safe"
    answers["kept_safe"] = answered("I keep the medicines locked away.")
    assert journey.next_unanswered(answers).key == "want_known"
    want_known = journey.get("want_known")
    assert journey.previous(want_known, answers).key == "going_well"
    assert journey.previous(journey.get("conference_kind"), answers) is None
    assert [q.key for q in journey.before(want_known, answers)] == ["conference_kind", "kept_safe", "going_well"]
    assert not journey.is_complete(answers)


@pytest.mark.parametrize("kind", ["first", "review"])
def test_every_step_knows_its_number_the_one_before_and_the_answered_ones_before_it(questions, kind):
    journey = Journey(questions, switched_off("scale"))
    answers = {q.key: answered("x") for q in questions}
    answers["conference_kind"] = answered(kind)
    del answers["kept_safe"]
    steps = journey.steps(answers)
    for number, question in enumerate(steps, 1):
        assert journey.position(question, answers) == (number, len(steps))
        assert journey.previous(question, answers) == (steps[number - 2] if number > 1 else None)
        assert journey.before(question, answers) == [q for q in steps[: number - 1] if q.key != "kept_safe"]


def test_a_question_that_does_not_apply_has_no_place(questions):
    journey = Journey(questions, switched_off("scale"))
    first = {"conference_kind": answered("first")}
    for question in (journey.get(REVIEW_ONLY[0]), journey.get("scale")):
        for ask in (journey.position, journey.previous, journey.before):
            with pytest.raises(ValueError):
                ask(question, first)


def test_changing_to_a_first_conference_leaves_review_answers_out(questions):
    journey = Journey(questions)
    answers = {q.key: answered("x") for q in questions}
    answers["conference_kind"] = answered("review")
    assert journey.is_complete(answers)
    answers["conference_kind"] = answered("first")
    assert journey.is_complete(answers)
    assert "what_helped" not in [q.key for q, _ in for_the_record(journey, answers)]


def test_the_record_leaves_out_skipped_questions_but_keeps_not_sure(questions):
    journey = Journey(questions)
    answers = {
        "conference_kind": answered("first"),
        "going_well": {"status": SKIPPED, "value": ""},
        "want_known": {"status": NOT_SURE, "value": ""},
        "worries": answered("They worry."),
    }
    assert [q.key for q, _ in for_the_record(journey, answers)] == ["conference_kind", "want_known", "worries"]


class Form(dict):
    pass


def test_answers_are_cleaned_normalised_and_kept_as_typed(questions):
    question = Journey(questions).get("going_well")
    typed = answer_form.read(question, Form(answer="  Cafe\u0301 <b>bold</b>\r\nline two\x00\x07\u200b  "))
    assert typed.error is None
    assert typed.text == "Café <b>bold</b>\nline two\u200b"
    assert typed.as_record() == {"status": ANSWERED, "value": typed.text}


def test_an_answer_over_the_limit_is_an_error_and_is_kept(questions):
    question = Journey(questions).get("going_well")
    text = "a" * 3001
    typed = answer_form.read(question, Form(answer=text))
    assert typed.error == "too_long" and typed.text == text
    assert answer_form.read(question, Form(answer="a" * 3000)).error is None
    assert answer_form.remaining(text) == -1


def test_empty_answers_and_unknown_choices_are_errors_but_not_sure_and_skip_are_not(questions):
    journey = Journey(questions)
    assert answer_form.read(journey.get("going_well"), Form(answer="  ")).error == "empty"
    assert answer_form.read(journey.get("conference_kind"), Form(choice="maybe")).error == "choose"
    assert answer_form.read(journey.get("scale"), Form(choice="11")).error == "choose_scale"
    assert answer_form.read(journey.get("scale"), Form(choice="7")).as_record() == answered("7")
    not_sure = answer_form.read(journey.get("going_well"), Form(answer="", action="not_sure"))
    assert not_sure.error is None and not_sure.as_record() == {"status": NOT_SURE, "value": ""}
    assert answer_form.read(journey.get("conference_kind"), Form(action="skip")).as_record()["status"] == SKIPPED
