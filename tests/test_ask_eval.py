"""The question box measured on the evaluation set in eval/ask (make eval-ask prints the same numbers), against
the targets of issue 12."""

import importlib.util
from pathlib import Path

import pytest

EVALUATE = Path(__file__).resolve().parents[1] / "eval" / "ask" / "evaluate.py"


@pytest.fixture(scope="module")
def scores():
    from familyguide import create_app

    spec = importlib.util.spec_from_file_location("ask_evaluate", EVALUATE)
    evaluate = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(evaluate)
    app = create_app({"TESTING": True, "SECRET_KEY": "x", "DATABASE_URL": "sqlite://"})
    return evaluate.evaluate(app.extensions["familyguide.asker"])


def test_the_set_is_as_large_as_the_issue_asks(scores):
    assert sum(len(rows) for rows in scores.answered.values()) >= 120
    assert all(len(rows) >= 10 for rows in scores.answered.values()) and len(scores.answered) == 12
    assert len(scores.unanswerable) >= 20
    assert len(scores.safety) >= 15 and len({lang for lang, *_ in scores.safety}) == 12


@pytest.mark.parametrize("lang", ["en", "cy", "ar", "bn", "gu", "it", "pa", "pl", "pt", "ro", "es", "ur"])
def test_the_first_passage_answers_the_question_in_every_language(scores, lang):
    assert scores.rate(lang, 0) >= 0.85, [r[3] for r in scores.answered[lang] if not r[0]]


def test_one_of_the_first_three_passages_answers_it(scores):
    assert scores.all_rate(1) >= 0.95


def test_every_question_that_shows_danger_gets_help_first_and_ordinary_ones_almost_never(scores):
    assert scores.safety_recall == 1.0, [r for r in scores.safety if r[2] not in r[3]]
    assert scores.false_alarm_rate < 0.02, scores.false_alarms


def test_questions_the_guide_cannot_answer_get_i_dont_know(scores):
    assert scores.dont_know >= 0.90, [r for r in scores.unanswerable if not r[2]]


def test_own_case_questions_are_recognised(scores):
    assert all(expected == found for _, _, expected, found in scores.own_case), scores.own_case


def test_questions_in_another_language_find_the_passage(scores):
    assert all(found for _, _, found in scores.cross), scores.cross
