"""Signed values (signing.py): what the kept serializers and signers make is exactly what itsdangerous, Flask and
Flask-WTF make, so a browser's cookie and a form's token work across the change, and a wrong key still opens
nothing."""

from unittest import mock

import pytest
from flask import g
from flask_wtf.csrf import generate_csrf, validate_csrf
from hypothesis import given, settings
from hypothesis import strategies as st
from itsdangerous import BadSignature, URLSafeTimedSerializer
from wtforms import ValidationError

from familyguide import signing

from .support.apps import make_app
from .test_caches import csrf_token_in

SALTS = st.sampled_from(["cookie-session", signing.CSRF_SALT, "another-salt"])
SECRETS = st.text(min_size=1, max_size=80)
# The properties are what is signed and refused, not how fast: a busy machine must not fail them.
BUSY_MACHINE = settings(deadline=None)
VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=12,
)


@BUSY_MACHINE
@given(secret=SECRETS, salt=SALTS, value=VALUES, now=st.integers(min_value=10**9, max_value=4 * 10**9))
def test_a_kept_serializer_signs_as_itsdangerous_does_never_compressed(secret, salt, value, now):
    """Byte for byte what itsdangerous signs, but for its zlib: ours is never compressed (a compressed payload
    starts with a dot). Each opens the other's."""
    with mock.patch("time.time", return_value=now):
        theirs = URLSafeTimedSerializer(secret, salt=salt).dumps(value)
        ours = signing.serializer(secret, salt).dumps(value)
        assert not ours.startswith(".")
        if not theirs.startswith("."):
            assert ours == theirs
        assert URLSafeTimedSerializer(secret, salt=salt).loads(ours) == value
        assert signing.serializer(secret, salt).loads(theirs) == value


@BUSY_MACHINE
@given(secret=SECRETS, other=SECRETS, salt=SALTS, value=VALUES)
def test_a_kept_serializer_refuses_what_another_key_or_salt_signed(secret, other, salt, value):
    token = URLSafeTimedSerializer(other, salt=salt).dumps(value)
    if other != secret:
        with pytest.raises(BadSignature):
            signing.serializer(secret, salt).loads(token)
    with pytest.raises(BadSignature):
        signing.serializer(other, salt + "-not").loads(token)


def other_letter(letter):
    return "A" if letter != "A" else "B"


def test_a_changed_token_is_refused():
    """A change to what was signed, or to the signature, is refused. (Not the signature's last letter: base64
    decoding drops its low bits, so changing that letter may leave the signature as it was.)"""
    token = signing.serializer("secret", "salt").dumps({"draft": "abc"})
    signature = token.rindex(".") + 1
    for at in (0, signature):
        changed = token[:at] + other_letter(token[at]) + token[at + 1 :]
        with pytest.raises(BadSignature):
            signing.serializer("secret", "salt").loads(changed)


def test_the_csrf_token_is_flask_wtfs_own(tmp_path):
    """Within one request the token made here is the one Flask-WTF would make, and Flask-WTF accepts it; in
    another session it is refused."""
    app = make_app(tmp_path, "a")
    field = app.config["WTF_CSRF_FIELD_NAME"]
    with app.test_request_context("/en/prepare/"), mock.patch("time.time", return_value=1_800_000_000):
        ours = signing.csrf_token()
        validate_csrf(ours)
        g.pop(field)  # made again, by Flask-WTF this time, from the same session
        assert generate_csrf() == ours
    with app.test_request_context("/en/prepare/"):
        with pytest.raises(ValidationError):
            validate_csrf(ours)


def test_a_form_posts_with_the_token_it_was_given_and_not_with_another(tmp_path):
    app = make_app(tmp_path, "a")
    first, second = app.test_client(), app.test_client()
    token = csrf_token_in(first.get("/en/prepare/").get_data(as_text=True))
    csrf_token_in(second.get("/en/prepare/").get_data(as_text=True))
    assert second.post("/en/prepare/start", data={"csrf_token": token}).status_code == 400
    assert first.post("/en/prepare/start", data={"csrf_token": token}).status_code == 303


def test_a_session_is_given_the_token_signed_for_its_first_form_and_it_stays_good(tmp_path):
    """The token is signed once for a session: every later page gives the same one, and a form sent with it
    days later (no time limit) is still accepted."""
    app = make_app(tmp_path, "a")
    client = app.test_client()
    with mock.patch("time.time", return_value=1_800_000_000):
        first = csrf_token_in(client.get("/en/prepare/").get_data(as_text=True))
    with mock.patch("time.time", return_value=1_800_000_000 + 5 * 86_400):
        assert csrf_token_in(client.get("/en/prepare/").get_data(as_text=True)) == first
        assert csrf_token_in(client.get("/en/three-houses/").get_data(as_text=True)) == first
        assert client.post("/en/prepare/start", data={"csrf_token": first}).status_code == 303


def test_with_a_time_limit_a_kept_token_is_signed_again_in_the_second_half_of_its_life(tmp_path):
    """A council that sets a time limit never gets a token older than half of it: each one given is accepted."""
    app = make_app(tmp_path, "a", WTF_CSRF_TIME_LIMIT=3600)
    client = app.test_client()
    start = 1_800_000_000
    with mock.patch("time.time", return_value=start):
        first = csrf_token_in(client.get("/en/prepare/").get_data(as_text=True))
    with mock.patch("time.time", return_value=start + 1700):
        assert csrf_token_in(client.get("/en/prepare/").get_data(as_text=True)) == first
    with mock.patch("time.time", return_value=start + 1900):
        later = csrf_token_in(client.get("/en/prepare/").get_data(as_text=True))
        assert later != first
    with mock.patch("time.time", return_value=start + 3700):
        assert client.post("/en/prepare/start", data={"csrf_token": first}).status_code == 400
        assert client.post("/en/prepare/start", data={"csrf_token": later}).status_code == 303


def test_a_page_that_changes_nothing_writes_no_cookie_but_says_it_varies_with_it(tmp_path):
    app = make_app(tmp_path, "a")
    client = app.test_client()
    first = client.get("/en/guide/who-will-be-there")
    assert "session=" in first.headers.get("Set-Cookie", "")  # the note about the quick exit is now seen
    again = client.get("/en/guide/words-you-may-hear")
    assert "Set-Cookie" not in again.headers
    assert "Cookie" in again.headers["Vary"]
    ended = client.post("/exit")  # the quick exit empties the session: the cookie is deleted
    assert "session=;" in ended.headers.get("Set-Cookie", "")
