"""familyguide.current gives the very objects Flask's proxies stand for, in each request's own context."""

import flask

from familyguide import current


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
