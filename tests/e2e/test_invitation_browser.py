"""Issue 11's whole story in a real browser: an admin adds a worker; the worker signs in, creates a conference
with two parents (English and Polish) and one child; each parent opens their own link in their own browser
(English with JavaScript, Polish without), answers, reads what happens when they send, and sends; the worker's
inbox shows both; the worker reads the Polish views with the English questions beside them, downloads both
PDFs and marks the record copied; the notification e-mails (a local SMTP server) hold no family words; after
the deletion date the purge removes everything and the audit trail has every step. axe on every page (where
JavaScript runs), screenshots in build/screenshots/invite-*.png.

The child does the Three Houses with the worker on the worker's device, started from the child's invitation."""

from datetime import timedelta

from sqlalchemy import bindparam, select, text

from familyguide import clock, db, invitations
from familyguide.models import AuditEntry
from familyguide.staff import accounts

from ..support.invite import STORY_ACTIONS
from ..support.mail import smtp_server
from ..support.services import wait_for
from .conftest import Checked, wait_until_enhanced
from .houses_steps import choose
from .staff_steps import set_up_by_keyboard
from .steps import click_and_load

POLISH_WORDS = "Codziennie odprowadzam dzieci do szkoły. Zażółć gęślą jaźń."
ENGLISH_WORDS = "I asked my sister to stay with us every weekend."
REFERENCE = "Case 5120/E2E"


def parent_sends(page, link, words, check, name, javascript):
    page.goto(link)
    page.wait_for_selector("#invited")
    check(page, f"{name}-start", javascript)
    page.click("form[action$='/prepare/start'] button")
    page.wait_for_selector("#choice-first")
    if javascript:
        wait_until_enhanced(page, "site", "prepare")
    page.click("#choice-first")
    page.wait_for_selector("#answer")
    check(page, f"{name}-question", javascript)
    page.fill("#answer", words)
    page.click("button[value=answer]")
    page.locator("#chat-log").filter(has_text=words).wait_for()
    page.goto(link.split("/invite/")[0] + "/check-your-answers")
    page.wait_for_selector("#send-to-worker")
    assert words in page.inner_text("main")
    check(page, f"{name}-check", javascript)
    page.click("a[href$='/prepare/send']")
    page.wait_for_selector("form[action$='/prepare/send']")
    check(page, f"{name}-what-happens", javascript)
    page.click("form[action$='/prepare/send'] button")
    page.wait_for_selector("form[action$='/prepare/take-back']")
    check(page, f"{name}-sent", javascript)


def test_the_whole_story_from_invitation_to_deletion(make_page, live_server, outside_requests, monkeypatch):
    app = live_server.app.flask_app
    check = Checked("invite")
    with smtp_server() as (port, inbox):
        for name, value in {"SMTP_HOST": "127.0.0.1", "SMTP_PORT": port, "SMTP_STARTTLS": False}.items():
            monkeypatch.setitem(app.config, name, value)
        _story(app, make_page, check, inbox)
    assert check.failures == []
    assert outside_requests == []


def _story(app, make_page, check, inbox):
    with app.app_context():
        admin_link = accounts.setup_url(accounts.add("admin.invite@council.gov.uk", "admin"))
    admin = make_page(locale="en-GB")
    admin.goto(admin_link.replace(app.config["PUBLIC_URL"], ""))
    set_up_by_keyboard(admin, lambda page, name: None, "admin")
    click_and_load(admin, "text=Teams")
    admin.fill("#name", "Invite Team")
    click_and_load(admin, "button:has-text('Add team')")
    click_and_load(admin, "nav >> text=Accounts")
    admin.fill("#email", "worker.invite@council.gov.uk")
    admin.select_option("#team", "Invite Team")
    click_and_load(admin, "button:has-text('Add account')")
    worker_link = admin.inner_text(".setup-link")

    worker = make_page(locale="en-GB")
    worker.goto(worker_link.replace(app.config["PUBLIC_URL"], ""))
    set_up_by_keyboard(worker, lambda page, name: None, "worker")
    click_and_load(worker, "nav >> text=Conferences")
    check(worker, "inbox-empty")
    click_and_load(worker, "text=Add a conference")
    click_and_load(worker, "button:has-text('Add the conference')")
    worker.wait_for_selector(".error-summary")
    check(worker, "new-record-errors")
    day = clock.now().date() + timedelta(days=5)
    worker.fill("#reference", REFERENCE)
    worker.fill("#day", str(day.day))
    worker.fill("#month", str(day.month))
    worker.fill("#year", str(day.year))
    worker.check("#kind-first")
    click_and_load(worker, "button:has-text('Add the conference')")
    worker.wait_for_selector("#deletion-date")
    check(worker, "record")
    record_url = worker.url
    click_and_load(worker, "text=Change the conference date or reference")
    check(worker, "record-change")
    moved = clock.today() + timedelta(days=12)  # the conference put back a week
    worker.fill("#day", str(moved.day))
    worker.fill("#month", str(moved.month))
    worker.fill("#year", str(moved.year))
    click_and_load(worker, "button:has-text('Save the changes')")
    worker.wait_for_selector("#deletion-date")
    assert worker.url == record_url
    assert worker.inner_text("#deletion-date") == (moved + timedelta(days=28)).strftime("%-d %B %Y")

    links = {}
    for lang, name in (("en", "A.B."), ("pl", "Marta K.")):
        worker.fill("#parent-name", name)
        worker.select_option("#parent-language", lang)
        click_and_load(worker, "button:has-text('Invite this parent or carer')")
        worker.wait_for_selector(f"text={name}")
        worker.locator("form[action$='/code'] button").last.click()
        worker.wait_for_selector("#invitation-code")
        check(worker, f"code-{lang}")
        links[lang] = worker.inner_text("#invitation-link").replace(app.config["PUBLIC_URL"], "")
        worker.goto(record_url)
    worker.fill("#child-name", "O.K.")
    worker.fill("#child-age", "9")
    click_and_load(worker, "button:has-text('Add this child')")
    worker.wait_for_selector("text=Three Houses not started")
    check(worker, "record-invited")

    english = make_page(locale="en-GB")
    english.goto("/en/prepare/")  # answers of her own on this phone before the letter came
    click_and_load(english, "form[action$='/prepare/start'] button")
    english.goto(links["en"])
    english.wait_for_selector("text=You already have answers on this device")
    check(english, "parent-en-own-answers")
    click_and_load(english, "button[value=fresh]")
    parent_sends(english, links["en"], ENGLISH_WORDS, check, "parent-en", javascript=True)
    polish = make_page(locale="pl-PL", java_script_enabled=False)
    parent_sends(polish, links["pl"], POLISH_WORDS, check, "parent-pl", javascript=False)
    wait_for(lambda: len(inbox.messages) == 2, "two notification e-mails")
    for recipients, content in inbox.messages:
        assert recipients == ["worker.invite@council.gov.uk"]
        assert "A family has sent their views" in content
        for words in (POLISH_WORDS, ENGLISH_WORDS, REFERENCE, "Marta", "A.B."):
            assert words not in content

    worker.goto(record_url)
    worker.click("button:has-text('Start the Three Houses with this child on this device')")
    worker.wait_for_url("**/en/three-houses/houses")
    check(worker, "child-houses")
    worker.goto("/en/three-houses/houses/dreams")
    choose(worker, "say")  # the child's house opens one of its three big choices at a time
    worker.fill("#text", "A puppy called Max")
    worker.click("form[action$='/words'] button")
    worker.wait_for_url("**/houses/dreams?added=*")
    worker.goto("/en/three-houses/read-back")
    worker.check("#share-t1-yes")
    worker.click("form[action$='/read-back'] button[type=submit]")
    worker.wait_for_url("**/thank-you")
    # The worker opens the child's Three Houses on a tablet too (as the record's button does there): only the
    # tablet may change it now, so a change on this device is refused, the words shown back, nothing lost.
    worker.goto("/en/three-houses/houses/worries")
    choose(worker, "say")
    worker.fill("#text", "Shouting at night")
    child_id = _child_invitation_id(app, record_url.rstrip("/").rsplit("/", 1)[-1])
    with app.app_context():  # the tablet opens it while the words are being typed here
        invitations.hold_houses(child_id, invitations.new_holder())
    click_and_load(worker, "form[action$='/words'] button")
    assert "This Three Houses is open on another device now" in worker.inner_text("h1")
    assert "Shouting at night" in worker.inner_text(".kept-text")
    check(worker, "houses-elsewhere")

    worker.goto("/staff/conferences")
    inbox_text = worker.inner_text("main")
    assert REFERENCE in inbox_text and inbox_text.count("(version 1)") == 2
    assert "Three Houses done" in inbox_text
    check(worker, "inbox")
    worker.goto(record_url)
    worker.locator("a:has-text('Read their views')").last.click()
    worker.wait_for_selector(".views-answer")
    assert POLISH_WORDS in worker.inner_text(".views-list")
    assert worker.get_attribute(".views-answer", "lang") == "pl"
    assert "How have you kept your child safe?" in worker.inner_text(".views-list")
    check(worker, "views-pl")
    for index in range(2):
        worker.goto(record_url)
        with worker.expect_download() as download:
            worker.locator("a:has-text('Download their views (PDF)')").nth(index).click()
        assert download.value.suggested_filename.endswith(".pdf")
        with open(download.value.path(), "rb") as pdf:
            assert pdf.read(5) == b"%PDF-"
    worker.goto(record_url)
    with worker.expect_download() as download:
        worker.click("a:has-text('Download their Three Houses (PDF)')")
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    worker.locator("button:has-text('Cancel this invitation')").nth(1).click()  # the Polish parent's
    worker.wait_for_selector("text=Cancel this invitation?")
    check(worker, "cancel-confirm")
    click_and_load(worker, "text=No, go back")
    assert worker.url == record_url and "Cancelled" not in worker.inner_text("main")
    worker.locator("button:has-text('Cancel this invitation')").nth(1).click()
    click_and_load(worker, "button:has-text('Yes, cancel it')")
    worker.wait_for_selector("text=Cancelled")
    assert worker.locator("a:has-text('Read their views')").count() == 1  # the English parent's are kept
    worker.click("button:has-text('I have copied this into the case record')")
    worker.wait_for_selector("#deletion-date")
    check(worker, "record-copied")
    copied_until = (moved + timedelta(days=1)).strftime("%-d %B %Y")  # not before the family's last day has passed
    assert worker.inner_text("#deletion-date") == copied_until

    admin.click("nav >> text=Audit log")
    audit = admin.inner_text("tbody")
    for label in ("Conference record created", "A family sent their views", "Parent's views read"):
        assert label in audit
    for words in (POLISH_WORDS, ENGLISH_WORDS, REFERENCE, "Marta"):
        assert words not in admin.content()
    check(admin, "admin-audit")

    # Only this story's record is counted: other browser tests share the database and keep records of their own.
    record_id = record_url.rstrip("/").rsplit("/", 1)[-1]
    invitation_ids = _invitation_ids(app, record_id)
    # Before the purge: the record, the English parent's views and the child's houses (the Polish one was cancelled).
    assert _story_rows(app, record_id, invitation_ids) == (1, 2)
    later = clock.start_of(moved + timedelta(days=1)) + timedelta(hours=1)  # the deletion day the page gave
    original = clock.now
    clock.now = lambda: later
    try:
        with app.app_context():
            output = app.test_cli_runner().invoke(args=["purge"]).output
    finally:
        clock.now = original
    assert "Deleted 1 conference record(s)" in output
    gone = make_page(locale="en-GB")
    gone.goto(links["en"])
    assert "This link does not work" in gone.inner_text("main")
    check(gone, "link-after-deletion")
    assert _story_rows(app, record_id, invitation_ids) == (0, 0)
    with app.app_context(), db.session() as s:
        actions = set(s.scalars(select(AuditEntry.action)))
    assert STORY_ACTIONS | {"record_purged"} <= actions


def _child_invitation_id(app, record_id):
    with app.app_context(), db.session() as s:
        query = text("SELECT id FROM invitations WHERE conference_id = :id AND kind = 'child'")
        return s.execute(query, {"id": record_id}).scalar_one()


def _invitation_ids(app, record_id):
    with app.app_context(), db.session() as s:
        query = text("SELECT id FROM invitations WHERE conference_id = :id")
        return list(s.scalars(query, {"id": record_id}))


def _story_rows(app, record_id, invitation_ids):
    """How many rows this story's record and its sent views still have (sent views counted by the invitations'
    ids taken before the purge, so a cascade that did not happen would be seen)."""
    with app.app_context(), db.session() as s:
        records = s.execute(text("SELECT count(*) FROM conference_records WHERE id = :id"), {"id": record_id})
        views = s.execute(
            text("SELECT count(*) FROM sent_views WHERE invitation_id IN :ids").bindparams(
                bindparam("ids", expanding=True)
            ),
            {"ids": invitation_ids},
        )
        return records.scalar(), views.scalar()
