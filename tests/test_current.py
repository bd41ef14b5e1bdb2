"""familyguide.current gives the very objects Flask's proxies stand for, in each request's own context."""

import tempfile
from functools import cache
from pathlib import Path

import flask
from hypothesis import example, given, settings
from hypothesis import strategies as st
from werkzeug.test import EnvironBuilder

from familyguide import current

from .support.apps import make_app


@cache
def make_app_once():
    """One app for every example of a property (its database is never touched)."""
    return make_app(Path(tempfile.mkdtemp()), "current")


def test_each_is_the_object_its_flask_proxy_stands_for(app):
    with app.test_request_context("/en/prepare/chat?change=worries", headers={"Cookie": "x=1"}):
        assert current.app() is app
        assert current.state() is flask.g._get_current_object()
        assert current.this_request() is flask.request._get_current_object()
        assert current.this_request().args["change"] == "worries"
        assert current.visit() is flask.session._get_current_object()


def test_what_is_set_through_them_is_what_the_proxies_read(app):
    with app.test_request_context("/en/"):
        current.state().lang = "cy"
        current.visit()["exit_note_seen"] = True
        assert flask.g.lang == "cy"
        assert flask.session["exit_note_seen"] is True
        assert flask.session.modified


def test_a_second_request_has_its_own(app):
    with app.test_request_context("/en/"):
        first_state, first_request = current.state(), current.this_request()
        first_state.lang = "ar"
    with app.test_request_context("/cy/"):
        assert current.state() is not first_state
        assert current.this_request() is not first_request
        assert "lang" not in current.state()


@settings(max_examples=200, deadline=None)
# A browser sends a URL's query as ASCII, anything else percent-encoded.
@given(query=st.text(alphabet=st.characters(max_codepoint=127), max_size=30), default=st.sampled_from([None, ""]))
@example(query="", default="")
@example(query="added=t1", default=None)
@example(query="added=", default=None)
@example(query="added&added=t2", default=None)
@example(query="added=%C3%A9%80", default=None)
def test_a_query_value_is_what_flask_reads_from_the_url(query, default):
    app = make_app_once()
    environ = {**EnvironBuilder(path="/en/").get_environ(), "QUERY_STRING": query}
    with app.request_context(environ):
        assert current.query_value("added", default) == flask.request.args.get("added", default)


def test_a_url_with_no_query_is_not_parsed_for_one(app):
    with app.test_request_context("/en/three-houses/houses/worries"):
        assert current.query_value("added") is None
        assert "args" not in vars(flask.request._get_current_object())
