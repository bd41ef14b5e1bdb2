"""Settings from the environment, with defaults that are safe to publish.

Every council-specific detail lives here, never in a template. The example defaults are obviously
examples, and production refuses to start while the secret key is missing or still the example one.
"""

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_SECRET = "example-secret-change-me"
EXAMPLE_ENCRYPTION_KEY = "ZXhhbXBsZS1rZXktY2hhbmdlLW1lLWV4YW1wbGUtMTI="


class ConfigError(RuntimeError):
    """The settings are not safe to run with."""


def _env(name, default):
    return os.environ.get(f"FAMILYGUIDE_{name}", default)


def _env_int(name, default):
    return int(_env(name, str(default)))


def from_environment():
    """Build the settings dictionary from FAMILYGUIDE_* variables (and DATABASE_URL)."""
    return {
        "ENV": _env("ENV", "development"),
        "SECRET_KEY": _env("SECRET_KEY", EXAMPLE_SECRET),
        "ENCRYPTION_KEY": _env("ENCRYPTION_KEY", EXAMPLE_ENCRYPTION_KEY),
        "DATABASE_URL": os.environ.get("DATABASE_URL", ""),
        "CONTENT_DIR": _env("CONTENT_DIR", str(PROJECT_ROOT / "content")),
        "TRANSLATIONS_DIR": _env("TRANSLATIONS_DIR", str(PROJECT_ROOT / "translations")),
        "COUNCIL_NAME": _env("COUNCIL_NAME", "Example Council"),
        "COUNCIL_PHONE": _env("COUNCIL_PHONE", "01632 960000"),
        "COMPLAINTS_CONTACT": _env("COMPLAINTS_CONTACT", "complaints@example.org.uk, 01632 960001"),
        "EXIT_URL": _env("EXIT_URL", "https://www.bbc.co.uk/weather"),
        "DRAFT_RETENTION_DAYS": _env_int("DRAFT_RETENTION_DAYS", 30),
        "RESUME_ATTEMPTS_PER_HOUR": _env_int("RESUME_ATTEMPTS_PER_HOUR", 10),
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
        "MENS_ADVICE_PHONE": _env("MENS_ADVICE_PHONE", "0808 8010 327"),
        "RESPECT_PHONE": _env("RESPECT_PHONE", "0808 802 4040"),
        "COMPLAINT_TIME_LIMIT_DAYS": _env_int("COMPLAINT_TIME_LIMIT_DAYS", 20),
        "SESSION_COOKIE_SECURE": _env("ENV", "development") == "production",
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "MAX_CONTENT_LENGTH": 4 * 1024 * 1024,
        "WTF_CSRF_TIME_LIMIT": None,
    }


def check_production(settings):
    """Refuse to run production with example or missing secrets."""
    if settings.get("ENV") != "production":
        return
    for name, example in (("SECRET_KEY", EXAMPLE_SECRET), ("ENCRYPTION_KEY", EXAMPLE_ENCRYPTION_KEY)):
        value = settings.get(name) or ""
        if not value or value == example:
            raise ConfigError(f"FAMILYGUIDE_{name} must be set to a real secret in production.")
    if not settings.get("DATABASE_URL"):
        raise ConfigError("DATABASE_URL must be set in production.")
