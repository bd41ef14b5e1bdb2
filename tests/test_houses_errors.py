"""When a Three Houses form cannot be read (its security token has expired, or the body is too big): the
page it was sent from comes back with what was typed and a message to send it again (houses/errors.py)."""

from bs4 import BeautifulSoup

from .support.houses import BASE, add_words, start
from .support.pagecheck import text_of

TRY_AGAIN = "Something went wrong. Please press the button again."
TOO_BIG = 5 * 1024 * 1024


def _page(response):
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def test_an_expired_start_form_comes_back_filled_in_with_a_message(client):
    form = {"csrf_token": "expired", "child": "Ola", "age": "8", "child_lang": "pl", "worker": "Sam Patel"}
    response = client.post(f"{BASE}/", data={**form, "day": "22", "month": "11", "year": "2026"})
    assert response.status_code == 400
    page = _page(response)
    assert TRY_AGAIN in page.select_one(".error-summary").get_text()
    assert {name: page.select_one(f'input[name="{name}"]')["value"] for name in ("child", "age", "worker")} == {
        "child": "Ola",
        "age": "8",
        "worker": "Sam Patel",
    }
    assert page.select_one('select[name="child_lang"] option[selected]')["value"] == "pl"


def test_an_expired_change_of_words_keeps_the_new_words(client):
    token = start(client)
    add_words(client, token, "worries", "Old words")
    response = client.post(f"{BASE}/things/t1", data={"csrf_token": "expired", "text": "New words"})
    assert response.status_code == 400
    page = _page(response)
    assert page.select_one("textarea#text").get_text() == "New words"
    assert page.select('[name="by"]') == []  # who is writing is the worker's setting, not the child's question
    assert TRY_AGAIN in page.select_one("#text-error").get_text()


def test_another_expired_form_gets_the_sites_expired_page_and_changes_nothing(client):
    token = start(client)
    add_words(client, token, "worries", "Keep me")
    response = client.post(f"{BASE}/read-back", data={"csrf_token": "expired", "share-t1": "yes"})
    assert response.status_code == 400
    assert "We could not use this form" in text_of(response.data)
    assert "Keep me" in text_of(client.get(f"{BASE}/houses/worries").data)


def test_a_drawing_too_big_on_the_change_page_comes_back_there(client):
    token = start(client)
    add_words(client, token, "worries", "Words first")
    response = client.post(f"{BASE}/things/t1", data={"csrf_token": token, "drawing": "x" * TOO_BIG})
    assert response.status_code == 413
    page = _page(response)
    assert page.select_one("h1").get_text(strip=True) == "Change this"
    assert "This drawing is too big" in page.select_one(".error-summary").get_text()


def test_a_drawing_too_big_for_a_thing_that_is_not_there_gets_the_sites_page(client):
    token = start(client)
    response = client.post(f"{BASE}/things/t99", data={"csrf_token": token, "drawing": "x" * TOO_BIG})
    assert response.status_code == 413
    assert "What you sent is too big" in text_of(response.data)
