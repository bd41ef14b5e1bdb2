"""The session cookie is Flask's own, signed the same way, with its signer kept (cookie_session.py): a cookie
works across requests, a cookie signed with another key is refused, and a key rotation keeps its fallback."""

import time

from flask.sessions import SecureCookieSessionInterface
from hypothesis import given, settings
from hypothesis import strategies as st

from .support.apps import make_app
from .test_caches import csrf_token_in


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
