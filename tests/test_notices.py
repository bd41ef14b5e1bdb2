"""The notices a council must publish (issue 13): the privacy notice and its child's version, the accessibility
statement and the cookies page. Their periods and names come from the settings the purge and the session use."""

import re
from datetime import datetime
from http.cookies import SimpleCookie

import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from familyguide import clock, db, readability, storage
from familyguide.config import ConfigError
from familyguide.notices import facts

from .conftest import CheckedClient
from .support.apps import NO_VOLUME_LIMITS, TEST_KEY
from .support.houses import BASE as HOUSES
from .support.houses import add_drawing, add_picture, add_words, drawing_png, share
from .support.houses import start as start_houses
from .support.pagecheck import text_of
from .support.prepare import Clock, Parent

NOTICES = {
    "privacy": "/privacy",
    "privacy-for-children": "/privacy/children",
    "accessibility": "/accessibility",
    "cookies": "/cookies",
}
LANGUAGES = ("en", "cy", "ar", "bn", "gu", "it", "pa", "pl", "pt", "ro", "es", "ur")


@pytest.fixture
def make_client(app_on, tmp_path):
    """A checked client on an app with these settings (its own database)."""

    def make(**settings):
        url = f"sqlite:///{tmp_path / f'notices-{len(list(tmp_path.iterdir()))}.sqlite3'}"
        app = app_on(url, **settings)
        db.upgrade(url)
        return CheckedClient(app.test_client())

    return make


def squeezed(text):
    """Text without spaces: on right-to-left pages each left-to-right run is isolated in its own element."""
    return re.sub(r"\s+", "", text)


def page_text(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return text_of(BeautifulSoup(response.data, "html.parser").select_one("main").decode())


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_notice_answers_in_every_language_in_that_language(client, lang):
    for slug, path in NOTICES.items():
        html = client.get(f"/{lang}{path}").get_data(as_text=True)
        assert f'<html lang="{lang}"' in html
        assert "fallback-note" not in html, (lang, slug)  # each is translated
        assert "{" not in text_of(html), (lang, slug)  # every placeholder filled


def test_the_notices_are_in_the_sitemap_in_every_language(client):
    xml = client.get("/sitemap.xml").get_data(as_text=True)
    for lang in LANGUAGES:
        for path in NOTICES.values():
            assert f"/{lang}{path}</loc>" in xml


@pytest.mark.parametrize("lang", ("en", "ar", "pl"))
def test_every_page_footer_links_to_the_three_notices_in_its_language(client, lang):
    footer = BeautifulSoup(client.get(f"/{lang}/key-dates/").data, "html.parser").select_one("footer")
    links = {a["href"]: a.get_text(strip=True) for a in footer.select("a")}
    expected = {
        "en": ["Privacy", "Accessibility", "Cookies"],
        "ar": ["الخصوصية", "إمكانية الوصول"],
        "pl": ["Prywatność"],
    }
    for path in ("/privacy", "/accessibility", "/cookies"):
        assert f"/{lang}{path}" in links
    for label in expected[lang]:
        assert label in links.values()


@pytest.mark.parametrize("slug", NOTICES)
def test_the_english_notices_as_a_family_reads_them_are_plain(client, slug):
    """Scored on the page as shown (settings filled in), within the guide's limits."""
    main = BeautifulSoup(client.get(f"/en{NOTICES[slug]}").data, "html.parser").select_one("main")
    blocks = [tag.get_text(" ", strip=True) for tag in main.select("h1, .prose h2, .prose p, .prose li")]
    scores = readability.score(blocks)
    assert scores.grade <= readability.MAX_GRADE, f"{slug}: grade {scores.grade:.1f}"
    assert scores.words_per_sentence <= readability.MAX_WORDS_PER_SENTENCE, slug


def test_the_childs_version_is_plainer_still(client):
    main = BeautifulSoup(client.get("/en/privacy/children").data, "html.parser").select_one("main")
    scores = readability.score([t.get_text(" ", strip=True) for t in main.select("h1, .prose h2, .prose p")])
    assert scores.grade <= 3.0 and scores.words_per_sentence <= 10


def test_the_privacy_notice_says_the_real_retention_periods_by_default(client):
    text = page_text(client, "/en/privacy")
    assert "we delete your answers 24 hours after your last change" in text
    assert "If you make a code, we delete them 30 days after your last change" in text
    assert "We delete all of this 28 days after the conference" in text
    # Marked copied: sooner, but never before the day after the conference; something new undoes the mark.
    assert "we delete it 7 days after that, but not before the day after the conference" in text
    assert "they need to copy it again. If they do not, we delete it 28 days after the conference." in text
    assert "7 days after they copy it, but not before the day after the conference." in text
    assert "We keep it for 2 years." in text
    assert "A locked count of how many forms one device sends, to stop misuse: 1 hour." in text


def test_change_a_retention_setting_and_the_privacy_text_changes(make_client):
    client = make_client(
        DRAFT_RETENTION_DAYS=9,
        UNSAVED_DRAFT_HOURS=5,
        CONFERENCE_RECORD_RETENTION_DAYS=14,
        COPIED_RECORD_RETENTION_DAYS=3,
        AUDIT_RETENTION_DAYS=400,
    )
    text = page_text(client, "/en/privacy")
    assert "we delete your answers 5 hours after your last change" in text
    assert "If you make a code, we delete them 9 days after your last change" in text
    assert "We delete all of this 14 days after the conference" in text
    assert "we delete it 3 days after that" in text
    assert "We keep it for 400 days." in text
    for old in ("24 hours", "30 days", "28 days", "7 days", "2 years"):
        assert old not in text
    polish = page_text(client, "/pl/privacy")
    assert "5 godzin" in polish and "9 dni" in polish and "400 dni" in polish
    child = page_text(client, "/en/privacy/children")
    assert "We delete it 9 days after the last change." in child
    assert "we delete it 14 days after the meeting" in child
    assert "Then we delete it sooner: 3 days after they copy it." in child


def test_one_period_in_the_plural_forms_of_each_language(make_client):
    client = make_client(UNSAVED_DRAFT_HOURS=1, AUDIT_RETENTION_DAYS=365, DRAFT_RETENTION_DAYS=2)
    english = page_text(client, "/en/privacy")
    assert "1 hour after" in english and "We keep it for 1 year." in english and "2 days after" in english
    polish = page_text(client, "/pl/privacy")
    assert "1 godzina" in polish and "1 rok" in polish and "2 dni" in polish
    arabic = page_text(client, "/ar/privacy")
    assert "2 يومين" in arabic and "1 سنة" in arabic


def test_the_periods_the_notice_gives_are_the_ones_the_purge_keeps(make_client, monkeypatch):
    """With other settings, a draft goes exactly when the notice (rendered from the same settings) says. A
    Three Houses has its resume code from the start (the worker's way back after the quick exit), so it is
    kept as long as answers with a code."""
    client = make_client(DRAFT_RETENTION_DAYS=9, UNSAVED_DRAFT_HOURS=5)
    text = page_text(client, "/en/privacy")
    hours = int(re.search(r"we delete your answers (\d+) hours after your last change", text).group(1))
    days = int(re.search(r"we delete them (\d+) days after your last change", text).group(1))
    assert f"The Three Houses: {days} days after the last change." in text
    assert f"We delete it all {days} days after the last change." in text
    assert "The Leave this site button closes it at once. It does not delete it" in text
    assert f"We delete it {days} days after the last change." in page_text(client, "/en/privacy/children")
    time = Clock(monkeypatch)
    app = client.raw.application
    with_code, without_code = Parent(client), Parent(CheckedClient(app.test_client()))
    for parent in (with_code, without_code):
        parent.start()
        parent.answer("conference_kind", choice="first")
    with_code.post("/save")
    child = app.test_client()
    start_houses(child)
    time.forward(hours=hours, seconds=-1)
    with app.app_context():
        assert storage.purge_expired() == 0
    time.forward(seconds=1)
    with app.app_context():
        assert storage.purge_expired() == 1  # the answers without a code
    assert without_code.get("/chat").status_code == 404  # "We could not find your answers"
    assert child.get(f"{HOUSES}/houses").status_code == 200
    time.forward(days=days, hours=-hours, seconds=-1)
    with app.app_context():
        assert storage.purge_expired() == 0
    assert with_code.get("/chat").status_code == 200
    assert child.get(f"{HOUSES}/houses").status_code == 200
    time.forward(seconds=1)
    with app.app_context():
        assert storage.purge_expired() == 2  # the answers with a code, and the Three Houses
    assert with_code.get("/chat").status_code == 404
    assert child.get(f"{HOUSES}/houses").status_code == 404


def test_the_privacy_notice_names_the_controller_the_dpo_and_the_lawful_bases_from_settings(make_client):
    client = make_client(
        COUNCIL_NAME="Northshire Council",
        DPO_CONTACT="dpo@northshire.example, 01632 960999",
        PRIVACY_LAWFUL_BASIS="UK GDPR Article 6(1)(c)",
        PRIVACY_SPECIAL_CATEGORY_BASIS="UK GDPR Article 9(2)(b)",
        PRIVACY_LAW="Children Act 2004",
    )
    for lang in ("en", "ur"):
        text = squeezed(page_text(client, f"/{lang}/privacy"))
        for value in (
            "Northshire Council",
            "dpo@northshire.example, 01632 960999",
            "UK GDPR Article 6(1)(c)",
            "UK GDPR Article 9(2)(b)",
            "Children Act 2004",
            "ico.org.uk/make-a-complaint",
            "0303 123 1113",
        ):
            assert squeezed(value) in text, (lang, value)


def test_the_default_lawful_bases_are_public_task_and_the_special_category_conditions(client):
    text = page_text(client, "/en/privacy")
    assert "UK GDPR Article 6(1)(e)" in text
    assert "UK GDPR Article 9(2)(g) and 9(2)(h); Data Protection Act 2018, Schedule 1, paragraphs 2, 6 and 18" in text
    assert "We do not send it to any other country." in text
    assert "Staff who run the site cannot read your answers or your child's words." in text


def test_the_accessibility_statement_gives_its_review_date_status_and_enforcement(make_client):
    client = make_client(ACCESSIBILITY_REVIEWED="2027-03-15", ACCESSIBILITY_CONTACT="access@northshire.example")
    text = page_text(client, "/en/accessibility")
    assert "We last checked this statement on 15 March 2027." in text
    assert "This site is partly compliant with WCAG 2.2 AA." in text
    assert "fully compliant" in text and "so we cannot say it is fully compliant" in text
    assert "We have not tested the site with people who use screen readers" in text
    assert "access@northshire.example" in text
    assert "Equality Advisory and Support Service (EASS)" in text and "0808 800 0082" in text
    assert "15 marca 2027" in page_text(client, "/pl/accessibility")


@pytest.mark.parametrize("bad", ["15/03/2027", "soon", "2027-02-30"])
def test_a_review_date_that_is_not_a_date_is_refused(make_client, bad):
    with pytest.raises(ConfigError, match="FAMILYGUIDE_ACCESSIBILITY_REVIEWED must be a date"):
        make_client(ACCESSIBILITY_REVIEWED=bad)


@pytest.mark.parametrize(
    "name",
    ["UNSAVED_DRAFT_HOURS", "AUDIT_RETENTION_DAYS", "CONFERENCE_RECORD_RETENTION_DAYS", "STAFF_ABSOLUTE_HOURS"],
)
def test_a_period_under_one_is_refused(make_client, name):
    with pytest.raises(ConfigError, match=f"FAMILYGUIDE_{name} must be 1 or more"):
        make_client(**{name: 0})


def test_the_cookies_page_names_the_cookies_from_the_settings(client):
    text = page_text(client, "/en/cookies")
    for name in ("session", "staff", "staff_pre", "staff_sso", "staff_device"):
        assert f"Name: {name} " in text
    assert "They are sent only to the staff pages, at /staff." in text
    assert "It stops working after 30 minutes without use, or after 12 hours at most." in text
    assert "It goes after 10 minutes." in text
    assert "It goes after 90 days without signing in here" in text
    assert "The site sets no other cookies." in text


def test_the_cookies_page_names_every_cookie_the_staff_area_sets(app, client, monkeypatch):
    """Every cookie a staff member's browser gets while setting up, signing in, signing out and starting a
    single sign-on is one the settings name, and the cookies page names each one."""
    from .support.staff import Clock as StaffClock
    from .support.staff import post_form, set_up, sign_in

    named = {value for name, value in app.config.items() if name.endswith("COOKIE_NAME")}
    assert len(named) == 5
    text = page_text(client, "/en/cookies")
    assert all(f"Name: {name} " in text for name in named)
    watch = CookieWatch(app)
    staff_clock = StaffClock(monkeypatch)
    browser = app.test_client()
    staff = set_up(app, browser, staff_clock, "cookies@council.gov.uk")
    post_form(browser, "/staff/sign-out", {}, browser.get("/staff/"))
    assert sign_in(browser, staff_clock, staff).status_code == 302
    assert watch.names == named - {app.config["SESSION_COOKIE_NAME"], app.config["STAFF_SSO_COOKIE_NAME"]}


def production_client(make_client, monkeypatch):
    """An app as production makes it (its cookie names follow FAMILYGUIDE_ENV)."""
    monkeypatch.setenv("FAMILYGUIDE_ENV", "production")
    return make_client(SECRET_KEY="a-real-secret-of-at-least-32-characters!", ENCRYPTION_KEY=TEST_KEY)


def test_in_production_the_cookies_page_gives_the_production_names(make_client, monkeypatch):
    client = production_client(make_client, monkeypatch)
    text = page_text(client, "/en/cookies")
    assert "Name: __Host-session" in text and "Name: __Secure-staff" in text
    fresh = client.raw.application.test_client()
    cookie = SimpleCookie(fresh.get("/en/cookies", base_url="https://localhost").headers["Set-Cookie"])
    assert list(cookie) == ["__Host-session"]


class CookieWatch:
    """Every cookie name any response sets (read from the raw headers, after Flask has saved the session)."""

    def __init__(self, app):
        self.names = set()
        inner = app.wsgi_app

        def watched(environ, start_response):
            def watching(status, headers, *args):
                for name, value in headers:
                    if name.lower() == "set-cookie":
                        self.names.update(SimpleCookie(value).keys())
                return start_response(status, headers, *args)

            return inner(environ, watching)

        app.wsgi_app = watched


def sitemap_paths(client):
    xml = client.get("/sitemap.xml").get_data(as_text=True)
    return [re.sub(r"^https?://[^/]+", "", loc) for loc in re.findall(r"<loc>([^<]+)</loc>", xml)]


def walk_the_journeys(client):
    """A parent's preparation (with a code, the PDF, coming back, deleting), a child's Three Houses (words, a
    picture, a drawing, sharing, the PDF, deleting), the key dates and their calendar file, an error page and
    the quick exit."""
    parent = Parent(client)
    parent.start()
    parent.answer("conference_kind", choice="first")
    parent.answer("kept_safe", text="My mum helps.")
    parent.post("/save")
    for path in ("/chat", "/check-your-answers", "/my-views-for-the-conference.pdf", "/come-back", "/delete"):
        parent.get(path)
    parent.post("/delete")
    token = start_houses(client.raw)
    add_words(client.raw, token, "worries", "Shouting")
    add_picture(client.raw, token, "good-things", "bike")
    add_drawing(client.raw, token, "dreams", drawing_png())
    share(client.raw, token, {})
    for path in ("/houses", "/houses/dreams", "/feel-safe", "/read-back", "/thank-you", "/for-the-worker"):
        client.get(HOUSES + path)
    client.raw.get(f"{HOUSES}/three-houses.pdf")
    client.get("/en/privacy/children")
    client.raw.post(f"{HOUSES}/delete", data={"csrf_token": token})
    client.get("/en/key-dates/?day=22&month=11&year=2026&kind=first")
    client.raw.get("/en/key-dates/calendar.ics?day=22&month=11&year=2026&kind=first")
    client.get("/en/no-such-page")
    client.raw.get("/")
    client.raw.get("/exit")


@pytest.mark.parametrize("production", [False, True], ids=["development", "production"])
def test_no_page_sets_any_cookie_but_the_family_one(make_client, monkeypatch, production):
    """Every page of the sitemap and of the journeys: the only cookie set is the one the cookies page names, so
    no cookie banner is needed."""
    monkeypatch.setattr(clock, "now", lambda: datetime(2026, 11, 22, 10, 0))
    client = production_client(make_client, monkeypatch) if production else make_client()
    app = client.raw.application
    watch = CookieWatch(app)
    if production:
        client.raw.environ_base["wsgi.url_scheme"] = "https"
    for path in sitemap_paths(client):
        client.get(path)
    assert watch.names == {app.config["SESSION_COOKIE_NAME"]}
    walk_the_journeys(client)
    assert watch.names == {app.config["SESSION_COOKIE_NAME"]}
    assert f"Name: {app.config['SESSION_COOKIE_NAME']}" in page_text(client, "/en/cookies")


def test_the_cookie_watch_sees_a_cookie_that_is_not_allowed(make_client):
    """The watch above would catch a stray cookie (here one a route sets on purpose)."""
    client = make_client()
    app = client.raw.application
    watch = CookieWatch(app)

    @app.after_request
    def stray(response):
        response.set_cookie("tracker", "1")
        return response

    client.get("/en/cookies")
    assert "tracker" in watch.names


def test_the_three_houses_links_to_the_childs_version_and_back(client, monkeypatch):
    monkeypatch.setattr(clock, "now", lambda: datetime(2026, 11, 22, 10, 0))
    start_houses(client.raw, child_lang="ar")
    html = client.get("/ar/three-houses/houses").get_data(as_text=True)
    link = BeautifulSoup(html, "html.parser").select_one('a[href="/ar/privacy/children"]')
    assert link is not None and link.get_text(strip=True) == "من يرى ما تصنعه هنا"
    child = BeautifulSoup(client.get("/ar/privacy/children").data, "html.parser")
    assert child.select_one('a[href="/ar/three-houses/houses"]') is not None
    fresh = BeautifulSoup(client.raw.application.test_client().get("/ar/privacy/children").data, "html.parser")
    assert fresh.select_one('a[href="/ar/three-houses/houses"]') is None  # no Three Houses open: no way "back"


def test_the_childs_version_says_who_sees_and_when_it_goes(client):
    text = page_text(client, "/en/privacy/children")
    assert "Yes means your worker can show it at the meeting." in text
    assert "We delete it 30 days after the last change." in text
    assert "If your worker keeps it for the meeting, we delete it 28 days after the meeting." in text
    # Marked copied, it goes sooner (invitations.deletion_date): the child's version said only 28 days.
    assert "Your worker may copy it into your family's file. Then we delete it sooner: 7 days after" in text
    assert "But not before the day after the meeting. If you change it after they copy it," in text
    assert "Childline on 0800 1111" in text


def test_a_days_setting_that_is_not_whole_years_is_said_in_days():
    from familyguide import create_app
    from familyguide.notices.facts import duration

    app = create_app({"TESTING": True, "ENV": "test", "ENCRYPTION_KEY": TEST_KEY, **NO_VOLUME_LIMITS})
    with app.test_request_context("/en/"):
        assert [duration(n, "days") for n in (1, 364, 365, 366, 730)] == [
            "1 day",
            "364 days",
            "1 year",
            "366 days",
            "2 years",
        ]
        assert duration(1, "minutes") == "1 minute" and duration(90, "minutes") == "90 minutes"


_facts_app = None


def facts_app():
    """One app for the property test below (it only reads settings and catalogues, never the database)."""
    global _facts_app
    if _facts_app is None:
        from familyguide import create_app

        _facts_app = create_app({"TESTING": True, "ENV": "test", "ENCRYPTION_KEY": TEST_KEY, **NO_VOLUME_LIMITS})
    return _facts_app


@settings(max_examples=60, deadline=None)
@given(
    lang=st.sampled_from(LANGUAGES),
    values=st.fixed_dictionaries({setting: st.integers(1, 10**6) for setting, _unit in facts.PERIODS.values()}),
)
def test_every_period_in_every_language_says_its_number(lang, values):
    """Whatever a council sets, each language's notice writes the number (or whole years) it set, formatted."""
    app = facts_app()
    with app.test_request_context(f"/{lang}/privacy"):
        app.config.update(values)
        said = facts.notice_settings(lang)
    for name, (setting, unit) in facts.PERIODS.items():
        number = values[setting]
        expected = number // facts.DAYS_IN_A_YEAR if unit == "days" and number % facts.DAYS_IN_A_YEAR == 0 else number
        assert re.search(rf"(?<!\d){expected}(?!\d)", said[name]), (lang, name, said[name])
        assert "%(" not in said[name] and "{" not in said[name]
