"""What a council's IT team relies on: safe settings, no lost answers, outages survived, nothing cached, no
secret in a log, on SQLite and on PostgreSQL. (The installed wheel and the TLS proxy have their own test files.)"""

import logging
import os
import re
import shlex
import sqlite3
import subprocess
import sys
import threading
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

from familyguide import clock, config, create_app, db, keys, resume_codes, storage
from familyguide.houses.store import KIND as HOUSES_KIND
from familyguide.prepare.drafts import KIND as PREPARE_KIND
from familyguide.prepare.drafts import SESSION_KEY as PREPARE_SESSION_KEY

from .conftest import CheckedClient
from .support import services
from .support.apps import TEST_KEY
from .support.houses import BASE as HOUSES
from .support.houses import add_words, session_token, start
from .support.pagecheck import text_of
from .support.staff import Clock, csrf_token, set_up

REAL_SECRET = "a-real-secret-of-more-than-thirty-two-characters"
REAL_KEY = Fernet.generate_key().decode()
PRODUCTION = {
    "ENV": "production",
    "SECRET_KEY": REAL_SECRET,
    "ENCRYPTION_KEY": REAL_KEY,
    "DATABASE_URL": "postgresql+psycopg://familyguide@db.internal/familyguide",
}


# --- Settings a council will get wrong ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("overrides", "says"),
    [
        ({"ENCRYPTION_KEY": f"{REAL_KEY},{config.EXAMPLE_ENCRYPTION_KEY}"}, "example key"),
        ({"ENCRYPTION_KEY": "not-a-fernet-key"}, "not a valid Fernet key"),
        ({"ENCRYPTION_KEY": f"{REAL_KEY},short"}, "key 2 is not a valid Fernet key"),
        ({"SECRET_KEY": "too-short-a-secret"}, "at least 32 characters"),
        ({"SECRET_KEY": config.EXAMPLE_SECRET}, "at least 32 characters"),
        ({"DATABASE_URL": ""}, "DATABASE_URL must be set"),
        ({"ENV": "prod"}, "FAMILYGUIDE_ENV must be one of development, test, production, not 'prod'"),
        ({"DRAFT_RETENTION_DAYS": 0}, "FAMILYGUIDE_DRAFT_RETENTION_DAYS must be 1 or more"),
        ({"DRAFT_RETENTION_DAYS": -3}, "FAMILYGUIDE_DRAFT_RETENTION_DAYS must be 1 or more"),
        ({"DRAFT_MAX_BYTES": 0}, "FAMILYGUIDE_DRAFT_MAX_BYTES must be 1 or more"),
    ],
)
def test_production_refuses_unsafe_settings_in_one_line(overrides, says):
    with pytest.raises(config.ConfigError) as refused:
        create_app({**PRODUCTION, **overrides})
    assert says in str(refused.value) and "\n" not in str(refused.value)


@pytest.mark.parametrize("value", ["thirty", "7.5", "١٤", "²", ""])
def test_a_number_setting_that_is_not_a_whole_number_is_refused(monkeypatch, value):
    monkeypatch.setenv("FAMILYGUIDE_DRAFT_RETENTION_DAYS", value)
    with pytest.raises(config.ConfigError, match="FAMILYGUIDE_DRAFT_RETENTION_DAYS must be a whole number"):
        config.from_environment()


def test_without_an_environment_the_app_is_production_and_refuses_the_example_keys(monkeypatch):
    """Secure by default: forgetting FAMILYGUIDE_ENV cannot give forgeable sessions and no real encryption."""
    for name in ("ENV", "SECRET_KEY", "ENCRYPTION_KEY"):
        monkeypatch.delenv(f"FAMILYGUIDE_{name}", raising=False)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    with pytest.raises(config.ConfigError, match="FAMILYGUIDE_ENV=development"):
        create_app()


def test_development_runs_with_the_example_keys(monkeypatch, tmp_path):
    monkeypatch.setenv("FAMILYGUIDE_ENV", "development")
    app = create_app({"DATABASE_URL": f"sqlite:///{tmp_path / 'dev.sqlite3'}"})
    assert app.config["SECRET_KEY"] == config.EXAMPLE_SECRET and not app.config["SESSION_COOKIE_SECURE"]


def test_production_warns_loudly_about_council_details_left_at_the_examples(caplog):
    with caplog.at_level(logging.WARNING):
        create_app({**PRODUCTION, "COUNCIL_NAME": "Kirklees Council"})
    warned = caplog.text
    assert "FAMILYGUIDE_COUNCIL_PHONE is still the example" in warned
    assert "FAMILYGUIDE_COMPLAINTS_CONTACT is still the example" in warned
    assert "FAMILYGUIDE_COUNCIL_NAME" not in warned


def test_production_cookies_and_transport_are_strict(tmp_path):
    app = create_app(
        {
            **PRODUCTION,
            "DATABASE_URL": f"sqlite:///{tmp_path / 'p.sqlite3'}",
            "HSTS_MAX_AGE": 600,
            "TRUSTED_HOSTS": ["familyguide.example.org"],
            "SESSION_COOKIE_NAME": "__Host-session",
            "SESSION_COOKIE_SECURE": True,
        }
    )
    db.upgrade(app.extensions["familyguide.db_url"])
    client = app.test_client()
    good = client.get("/en/prepare/", base_url="https://familyguide.example.org")
    assert good.status_code == 200 and good.headers["Strict-Transport-Security"] == "max-age=600"
    assert client.get("/en/prepare/", base_url="https://evil.example").status_code == 400  # Host not trusted
    client.post("/en/prepare/start", base_url="https://familyguide.example.org")  # CSRF refuses; cookie still set
    cookie = client.get_cookie("__Host-session", domain="familyguide.example.org")
    assert cookie is not None and cookie.secure and cookie.path == "/"


def test_the_production_defaults_are_strict(monkeypatch):
    monkeypatch.setenv("FAMILYGUIDE_ENV", "production")
    settings = config.from_environment()
    assert settings["SESSION_COOKIE_SECURE"] and settings["SESSION_COOKIE_NAME"] == "__Host-session"
    assert settings["HSTS_MAX_AGE"] == 31536000


def test_new_keys_run_without_any_settings_and_production_accepts_them():
    env = {k: v for k, v in os.environ.items() if not k.startswith("FAMILYGUIDE_")}
    printed = subprocess.run(
        [sys.executable, "-m", "familyguide.keys"], env=env, capture_output=True, text=True, check=True
    ).stdout
    values = dict(line.split("=", 1) for line in printed.strip().splitlines())
    assert set(values) == {"FAMILYGUIDE_SECRET_KEY", "FAMILYGUIDE_ENCRYPTION_KEY"}
    assert not config.problems(
        {
            **PRODUCTION,
            "SECRET_KEY": values["FAMILYGUIDE_SECRET_KEY"],
            "ENCRYPTION_KEY": values["FAMILYGUIDE_ENCRYPTION_KEY"],
        }
    )
    assert keys.new_keys() != keys.new_keys()  # new each time: so the README says to make them once and store them


# --- No secret from a path in any log ------------------------------------------------------------------------

DEPLOY = Path(__file__).resolve().parent.parent / "deploy"
SECRET = "zzSecret-Token_0123456789abcdefXYZ"
# The routes whose path holds a secret: a link that works for whoever has it. nginx's log must write them with
# the secret replaced (the map in deploy/nginx-familyguide.conf).
SECRET_IN_PATH = {
    ("staff.open_setup_link", "token"),
    ("staff.use_setup_link", "token"),
    ("prepare.open_invitation", "token"),
}
# Every other argument of a path, with the endpoints (by the start of their name) where it is no secret. A route
# with an argument not classed here or above fails test_every_argument_in_a_path_is_known_to_be_secret_or_not:
# add it to one of the two (and to nginx's map if it is a secret).
NOT_SECRET_IN_PATH = {
    "lang": "",  # the language code of a family page
    "slug": ("guide.", "easyread."),  # a page's name
    "number": ("guide.show_glossary_part",),  # a part of the glossary
    "key": ("prepare.answer_question",),  # a question's name
    "house": ("houses.",),  # worries, good things or dreams
    "thing_id": ("houses.",),  # t1, t2...: a thing in the Three Houses the session's own cookie opens
    "record_id": ("staff.",),  # opens nothing alone: the guard checks the signed-in account's team
    "invitation_id": ("staff.",),  # the same
    "account_id": ("staff.admin_",),  # admins only
    "team_id": ("staff.admin_",),
    "code": ("staff.translation_",),  # a language code
    "page": ("staff.translation_",),  # a page's name
    "filename": ("static",),  # a file of the site's own, under its hashed name
}


def _argument_value(rule, name):
    if (rule.endpoint, name) in SECRET_IN_PATH:
        return SECRET
    return {"lang": "pl", "number": 2, "account_id": 7, "team_id": 3, "page": "guide/words"}.get(name, "some-name")


def _example_path(app, rule):
    """A path of ``rule`` as a browser would ask for it, with SECRET as each secret argument."""
    values = {name: _argument_value(rule, name) for name in rule.arguments}
    return app.url_map.bind("familyguide.example.org").build(rule.endpoint, values, method=sorted(rule.methods)[0])


def _nginx_site():
    return (DEPLOY / "nginx-familyguide.conf").read_text(encoding="utf-8")


def _unquoted(word):
    return word[1:-1].replace('\\"', '"') if word.startswith('"') else word


def _logged_uri(site):
    """What nginx's map makes of $uri for the log, as a function of the path: its regular expressions read from
    the file and tried in the file's order, as nginx does (PCRE's "(?<name>" written as Python's "(?P<name>")."""
    block = re.search(r"^map \$uri \$familyguide_logged_uri \{\n(.*?)^\}", site, re.M | re.S)
    assert block, "deploy/nginx-familyguide.conf has no map $uri $familyguide_logged_uri"
    rules, default = [], None
    for line in block.group(1).splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        key, value = (
            _unquoted(w) for w in re.fullmatch(r'("(?:[^"\\]|\\.)*"|\S+)\s+("(?:[^"\\]|\\.)*"|\S+);', line).groups()
        )
        if key == "default":
            default = value
            continue
        assert key.startswith("~"), f"only regular expressions are expected in the map: {key}"
        flags = re.IGNORECASE if key.startswith("~*") else 0
        pattern = re.sub(r"\(\?<(?=[A-Za-z_])", "(?P<", key.lstrip("~*"))
        rules.append((re.compile(pattern, flags), value))
    assert default == "$uri", "a path the map does not match is logged as it is"

    def filled_in(value, found, uri):
        """The map's value with its variables put in: the regular expression's captures, or $uri."""

        def variable(name):
            name = name.group(1) or name.group(2)
            if name == "uri":
                return uri
            return found.group(int(name) if name.isdigit() else name) or ""

        return re.sub(r"\$\{(\w+)\}|\$(\w+)", variable, value)

    def logged(uri):
        for pattern, value in rules:
            found = pattern.search(uri)
            if found:
                return filled_in(value, found, uri)
        return uri

    return logged


def test_every_argument_in_a_path_is_known_to_be_secret_or_not(app):
    unknown = []
    arguments = set()
    for rule in app.url_map.iter_rules():
        for name in rule.arguments:
            arguments.add((rule.endpoint, name))
            prefixes = NOT_SECRET_IN_PATH.get(name)
            known = (rule.endpoint, name) in SECRET_IN_PATH or (
                prefixes is not None and rule.endpoint.startswith(prefixes)
            )
            if not known:
                unknown.append(f"{rule.rule} ({rule.endpoint}): <{name}>")
    assert not unknown, "say whether these hold a secret (SECRET_IN_PATH or NOT_SECRET_IN_PATH): " + ", ".join(unknown)
    assert SECRET_IN_PATH <= arguments, "a secret route the app no longer has: take it out here and in nginx's map"


def test_nginx_logs_every_path_that_holds_a_secret_with_the_secret_left_out(app):
    logged = _logged_uri(_nginx_site())
    secret_rules = [r for r in app.url_map.iter_rules() if any((r.endpoint, a) in SECRET_IN_PATH for a in r.arguments)]
    assert secret_rules
    for rule in secret_rules:
        path = _example_path(app, rule)
        fixed_part = path[: path.index(SECRET)]
        # $uri is the path nginx has decoded and tidied; a link with more after the secret, or in capitals (the
        # app answers 404 to those, but the secret in them may still work), is no different.
        for asked in (path, path + "/more", path.upper(), fixed_part + "x" * 300):
            line = logged(asked)
            assert SECRET.lower() not in line.lower() and "x" * 8 not in line, (rule.rule, asked, line)
            assert line.lower() == fixed_part.lower() + "[secret]", (rule.rule, asked, line)


def test_nginx_logs_every_other_path_as_it_is(app):
    logged = _logged_uri(_nginx_site())
    for rule in app.url_map.iter_rules():
        if not any((rule.endpoint, a) in SECRET_IN_PATH for a in rule.arguments):
            path = _example_path(app, rule)
            assert logged(path) == path, rule.rule


def test_nginx_writes_only_these_fields_to_its_logs():
    site = _nginx_site()
    formats = re.findall(r"^log_format\s+(\S+)\s+'([^']*)';", site, re.M)
    assert [name for name, _ in formats] == ["familyguide"]
    assert set(re.findall(r"\$\{?(\w+)", formats[0][1])) == {
        "time_local",
        "request_method",
        "familyguide_logged_uri",  # no $uri, $request, $request_uri, $args: the map's path only
        "server_protocol",
        "status",
        "body_bytes_sent",
        "request_time",
    }
    access_logs = re.findall(r"^\s*access_log\s+([^;]*);", site, re.M)
    assert access_logs and all(v == "off" or v.split()[1:] == ["familyguide"] for v in access_logs), access_logs
    # nginx's error lines quote the request and the client's address: only "crit" and worse are written.
    error_logs = re.findall(r"^\s*error_log\s+([^;]*);", site, re.M)
    assert len(error_logs) == site.count("server {") and all(v.split()[-1] == "crit" for v in error_logs)


def test_gunicorn_writes_no_access_log():
    """nginx's log is the one access log; gunicorn's format could only write a whole path or none."""
    unit = (DEPLOY / "familyguide.service").read_text(encoding="utf-8")
    start = next(line.partition("=")[2] for line in unit.splitlines() if line.startswith("ExecStart="))
    arguments = shlex.split(start)
    assert arguments[0].endswith("/gunicorn")
    assert not any(a.startswith(("--access-log", "--log-config", "-c", "--config")) for a in arguments), arguments
    assert "GUNICORN_CMD_ARGS" not in (DEPLOY / "familyguide.env.example").read_text(encoding="utf-8")


def test_an_error_no_handler_caught_is_logged_with_its_route_not_its_path(app, monkeypatch, caplog):
    from familyguide.staff import accounts

    def broken(token):
        raise RuntimeError("something broke")

    monkeypatch.setattr(accounts, "setup_link_works", broken)
    app.config["PROPAGATE_EXCEPTIONS"] = False
    with caplog.at_level(logging.ERROR):
        response = app.test_client().get(f"/staff/setup/{SECRET}")
    assert response.status_code == 500
    assert "Exception on staff.open_setup_link [GET]" in caplog.text and "RuntimeError" in caplog.text
    assert SECRET not in caplog.text


# --- Keys and retention --------------------------------------------------------------------------------------


def test_rotating_re_encrypts_every_draft_so_the_old_key_can_go(any_app, app_on, caplog):
    url = any_app.config["DATABASE_URL"]
    with any_app.app_context():
        kept = storage.create(PREPARE_KIND, {"answers": {"worries": {"value": "Nos preocupa la casa"}}})
        codes = [resume_codes.normalise(storage.issue_resume_code(kept)) for _ in range(2)]
    new_key = Fernet.generate_key().decode()
    both = app_on(url, ENCRYPTION_KEY=f"{new_key},{TEST_KEY}")
    result = both.test_cli_runner().invoke(args=["keys", "rotate"])
    assert "Re-wrapped 3 draft key(s)" in result.output and result.exit_code == 0  # the session's, each code's
    with app_on(url, ENCRYPTION_KEY=new_key).app_context():
        assert storage.load(kept, PREPARE_KIND) == {"answers": {"worries": {"value": "Nos preocupa la casa"}}}
        for code in codes:
            assert storage.load(storage.resume(code, PREPARE_KIND), PREPARE_KIND) == storage.load(kept, PREPARE_KIND)
    with caplog.at_level(logging.WARNING), app_on(url, ENCRYPTION_KEY=TEST_KEY).app_context():
        assert storage.load(kept, PREPARE_KIND) is None  # the old key alone opens nothing now
    assert "could not be opened" in caplog.text and "Nos preocupa" not in caplog.text


def test_a_shorter_retention_applies_to_drafts_already_stored(any_app, app_on, monkeypatch):
    now = datetime(2026, 12, 1, 9, 0)
    monkeypatch.setattr(clock, "now", lambda: now)
    with any_app.app_context():
        draft = storage.create(PREPARE_KIND, {"answers": {}})
        storage.issue_resume_code(draft)  # saved for later: the full retention applies
    shorter = app_on(any_app.config["DATABASE_URL"], DRAFT_RETENTION_DAYS=7)
    now += timedelta(days=8)
    with any_app.app_context():
        assert storage.load(draft, PREPARE_KIND) == {"answers": {}}  # 30 days: still there
    with shorter.app_context():
        assert storage.load(draft, PREPARE_KIND) is None
        assert storage.purge_expired() == 1
    with any_app.app_context():
        assert storage.load(draft, PREPARE_KIND) is None  # purged, not just hidden


# --- Nothing a family downloads stays in a browser's cache ---------------------------------------------------


def test_every_page_pdf_drawing_and_calendar_file_is_no_store(app, client):
    from .support.houses import add_drawing, drawing_png
    from .support.prepare import Parent

    parent = Parent(client)
    parent.start()
    parent.answer("conference_kind", choice="first")
    token = start(client)
    add_drawing(client, token, "dreams", drawing_png())
    with app.app_context():
        drawing = next(t for t in storage.load(session_token(client), HOUSES_KIND)["things"] if t["kind"] == "drawing")
    downloads = [
        "/en/prepare/my-views-for-the-conference.pdf",
        f"{HOUSES}/three-houses.pdf",
        f"{HOUSES}/things/{drawing['id']}/drawing.png",
        "/en/key-dates/calendar.ics?day=20&month=1&year=2027&kind=first",
        "/en/prepare/check-your-answers",
        "/en/",
    ]
    for path in downloads:
        response = client.raw.get(path)
        assert response.status_code == 200, path
        assert response.headers["Cache-Control"] == "no-store", path
        assert "ETag" not in response.headers and "Last-Modified" not in response.headers, path


def test_same_origin_referer_is_sent_so_forms_work_on_https(tmp_path, app_on):
    """Flask-WTF's HTTPS check needs a same-origin Referer: the policy lets the browser send it (and never to
    another site). Behind a proxy that says https, a form with that Referer is accepted."""
    app = app_on(f"sqlite:///{tmp_path / 'r.sqlite3'}", PROXY_HOPS=1)
    db.upgrade(app.extensions["familyguide.db_url"])
    client = app.test_client()
    https = {"X-Forwarded-Proto": "https", "X-Forwarded-Host": "familyguide.example.org"}
    page = client.get("/en/prepare/", headers=https)
    assert page.headers["Referrer-Policy"] == "same-origin"
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.get_data(as_text=True)).group(1)
    without = client.post("/en/prepare/start", data={"csrf_token": token}, headers=https)
    assert without.status_code == 400  # what every form did with no-referrer
    sent = client.post(
        "/en/prepare/start",
        data={"csrf_token": token},
        headers={**https, "Referer": "https://familyguide.example.org/en/prepare/"},
    )
    assert sent.status_code == 303


# --- Two saves at the same moment lose nothing ---------------------------------------------------------------

REVIEW_QUESTIONS = [
    "going_well",
    "want_known",
    "needs_to_change",
    "worries",
    "what_helped",
    "help_needed",
    "next_steps",
    "network",
]


def _at_once(count, send):
    """Run ``send(i)`` in ``count`` threads released together; return their results."""
    barrier = threading.Barrier(count)
    results = [None] * count

    def run(i):
        barrier.wait()
        results[i] = send(i)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def _twin(app, client, *keys):
    """Another device on the same session (the same cookie): a second tab, or a phone with the same code."""
    twin = app.test_client()
    with client.session_transaction() as original, twin.session_transaction() as copy:
        copy.update({k: original[k] for k in keys if k in original})
    return twin


def test_answers_sent_at_the_same_moment_are_all_kept(any_app):
    from .support.prepare import Parent

    first = CheckedClient(any_app.test_client())
    parent = Parent(first)
    parent.start()
    assert parent.answer("conference_kind", choice="review").status_code == 303
    token = re.search(r'name="csrf_token" value="([^"]+)"', parent.get("/come-back").get_data(as_text=True)).group(1)
    devices = [_twin(any_app, first.raw, PREPARE_SESSION_KEY, "csrf_token") for _ in REVIEW_QUESTIONS]
    statuses = _at_once(
        len(REVIEW_QUESTIONS),
        lambda i: (
            devices[i]
            .post(f"/en/prepare/chat/{REVIEW_QUESTIONS[i]}", data={"csrf_token": token, "answer": f"answer {i}"})
            .status_code
        ),
    )
    assert statuses == [303] * len(REVIEW_QUESTIONS)
    with first.raw.session_transaction() as session, any_app.app_context():
        answers = storage.load(session[PREPARE_SESSION_KEY], PREPARE_KIND)["answers"]
    assert {key: answers[key]["value"] for key in REVIEW_QUESTIONS} == {
        key: f"answer {i}" for i, key in enumerate(REVIEW_QUESTIONS)
    }


def test_things_added_to_the_houses_at_the_same_moment_are_all_kept(any_app):
    client = CheckedClient(any_app.test_client())
    token = start(client)
    devices = [_twin(any_app, client.raw, "houses_draft", "csrf_token") for _ in range(8)]
    statuses = _at_once(
        8,
        lambda i: (
            devices[i]
            .post(f"{HOUSES}/houses/worries/words", data={"csrf_token": token, "text": f"worry {i}", "by": "child"})
            .status_code
        ),
    )
    assert statuses == [303] * 8
    with any_app.app_context():
        things = storage.load(session_token(client), HOUSES_KIND)["things"]
    assert sorted(t["text"] for t in things) == [f"worry {i}" for i in range(8)]


# --- The database goes away ----------------------------------------------------------------------------------


def test_healthz_checks_the_database_and_livez_does_not(tmp_path, app_on):
    app = app_on(f"sqlite:///{tmp_path / 'h.sqlite3'}")
    db.upgrade(app.extensions["familyguide.db_url"])
    client = app.test_client()
    assert client.get("/healthz").json == {"status": "ok", "database": "ok"}
    broken = app_on(f"sqlite:///{tmp_path / 'no-such-folder' / 'h.sqlite3'}").test_client()
    response = broken.get("/healthz")
    assert response.status_code == 503 and response.json["database"] == "unreachable"
    assert broken.get("/livez").json == {"status": "ok"}


def test_healthz_follows_postgresql_going_down_and_coming_back(app_on):
    with services.postgres_database() as url:
        app = app_on(url)
        db.upgrade(url)
        client = app.test_client()
        assert client.get("/healthz").status_code == 200
        services.stop_postgres()
        assert client.get("/healthz").status_code == 503
        assert client.get("/livez").status_code == 200
        services.start_postgres()
        assert client.get("/healthz").status_code == 200  # no restart needed
        db.dispose(app)


class SQLiteLock:
    """Another process holding the write lock: every save waits, then fails with "database is locked"."""

    def __init__(self, url):
        self.connection = sqlite3.connect(url.removeprefix("sqlite:///"), timeout=0)

    def take_away(self):
        self.connection.execute("BEGIN EXCLUSIVE")

    def bring_back(self):
        self.connection.rollback()


class PostgreSQLStopped:
    def take_away(self):
        services.stop_postgres()

    def bring_back(self):
        services.start_postgres()


@pytest.fixture(params=["sqlite", "postgresql"])
def outage(request, tmp_path, app_on):
    """(a test client with a Three Houses open, the CSRF token, the outage) on each database."""
    with services.database_url(request.param, tmp_path) as url:
        app = app_on(url, SQLITE_BUSY_SECONDS=1)
        db.upgrade(url)
        client = CheckedClient(app.test_client())
        token = start(client)
        if request.param == "sqlite":
            lock = SQLiteLock(url)
            yield client, token, lock
            lock.connection.close()
        else:
            if not services.can_control_postgres():
                services.unavailable("PostgreSQL outage: set FAMILYGUIDE_TEST_PG_CLUSTER to let the test stop it")
            yield client, token, PostgreSQLStopped()
        db.dispose(app)


def test_a_childs_words_are_shown_back_while_the_database_is_away(outage, caplog):
    client, token, database = outage
    words = "Mae dad yn gweiddi — ٹیلیفون 07700 900123"
    with caplog.at_level(logging.ERROR):
        database.take_away()
        try:
            response = add_words(client, token, "worries", words)
        finally:
            database.bring_back()
    assert response.status_code == 503
    page = response.get_data(as_text=True)
    assert "Sorry, we could not save your answer" in text_of(page) and words in text_of(page)
    assert "houses.add_words (OperationalError)" in caplog.text and words not in caplog.text
    again = add_words(client, token, "worries", words)  # no restart needed
    assert again.status_code == 200 and words in text_of(again.get_data(as_text=True))


def test_a_staff_form_sent_while_the_database_is_away_is_a_staff_503_that_keeps_typing_and_session(
    outage, caplog, monkeypatch
):
    family, _token, database = outage
    app = family.raw.application
    worker = app.test_client()
    set_up(app, worker, Clock(monkeypatch), "outage.worker@council.gov.uk", team="North")
    form = {"reference": "KEEP 7/AB", "day": "1", "month": "1", "year": "2027", "kind": "first"}
    form_page = worker.get("/staff/conferences/new")
    with caplog.at_level(logging.ERROR):
        database.take_away()
        try:
            response = worker.post("/staff/conferences/new", data={**form, "csrf_token": csrf_token(form_page)})
        finally:
            database.bring_back()
    assert response.status_code == 503
    page = text_of(response.get_data(as_text=True))
    assert "Sorry, the staff area cannot reach its database" in page and "KEEP 7/AB" in page
    assert "Leave this site" not in page  # the staff area's own layout, not a family page
    assert response.headers.getlist("Set-Cookie") == []  # the staff cookie kept: still signed in afterwards
    assert "(OperationalError): answered 503" in caplog.text and "KEEP 7/AB" not in caplog.text
    assert worker.get("/staff/").status_code == 200  # signed in, no restart


def test_the_three_houses_start_form_comes_back_filled_in_while_the_database_is_away(outage, caplog):
    client, token, database = outage
    form = {
        "csrf_token": token,
        "child": "Zofia K",
        "age": "9",
        "child_lang": "pl",
        "worker": "Ana Silva",
        "day": "3",
        "month": "12",
        "year": "2026",
    }
    with caplog.at_level(logging.ERROR):
        database.take_away()
        try:
            response = client.post(f"{HOUSES}/", data=form)
        finally:
            database.bring_back()
    assert response.status_code == 503
    page = response.get_data(as_text=True)
    assert "Something went wrong. Please press the button again." in text_of(page)
    for value in ("Zofia K", "Ana Silva"):
        assert f'value="{value}"' in page
    assert "houses.create_activity (OperationalError)" in caplog.text and "Zofia" not in caplog.text
    assert client.raw.post(f"{HOUSES}/", data=form).status_code == 303  # works again, no restart
