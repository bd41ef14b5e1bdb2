"""What every fuzzed request must show (no tests here)."""

import re

from bs4 import BeautifulSoup

from familyguide import storage

from ..support.pagecheck import problems_with


class FuzzClient:
    """A fresh browser: its own session; every HTML page checked (headings, labels, quick exit...) and never
    a server error."""

    def __init__(self, app):
        self.raw = app.test_client()

    def _checked(self, response):
        never_a_server_error(response)
        if response.mimetype == "text/html" and not 300 <= response.status_code < 400:
            problems = problems_with(response.get_data(as_text=True))
            assert not problems, f"{response.request.path}: {problems}"
        return response

    def get(self, *args, **kwargs):
        return self._checked(self.raw.get(*args, **kwargs))

    def post(self, *args, **kwargs):
        return self._checked(self.raw.post(*args, **kwargs))


def new_client(app):
    return FuzzClient(app)


def csrf_token(client, path):
    html = client.raw.get(path).get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def never_a_server_error(response):
    assert response.status_code < 500, response.get_data(as_text=True)[:2000]
    return response


def page(response):
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def says_what_is_wrong(response, field=None):
    """A refused form: status 400, an error summary (which also makes the title start "Error:" in the page's
    language: see pagecheck), and the field's own message when ``field`` is given."""
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert 'class="error-summary"' in html
    if field:
        message = page(response).find(id=f"{field}-error")
        assert message is not None and message.get_text(strip=True), f"no message for {field}"


def kept_in(response, field_id, expected):
    """The field ``field_id`` shows ``expected``, the text as typed (after the cleaning every field gets)."""
    element = page(response).find(id=field_id)
    assert element is not None, field_id
    shown = element.get("value", "") if element.name == "input" else element.get_text()
    assert shown == expected, (field_id, shown[:200], expected[:200])


def stored(app, client, session_key, kind):
    with client.raw.session_transaction() as session:
        token = session.get(session_key)  # the binding token that opens the draft
    with app.app_context():
        return storage.load(token, kind)
