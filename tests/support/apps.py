"""Test apps: the published test key, no volume limits, a database of their own."""

from familyguide import create_app, db

TEST_KEY = "dGVzdC1rZXktdGVzdC1rZXktdGVzdC1rZXktdGVzdDE="
# Every test app comes from 127.0.0.1: no per-client volume limit, except where a test sets one to prove it.
NO_VOLUME_LIMITS = {"DRAFTS_PER_HOUR": 10**9, "SAVES_PER_HOUR": 10**9, "PDFS_PER_HOUR": 10**9}


def make_app(tmp_path, name, **settings):
    """An app with its own SQLite database ``<name>.sqlite3`` in ``tmp_path``, migrated, and ``settings``."""
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "t",
            "ENCRYPTION_KEY": TEST_KEY,
            "DATABASE_URL": f"sqlite:///{tmp_path / name}.sqlite3",
            **NO_VOLUME_LIMITS,
            **settings,
        }
    )
    db.upgrade(app.extensions["familyguide.db_url"])
    return app
