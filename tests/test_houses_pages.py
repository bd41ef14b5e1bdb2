"""The Three Houses through the browser's eyes (request tests): starting, adding, changing and taking out
things in each house, what may be shared, deleting, expiry and the quick exit."""

from datetime import datetime, timedelta

import pytest
from bs4 import BeautifulSoup
from sqlalchemy import select

from familyguide import clock, db, storage
from familyguide.models import Draft

from .support.houses import (
    BASE,
    HOUSES,
    add_picture,
    add_words,
    choose_face,
    csrf_token,
    draft_id,
    redirected,
    share,
    start,
    stored,
)
from .support.pagecheck import text_of

NOW = datetime(2026, 11, 22, 10, 0)


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch):
    monkeypatch.setattr(clock, "now", lambda: NOW)


def later(monkeypatch, days):
    monkeypatch.setattr(clock, "now", lambda: NOW + timedelta(days=days))


def test_the_front_page_offers_the_three_houses(client):
    page = client.get("/en/").get_data(as_text=True)
    assert f'href="{BASE}/"' in page
    assert "The Three Houses, for a child and their social worker" in text_of(page)
    assert "/en/three-houses/</loc>" in client.get("/sitemap.xml").get_data(as_text=True)


def test_the_start_page_asks_the_worker_and_lists_the_languages(client):
    response = client.get(f"{BASE}/")
    page = text_of(response.data)
    assert "The child's first name or initials (optional)" in page
    assert "The language for the child's screens" in page
    form = BeautifulSoup(response.get_data(as_text=True), "html.parser")
    chosen = form.select_one('select[name="child_lang"] option[selected]')
    assert (chosen["value"], chosen["lang"], chosen.get_text()) == ("en", "en", "English")
    assert form.select_one("input#day")["value"] == "22" and form.select_one("input#year")["value"] == "2026"


def test_a_bad_start_form_says_what_is_wrong_and_keeps_what_was_typed(client):
    token = csrf_token(client)
    response = client.post(
        f"{BASE}/",
        data={
            "csrf_token": token,
            "child": "Ola",
            "age": "eight",
            "child_lang": "en",
            "worker": "",
            "day": "22",
            "month": "11",
            "year": "2026",
        },
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "<title>Error:" in html
    assert "Enter the child's age as a number, for example 8." in text_of(html)
    assert "Enter your name." in text_of(html)
    child = BeautifulSoup(html, "html.parser").select_one('input[name="child"]')
    assert (child["dir"], child["autocomplete"], child["spellcheck"], child["value"]) == ("auto", "off", "false", "Ola")
    assert 'value="eight"' in html
    assert draft_id(client) is None


def test_starting_stores_the_details_and_opens_the_child_screens(app, client):
    token = csrf_token(client)
    response = client.raw.post(
        f"{BASE}/",
        data={
            "csrf_token": token,
            "child": "O.K.",
            "age": "8",
            "child_lang": "en",
            "worker": "Sam Patel",
            "day": "20",
            "month": "11",
            "year": "2026",
        },
    )
    assert response.status_code == 303 and response.headers["Location"] == f"{BASE}/houses"
    activity = stored(app, client)
    assert {k: activity[k] for k in ("child", "age", "child_lang", "worker", "date", "worker_lang")} == {
        "child": "O.K.",
        "age": 8,
        "child_lang": "en",
        "worker": "Sam Patel",
        "date": "2026-11-20",
        "worker_lang": "en",
    }
    page = text_of(client.get(f"{BASE}/houses").data)
    for name in ("House of Worries", "House of Good Things", "House of Dreams"):
        assert name in page
    assert "Choose a house. You can start with any house." in page


def test_what_the_child_writes_is_encrypted_at_rest(app, client):
    token = start(client)
    add_words(client, token, "worries", "Tata krzyczy w nocy")
    with app.app_context(), db.session() as session:
        payloads = session.scalars(select(Draft.payload)).all()
    assert len(payloads) == 1
    assert b"krzyczy" not in payloads[0] and b"Sam Patel" not in payloads[0]


@pytest.mark.parametrize("house", HOUSES)
def test_words_are_added_changed_and_taken_out_of_each_house(app, client, house):
    token = start(client)
    response = add_words(client, token, house, "I like football with Dad")
    assert redirected(response)
    assert "I like football with Dad" in text_of(response.data)
    assert "It is in the house now." in text_of(response.data)
    thing = stored(app, client)["things"][0]
    assert (thing["house"], thing["kind"], thing["by"]) == (house, "words", "child")
    assert thing["text"] == "I like football with Dad"

    change = client.post(
        f"{BASE}/things/{thing['id']}",
        data={"csrf_token": token, "text": "I like football with Mum", "by": "worker"},
        follow_redirects=True,
    )
    assert redirected(change)
    page = text_of(change.data)
    assert "I like football with Mum" in page and "with Dad" not in page
    # Who wrote it is the worker's to say, on their page: a "by" sent from the child's form changes nothing.
    assert "Written by me" in page and stored(app, client)["things"][0]["by"] == "child"

    removed = client.post(f"{BASE}/things/{thing['id']}/remove", data={"csrf_token": token}, follow_redirects=True)
    assert redirected(removed)
    assert "Nothing is in this house yet." in text_of(removed.data)
    assert stored(app, client)["things"] == []


def test_each_house_shows_only_what_is_in_it(client):
    token = start(client)
    add_words(client, token, "worries", "Shouting")
    add_words(client, token, "dreams", "A puppy")
    worries = text_of(client.get(f"{BASE}/houses/worries").data)
    assert "Shouting" in worries and "A puppy" not in worries
    choose = text_of(client.get(f"{BASE}/houses").data)
    assert "1 thing inside" in choose and "0 things inside" in choose


def test_empty_or_too_long_words_are_refused_and_kept(client):
    token = start(client)
    empty = add_words(client, token, "worries", "   ")
    assert empty.status_code == 400 and "Write some words first." in text_of(empty.data)
    long_text = "word " * 120
    long = add_words(client, token, "worries", long_text)
    assert long.status_code == 400 and "Use 500 letters or fewer." in text_of(long.data)
    assert long_text.strip() in long.get_data(as_text=True)


def test_tapping_a_picture_puts_it_in_the_house_and_it_can_be_swapped(app, client):
    token = start(client)
    response = add_picture(client, token, "good-things", "dog")
    assert redirected(response) and "Dog" in text_of(response.data)
    thing = stored(app, client)["things"][0]
    assert (thing["kind"], thing["picture"]) == ("picture", "dog")
    client.post(f"{BASE}/things/{thing['id']}", data={"csrf_token": token, "picture": "cat"}, follow_redirects=True)
    assert stored(app, client)["things"][0]["picture"] == "cat"
    bad = add_picture(client, token, "good-things", "unicorn")
    assert bad.status_code == 400 and "Choose a picture." in text_of(bad.data)


def test_unknown_houses_and_things_are_not_found(client):
    token = start(client)
    assert client.get(f"{BASE}/houses/attic").status_code == 404
    assert add_words(client, token, "attic", "hello").status_code == 404
    assert client.get(f"{BASE}/things/t99").status_code == 404


def test_the_prompts_ticked_are_kept_in_english(app, client):
    token = start(client)
    response = client.post(
        f"{BASE}/houses/worries/prompts", data={"csrf_token": token, "prompt": ["0", "2", "99"]}, follow_redirects=True
    )
    assert redirected(response) and response.request.path == f"{BASE}/for-the-worker"
    assert stored(app, client)["prompts"]["worries"] == [
        "What worries you?",
        "Is there a time at home that you do not like?",
    ]
    worries = BeautifulSoup(response.get_data(as_text=True), "html.parser").select_one(
        "form[action$='/houses/worries/prompts']"
    )
    ticked = worries.select('input[name="prompt"][checked]')
    assert [box["id"] for box in ticked] == ["prompt-worries-0", "prompt-worries-2"]


def test_the_child_can_read_the_prompts_but_only_the_worker_ticks_them(client):
    start(client)
    house = BeautifulSoup(client.get(f"{BASE}/houses/worries").get_data(as_text=True), "html.parser")
    panel = house.select_one("details.worker-panel")
    assert "What worries you?" in panel.get_text()
    assert panel.select("input, form, button") == []
    worker = BeautifulSoup(client.get(f"{BASE}/for-the-worker").get_data(as_text=True), "html.parser")
    assert len(worker.select("form[action$='/houses/worries/prompts'] input[type=checkbox]")) >= 3


def test_who_is_writing_is_set_by_the_worker_not_asked_of_the_child(app, client):
    token = start(client)
    house = client.get(f"{BASE}/houses/worries").get_data(as_text=True)
    assert "Who is writing?" not in house and 'name="by"' not in house
    client.raw.post(f"{BASE}/houses/worries/words", data={"csrf_token": token, "text": "Shouting", "by": "worker"})
    assert stored(app, client)["things"][0]["by"] == "child"
    worker = client.post(
        f"{BASE}/for-the-worker/writer", data={"csrf_token": token, "by": "worker"}, follow_redirects=True
    )
    assert redirected(worker) and 'id="by-worker" name="by" type="radio" value="worker" checked' in worker.get_data(
        as_text=True
    )
    response = add_words(client, token, "worries", "Tata krzyczy")
    assert "My words, written by the worker" in text_of(response.data)
    assert [t["by"] for t in stored(app, client)["things"]] == ["child", "worker"]
    client.raw.post(f"{BASE}/for-the-worker/writer", data={"csrf_token": token, "by": "someone"})
    assert stored(app, client)["writer"] == "worker"


def test_read_back_asks_about_each_thing_and_keeps_partial_answers(app, client):
    token = start(client)
    add_words(client, token, "worries", "Shouting")
    add_words(client, token, "dreams", "A puppy")
    page = text_of(client.get(f"{BASE}/read-back").data)
    assert page.count("Is it OK to show this at the meeting?") == 2
    assert page.index("Shouting") < page.index("A puppy")
    partial = share(client, token, {"t1": "no"})
    assert partial.status_code == 400
    assert "Choose yes or no for “A puppy”." in text_of(partial.data)
    assert 'href="#share-t2-yes"' in partial.get_data(as_text=True)
    assert 'id="share-t1-no" name="share-t1" type="radio" value="no" checked' in partial.get_data(as_text=True)
    assert [t["share"] for t in stored(app, client)["things"]] == [False, None]
    done = share(client, token, {"t1": "no", "t2": "yes"})
    assert redirected(done) and "Thank you" in text_of(done.data)
    assert [t["share"] for t in stored(app, client)["things"]] == [False, True]


def test_a_thing_changed_from_read_back_goes_back_there_and_is_asked_about_again(app, client):
    token = start(client)
    add_words(client, token, "worries", "Shouting")
    share(client, token, {"t1": "yes"})
    response = client.raw.post(
        f"{BASE}/things/t1", data={"csrf_token": token, "text": "Loud shouting", "by": "child", "back": "read-back"}
    )
    assert response.headers["Location"] == f"{BASE}/read-back#thing-t1"
    assert stored(app, client)["things"][0]["share"] is None


def test_the_worker_page_counts_what_will_be_left_out(client):
    token = start(client)
    add_words(client, token, "worries", "Shouting")
    add_words(client, token, "dreams", "A puppy")
    share(client, token, {"t1": "no", "t2": "yes"})
    page = text_of(client.get(f"{BASE}/for-the-worker").data)
    assert "House of Worries: 1 thing" in page
    assert "1 thing will be left out of the PDF" in page
    assert "Sam Patel" in page and "Ola" in page and "22 November 2026" in page


def test_the_worker_page_says_when_everything_will_be_in_the_pdf(client):
    token = start(client)
    empty = text_of(client.get(f"{BASE}/for-the-worker").data)
    assert "left out of the PDF" not in empty and "Everything in the houses" not in empty
    add_words(client, token, "dreams", "A puppy")
    share(client, token, {"t1": "yes"})
    page = text_of(client.get(f"{BASE}/for-the-worker").data)
    assert "Everything in the houses will be in the PDF." in page
    assert "left out of the PDF" not in page


def test_the_worker_can_delete_it_at_once(app, client):
    token = start(client)
    add_words(client, token, "worries", "Shouting")
    gone_id = draft_id(client)
    response = client.post(f"{BASE}/delete", data={"csrf_token": token})
    assert "The Three Houses has been deleted" in text_of(response.data)
    with app.app_context():
        with db.session() as session:
            assert session.get(Draft, gone_id) is None
    assert client.get(f"{BASE}/houses").status_code == 404


def test_the_quick_exit_keeps_the_work_for_the_worker_to_open_again_with_its_code(app, client):
    token = start(client)
    add_words(client, token, "worries", "Shouting")
    worker_page = BeautifulSoup(client.get(f"{BASE}/for-the-worker").get_data(as_text=True), "html.parser")
    code = worker_page.select_one(".resume-code").get_text(strip=True)
    kept_id = draft_id(client)
    assert client.raw.post("/exit").status_code == 303
    assert client.get(f"{BASE}/houses/worries").status_code == 404  # the child's screens are closed
    with app.app_context(), db.session() as session:
        assert session.get(Draft, kept_id) is not None  # but the work is kept
    token = csrf_token(client)
    wrong = client.post(f"{BASE}/come-back", data={"csrf_token": token, "code": "ABCD"})
    assert wrong.status_code == 400 and "One letter or number in that code is not right." in text_of(wrong.data)
    assert 'value="ABCD"' in wrong.get_data(as_text=True)
    back = client.post(f"{BASE}/come-back", data={"csrf_token": token, "code": code.lower()}, follow_redirects=True)
    assert redirected(back) and back.request.path == f"{BASE}/for-the-worker"
    assert "Shouting" in text_of(client.get(f"{BASE}/houses/worries").data)


def test_an_empty_or_unknown_code_is_refused_and_kept(client):
    token = csrf_token(client)
    empty = client.post(f"{BASE}/come-back", data={"csrf_token": token, "code": "  "})
    assert empty.status_code == 400 and "Enter the code you were given" in text_of(empty.data)
    start(client)
    code = BeautifulSoup(client.get(f"{BASE}/for-the-worker").get_data(as_text=True), "html.parser")
    code = code.select_one(".resume-code").get_text(strip=True)
    client.post(f"{BASE}/delete", data={"csrf_token": token})
    gone = client.post(f"{BASE}/come-back", data={"csrf_token": token, "code": code})
    assert gone.status_code == 400 and "We could not find a Three Houses with that code." in text_of(gone.data)


def test_the_work_expires_and_is_purged(app, client, monkeypatch):
    token = start(client)
    add_words(client, token, "worries", "Shouting")
    # It has a code (the worker's way back), so it lives the retention time after its last change.
    later(monkeypatch, 29.9)
    assert client.get(f"{BASE}/houses/worries").status_code == 200
    later(monkeypatch, 30.1)
    response = client.get(f"{BASE}/houses/worries")
    assert response.status_code == 404
    assert "There is no Three Houses open" in text_of(response.data)
    with app.app_context():
        assert storage.purge_expired() == 1


def test_another_browser_cannot_see_the_childs_drawings_or_words(app, client):
    token = start(client)
    add_words(client, token, "worries", "Shouting")
    stranger = app.test_client()
    assert stranger.get(f"{BASE}/houses/worries").status_code == 404
    assert stranger.get(f"{BASE}/things/t1/drawing.png").status_code == 404
    assert stranger.get(f"{BASE}/three-houses.pdf").status_code == 404
    assert "Shouting" not in stranger.get(f"{BASE}/read-back").get_data(as_text=True)


def test_an_expired_form_token_keeps_the_childs_words(client):
    start(client)
    response = add_words(client, "not-the-token", "worries", "Mój pies Burek")
    assert response.status_code == 400
    assert "We could not keep these words. Your worker can help. Nothing was saved." in text_of(response.data)
    assert "Mój pies Burek" in response.get_data(as_text=True)


def test_words_sent_after_the_work_has_gone_are_shown_back(client):
    token = start(client)
    client.raw.post("/exit")
    response = add_words(client, token, "worries", "Mój pies Burek")
    assert response.status_code == 404
    assert "Mój pies Burek" in text_of(response.data)


def test_the_child_can_tap_a_face_for_how_safe_they_feel_at_home_or_not_say(app, client):
    token = start(client)
    hub = client.get(f"{BASE}/houses").get_data(as_text=True)
    assert f'href="{BASE}/feel-safe"' in hub and "How safe do you feel at home?" in hub
    page = BeautifulSoup(client.get(f"{BASE}/feel-safe").get_data(as_text=True), "html.parser")
    faces = [(button["value"], button.get_text(" ", strip=True)) for button in page.select("button[name=feel_safe]")]
    assert faces == [
        ("1", "Not safe at all"),
        ("2", "Not very safe"),
        ("3", "A bit safe"),
        ("4", "Quite safe"),
        ("5", "Very safe"),
        ("", "I do not want to say"),
    ]
    assert "You do not have to." in page.get_text(" ") and "grown-ups at the meeting will see" in page.get_text(" ")
    saved = choose_face(client, token, "2")
    chosen = BeautifulSoup(saved.get_data(as_text=True), "html.parser")
    assert chosen.select_one('button[aria-current="true"]')["value"] == "2"
    assert "Thank you. You chose: Not very safe." in chosen.get_text(" ")
    assert stored(app, client)["feel_safe"] == "2"
    assert redirected(choose_face(client, token, ""))
    assert stored(app, client)["feel_safe"] is None
    assert redirected(choose_face(client, token, "9"))  # not a face: nothing chosen
    assert stored(app, client)["feel_safe"] is None


def test_the_good_things_prompts_ask_who_the_child_would_go_to_if_worried(client):
    start(client)
    page = client.get(f"{BASE}/houses/good-things").get_data(as_text=True)
    assert "Who would you go to if you were worried?" in page


def test_the_workers_guide_puts_safe_practice_first_in_a_box(client):
    page = BeautifulSoup(client.get(f"{BASE}/how-to").get_data(as_text=True), "html.parser")
    box = page.select_one("main blockquote")
    assert box is not None and box.find(id="keep-the-child-safe")
    text = box.get_text(" ", strip=True)
    for rule in (
        "Never promise to keep a secret.",
        "I will have to tell people who can help",
        "act on it that day",
        "Follow your safeguarding procedures",
        "whatever the child chose to show in the PDF",
        "Do not ask leading questions",
        "See the child away from the person you are worried about.",
    ):
        assert rule in text, rule
    assert page.get_text(" ").index("Keep the child safe") < page.get_text(" ").index("Before you start")


def test_an_expired_form_token_keeps_the_workers_translation_and_the_typed_code(client):
    token = start(client)
    add_words(client, token, "worries", "Tata krzyczy")
    response = client.post(
        f"{BASE}/for-the-worker/translations", data={"csrf_token": "old", "translation-t1": "Dad shouts"}
    )
    assert response.status_code == 400
    assert "Nothing was saved. The site could not match this form to this browser." in text_of(response.data)
    assert "Something went wrong" not in text_of(response.data)
    assert ">Dad shouts</textarea>" in response.get_data(as_text=True)
    came_back = client.post(f"{BASE}/come-back", data={"csrf_token": "old", "code": "ABCD-EFGH"})
    assert came_back.status_code == 400 and 'value="ABCD-EFGH"' in came_back.get_data(as_text=True)
    assert "If your browser blocks cookies, allow them for this site." in text_of(came_back.data)


def test_a_translation_sent_after_the_leave_this_site_button_is_shown_back(client):
    """The page that says no Three Houses is open showed back only a child's words: a translation the worker
    typed was lost."""
    token = start(client)
    add_words(client, token, "worries", "Tata krzyczy")
    client.raw.post("/exit")
    response = client.post(
        f"{BASE}/for-the-worker/translations", data={"csrf_token": token, "translation-t1": "Dad shouts at night"}
    )
    assert response.status_code == 404
    page = text_of(response.data)
    assert "There is no Three Houses open" in page and "These are the words that were typed." in page
    assert "Dad shouts at night" in page
