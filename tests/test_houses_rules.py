"""The Three Houses' plain rules: things in houses, sharing, the PDF's pages, the start form."""

from datetime import date

import pytest

from familyguide.houses import activity as rules
from familyguide.houses import form, layout


@pytest.fixture
def activity():
    return rules.new_activity("Ola", 8, "pl", "Sam Patel", "2026-11-22", "en")


def test_things_go_in_their_own_house_in_order(activity):
    rules.add_thing(activity, "worries", "words", text="Dad shouts")
    rules.add_thing(activity, "dreams", "picture", picture="sun")
    rules.add_thing(activity, "worries", "words", text="School", by="worker")
    assert [t["text"] for t in rules.things_in(activity, "worries")] == ["Dad shouts", "School"]
    assert [t["picture"] for t in rules.things_in(activity, "dreams")] == ["sun"]
    assert rules.things_in(activity, "good-things") == []
    assert [t["id"] for t in activity["things"]] == ["t1", "t2", "t3"]


def test_unknown_house_kind_or_writer_is_refused(activity):
    for house, kind, by in (("attic", "words", "child"), ("worries", "video", "child"), ("worries", "words", "mum")):
        with pytest.raises(ValueError):
            rules.add_thing(activity, house, kind, by=by, text="x")


def test_a_full_house_and_too_many_drawings_are_refused(activity):
    for _ in range(rules.MAX_DRAWINGS_PER_HOUSE):
        rules.add_thing(activity, "dreams", "drawing", png="x")
    with pytest.raises(rules.HouseFull) as full:
        rules.add_thing(activity, "dreams", "drawing", png="x")
    assert full.value.reason == "drawings"
    for _ in range(rules.MAX_THINGS_PER_HOUSE):
        rules.add_thing(activity, "worries", "words", text="x")
    with pytest.raises(rules.HouseFull) as full:
        rules.add_thing(activity, "worries", "picture", picture="sun")
    assert full.value.reason == "things"


def test_changing_a_thing_asks_about_sharing_again_but_saving_it_unchanged_does_not(activity):
    thing = rules.add_thing(activity, "worries", "words", text="Dad shouts")
    rules.set_share(activity, {thing["id"]: True})
    rules.change_thing(thing, text="Dad shouts", by="child")
    assert thing["share"] is True
    rules.change_thing(thing, text="Dad shouts at night", by="worker", kind="drawing")
    assert (thing["text"], thing["by"], thing["kind"]) == ("Dad shouts at night", "worker", "words")
    assert thing["share"] is None


def test_only_things_the_child_said_yes_to_are_shared_and_the_rest_are_counted(activity):
    yes = rules.add_thing(activity, "worries", "words", text="yes")
    no = rules.add_thing(activity, "worries", "words", text="no")
    rules.add_thing(activity, "worries", "words", text="not asked")
    rules.set_share(activity, {yes["id"]: True, no["id"]: False})
    assert [t["text"] for t in rules.shared_things(activity, "worries")] == ["yes"]
    assert rules.left_out_count(activity) == 2
    assert rules.remove_thing(activity, no["id"]) and not rules.remove_thing(activity, no["id"])
    assert rules.left_out_count(activity) == 1


def words(text):
    return {"kind": "words", "text": text}


def test_pages_keep_the_houses_together_and_go_on_when_one_is_full():
    drawing = {"kind": "drawing", "text": ""}
    pages = layout.paginate({"worries": [drawing, drawing, drawing], "good-things": [words("hi")], "dreams": []})
    assert len(pages) == 2
    assert pages[0]["worries"] == [drawing, drawing] and pages[1]["worries"] == [drawing]
    assert pages[0]["good-things"] == [words("hi")] and pages[1]["good-things"] == []
    assert layout.paginate({"worries": [], "good-things": [], "dreams": []}) == [
        {"worries": [], "good-things": [], "dreams": []}
    ]


def test_long_words_take_more_room_than_short_ones():
    assert layout.units(words("Dad")) == 2
    assert layout.units(words("x" * 100)) == 1 + 1 + 100 // layout.CHARACTERS_PER_LINE
    assert layout.units(words("one\ntwo\nthree")) == 4
    assert layout.units({"kind": "picture", "text": ""}) < layout.units({"kind": "drawing", "text": ""})


TODAY = date(2026, 11, 22)
GOOD = {
    "child": "O.K.",
    "age": "8",
    "child_lang": "pl",
    "worker": "Sam Patel",
    "day": "22",
    "month": "11",
    "year": "2026",
}


def test_a_good_start_form_has_no_errors():
    result = form.read_start(GOOD, TODAY, ["en", "pl"])
    assert result.errors == {}
    assert result.when == TODAY


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"age": ""}, "age", "Enter the child's age."),
        ({"age": "eight"}, "age", "Enter the child's age as a number, for example 8."),
        ({"age": "40"}, "age", "Enter an age from 3 to 18."),
        ({"child_lang": "xx"}, "child_lang", "Choose the language for the child's screens."),
        ({"worker": " "}, "worker", "Enter your name."),
        ({"child": "x" * 41}, "child", "The child's first name or initials must be 40 characters or fewer."),
        ({"day": "31", "month": "2"}, "date", "The date must be a real date, for example 22 11 2026."),
        ({"year": "2027"}, "date", "Enter today's date or a date in the last 12 months."),
        ({"day": ""}, "date", "Enter the date."),
    ],
)
def test_bad_start_forms_say_what_is_wrong_and_keep_what_was_typed(app, changes, field, message):
    with app.test_request_context():
        result = form.read_start({**GOOD, **changes}, TODAY, ["en", "pl"])
        assert {name: str(text) for name, text in result.errors.items()} == {field: message}
    assert result.child == {**GOOD, **changes}["child"].strip()


def test_words_are_kept_exactly_and_checked(app):
    with app.test_request_context():
        assert form.read_words({"text": "  Mum\r\nand me ", "by": "worker"}).text == "Mum\nand me"
        assert form.read_words({"text": "x", "by": "mum"}).by == "child"
        assert str(form.read_words({"text": " "}).errors["text"]) == "Write some words first."
        long = form.read_words({"text": "x" * 501})
        assert str(long.errors["text"]) == "Use 500 letters or fewer."
        assert long.text == "x" * 501


def test_feeling_safe_is_one_of_five_faces_or_nothing():
    work = rules.new_activity("Ola", 8, "en", "Sam", "2026-11-22", "en")
    assert rules.feel_safe(work) is None
    rules.set_feel_safe(work, "5")
    assert rules.feel_safe(work) == "5"
    rules.set_feel_safe(work, None)
    assert rules.feel_safe(work) is None
    with pytest.raises(ValueError):
        rules.set_feel_safe(work, "6")
