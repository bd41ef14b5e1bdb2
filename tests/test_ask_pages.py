"""Ask a question (issue 12): the answer page and the question box, in English, Polish, Urdu and Arabic."""

import logging

import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markupsafe import escape
from sqlalchemy import create_engine, inspect, text

from familyguide import create_app, db
from familyguide.ask.answers import LONGEST_QUESTION

from .support.apps import make_app
from .support.prepare import Parent, csrf_token


def page_of(response):
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def ask(client, lang, question):
    """What the box sends (a POST, with no CSRF token: asking changes nothing) and the page that comes back."""
    response = client.post(f"/{lang}/ask", data={"q": question})
    assert response.status_code == 200
    return page_of(response)


def answer_of(page):
    return page.select_one("#ask-answer")


def passage_links(page):
    return [a["href"] for a in page.select(".ask-passages h3 a")]


# A question each language's parents might type, and a place on a guide page that answers it.
FOUND = [
    ("en", "can i bring my mum with me", "/en/guide/before-the-conference#section-5"),
    ("pl", "czy moge przyjsc z kims z rodziny", "/pl/guide/before-the-conference#section-5"),
    ("ur", "کیا پولیس بھی آئے گی", "/ur/guide/who-will-be-there#section-6"),
    ("ar", "كيف اقدم شكوى", "/ar/guide/your-rights-and-help#section-7"),
]


@pytest.mark.parametrize(("lang", "question", "link"), FOUND)
def test_a_question_gets_the_passage_that_answers_it_with_its_words_marked(client, lang, question, link):
    page = ask(client, lang, question)
    assert link in passage_links(page)[:3]
    first = page.select_one(".ask-passages li")
    assert first.select_one("h3 a").get_text(strip=True)  # its heading
    assert first.select_one(".ask-extract mark") is not None  # the matching words marked
    assert page.select_one("#ask-q")["value"] == question  # the question stays in the box
    assert page.select_one(".ask-unknown") is None and page.select_one(".ask-safety") is None


def test_a_glossary_entry_links_to_the_part_of_the_word_list_that_holds_it(client):
    page = ask(client, "en", "what is a statutory visit")
    assert any(link.endswith("#statutory-visit") and "/part-" in link for link in passage_links(page))


UNKNOWN = [
    ("en", "can i bring my dog"),
    ("pl", "gdzie moge zaparkowac samochod"),
    ("ur", "گاڑی کہاں کھڑی کروں"),
    ("ar", "وين اصف السيارة"),
]


@pytest.mark.parametrize(("lang", "question"), UNKNOWN)
def test_a_question_the_guide_cannot_answer_says_so_and_who_can_answer(client, app, lang, question):
    page = ask(client, lang, question)
    unknown = page.select_one(".ask-unknown")
    assert unknown is not None and passage_links(page) == []
    assert unknown.select_one(f'a[href="tel:{app.config["COUNCIL_PHONE"].replace(" ", "")}"]') is not None
    # and, as nobody in danger may meet a dead end, 999 and where to get help now
    assert unknown.select_one(f'a[href="tel:{app.config["EMERGENCY_PHONE"]}"]') is not None
    assert unknown.select_one(f'a[href="/{lang}/guide/need-help-now"]') is not None


SAFETY = [
    ("en", "my partner hits me", "domestic_abuse"),
    ("en", "i dont want to live anymore", "self_harm"),
    ("pl", "maz mnie bije co robic", "domestic_abuse"),
    ("ur", "میرا شوہر مجھے مارتا ہے", "domestic_abuse"),
    ("ar", "بدي انتحر", "self_harm"),
    ("ar", "زوجي يضرب اولادي", "child_at_risk"),
    # Said the way people say them (a review found each answered "We do not know", with no help).
    ("en", "he strangles me", "domestic_abuse"),
    ("en", "my partner is violent", "domestic_abuse"),
    ("en", "my boyfriend is violent", "domestic_abuse"),
    ("en", "he hit my son", "child_at_risk"),
    ("en", "I am being abused", "domestic_abuse"),
    ("en", "I am scared of my partner", "domestic_abuse"),
    ("pl", "chcę się zabić", "self_harm"),
    ("pl", "boję się męża", "domestic_abuse"),
    ("pl", "mąż uderzył syna", "child_at_risk"),
    ("ar", "زوجي عنيف", "domestic_abuse"),
    ("ar", "زوجي ضرب بنتي", "child_at_risk"),
    ("ar", "أفكر بالانتحار", "self_harm"),
    ("ur", "مجھے اپنے شوہر سے ڈر لگتا ہے", "domestic_abuse"),
    ("ur", "اس نے میرے بیٹے کو مارا", "child_at_risk"),
    ("ur", "میں اپنی جان لینا چاہتی ہوں", "self_harm"),
]
HELPLINES = {
    "domestic_abuse": "DOMESTIC_ABUSE_PHONE",
    "self_harm": "SAMARITANS_PHONE",
    "child_at_risk": "CHILDLINE_PHONE",
}


@pytest.mark.parametrize(("lang", "question", "kind"), SAFETY)
def test_a_question_that_shows_danger_starts_with_help(client, app, lang, question, kind):
    page = ask(client, lang, question)
    answer = answer_of(page)
    first_section = answer.find("section")
    assert "ask-safety" in first_section["class"]  # before anything else
    phones = [a["href"] for a in first_section.select('a[href^="tel:"]')]
    assert phones[0] == "tel:999"
    assert f"tel:{app.config[HELPLINES[kind]].replace(' ', '')}" in phones
    assert "55" in first_section.get_text()  # the silent call
    assert page.select_one("a#exit-this-page") is not None  # the quick exit stays


# Ordinary questions, some with words that danger phrases hold, that must not bury the answer under a warning.
ORDINARY = [
    ("en", "what is a core group"),
    ("en", "can i have a break in the meeting"),
    ("en", "is there any danger in telling them the truth"),
    ("en", "I'm scared of the conference"),
    ("pl", "boję się konferencji"),
    ("ar", "ما هي مجموعة العمل الأساسية"),
    ("ur", "کانفرنس سے ڈر لگتا ہے"),
]


@pytest.mark.parametrize(("lang", "question"), ORDINARY)
def test_an_ordinary_question_gets_no_danger_warning(client, lang, question):
    assert ask(client, lang, question).select_one(".ask-safety") is None


def test_the_helpline_numbers_are_settings(tmp_path):
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "x",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db'}",
            "NSPCC_PHONE": "0800 000 111",
        }
    )
    page = page_of(app.test_client().post("/en/ask", data={"q": "he hits my kids"}))
    assert page.select_one('.ask-safety a[href="tel:0800000111"]') is not None


@pytest.mark.parametrize(
    ("lang", "question"),
    [
        ("en", "when is my conference"),
        ("pl", "kiedy jest moja konferencja"),
        ("ur", "میری کانفرنس کب ہے"),
        ("ar", "متى موعد المؤتمر تبعي"),
    ],
)
def test_a_question_about_the_familys_own_dates_goes_to_who_knows_and_the_key_dates_tool(client, lang, question):
    page = ask(client, lang, question)
    own = page.select_one(".ask-own-case")
    assert own is not None
    assert own.select_one(f'a[href="/{lang}/key-dates/"]') is not None
    assert own.select_one('a[href^="tel:"]') is not None


def test_a_question_about_the_own_case_is_never_answered_with_a_guess(client):
    page = ask(client, "en", "is my social worker right about me")
    assert page.select_one(".ask-own-case") is not None
    assert page.select_one(".ask-own-case").find_previous("section", class_="ask-found") is None


@pytest.mark.parametrize(
    ("lang", "question", "found_in", "link"),
    [
        ("pl", "can i bring my mum", "en", "/pl/guide/"),
        ("en", "czy moge przyjsc z mama", "pl", "/en/guide/"),
        ("ar", "how do i complain", "en", "/ar/guide/your-rights-and-help#section-7"),
        ("ur", "i need an interpreter", "en", "/ur/guide/"),
    ],
)
def test_a_question_in_another_language_finds_the_passage_shown_in_the_pages_language(
    client, lang, question, found_in, link
):
    page = ask(client, lang, question)
    first = page.select_one(".ask-passages li")
    assert first.select_one("h3 a")["href"].startswith(link)
    other = first.select_one(".ask-other-language a")
    assert other["lang"] == found_in and other["href"].startswith(f"/{found_in}/guide/")


def test_an_empty_question_asks_for_one(client):
    for question in ("", "   ", "?!"):
        page = ask(client, "en", question)
        assert page.select_one(".ask-empty") is not None and page.select_one(".ask-unknown") is None


def test_the_ask_page_without_a_question_shows_the_box_only(client):
    page = page_of(client.get("/pl/ask"))
    assert page.select_one("form.ask-form #ask-q") is not None
    assert answer_of(page).get_text(strip=True) == ""


@pytest.mark.parametrize(
    "path", ["/en/", "/ar/", "/en/guide/who-will-be-there", "/ur/guide/words-you-may-hear", "/pl/guide/the-decision"]
)
def test_the_question_box_is_on_the_home_page_and_every_guide_page(client, path):
    page = page_of(client.get(path))
    form = page.select_one("form.ask-form")
    assert form["method"] == "post" and form["action"] == f"/{path.split('/')[1]}/ask"
    assert page.select_one("form.ask-form label[for=ask-q]").get_text(strip=True)
    assert page.select_one(".ask-answer[aria-live=polite]") is not None


@pytest.mark.parametrize("lang", ["en", "ur"])
def test_the_question_box_is_beside_the_preparation_chat(client, lang):
    parent = Parent(client, lang)
    parent.start()
    page = page_of(parent.get("/chat"))
    assert page.select_one(".chat-log") is not None
    assert page.select_one(f'form.ask-form[action="/{lang}/ask"]') is not None


def test_the_box_needs_no_inline_script_and_the_page_keeps_the_strict_policy(client):
    response = client.post("/en/ask", data={"q": "what is a core group"})
    assert "'unsafe-inline'" not in response.headers["Content-Security-Policy"]
    page = page_of(response)
    assert all(script.get("src") for script in page.find_all("script"))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(question=st.text(max_size=600) | st.text(min_size=2000, max_size=5000))
def test_any_question_gets_a_page_with_the_question_escaped(client, question):
    for lang in ("en", "ar"):
        response = client.raw.post(f"/{lang}/ask", data={"q": question})
        assert response.status_code == 200
        html = response.get_data(as_text=True)
        page = page_of(response)
        assert page.select_one("#ask-q") is not None and page.select_one("#ask-answer") is not None
        if "<" in question:  # escaped: the question comes back as text in its box, never as markup
            assert str(escape(question[:LONGEST_QUESTION])) in html
            assert page.select_one("#ask-q")["value"] == question[:LONGEST_QUESTION]
        assert all(script["src"].startswith("/static/") for script in page.find_all("script"))


def test_markup_in_a_question_is_shown_as_text(client):
    question = '<script>alert(1)</script><b onmouseover="x">hi</b>'
    response = client.post("/en/ask", data={"q": question})
    html = response.get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html and "<b onmouseover" not in html
    assert page_of(response).select_one("#ask-q")["value"] == question


def test_no_question_reaches_any_log_or_the_database(app, caplog, tmp_path):
    question = "zzquestiontrace my partner hits me kids take away"
    client = app.test_client()
    with caplog.at_level(logging.DEBUG):
        for lang in ("en", "pl", "ur", "ar"):
            assert client.post(f"/{lang}/ask", data={"q": question}).status_code == 200
    assert "zzquestiontrace" not in caplog.text
    engine = create_engine(app.extensions["familyguide.db_url"])
    with engine.connect() as connection:
        for table in inspect(engine).get_table_names():
            for row in connection.execute(text(f'SELECT * FROM "{table}"')):  # noqa: S608 - our own table names
                assert "zzquestiontrace" not in repr(row), table
    engine.dispose()
    assert not any(
        "zzquestiontrace" in p.read_bytes().decode("utf-8", "replace") for p in tmp_path.rglob("*") if p.is_file()
    )


def test_a_question_never_goes_in_an_address(client):
    """An address is kept in the browser's history and written in access logs (ours and any proxy's): the question
    goes in the body of a POST, and an address that holds one is not answered, so no link can carry it."""
    page = page_of(client.get("/en/"))
    form = page.select_one("form.ask-form")
    assert form["method"] == "post" and "?" not in form["action"]
    assert "We do not keep your question." in form.get_text(" ", strip=True)
    assert "history" not in form.get_text(" ", strip=True)  # it said the browser may keep it: no longer true
    from_address = page_of(client.get("/en/ask?q=my+partner+hits+me"))
    assert answer_of(from_address).get_text(strip=True) == ""
    assert from_address.select_one("#ask-q")["value"] == ""


def test_the_answer_page_is_never_kept_by_the_browser(client):
    """It shows the question in its box: a shared phone's browser cache must not hold it."""
    response = client.post("/ur/ask", data={"q": "کیا پولیس بھی آئے گی"})
    assert response.headers["Cache-Control"] == "no-store"
    assert page_of(response).select_one("#ask-q")["value"] == "کیا پولیس بھی آئے گی"


def test_the_box_works_with_cookies_blocked(app):
    """Asking changes nothing, so it needs no CSRF token, and with it no cookie."""
    browser = app.test_client(use_cookies=False)
    page = page_of(browser.post("/pl/ask", data={"q": "czy moge przyjsc z kims z rodziny"}))
    assert "/pl/guide/before-the-conference#section-5" in passage_links(page)[:3]


def test_asking_and_leaving_work_while_the_database_is_away(tmp_path):
    """Neither stores anything, so neither is counted against the client's volume (counting needs the database):
    a parent can still ask, and leave, when the database cannot be opened."""
    app = make_app(tmp_path, "away")
    (tmp_path / "away.sqlite3").unlink()
    (tmp_path / "away.sqlite3").mkdir()  # a folder where the database file was: nothing can open it
    db.dispose(app)
    browser = app.test_client()
    page = page_of(browser.post("/ar/ask", data={"q": "كيف اقدم شكوى"}))
    assert "/ar/guide/your-rights-and-help#section-7" in passage_links(page)[:3]
    assert browser.post("/exit").status_code == 303
    # A form that stores is counted, so it gets the page that says the database is away.
    token = csrf_token(browser.get("/en/prepare/").get_data(as_text=True))
    assert browser.post("/en/prepare/start", data={"csrf_token": token}).status_code == 503
