"""What is built once and kept (rendered content, page headers and footers, parsed catalogues) belongs to one
app: an app with other settings, content or translations never shows another app's."""

import shutil

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup
from flask_babel import force_locale
from markupsafe import Markup

from familyguide import create_app, fragments
from familyguide.config import PROJECT_ROOT

from .support import apps, houses
from .support.apps import TEST_KEY


def make_app(tmp_path, name, **settings):
    return create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "t",
            "ENCRYPTION_KEY": TEST_KEY,
            "DATABASE_URL": f"sqlite:///{tmp_path / name}.sqlite3",
            **settings,
        }
    )


def text_of(app, path):
    response = app.test_client().get(path)
    assert response.status_code == 200, path
    return BeautifulSoup(response.data, "html.parser")


def test_two_councils_in_one_process_each_see_their_own_details_every_time(tmp_path):
    leeds = make_app(tmp_path, "a", COUNCIL_NAME="Leeds Test Council", COUNCIL_PHONE="0113 000 0001")
    york = make_app(tmp_path, "b", COUNCIL_NAME="York Test Council", COUNCIL_PHONE="01904 000 002")
    for _ in range(2):  # the second time round, everything comes from the caches
        for app, name, phone, other_phone in (
            (leeds, "Leeds", "0113 000 0001", "01904 000 002"),
            (york, "York", "01904 000 002", "0113 000 0001"),
        ):
            page = text_of(app, "/en/guide/your-rights-and-help")
            assert f"{name} Test Council" in page.select_one(".site-header").get_text()
            assert phone in page.select_one(".site-footer").get_text()
            assert phone in page.select_one("main").get_text()
            assert other_phone not in str(page)


def test_an_app_with_its_own_content_shows_its_own_words(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(PROJECT_ROOT / "content", content)
    page_file = content / "en" / "guide" / "who-will-be-there.md"
    page_file.write_text(
        page_file.read_text(encoding="utf-8").replace(
            "Many people may come", "Our own council's words: many people may come"
        ),
        encoding="utf-8",
    )
    standard = make_app(tmp_path, "a")
    own = make_app(tmp_path, "b", CONTENT_DIR=str(content))
    for _ in range(2):
        assert "Our own council's words" not in text_of(standard, "/en/guide/who-will-be-there").main.get_text()
        assert "Our own council's words" in text_of(own, "/en/guide/who-will-be-there").main.get_text()


def test_an_app_with_its_own_translations_shows_its_own_strings(tmp_path):
    translations = tmp_path / "translations"
    shutil.copytree(PROJECT_ROOT / "translations", translations)
    folder = translations / "cy" / "LC_MESSAGES"
    with open(folder / "messages.po", "rb") as f:
        catalog = read_po(f, locale="cy")
    catalog["Skip to main content"].string = "Neidio i'r prif gynnwys, gan ein cyngor"
    with open(folder / "messages.mo", "wb") as f:
        write_mo(f, catalog)
    standard = make_app(tmp_path, "a")
    own = make_app(tmp_path, "b", TRANSLATIONS_DIR=str(translations))
    for _ in range(2):
        assert "gan ein cyngor" not in text_of(standard, "/cy/").select_one(".skip-link").get_text()
        assert "gan ein cyngor" in text_of(own, "/cy/").select_one(".skip-link").get_text()


def test_the_language_switcher_of_each_page_links_to_that_page(tmp_path):
    app = make_app(tmp_path, "a")
    for _ in range(2):
        for path in ("/en/guide/who-will-be-there", "/en/guide/the-decision", "/en/key-dates/"):
            links = [a["href"] for a in text_of(app, path).select(".languages a")]
            assert "/ar" + path.removeprefix("/en") in links and "/cy" + path.removeprefix("/en") in links


def test_made_up_urls_do_not_fill_the_memory(tmp_path, monkeypatch):
    monkeypatch.setattr(fragments, "MAX_ENTRIES", 10)
    app = make_app(tmp_path, "a")
    client = app.test_client()
    for number in range(30):
        assert client.get(f"/en/guide/made-up-{number}").status_code == 404
    assert len(app.extensions["familyguide.fragments"]) <= 10
    header = text_of(app, "/en/guide/who-will-be-there").select(".languages a")
    assert any(a["href"] == "/pl/guide/who-will-be-there" for a in header)  # still right once the cache is full


def test_part_of_a_page_in_another_language_still_gets_that_language(tmp_path):
    """The worker's parts of a child's screen are in the worker's language (force_locale) within a page in the
    child's: the catalogue kept for the request must follow the language asked for, and come back after."""
    app = make_app(tmp_path, "a")
    template = app.jinja_env.from_string('{{ _("Skip to main content") }}')
    with app.test_request_context("/cy/"):
        app.preprocess_request()
        first = template.render()
        with force_locale("ar"):
            arabic = template.render()
        again = template.render()
    assert first == again != "Skip to main content"
    assert arabic not in (first, "Skip to main content")


def test_a_kept_guide_page_still_shows_the_quick_exit_note_once_per_visit(tmp_path):
    app = make_app(tmp_path, "a")
    note = "press the Shift key 3 times"
    for _visitor in range(3):  # the first visitor builds the pages; the others get the kept ones
        client = app.test_client()
        first = client.get("/en/guide/who-will-be-there").get_data(as_text=True)
        second = client.get("/en/guide/who-will-be-there").get_data(as_text=True)
        glossary = client.get("/en/guide/words-you-may-hear").get_data(as_text=True)
        assert note in first and note not in second and note not in glossary
        assert 'id="exit-this-page"' in second and 'id="exit-this-page"' in glossary


def csrf_token_in(html):
    return BeautifulSoup(html, "html.parser").select_one('input[name="csrf_token"]')["value"]


def test_a_kept_page_with_a_form_gives_each_visitor_their_own_working_token(tmp_path):
    app = apps.make_app(tmp_path, "a", WTF_CSRF_ENABLED=True)  # with a database, for the drafts
    visitors = [app.test_client() for _ in range(3)]  # the first builds the page; the others get the kept one
    tokens = [csrf_token_in(visitor.get("/en/prepare/").get_data(as_text=True)) for visitor in visitors]
    assert len(set(tokens)) == 3 and all("\x00" not in token for token in tokens)
    # Another visitor's token is refused, and the page says nothing was started.
    refused = visitors[2].post("/en/prepare/start", data={"csrf_token": tokens[1]})
    assert refused.status_code == 400
    assert "Carry on with your answers" not in visitors[2].get("/en/prepare/").get_data(as_text=True)
    for visitor, token in zip(visitors[:2], tokens[:2], strict=True):
        assert visitor.post("/en/prepare/start", data={"csrf_token": token}).status_code == 303
        # A visitor with a draft gets the page that sends them back to it, not the kept page for newcomers.
        again = visitor.get("/en/prepare/").get_data(as_text=True)
        assert "Carry on with your answers" in again and 'name="parent"' not in again
    newcomer = app.test_client().get("/en/prepare/").get_data(as_text=True)
    assert 'name="parent"' in newcomer and "Carry on with your answers" not in newcomer


def test_the_kept_key_dates_form_still_answers_each_date_asked(tmp_path):
    app = make_app(tmp_path, "a")
    client = app.test_client()
    for _ in range(2):
        empty = text_of(app, "/en/key-dates/")
        assert empty.select_one("#results") is None and empty.select_one('input[name="day"]')["value"] == ""
    for day, year in (("22", "2026"), ("23", "2026")):
        page = BeautifulSoup(
            client.get(f"/en/key-dates/?day={day}&month=12&year={year}&kind=first").data, "html.parser"
        )
        assert page.select_one('input[name="day"]')["value"] == day
        assert f"{year}-12-{day}" in [t["datetime"] for t in page.select("#results time")]
    wrong = client.get("/en/key-dates/?day=40&month=12&year=2026&kind=first")
    assert wrong.status_code == 400 and "real date" in wrong.get_data(as_text=True)


def test_kept_key_dates_results_show_each_date_asked_and_keep_none(tmp_path):
    """The results are kept for each language and kind, with holes for the dates: each visitor sees the dates of
    the date they asked (typed two ways, the same dates and calendar link, the boxes as typed), and nothing kept
    holds a date anyone asked for."""

    def results(path):
        page = text_of(app, path)
        shown = [t["datetime"] for t in page.select("#results time")]
        return shown, page.select_one("#results a[download]")["href"], page.select_one('input[name="day"]')["value"]

    app = make_app(tmp_path, "a")
    first, link, typed = results("/en/key-dates/?day=7&month=1&year=2027&kind=first")
    assert results("/en/key-dates/?day=07&month=01&year=2027&kind=first") == (first, link, "07")
    assert typed == "7" and first[1] == "2027-01-07" and "day=7&month=1&year=2027&kind=first" in link
    review, review_link, _ = results("/en/key-dates/?day=7&month=1&year=2027&kind=review")
    assert review != first and "kind=review" in review_link
    later = text_of(app, "/en/key-dates/?day=8&month=1&year=2027&kind=first")
    assert [t["datetime"] for t in later.select("#results time")][1] == "2027-01-08"
    assert "Friday, 8 January 2027" in later.select_one("#results").get_text()
    welsh = text_of(app, "/cy/key-dates/?day=7&month=1&year=2027&kind=first")
    assert welsh.select_one("#results a[download]")["href"].startswith("/cy/")
    assert "Ionawr" in welsh.select_one("#results").get_text()  # January, in Welsh
    kept = " ".join(
        [
            *map(str, app.extensions["familyguide.fragments"].values()),
            *map(str, app.extensions["familyguide.kept_pages"].values()),
        ]
    )
    for asked in ("2027-01-0", "January 2027", "Ionawr 2027", "year=2027"):
        assert asked not in kept


def chat_of_a_new_parent(app):
    parent = app.test_client()
    token = csrf_token_in(parent.get("/en/prepare/").get_data(as_text=True))
    assert parent.post("/en/prepare/start", data={"csrf_token": token}).status_code == 303
    page = BeautifulSoup(parent.get("/en/prepare/chat").data, "html.parser")
    return parent, {field["value"] for field in page.select('input[name="csrf_token"]')}


def test_kept_parts_of_a_chat_page_hold_each_parents_own_working_token(tmp_path):
    """The chat's question and its 'Save and come back later' form are kept parts (fragments.py)."""
    app = apps.make_app(tmp_path, "a", WTF_CSRF_ENABLED=True)
    first, first_tokens = chat_of_a_new_parent(app)
    second, second_tokens = chat_of_a_new_parent(app)  # gets the kept parts
    assert len(first_tokens) == len(second_tokens) == 1 and first_tokens != second_tokens
    assert first.post("/en/prepare/save", data={"csrf_token": second_tokens.pop()}).status_code == 400
    saved = first.post("/en/prepare/save", data={"csrf_token": first_tokens.pop()})
    assert saved.status_code == 200 and "Your code" in saved.get_data(as_text=True)


def chat_log(client):
    page = BeautifulSoup(client.get("/en/prepare/chat").data, "html.parser")
    return [p.get_text() for p in page.select("#chat-log .answer-text")], page


def test_a_kept_chat_page_shows_each_parent_their_own_answers_and_nobody_elses(tmp_path):
    """The page of a question is kept with a hole for the log (kept_pages.py): each parent's own earlier answers
    go in, escaped, and only theirs."""
    app = apps.make_app(tmp_path, "a", WTF_CSRF_ENABLED=False)
    answers = {
        "one": ["I asked my mum to stay.", "<b>We</b> eat together & talk.\nEvery night."],
        "two": ["مرحبا 0113 000 0001", "\x00hole:log\x00 {{ 7*7 }} <script>alert(1)</script>"],
    }
    parents = {}
    for name, (kept_safe, going_well) in answers.items():
        parent = parents[name] = app.test_client()
        parent.post("/en/prepare/start")
        parent.post("/en/prepare/chat/conference_kind", data={"choice": "first"})
        parent.post("/en/prepare/chat/kept_safe", data={"action": "answer", "answer": kept_safe})
        parent.post("/en/prepare/chat/going_well", data={"action": "answer", "answer": going_well})
    pages = {}
    for _ in range(2):  # the second time round, every page comes from the kept one
        for name, parent in parents.items():
            shown, pages[name] = chat_log(parent)
            stored = [text.replace("\x00", "") for text in answers[name]]  # the chat cleans control characters
            assert shown == ["My first conference", *stored], name
            assert not pages[name].select("#chat-log script, #chat-log b")
    one, two = (str(pages[name]).split('id="chat-log"')[0] for name in ("one", "two"))
    assert one == two  # everything before the log is the same page for both


def test_a_visitors_own_html_is_put_in_once_and_escaped_unless_already_markup(app):
    with app.test_request_context("/en/"):
        page = fragments.hole("first") + "|" + fragments.hole("second")
        filled = fragments.filled(page, {"first": "<i>\x00hole:second\x00</i>", "second": Markup("<b>kept</b>")})
        assert filled == "&lt;i&gt;\x00hole:second\x00&lt;/i&gt;|<b>kept</b>"


def house_things(client):
    page = BeautifulSoup(client.get("/en/three-houses/houses/worries").data, "html.parser")
    return [p.get_text() for p in page.select("#things .thing-words, #things .thing-label")], page


def test_a_kept_house_page_shows_each_child_what_they_put_in_it_and_nothing_else(tmp_path):
    """The house page and each thing in it are kept with holes (kept_pages.py): every child's own words go in,
    escaped, in their own things, with their own links."""
    app = apps.make_app(tmp_path, "a", WTF_CSRF_ENABLED=True)
    words = {"ola": ["<b>He</b> shouts & I hide", "\u202eI miss my dog"], "sam": ["مرحبا {{ 7*7 }}"]}
    children = {}
    for name, said in words.items():
        child = children[name] = app.test_client()
        token = houses.start(child, child=name)
        houses.add_picture(child, token, "worries", "sun")
        for text in said:
            houses.add_words(child, token, "worries", text)
    for _ in range(2):  # the second time round, the page and its things come from the kept ones
        for name, child in children.items():
            shown, page = house_things(child)
            assert shown == ["Sun", *words[name]], name
            assert not page.select("#things b")
            links = [a["href"] for a in page.select("#things a.target-link")]
            assert links == [f"/en/three-houses/things/t{n}" for n in range(1, len(shown) + 1)], name
