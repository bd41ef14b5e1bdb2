"""When a Three Houses form cannot be read (its security token is not this browser's, or the body is too
big): the page it was sent from comes back with what was typed and what to do (houses/errors.py)."""

from bs4 import BeautifulSoup

from .support.houses import BASE, add_words, csrf_token, start
from .support.pagecheck import problems_with, text_of

TRY_AGAIN = "Something went wrong. Please press the button again."
# Why a form was refused for its token, and what to do, in the site's own words (errors/_form_not_matched.html).
NOT_MATCHED = (
    "Nothing was saved. The site could not match this form to this browser. It needs its one cookie for that. "
    "If your browser blocks cookies, allow them for this site. Then send the form again."
)
TOO_BIG = 5 * 1024 * 1024


def _page(response):
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def test_with_cookies_blocked_the_start_form_says_why_and_comes_back_filled_in(app):
    """It said "Something went wrong. Please press the button again.", which fails for ever while the
    browser blocks cookies."""
    browser = app.test_client(use_cookies=False)
    form = {"csrf_token": csrf_token(browser), "child": "Ola", "age": "8", "child_lang": "pl", "worker": "Sam Patel"}
    response = browser.post(f"{BASE}/", data={**form, "day": "22", "month": "11", "year": "2026"})
    assert response.status_code == 400
    assert not problems_with(response.get_data(as_text=True))
    page = _page(response)
    assert NOT_MATCHED in page.select_one(".error-summary").get_text()
    assert TRY_AGAIN not in page.get_text()
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
    assert "We could not keep these words. Your worker can help." in page.select_one("#text-error").get_text()
    assert NOT_MATCHED in page.select_one("#text-error").get_text()


def test_on_the_childs_screen_the_child_reads_their_part_and_the_worker_why_in_their_own_languages(client):
    """The child's words box said "Something went wrong. Please press the button again." in the child's
    language; why a form is refused, and what to do, is for the worker, in the worker's language."""
    token = start(client, child_lang="pl", worker_lang="ar")
    add_words(client, token, "worries", "Stare słowa")
    response = client.post("/pl/three-houses/houses/worries/words", data={"csrf_token": "old", "text": "Mój pies"})
    assert response.status_code == 400
    page = _page(response)
    assert page.select_one("textarea#text").get_text() == "Mój pies"
    error = page.select_one("#text-error")
    assert "Nie udało się zachować tych słów. Twój pracownik może pomóc." in error.get_text()
    worker = error.select_one('span[lang="ar"][dir="rtl"]')
    assert worker.get_text().startswith("لم يُحفظ أي شيء.")
    assert "Something went wrong" not in page.get_text() and "Nothing was saved" not in page.get_text()


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
