"""The e-mail that tells a worker a family has sent their views (familyguide/notify.py): no personal data in
it, through SMTP (a real local server, aiosmtpd on 127.0.0.1) or GOV.UK Notify's own client (pointed at a
stand-in Notify API on 127.0.0.1, which checks the client's signed token); none configured, none sent."""

import json
import threading
import uuid
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import jwt
import pytest
from sqlalchemy import select, update

from familyguide import db, notify
from familyguide.models import StaffAccount

from .conftest import CheckedClient
from .support.invite import InvitedParent, create_record, invite, new_code
from .support.mail import smtp_server
from .support.services import free_port, wait_for
from .support.staff import Clock, post_form, set_up

SECRET_WORDS = "Nasza rodzina ma trudny rok — Zażółć"
REFERENCE = "Case 9981/ZK"


SERVICE_ID, API_SECRET = str(uuid.uuid4()), str(uuid.uuid4())


@contextmanager
def notify_stand_in():
    """A stand-in for the Notify API: checks the client's JWT as Notify does, records each e-mail request."""
    received = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 (http.server's name)
            token = self.headers.get("Authorization", "").removeprefix("Bearer ")
            claims = jwt.decode(token, API_SECRET, algorithms=["HS256"])
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            received.append((self.path, claims["iss"], body))
            reply = json.dumps({"id": str(uuid.uuid4()), "content": {}, "template": {}}).encode()
            self.send_response(201)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(reply)))
            self.end_headers()
            self.wfile.write(reply)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}", received
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def send_views(app, monkeypatch):
    """A worker invites a parent, who answers and sends; returns the worker's e-mail address."""
    clock_ = Clock(monkeypatch)
    worker = app.test_client()
    set_up(app, worker, clock_, "caseworker@council.gov.uk", team="North")
    record_id = create_record(worker, clock_, reference=REFERENCE)
    link, _ = new_code(worker, record_id, invite(worker, record_id, language="pl", name="Marta K."))
    parent = InvitedParent(CheckedClient(app.test_client()), "pl")
    parent.open_link(link)
    parent.start()
    parent.answer("conference_kind", choice="first")
    parent.answer("kept_safe", text=SECRET_WORDS)
    assert parent.post("/send").status_code == 200
    return "caseworker@council.gov.uk"


def test_when_the_worker_has_gone_the_team_s_managers_are_told(any_db_url, app_on, monkeypatch):
    """A worker on leave (their account disabled) or gone: the views still reach someone who can read them."""
    with smtp_server() as (port, inbox):
        app = app_on(any_db_url, SMTP_HOST="127.0.0.1", SMTP_PORT=port, SMTP_STARTTLS=False)
        db.upgrade(any_db_url)
        clock_ = Clock(monkeypatch)
        for email, role, team in (
            ("north.manager@council.gov.uk", "manager", "North"),
            ("away.manager@council.gov.uk", "manager", "North"),
            ("south.manager@council.gov.uk", "manager", "South"),
        ):
            set_up(app, app.test_client(), clock_, email, role=role, team=team)
        worker = app.test_client()
        set_up(app, worker, clock_, "on.leave@council.gov.uk", team="North")
        record_id = create_record(worker, clock_, reference=REFERENCE)
        link, _ = new_code(worker, record_id, invite(worker, record_id, language="pl"))
        with app.app_context(), db.session() as s:  # as an admin's "Disable" does
            away = ("on.leave@council.gov.uk", "away.manager@council.gov.uk")
            s.execute(update(StaffAccount).where(StaffAccount.email.in_(away)).values(disabled=True))
        parent = InvitedParent(CheckedClient(app.test_client()), "pl")
        parent.open_link(link)
        parent.start()
        parent.answer("conference_kind", choice="first")
        assert parent.post("/send").status_code == 200
        wait_for(lambda: inbox.messages, "the notification e-mail")
    ((recipients, content),) = inbox.messages
    assert recipients == ["north.manager@council.gov.uk"]
    assert "A family has sent their views" in content and no_family_words(content)


def no_family_words(text):
    return all(words not in text for words in (SECRET_WORDS, REFERENCE, "Marta", "Zażółć"))


def test_by_smtp_the_worker_gets_an_e_mail_with_no_family_words(any_db_url, app_on, monkeypatch):
    with smtp_server() as (port, inbox):
        app = app_on(
            any_db_url, SMTP_HOST="127.0.0.1", SMTP_PORT=port, SMTP_STARTTLS=False, MAIL_FROM="fg@council.gov.uk"
        )
        db.upgrade(any_db_url)
        address = send_views(app, monkeypatch)
        wait_for(lambda: inbox.messages, "the notification e-mail")
    ((recipients, content),) = inbox.messages
    assert recipients == [address]
    assert "A family has sent their views" in content
    assert app.config["PUBLIC_URL"] + "/staff/sign-in" in content
    assert no_family_words(content)


def test_through_notify_s_client_when_a_key_is_set(any_db_url, app_on, monkeypatch):
    template = str(uuid.uuid4())
    with notify_stand_in() as (base_url, received):
        app = app_on(
            any_db_url,
            NOTIFY_API_KEY=f"test_key-{SERVICE_ID}-{API_SECRET}",
            NOTIFY_TEMPLATE_ID=template,
            NOTIFY_BASE_URL=base_url,
            SMTP_HOST="",
        )
        db.upgrade(any_db_url)
        address = send_views(app, monkeypatch)
        wait_for(lambda: received, "the Notify request")
    ((path, issuer, body),) = received
    assert path == "/v2/notifications/email" and issuer == SERVICE_ID
    assert body["email_address"] == address and body["template_id"] == template
    assert body["personalisation"]["sign_in_url"] == app.config["PUBLIC_URL"] + "/staff/sign-in"
    assert no_family_words(json.dumps(body, ensure_ascii=False))


def test_without_notify_or_smtp_nothing_is_sent_and_the_views_still_arrive(app, monkeypatch):
    sent = []
    monkeypatch.setattr(notify, "_send", lambda *args: sent.append(args))
    send_views(app, monkeypatch)
    assert sent == []
    with app.app_context():
        assert not notify.enabled()


def test_a_mail_server_that_refuses_loses_nothing(app_on, tmp_path, monkeypatch, caplog):
    app = app_on(
        f"sqlite:///{tmp_path / 'x.sqlite3'}", SMTP_HOST="127.0.0.1", SMTP_PORT=free_port(), SMTP_STARTTLS=False
    )
    db.upgrade(app.extensions["familyguide.db_url"])
    send_views(app, monkeypatch)
    wait_for(lambda: "(A family has sent their views) was not sent" in caplog.text, "the logged failure")
    assert no_family_words(caplog.text) and "caseworker@" not in caplog.text


@pytest.fixture(autouse=True)
def _quiet_aiosmtpd(caplog):
    caplog.set_level("WARNING")


def test_an_account_s_owner_is_told_by_e_mail_that_an_admin_reset_their_sign_in(any_db_url, app_on, monkeypatch):
    """The admin sees the new set-up link, so could use it as its owner: the owner hears of a reset they did not
    ask for. The e-mail never holds the link."""
    with smtp_server() as (port, inbox):
        app = app_on(any_db_url, SMTP_HOST="127.0.0.1", SMTP_PORT=port, SMTP_STARTTLS=False)
        db.upgrade(any_db_url)
        clock_ = Clock(monkeypatch)
        admin = app.test_client()
        set_up(app, admin, clock_, "admin@council.gov.uk", role="admin")
        set_up(app, app.test_client(), clock_, "reset.me@council.gov.uk", team="North")
        with app.app_context(), db.session() as s:
            account_id = s.scalar(select(StaffAccount.id).where(StaffAccount.email == "reset.me@council.gov.uk"))
        reset = post_form(admin, f"/staff/admin/accounts/{account_id}", {"action": "reset"})
        assert reset.status_code == 200
        wait_for(lambda: inbox.messages, "the e-mail to the account's owner")
    ((recipients, content),) = inbox.messages
    assert recipients == ["reset.me@council.gov.uk"]
    assert "Your sign-in to familyguide was reset" in content and "tell your council's IT security team" in content
    assert "/staff/setup/" not in content
