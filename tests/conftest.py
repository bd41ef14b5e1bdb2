import os

import pytest

from familyguide import create_app, db

from .support import services
from .support.apps import NO_VOLUME_LIMITS, TEST_KEY
from .support.pagecheck import problems_with
from .support.staff import Clock

# The example keys are refused unless a run says it is for development or tests.
os.environ["FAMILYGUIDE_ENV"] = "test"


@pytest.fixture
def app(tmp_path):
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-secret",
            "ENCRYPTION_KEY": TEST_KEY,
            "DATABASE_URL": f"sqlite:///{tmp_path / 'test.sqlite3'}",
            "SERVER_NAME": "localhost",
            **NO_VOLUME_LIMITS,
        }
    )
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
def app_on():
    """Make apps on a given database; their connections are closed when the test ends."""
    made = []

    def make(url, **settings):
        app = create_app(
            {
                "TESTING": True,
                "SECRET_KEY": "test-secret",
                "DATABASE_URL": url,
                "ENCRYPTION_KEY": TEST_KEY,
                "SERVER_NAME": "localhost",
                **NO_VOLUME_LIMITS,
                **settings,
            }
        )
        made.append(app)
        return app

    yield make
    for app in made:
        db.dispose(app)


@pytest.fixture(params=["sqlite", "postgresql"])
def any_db_url(request, tmp_path):
    """An empty database of each kind a council may run (PostgreSQL skipped, with the reason, if absent)."""
    with services.database_url(request.param, tmp_path) as url:
        yield url


@pytest.fixture
def any_app(any_db_url, app_on):
    """The app on each database, schema up to date."""
    app = app_on(any_db_url)
    db.upgrade(any_db_url)
    return app


@pytest.fixture
def clock_(monkeypatch):
    """The app's clock, moved by the test (``clock_.advance(minutes=31)``) instead of waiting."""
    return Clock(monkeypatch)


@pytest.fixture
def client(app):
    return CheckedClient(app.test_client())


@pytest.fixture
def runner(app):
    return app.test_cli_runner()
