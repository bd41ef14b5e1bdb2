"""Settings profiles for the fuzz tests, and one app per test module (each example gets its own client).

``ci`` (the default, in `make test`): a few hundred examples in all, derandomised so a run is repeatable.
``fuzz`` (`make fuzz`): 10,000 examples in all, random, with Hypothesis's statistics printed.
Choose with HYPOTHESIS_PROFILE=fuzz.
"""

import os

import pytest
from hypothesis import HealthCheck, settings

from familyguide import create_app, db

from ..support.apps import NO_VOLUME_LIMITS, TEST_KEY

FUZZ_TESTS = 10  # how many fuzz tests share the budgets of examples below (one test may run a few more)
_common = {"deadline": None, "suppress_health_check": list(HealthCheck), "print_blob": True}
settings.register_profile("ci", max_examples=300 // FUZZ_TESTS, derandomize=True, database=None, **_common)
settings.register_profile("fuzz", max_examples=10_000 // FUZZ_TESTS, **_common)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(scope="module")
def fuzz_app(tmp_path_factory):
    folder = tmp_path_factory.mktemp("fuzz")
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-secret",
            "ENCRYPTION_KEY": TEST_KEY,
            "SERVER_NAME": "localhost",
            "DATABASE_URL": f"sqlite:///{folder / 'fuzz.sqlite3'}",
            "RESUME_ATTEMPTS_PER_HOUR": 10**9,  # the limit is tested elsewhere; here every try must reach the form
            **NO_VOLUME_LIMITS,
        }
    )
    db.upgrade(app.extensions["familyguide.db_url"])
    return app
