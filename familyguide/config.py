"""Settings from the environment, with defaults that are safe to publish.

Every council-specific detail lives here, never in a template. The example keys are public, so the app
refuses to start with them unless FAMILYGUIDE_ENV says, explicitly, that this is a development or test run.
"""

import logging
import os
from pathlib import Path

from cryptography.fernet import Fernet

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = PACKAGE_DIR.parent
EXAMPLE_SECRET = "example-secret-change-me"
EXAMPLE_ENCRYPTION_KEY = "ZXhhbXBsZS1rZXktY2hhbmdlLW1lLWV4YW1wbGUtMTI="
ENVIRONMENTS = ("development", "test", "production")
MIN_SECRET_LENGTH = 32
EXAMPLE_COUNCIL_DETAILS = {
    "COUNCIL_NAME": "Example Council",
    "COUNCIL_PHONE": "01632 960000",
    "COMPLAINTS_CONTACT": "complaints@example.org.uk, 01632 960001",
}

log = logging.getLogger(__name__)


class ConfigError(RuntimeError):
    """The settings are not safe to run with. Its message is one line that says what to change."""


def data_dir(name):
    """``content`` or ``translations``: inside the installed package when it was installed from a wheel,
    else the checkout's own folder (a development or editable install)."""
    packaged = PACKAGE_DIR / "_data" / name
    return packaged if packaged.is_dir() else PROJECT_ROOT / name


def _env(name, default):
    return os.environ.get(f"FAMILYGUIDE_{name}", default)


def _env_int(name, default):
    value = _env(name, str(default)).strip()
    if not value.isascii() or not value.lstrip("-").isdigit():
        raise ConfigError(f"FAMILYGUIDE_{name} must be a whole number, not {value!r}.")
    return int(value)


def from_environment():
    """Build the settings dictionary from FAMILYGUIDE_* variables (and DATABASE_URL)."""
    env = _env("ENV", "production")
    production = env == "production"
    return {
        "ENV": env,
        "SECRET_KEY": _env("SECRET_KEY", EXAMPLE_SECRET),
        "ENCRYPTION_KEY": _env("ENCRYPTION_KEY", EXAMPLE_ENCRYPTION_KEY),
        "DATABASE_URL": os.environ.get("DATABASE_URL", ""),
        "DB_POOL_SIZE": _env_int("DB_POOL_SIZE", 5),
        "SQLITE_BUSY_SECONDS": _env_int("SQLITE_BUSY_SECONDS", 20),
        "CONTENT_DIR": _env("CONTENT_DIR", str(data_dir("content"))),
        "TRANSLATIONS_DIR": _env("TRANSLATIONS_DIR", str(data_dir("translations"))),
        **{name: _env(name, example) for name, example in EXAMPLE_COUNCIL_DETAILS.items()},
        "EXIT_URL": _env("EXIT_URL", "https://www.bbc.co.uk/weather"),
        "DRAFT_RETENTION_DAYS": _env_int("DRAFT_RETENTION_DAYS", 30),
        "RESUME_ATTEMPTS_PER_HOUR": _env_int("RESUME_ATTEMPTS_PER_HOUR", 10),
        "RESUME_FAILURES_CEILING_PER_HOUR": _env_int("RESUME_FAILURES_CEILING_PER_HOUR", 100),
        "DRAFTS_PER_HOUR": _env_int("DRAFTS_PER_HOUR", 60),
        "SAVES_PER_HOUR": _env_int("SAVES_PER_HOUR", 1200),
        "PDFS_PER_HOUR": _env_int("PDFS_PER_HOUR", 120),
        "UNSAVED_DRAFT_HOURS": _env_int("UNSAVED_DRAFT_HOURS", 24),
        # How many proxies (load balancer, TLS terminator) sit in front: their X-Forwarded-For is trusted.
        "PROXY_HOPS": _env_int("PROXY_HOPS", 0),
        "PREPARE_OPTIONAL_QUESTIONS_OFF": _env("PREPARE_OPTIONAL_QUESTIONS_OFF", ""),
        # Help in a crisis and complaints, shown on the family pages (content says {EMERGENCY_PHONE} and so on).
        "EMERGENCY_PHONE": _env("EMERGENCY_PHONE", "999"),
        "SAMARITANS_PHONE": _env("SAMARITANS_PHONE", "116 123"),
        "NHS_MENTAL_HEALTH_PHONE": _env("NHS_MENTAL_HEALTH_PHONE", "111"),
        "DOMESTIC_ABUSE_PHONE": _env("DOMESTIC_ABUSE_PHONE", "0808 2000 247"),
        "WALES_DOMESTIC_ABUSE_PHONE": _env("WALES_DOMESTIC_ABUSE_PHONE", "0808 80 10 800"),
        "CHILDLINE_PHONE": _env("CHILDLINE_PHONE", "0800 1111"),
        "NSPCC_PHONE": _env("NSPCC_PHONE", "0808 800 5000"),
        # Silent Solution: on a mobile, call 999, then press 55 when asked, if it is not safe to speak.
        "SILENT_CALL_CODE": _env("SILENT_CALL_CODE", "55"),
        "MENS_ADVICE_PHONE": _env("MENS_ADVICE_PHONE", "0808 8010 327"),
        "RESPECT_PHONE": _env("RESPECT_PHONE", "0808 802 4040"),
        "COMPLAINT_TIME_LIMIT_DAYS": _env_int("COMPLAINT_TIME_LIMIT_DAYS", 20),
        "HSTS_MAX_AGE": _env_int("HSTS_MAX_AGE", 31536000) if production else 0,
        "TRUSTED_HOSTS": [h.strip() for h in _env("TRUSTED_HOSTS", "").split(",") if h.strip()] or None,
        "SESSION_COOKIE_SECURE": production,
        # __Host-: the browser keeps the cookie only if it is Secure, for this host alone, for the whole site.
        "SESSION_COOKIE_NAME": "__Host-session" if production else "session",
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "MAX_CONTENT_LENGTH": 4 * 1024 * 1024,
        "WTF_CSRF_TIME_LIMIT": None,
    }


def problems(settings):
    """Every reason these settings are not safe to run with, each one line."""
    env = settings.get("ENV")
    if env not in ENVIRONMENTS:
        return [f"FAMILYGUIDE_ENV must be one of {', '.join(ENVIRONMENTS)}, not {env!r}."]
    found = []
    if settings.get("DRAFT_RETENTION_DAYS", 1) <= 0:
        found.append("FAMILYGUIDE_DRAFT_RETENTION_DAYS must be 1 or more.")
    if settings.get("DB_POOL_SIZE", 1) <= 0:
        found.append("FAMILYGUIDE_DB_POOL_SIZE must be 1 or more.")
    found += _key_problems(settings.get("ENCRYPTION_KEY") or "")
    if env != "production":
        return found
    secret = settings.get("SECRET_KEY") or ""
    if secret == EXAMPLE_SECRET or len(secret) < MIN_SECRET_LENGTH:
        found.append(
            f"FAMILYGUIDE_SECRET_KEY must be a real secret of at least {MIN_SECRET_LENGTH} characters "
            "(make one with: python -m familyguide.keys)."
        )
    if EXAMPLE_ENCRYPTION_KEY in _keys(settings.get("ENCRYPTION_KEY") or ""):
        found.append(
            "FAMILYGUIDE_ENCRYPTION_KEY holds the published example key: make a real one with "
            "python -m familyguide.keys."
        )
    if not settings.get("DATABASE_URL"):
        found.append("DATABASE_URL must be set in production.")
    if found:
        found.append("(To try familyguide on your own computer, set FAMILYGUIDE_ENV=development.)")
    return found


def _keys(value):
    return [k.strip() for k in value.split(",") if k.strip()]


def _key_problems(value):
    keys = _keys(value)
    if not keys:
        return ["FAMILYGUIDE_ENCRYPTION_KEY must hold at least one key."]
    for position, key in enumerate(keys, start=1):
        try:
            Fernet(key)
        except ValueError:
            return [
                f"FAMILYGUIDE_ENCRYPTION_KEY: key {position} is not a valid Fernet key "
                "(make one with: python -m familyguide.keys)."
            ]
    return []


def check(settings):
    """Refuse unsafe settings with one clear line; warn loudly about council details left at the examples."""
    found = problems(settings)
    if found:
        raise ConfigError(" ".join(found))
    if settings.get("ENV") == "production":
        for name, example in EXAMPLE_COUNCIL_DETAILS.items():
            if settings.get(name) == example:
                log.warning(
                    "WARNING: FAMILYGUIDE_%s is still the example %r: families will see it. Set your council's own.",
                    name,
                    example,
                )
