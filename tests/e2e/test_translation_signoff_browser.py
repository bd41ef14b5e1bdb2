"""A qualified translator's sign-off in a real browser (issue 13): a translator for Polish sets up their account,
checks a page, and that page's "not checked" note goes from the Polish family page; the English page then
changes (a new deploy of the content), the note comes back and the review page shows what changed. axe finds
no WCAG 2.2 A/AA violation on the translator's pages, none scrolls sideways at 320 px, and the Arabic and
Bengali review pages mark the translation with its language and direction. Screenshots in
build/screenshots/staff-translation-*.png."""

import shutil
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from familyguide import create_app, db
from familyguide.staff import accounts

from ..support.apps import NO_VOLUME_LIMITS, TEST_KEY
from .conftest import CHROMIUM, CHROMIUM_FLAGS, Checked, ClosingApp
from .staff_steps import set_up_by_keyboard
from .steps import tab_to_next

ROOT = Path(__file__).resolve().parents[2]
PAGE = "guide/who-will-be-there"
ADDED = "A sentence the council added to this page."


class Site:
    """The site on one port, started again (as a deploy does) when its content changes."""

    def __init__(self, tmp_path):
        self.content = tmp_path / "content"
        shutil.copytree(ROOT / "content", self.content)
        self.settings = {
            "SECRET_KEY": "e2e-secret-for-the-translator-test",
            "ENCRYPTION_KEY": TEST_KEY,
            "DATABASE_URL": f"sqlite:///{tmp_path / 'signoff.sqlite3'}",
            "CONTENT_DIR": str(self.content),
            **NO_VOLUME_LIMITS,
        }
        self.port = 0
        self.start()

    def start(self):
        self.app = create_app(dict(self.settings))
        db.upgrade(self.app.extensions["familyguide.db_url"])
        self.server = make_server("127.0.0.1", self.port, ClosingApp(self.app), threaded=True)
        self.port = self.server.server_port
        self.url = f"http://127.0.0.1:{self.port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def restart(self):
        self.stop()
        self.start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()
        db.dispose(self.app)


@pytest.fixture
def site(tmp_path):
    running = Site(tmp_path)
    yield running
    running.stop()


@pytest.fixture
def browser_for(playwright):
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
    contexts = []

    def make(base_url, **options):
        context = browser.new_context(base_url=base_url, locale="en-GB", **options)
        contexts.append(context)
        page = context.new_page()
        outside = []

        def route(r):
            if r.request.url.startswith((base_url, "data:", "blob:")):
                r.continue_()
            else:
                outside.append(r.request.url)
                r.abort()

        page.route("**/*", route)
        page.outside = outside
        return page

    yield make
    for context in contexts:
        context.close()
    browser.close()


def note_shown(page, path):
    page.goto(path)
    return page.locator(".unchecked-note").count() == 1


def test_a_translator_checks_a_page_its_note_goes_and_comes_back_when_the_english_changes(site, browser_for):
    with site.app.app_context():
        link = accounts.setup_url(accounts.add("polish.e2e@council.gov.uk", "translator", languages=["pl", "ar", "bn"]))
    check = Checked("staff")
    family = browser_for(site.url)
    assert note_shown(family, f"/pl/{PAGE}")
    assert note_shown(family, "/pl/guide/the-decision")

    translator = browser_for(site.url)
    translator.goto(link.replace(site.app.config["PUBLIC_URL"], ""))
    set_up_by_keyboard(translator, check, "translation-translator")
    # The translator's whole check, by keyboard alone.
    tab_to_next(translator, "nav a[href$='/staff/translations']")
    translator.keyboard.press("Enter")
    translator.wait_for_selector("h1:has-text('Translations')")
    check(translator, "translation-languages")
    tab_to_next(translator, "main a[href$='/staff/translations/pl']")
    translator.keyboard.press("Enter")
    translator.wait_for_selector("h1:has-text('Polish translation')")
    check(translator, "translation-polish")
    tab_to_next(translator, f"main a[href$='/staff/translations/pl/page/{PAGE}']")
    translator.keyboard.press("Enter")
    translator.wait_for_selector("button:has-text('I have checked this page')")
    check(translator, "translation-page")
    assert translator.get_attribute("div.source-text[lang='pl']", "dir") == "ltr"
    tab_to_next(translator, f"form[action$='/pl/page/{PAGE}'] button[type=submit]")
    translator.keyboard.press("Enter")
    translator.wait_for_selector("text=You have checked this page. Thank you.")
    check(translator, "translation-page-checked")

    assert not note_shown(family, f"/pl/{PAGE}")
    assert note_shown(family, "/pl/guide/the-decision")  # only the page checked lost its note

    english = site.content / "en" / f"{PAGE}.md"
    english.write_text(english.read_text(encoding="utf-8") + f"\n{ADDED}\n", encoding="utf-8")
    site.restart()  # the content is read when the site starts: a deploy of the new English
    assert note_shown(family, f"/pl/{PAGE}")

    translator.goto(f"/staff/translations/pl/page/{PAGE}")
    translator.wait_for_selector("text=What has changed since it was last checked")
    assert "Changed since checked" in translator.inner_text(".status-line")
    added = translator.locator(".diff-added").all_inner_texts()
    assert f"Added: {ADDED}" in added  # said in words, not by colour alone
    check(translator, "translation-page-stale")
    translator.goto("/staff/translations/pl")
    assert "Changed since checked" in translator.inner_text("tbody")

    for code, direction in (("ar", "rtl"), ("bn", "ltr")):
        translator.goto(f"/staff/translations/{code}/page/{PAGE}")
        assert translator.get_attribute(f"div.source-text[lang='{code}']", "dir") == direction
        assert translator.get_attribute("div.source-text[lang='en']", "dir") == "ltr"
        check(translator, f"translation-page-{code}")
        translator.goto(f"/staff/translations/{code}/page/strings/3")
        assert translator.locator(f"td[lang='{code}'][dir='{direction}']").count() == 25
        check(translator, f"translation-strings-{code}")
    translator.goto("/staff/translations/pl/import")
    check(translator, "translation-import")
    translator.set_input_files("#po_file", files=[{"name": "pl.po", "mimeType": "text/plain", "buffer": b"nothing"}])
    translator.click("button:has-text('Upload and check')")
    translator.wait_for_selector(".error-summary")
    check(translator, "translation-import-error")

    assert check.failures == []
    assert family.outside == translator.outside == []
