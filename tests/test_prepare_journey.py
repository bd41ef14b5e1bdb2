"""The preparation chat's journey: questions as data, which apply, progress, going back; reading answers."""

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

REQUIRED_KEYS = {"conference_kind", "going_well", "want_known", "needs_to_change", "worries", "since_last",
                 "what_helped", "help_needed", "next_steps", "network", "disagree", "on_the_day", "scale",
                 "one_point_up"}


@pytest.fixture(scope="module")
def questions():
    pages = Library(PROJECT_ROOT / "content").pages("en", "prepare")
    return [question_from_page(page, page) for page in pages]


def answered(value=""):
    return {"status": ANSWERED, "value": value}


def test_the_content_has_every_question_the_leaflet_asks(questions):
    assert {q.key for q in questions} == REQUIRED_KEYS
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


def test_a_first_conference_skips_the_review_questions(questions):
    journey = Journey(questions)
    first = {"conference_kind": answered("first")}
    keys = [q.key for q in journey.steps(first)]
    assert "since_last" not in keys and "what_helped" not in keys
    assert keys[0] == "conference_kind" and len(keys) == 12
    review = {"conference_kind": answered("review")}
    assert [q.key for q in journey.steps(review)][5:7] == ["since_last", "what_helped"]
    assert journey.position(journey.get("going_well"), review) == (2, 14)


def test_not_knowing_the_kind_of_conference_asks_only_the_first_conference_questions(questions):
    journey = Journey(questions)
    assert len(journey.steps({"conference_kind": {"status": NOT_SURE, "value": ""}})) == 12


def test_a_council_can_switch_off_optional_questions_but_not_required_ones(questions):
    journey = Journey(questions, switched_off(" disagree, scale ,going_well"))
    keys = [q.key for q in journey.steps({})]
    assert "disagree" not in keys and "scale" not in keys
    assert "going_well" in keys  # not optional, so a council cannot switch it off
    assert "one_point_up" in keys


def test_next_previous_and_the_conversation_so_far(questions):
    journey = Journey(questions)
    answers = {"conference_kind": answered("first"), "going_well": {"status": SKIPPED, "value": ""}}
    assert journey.next_unanswered(answers).key == "want_known"
    want_known = journey.get("want_known")
    assert journey.previous(want_known, answers).key == "going_well"
    assert journey.previous(journey.get("conference_kind"), answers) is None
    assert [q.key for q in journey.before(want_known, answers)] == ["conference_kind", "going_well"]
    assert not journey.is_complete(answers)


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
    answers = {"conference_kind": answered("first"), "going_well": {"status": SKIPPED, "value": ""},
               "want_known": {"status": NOT_SURE, "value": ""}, "worries": answered("They worry.")}
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
