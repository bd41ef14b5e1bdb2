import os

import pytest

from familyguide import create_app

from .pagecheck import problems_with

# The example keys are refused unless a run says it is for development or tests.
os.environ["FAMILYGUIDE_ENV"] = "test"

TEST_KEY = "dGVzdC1rZXktdGVzdC1rZXktdGVzdC1rZXktdGVzdDE="


@pytest.fixture
def app(tmp_path):
    app = create_app({
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "ENCRYPTION_KEY": TEST_KEY,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'test.sqlite3'}",
        "SERVER_NAME": "localhost",
    })
    from familyguide import db

    db.upgrade(app.extensions["familyguide.db_url"])
    return app


class CheckedClient:
    """A test client that checks every HTML page it fetches and fails the test on any problem."""

    def __init__(self, client):
        self.raw = client

    def _checked(self, response, family_page=True):
        if response.mimetype == "text/html":
            problems = problems_with(response.get_data(as_text=True), family_page=family_page)
            assert not problems, f"{response.request.path}: {problems}"
        return response

    def get(self, *args, family_page=True, **kwargs):
        return self._checked(self.raw.get(*args, **kwargs), family_page)

    def post(self, *args, family_page=True, **kwargs):
        return self._checked(self.raw.post(*args, **kwargs), family_page)


@pytest.fixture
def client(app):
    return CheckedClient(app.test_client())


@pytest.fixture
def runner(app):
    return app.test_cli_runner()
