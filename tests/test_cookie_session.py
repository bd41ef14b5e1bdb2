"""The session cookie is Flask's own, signed the same way, with its signer kept (cookie_session.py): a cookie
works across requests, a cookie signed with another key is refused, and a key rotation keeps its fallback."""

from flask.sessions import SecureCookieSessionInterface

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
