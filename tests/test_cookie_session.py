"""The session cookie is Flask's own, signed the same way, with its signer kept (cookie_session.py): a cookie
works across requests, a cookie signed with another key is refused, and a key rotation keeps its fallback."""

import tempfile
import time
from functools import cache
from pathlib import Path
from unittest import mock

from flask import Flask, Response
from flask.json.tag import TaggedJSONSerializer
from flask.sessions import SecureCookieSessionInterface
from hypothesis import example, given, settings
from hypothesis import strategies as st
from markupsafe import Markup
from werkzeug.test import EnvironBuilder
from werkzeug.wrappers import Request

from familyguide import cookie_session

from .support.apps import make_app
from .test_caches import csrf_token_in


@cache
def make_app_once():
    """One app for every example of a property (its database is never touched)."""
    return make_app(Path(tempfile.mkdtemp()), "cookies")


def FakeApp(secret_key):  # noqa: N802 - stands in for an app's class
    """A Flask app with only this secret key: what Flask's own interface needs to sign a cookie."""
    app = Flask("another")
    app.secret_key = secret_key
    return app


def session_cookie(client):
    return client.get_cookie("session").value


def parent_part_way(app):
    """A parent who has started the chat: their session holds a draft's binding and a CSRF token."""
    client = app.test_client()
    token = csrf_token_in(client.get("/en/prepare/").get_data(as_text=True))
    assert client.post("/en/prepare/start", data={"csrf_token": token}).status_code == 303
    assert client.get("/en/prepare/chat").status_code == 200
    return client


def test_the_cookie_is_signed_exactly_as_flask_signs_it(tmp_path):
    app = make_app(tmp_path, "a")
    client = parent_part_way(app)
    flask_signer = SecureCookieSessionInterface().get_signing_serializer(app)
    held = flask_signer.loads(session_cookie(client))
    assert "prepare_draft" in held
    assert app.session_interface.get_signing_serializer(app).loads(session_cookie(client)) == held


def test_a_cookie_from_another_key_opens_nothing_and_a_rotated_key_still_opens_its_own(tmp_path):
    app = make_app(tmp_path, "a")
    client = parent_part_way(app)
    app.secret_key = app.config["SECRET_KEY"] = "a new key, after a rotation"
    assert client.get("/en/prepare/chat").status_code == 302  # the old cookie is not trusted: no draft
    client = parent_part_way(make_app(tmp_path, "b"))  # a cookie signed with the key "t"
    app.config["SECRET_KEY_FALLBACKS"] = ["t"]
    assert client.get("/en/prepare/chat").status_code == 200  # the old key, as a fallback, still opens it


NOTE = "press the Shift key 3 times"


def reader(app):
    """Someone reading the guide: their cookie holds only that they have seen the note about the quick exit."""
    client = app.test_client()
    assert NOTE in client.get("/en/guide/who-will-be-there").get_data(as_text=True)
    return client


def sees_note(client, path="/en/guide/words-you-may-hear"):
    return NOTE in client.get(path).get_data(as_text=True)


def test_a_readers_cookie_keeps_working_page_after_page(tmp_path):
    app = make_app(tmp_path, "a")
    client = reader(app)
    for _page in range(3):  # the first read checks the cookie; the next ones find it checked
        assert not sees_note(client)
        assert not sees_note(client, "/en/key-dates/?day=1&month=2&year=2027&kind=first")


def test_a_checked_cookie_still_expires_when_its_lifetime_is_over(tmp_path, monkeypatch):
    app = make_app(tmp_path, "a")
    client = reader(app)
    assert not sees_note(client)  # checked, and now known
    lifetime = app.permanent_session_lifetime.total_seconds()
    later = time.time() + lifetime + 60
    monkeypatch.setattr(time, "time", lambda: later)
    assert sees_note(client)  # expired: a new visit, so the note again


def test_a_changed_key_trusts_no_cookie_checked_with_the_old_one(tmp_path):
    app = make_app(tmp_path, "a")
    client = reader(app)
    assert not sees_note(client)
    app.secret_key = app.config["SECRET_KEY"] = "a new key, after a rotation"
    assert sees_note(client)


def test_a_forged_or_altered_cookie_is_refused_even_beside_a_checked_one(tmp_path):
    app = make_app(tmp_path, "a")
    genuine = reader(app)
    assert not sees_note(genuine)
    forged = app.test_client()
    payload, stamp, signature = session_cookie(genuine).rsplit(".", 2)
    forged.set_cookie("session", f"{payload}.{stamp}.{signature[:-2]}AA")
    assert sees_note(forged)


def test_only_cookies_of_flags_are_kept_and_never_a_token(tmp_path):
    app = make_app(tmp_path, "a")
    parent = parent_part_way(app)  # a draft's binding and a CSRF token: checked each time, never kept
    signer = app.session_interface.get_signing_serializer(app)
    values = st.one_of(st.booleans(), st.text(), st.integers())

    @settings(deadline=None)  # what is kept is the property, not how fast: a busy machine must not fail it
    @given(content=st.dictionaries(st.text(min_size=1), values, min_size=1, max_size=4))
    def check(content):
        app.session_interface._flag_cookies.clear()
        assert parent.get("/en/prepare/chat").status_code == 200
        visitor = app.test_client()
        visitor.set_cookie("session", signer.dumps(content))
        assert visitor.get("/en/guide/who-will-be-there").status_code == 200
        kept = [held for cookies in app.session_interface._flag_cookies.values() for _, held in cookies.values()]
        only_flags = all(value is True or value is False for value in content.values())
        assert kept == ([content] if only_flags else [])

    check()


def outcome(load):
    """What a check of a cookie gives: its contents and time, or the kind of error."""
    try:
        return load()
    except Exception as error:  # noqa: BLE001 - the kind of error is what is compared
        return type(error)


@settings(deadline=None)
@given(
    content=st.dictionaries(st.text(max_size=8), st.one_of(st.booleans(), st.text(max_size=40)), max_size=3),
    signed_with=st.sampled_from(["current", "fallback", "other"]),
    beyond_max_age=st.one_of(st.integers(min_value=-2, max_value=2), st.integers(min_value=-2000, max_value=100)),
    max_age=st.integers(min_value=0, max_value=1000),
    change=st.one_of(st.none(), st.tuples(st.integers(min_value=0), st.characters(codec="ascii"))),
)
@example({"exit_note_seen": True}, "current", 1, 60, None)  # one second too old
@example({"exit_note_seen": True}, "current", 0, 60, None)  # just in time
@example({"exit_note_seen": True}, "current", -61, 60, None)  # signed a second in the future
@example({"csrf_token": "abc"}, "fallback", -30, 60, None)
@example({"csrf_token": "abc"}, "other", -30, 60, None)
@example({"csrf_token": "abc"}, "current", -30, 60, (-1, "A"))  # the signature changed
@example({"csrf_token": "abc"}, "current", -30, 60, (5, "!"))  # the contents changed
def test_the_quick_check_of_a_cookie_gives_what_itsdangerous_gives(
    content, signed_with, beyond_max_age, max_age, change
):
    """cookie_session.checked against itsdangerous's own loads, for every kind of cookie a browser may send:
    signed with the current key, a fallback key or another, young, old or from the future, changed or not."""
    app = make_app_once()
    app.config["SECRET_KEY_FALLBACKS"] = ["an older key"]
    serializer = app.session_interface.get_signing_serializer(app)
    key = {"current": app.secret_key, "fallback": "an older key", "other": "somebody else's key"}[signed_with]
    now, age = 1_800_000_000, max_age + beyond_max_age  # signed in the future when below 0
    with mock.patch("time.time", return_value=now - age):
        value = SecureCookieSessionInterface().get_signing_serializer(FakeApp(key)).dumps(content)
    if change is not None:
        at, letter = change
        at %= len(value)
        value = value[:at] + letter + value[at + 1 :]
    with mock.patch("time.time", return_value=now):
        theirs = outcome(lambda: serializer.loads(value, max_age=max_age, return_timestamp=True))
        ours = outcome(lambda: cookie_session.checked(serializer, value, max_age))
    if isinstance(theirs, tuple):
        assert ours == (theirs[0], theirs[1].timestamp())
    else:
        assert ours is theirs


# What Flask's session may hold: its tags (tuples, bytes, Markup, UUIDs, dates) at any depth, and keys and
# strings that begin with a space as its tags do.
SPACED = st.text(max_size=6).map(lambda text: " " + text) | st.sampled_from([" t", " b", " m", " u", " d", " di"])
TAGGED = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.text()
    | SPACED
    | st.binary(max_size=8)
    | st.text(max_size=8).map(Markup)
    | st.uuids()
    | st.datetimes(),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.lists(inner, max_size=3).map(tuple)
        | st.dictionaries(st.text(max_size=6) | SPACED, inner, max_size=3)
    ),
    max_leaves=10,
)


@settings(deadline=None)
@given(value=TAGGED, escape_spaces=st.booleans())
@example({" t": ["a"]}, True)
def test_the_session_json_reads_every_text_as_flasks_does(value, escape_spaces):
    """SessionJSON's quick read against Flask's own, on whatever Flask writes (its tags nested anywhere) and on
    the same text with every space escaped (JSON a browser could not send, since the cookie is signed, but the
    same JSON)."""
    text = TaggedJSONSerializer().dumps(value)
    if escape_spaces:
        text = text.replace(" ", "\\u0020")
    assert cookie_session.SessionJSON().loads(text) == TaggedJSONSerializer().loads(text)


def test_a_session_cookie_is_written_without_zlib_and_flask_still_reads_it(tmp_path):
    app = make_app(tmp_path, "a")
    client = parent_part_way(app)
    assert not session_cookie(client).startswith(".")  # itsdangerous marks a compressed payload with a dot
    assert "prepare_draft" in SecureCookieSessionInterface().get_signing_serializer(app).loads(session_cookie(client))


def test_a_page_that_read_the_session_varies_on_the_cookie_once_beside_what_it_varies_on():
    for before, after in [(None, "Cookie"), ("Accept-Encoding", "Accept-Encoding, Cookie"), ("Cookie", "Cookie")]:
        response = Response("page")
        if before:
            response.headers["Vary"] = before
        cookie_session.vary_on_cookie(response)
        assert response.headers.getlist("Vary") == [after]


# What a Cookie header may hold as a WSGI server gives it (its bytes as Latin-1 text): the session cookie's name
# and value characters, each character werkzeug treats apart (separators, spaces, quotes, backslashes, "="), and
# any other byte.
COOKIE_PIECES = st.one_of(
    st.sampled_from(["session", "session=", "sessions=", "=", ";", "; ", " ", "\t", '"', "\\", ",", "."]),
    st.text(alphabet="AZaz09_-.", min_size=1, max_size=12),
    st.text(alphabet=st.characters(max_codepoint=255), max_size=4),
)


def request_with_cookie(header):
    """A request with this Cookie header, or none when None."""
    environ = EnvironBuilder().get_environ()
    return Request(environ if header is None else {**environ, "HTTP_COOKIE": header})


@settings(max_examples=300, deadline=None)
@given(st.none() | st.lists(COOKIE_PIECES, max_size=8).map("".join))
@example("session=eyJh.axb9OQ.K_YJ1dubYo9tnzDZhxb85bFCowc")
@example("session=abc; session=def")
@example("session=abc;")
@example(" session=abc")
@example("session =abc")
@example('session="abc"')
@example("session=")
@example("sessionx=abc")
@example("other=1; session=abc")
def test_the_session_cookie_is_read_from_any_header_as_werkzeug_reads_it(header):
    werkzeugs = request_with_cookie(header).cookies.get("session")
    assert cookie_session.session_cookie(request_with_cookie(header), "session") == werkzeugs


def test_a_header_of_the_session_cookie_alone_is_read_without_parsing_the_headers_for_cookies():
    alone = request_with_cookie("session=eyJh.axb9OQ.K_YJ1d-bYo9")
    assert cookie_session.session_cookie(alone, "session") == "eyJh.axb9OQ.K_YJ1d-bYo9"
    assert "cookies" not in vars(alone)  # werkzeug's parse (a cached property) never ran
    beside_another = request_with_cookie("a=1; session=eyJh")
    assert cookie_session.session_cookie(beside_another, "session") == "eyJh"
    assert "cookies" in vars(beside_another)
