"""The Three Houses in the child's language: the child's screens live under /<child-lang>/, right to left
included, with the house wording from content/<lang>/houses/ when a council has it (English, marked as
English, until then)."""

import shutil

import pytest
from bs4 import BeautifulSoup
from flask_babel import force_locale, gettext

from familyguide import i18n
from familyguide.config import PROJECT_ROOT
from familyguide.content import parse_page
from familyguide.houses import texts

from .support.apps import make_app
from .support.houses import add_words, csrf_token, start
from .support.pages import asset_path

CHILD_LANGUAGES = ("pl", "ar", "bn")


def soup(response):
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def in_language(app, lang, message):
    with app.test_request_context(f"/{lang}/"), force_locale(lang):
        return gettext(message)


def test_the_language_select_lists_every_language_of_the_site(app, client):
    with app.app_context():
        languages = list(i18n.languages())
    options = soup(client.get("/en/three-houses/")).select("#child_lang option")
    assert [o["value"] for o in options] == [language.code for language in languages]
    assert {o["value"]: o["lang"] for o in options} == {language.code: language.code for language in languages}
    assert all(language.name in o.get_text() for o, language in zip(options, languages, strict=True))


@pytest.mark.parametrize("lang", CHILD_LANGUAGES)
def test_the_childs_screens_are_in_the_childs_language(app, client, lang):
    token = start(client, child_lang=lang)
    page = soup(client.get(f"/{lang}/three-houses/houses"))
    language = i18n_language(app, lang)
    assert page.html["lang"] == lang and page.html["dir"] == language.dir
    assert page.h1.get_text(strip=True) == in_language(app, lang, "My three houses")
    worries = page.select_one("#name-worries")
    if has_house_content(app, lang):
        assert worries.get_text(strip=True) == house_title(app, lang, "worries") and not worries.get("lang")
    else:  # not translated yet: English, marked as English so a screen reader switches voice
        assert worries.get_text(strip=True) == "House of Worries" and worries["lang"] == "en"
    house = soup(
        client.post(
            f"/{lang}/three-houses/houses/worries/words",
            data={"csrf_token": token, "text": "Mama"},
            follow_redirects=True,
        )
    )
    assert house.html["lang"] == lang
    assert house.select_one("#text")["dir"] == "auto"


def i18n_language(app, lang):
    with app.app_context():
        return i18n.languages().get(lang)


def has_house_content(app, lang):
    with app.test_request_context(f"/{lang}/"):
        return texts.house_text(lang, "worries").lang == lang


def house_title(app, lang, house):
    with app.test_request_context(f"/{lang}/"):
        return texts.house_text(lang, house).name


def test_arabic_screens_run_right_to_left_and_words_keep_their_own_direction(client):
    token = start(client, child_lang="ar")
    add_words(client, token, "worries", "أخاف من الظلام")
    page = soup(client.get("/ar/three-houses/houses/worries"))
    assert page.html["dir"] == "rtl"
    words = page.select_one(".thing-words")
    assert words.get_text() == "أخاف من الظلام" and words["dir"] == "auto"


def test_the_worker_keeps_their_own_language_while_the_child_has_theirs(app, client):
    start(client, child_lang="pl")
    done_link = soup(client.get("/pl/three-houses/houses")).select_one(".worker-link a")
    assert done_link["href"] == "/en/three-houses/for-the-worker"
    worker_page = soup(client.get("/en/three-houses/for-the-worker"))
    assert worker_page.html["lang"] == "en"
    assert worker_page.select_one("dd span[lang=pl]").get_text() == i18n_language(app, "pl").name


def test_the_workers_parts_of_the_childs_screens_are_in_the_workers_language(app, client):
    start(client, child_lang="pl")
    house = soup(client.get("/pl/three-houses/houses/worries"))
    assert house.html["lang"] == "pl"
    assert house.select_one("#words-title").get_text(strip=True) == in_language(app, "pl", "Say or write")
    panel = house.select_one("details.worker-panel")
    assert panel["lang"] == "en" and panel["dir"] == "ltr"
    assert panel.summary.get_text(strip=True) == "For the worker: questions you can ask"
    assert panel.select_one("a").get_text(strip=True) == "Go to the worker's page"
    link = soup(client.get("/pl/three-houses/houses")).select_one(".worker-link")
    assert link["lang"] == "en" and link.get_text(strip=True) == "For the worker"
    link = soup(client.get("/pl/three-houses/thank-you")).select_one(".worker-link")
    assert link["lang"] == "en" and link.get_text(strip=True) == "For the worker: get the PDF"


def test_an_arabic_speaking_workers_panel_runs_right_to_left_in_its_own_font(app, client):
    form = {
        "csrf_token": csrf_token(client, "/ar/three-houses/"),
        "child": "Ola",
        "age": "8",
        "child_lang": "en",
        "worker": "Sam Patel",
        "day": "22",
        "month": "11",
        "year": "2026",
    }
    response = client.post("/ar/three-houses/", data=form, follow_redirects=True)
    assert response.history[0].status_code == 303
    house = soup(client.get("/en/three-houses/houses/dreams"))
    assert house.html["lang"] == "en" and house.h1.get_text(strip=True) == "House of Dreams"
    panel = house.select_one("details.worker-panel")
    assert panel["lang"] == "ar" and panel["dir"] == "rtl"
    assert panel.summary.get_text(strip=True) == in_language(app, "ar", "For the worker: questions you can ask")
    assert house.select_one(f"link[href='{asset_path(app, 'fonts/ar.css')}']")


@pytest.mark.parametrize("lang", CHILD_LANGUAGES)
def test_translated_house_wording_keeps_its_prompts_in_step_with_english(app, lang):
    """A council's translation must have the same prompts, in the same order, as the English."""
    folder = app.config["CONTENT_DIR"]
    for house in ("worries", "good-things", "dreams"):
        path = f"{folder}/{lang}/houses/{house}.md"
        try:
            with open(path, encoding="utf-8") as f:
                header, body = parse_page(f.read())
        except FileNotFoundError:
            continue  # not translated yet: the English is shown, marked as English (tested above)
        english = f"{folder}/en/houses/{house}.md"
        with open(english, encoding="utf-8") as f:
            assert len(texts.prompts_in(body)) == len(texts.prompts_in(parse_page(f.read())[1])), path
        assert header.get("question"), path


def test_the_workers_how_to_page_is_in_each_language_or_says_it_is_in_english(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(PROJECT_ROOT / "content", content)
    (content / "pl" / "houses" / "how-to.md").unlink()
    client = make_app(tmp_path, "how-to", CONTENT_DIR=str(content)).test_client()
    welsh = BeautifulSoup(client.get("/cy/three-houses/how-to").get_data(as_text=True), "html.parser")
    assert (
        welsh.select_one("h1").get_text(strip=True)
        == parse_page((content / "cy" / "houses" / "how-to.md").read_text(encoding="utf-8"))[0]["title"]
    )
    assert welsh.select_one(".fallback-note") is None
    polish = BeautifulSoup(client.get("/pl/three-houses/how-to").get_data(as_text=True), "html.parser")
    note = polish.select_one(".fallback-note").get_text(strip=True)
    assert note and "This page is not in your language yet" not in note  # said in Polish
    assert polish.select_one(".prose")["lang"] == "en"
    english_title = parse_page((content / "en" / "houses" / "how-to.md").read_text(encoding="utf-8"))[0]["title"]
    assert polish.select_one("h1").get_text(strip=True) == english_title
