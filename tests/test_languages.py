"""Every family page in every language: lang and dir, the switcher, honesty, no untranslated strings."""

import re
from datetime import date, datetime

import pytest
from babel.dates import format_date
from bs4 import BeautifulSoup

from familyguide import clock, i18n
from familyguide.config import PROJECT_ROOT
from familyguide.locales import Languages

from .support.pages import asset_path, fetch_bytes, sitemap_paths

LANGUAGES = list(Languages(PROJECT_ROOT / "content"))
OTHER_LANGUAGES = [language for language in LANGUAGES if language.code != "en"]


def soup(response):
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def test_twelve_languages_two_of_them_right_to_left():
    assert [lang.code for lang in LANGUAGES] == ["en", "cy", "pl", "ro", "pa", "ur", "pt", "es", "ar", "bn", "gu", "it"]
    assert {lang.code for lang in LANGUAGES if lang.is_rtl} == {"ar", "ur"}


@pytest.mark.parametrize("language", LANGUAGES, ids=lambda lang: lang.code)
def test_every_page_in_every_language_has_the_right_lang_and_dir(client, language):
    paths = [p for p in sitemap_paths(client) if p.startswith(f"/{language.code}/")]
    assert len(paths) >= 12
    for path in paths:
        html = soup(client.get(path)).html
        assert (html["lang"], html["dir"]) == (language.code, language.dir), path


@pytest.mark.parametrize("accept", ["ur-PK,ur;q=0.9,en;q=0.5", "pl", "ar-SA", "pa-IN,pa;q=0.8"])
def test_root_picks_the_language_from_the_browser(client, accept):
    location = client.raw.get("/", headers={"Accept-Language": accept}).headers["Location"]
    assert location.endswith(f"/{accept[:2]}/")


def test_switcher_names_each_language_in_its_own_script_and_keeps_the_page(client):
    page = soup(client.get("/pl/guide/the-decision"))
    links = {a["lang"]: a for a in page.select("nav.languages a")}
    assert set(links) == {lang.code for lang in LANGUAGES}
    assert links["ur"].get_text() == "اردو" and links["pa"].get_text() == "ਪੰਜਾਬੀ"
    assert links["ar"]["href"] == "/ar/guide/the-decision"
    assert links["pl"].get("aria-current") == "true"


def test_unchecked_languages_say_so_with_a_link_to_english(client):
    english = soup(client.get("/en/"))
    assert english.select_one(".unchecked-note") is None
    for language in OTHER_LANGUAGES:
        page = soup(client.get(f"/{language.code}/guide/who-will-be-there"))
        note = page.select_one(".unchecked-note")
        assert note is not None, language.code
        assert note.find("a", href="/en/guide/who-will-be-there") is not None


def visible_strings(page):
    """The interface text of a page. Council prose is left out: translations keep English terms there on
    purpose ("grupa główna (core group)"), and `flask content status` checks that prose separately."""
    for prose in page.select(".prose, body [lang=en]"):
        prose.decompose()
    strings = page.body.find_all(string=True)
    return {s.strip() for s in strings if s.strip() and s.parent.name not in ("script", "style")}


def allowed_english(app):
    names = {lang.name for lang in LANGUAGES} | {"English"}
    council = {app.config[key] for key in ("COUNCIL_NAME", "COUNCIL_PHONE", "COMPLAINTS_CONTACT")}
    return names | council | {f"· {app.config['COUNCIL_NAME']}"}


@pytest.mark.parametrize("language", OTHER_LANGUAGES, ids=lambda lang: lang.code)
def test_no_page_shows_english_interface_text(app, client, language):
    """Any text node identical to the English page's, with two or more Latin words, is untranslated."""
    allowed = allowed_english(app)
    for path in [p for p in sitemap_paths(client) if p.startswith("/en/")]:
        english = visible_strings(soup(client.get(path)))
        translated = visible_strings(soup(client.get(path.replace("/en/", f"/{language.code}/", 1))))
        leftovers = {
            text
            for text in english & translated
            if text not in allowed and sum(word.isascii() and word.isalpha() for word in text.split()) >= 2
        }
        assert not leftovers, (language.code, path, sorted(leftovers)[:5])


@pytest.mark.parametrize("language", OTHER_LANGUAGES, ids=lambda lang: lang.code)
def test_key_dates_are_formatted_for_the_language(client, monkeypatch, language):
    monkeypatch.setattr(clock, "now", lambda: datetime(2026, 11, 22, 9, 0))
    response = client.get(f"/{language.code}/key-dates/?day=22&month=12&year=2026&kind=first")
    expected = format_date(date(2027, 1, 8), "full", locale=language.babel_locale)
    assert expected in soup(response).get_text()


@pytest.mark.parametrize("language", OTHER_LANGUAGES, ids=lambda lang: lang.code)
def test_errors_and_calendar_are_in_the_language(client, monkeypatch, language):
    monkeypatch.setattr(clock, "now", lambda: datetime(2026, 11, 22, 9, 0))
    english_error = "The date of the conference must be a real date"
    page = client.get(f"/{language.code}/key-dates/?day=31&month=2&year=2027&kind=first")
    assert english_error not in page.get_data(as_text=True)
    assert page.get_data(as_text=True).count('value="31"') == 1
    ics = client.raw.get(f"/{language.code}/key-dates/calendar.ics?day=22&month=12&year=2026&kind=first")
    body = ics.get_data(as_text=True).replace("\r\n ", "")
    assert f"SUMMARY;LANGUAGE={language.code}:" in body
    assert "Latest day for the first core group meeting" not in body


FONT_LANGUAGES = [lang for lang in LANGUAGES if lang.font]


@pytest.mark.parametrize("language", FONT_LANGUAGES, ids=lambda lang: lang.code)
def test_scripts_phones_often_lack_get_a_small_font_from_our_own_origin(app, client, language):
    page = soup(client.get(f"/{language.code}/"))
    stylesheet = page.find("link", href=asset_path(app, f"fonts/{language.code}.css"))
    assert stylesheet is not None
    css = fetch_bytes(client, stylesheet["href"]).decode()
    font_path = asset_path(app, f"fonts/{language.code}.woff2")
    assert "font-display:swap" in css and f'url("{font_path.rpartition("/")[2]}")' in css
    font = fetch_bytes(client, font_path)
    assert font[:4] == b"wOF2"
    assert len(font) <= 60 * 1024


def test_latin_languages_use_system_fonts_and_fetch_only_names_they_lack(app, client):
    for code in ("en", "pl", "cy"):
        links = soup(client.get(f"/{code}/")).find_all("link", rel="stylesheet")
        assert [link["href"] for link in links] == [asset_path(app, "site.css"), asset_path(app, "fonts/names.css")]
    names = fetch_bytes(client, asset_path(app, "fonts/names.css")).decode()
    for language in FONT_LANGUAGES:
        font_path = asset_path(app, f"fonts/names-{language.code}.woff2")
        assert f'url("{font_path.rpartition("/")[2]}")' in names
    assert names.count("unicode-range:") == len(FONT_LANGUAGES)


@pytest.mark.parametrize("language", FONT_LANGUAGES, ids=lambda lang: lang.code)
def test_web_font_has_every_character_the_pages_use(app, client, language):
    """No missing-glyph boxes: every non-Latin character on every page of the language is in its font."""
    import io

    from fontTools.ttLib import TTFont

    cmap = set()
    for name in [language.code, *(f"names-{lang.code}" for lang in FONT_LANGUAGES)]:
        font = fetch_bytes(client, asset_path(app, f"fonts/{name}.woff2"))
        cmap |= set(TTFont(io.BytesIO(font)).getBestCmap())
    missing = set()
    for path in [p for p in sitemap_paths(client) if p.startswith(f"/{language.code}/")]:
        text = soup(client.get(path)).get_text()
        missing |= {
            ch
            for ch in text
            if ord(ch) > 0x24F
            and not ch.isspace()
            and ord(ch) not in cmap
            and ch not in "\u200c\u200d\u200e\u200f–—‘’“”…·•"
        }
    assert not missing, "".join(sorted(missing))


# Values for the URL arguments of the family's form addresses (what a real page's form would hold).
FORM_ADDRESS_EXAMPLES = {"house": "worries", "key": "kept_safe", "thing_id": "t1"}


def test_on_a_page_that_answers_a_form_every_language_link_opens_a_page(app):
    """A page sent back for a form (an answer too long, a code not found) has an address only a form can open:
    its language links go to the nearest page that opens, in that language (they gave "This page cannot be
    opened this way")."""
    urls = app.url_map.bind("localhost")
    form_rules = [r for r in app.url_map.iter_rules() if "lang" in r.arguments and "GET" not in r.methods]
    assert len(form_rules) > 15
    for rule in form_rules:
        values = {name: FORM_ADDRESS_EXAMPLES.get(name, "x") for name in rule.arguments} | {"lang": "en"}
        with app.test_request_context(urls.build(rule.endpoint, values), method="POST"):
            links = {code: i18n.same_page_in(code) for code in ("ar", "cy")}
        for code, link in links.items():
            assert link.startswith(f"/{code}/"), (rule.rule, link)
            endpoint, _ = urls.match(link, method="GET")  # raises when no page opens there
            assert endpoint != "guide.index", (rule.rule, link)


def test_switching_language_on_a_chat_answer_sent_back_opens_the_chat_in_that_language(app):
    client = app.test_client()
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/en/prepare/").get_data(as_text=True))[1]
    client.post("/en/prepare/start", data={"csrf_token": token})
    too_long = client.post("/en/prepare/chat/conference_kind", data={"csrf_token": token, "choice": "nonsense"})
    arabic = soup(too_long).select_one(".languages a[lang=ar]")["href"]
    assert arabic == "/ar/prepare/chat"
    page = client.get(arabic, follow_redirects=True)
    assert page.status_code == 200 and soup(page).html["lang"] == "ar"
