"""Settings from the environment, with defaults that are safe to publish.

Every council-specific detail lives here, never in a template. The example keys are public, so the app
refuses to start with them unless FAMILYGUIDE_ENV says, explicitly, that this is a development or test run.
"""

import logging
import os
from datetime import date
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
    # The privacy notice and the accessibility statement (notices/): who answers for the council.
    "DPO_CONTACT": "dpo@example.org.uk, 01632 960002",
    "ACCESSIBILITY_CONTACT": "accessibility@example.org.uk, 01632 960003",
}

# How long things are kept: each must be at least 1 (the privacy notice reads them too).
RETENTION_SETTINGS = (
    "DRAFT_RETENTION_DAYS",
    "UNSAVED_DRAFT_HOURS",
    "AUDIT_RETENTION_DAYS",
    "CONFERENCE_RECORD_RETENTION_DAYS",
    "COPIED_RECORD_RETENTION_DAYS",
    "STAFF_IDLE_MINUTES",
    "STAFF_ABSOLUTE_HOURS",
)

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
        # The most one draft may hold, sealed, words and drawings together (a full Three Houses is under 13 MB).
        "DRAFT_MAX_BYTES": _env_int("DRAFT_MAX_BYTES", 20_000_000),
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
        # The privacy notice's lawful bases: references a council's data protection officer confirms or changes.
        "PRIVACY_LAWFUL_BASIS": _env("PRIVACY_LAWFUL_BASIS", "UK GDPR Article 6(1)(e)"),
        "PRIVACY_SPECIAL_CATEGORY_BASIS": _env(
            "PRIVACY_SPECIAL_CATEGORY_BASIS",
            "UK GDPR Article 9(2)(g) and 9(2)(h); Data Protection Act 2018, Schedule 1, paragraphs 2, 6 and 18",
        ),
        "PRIVACY_LAW": _env("PRIVACY_LAW", "Children Act 1989; Social Services and Well-being (Wales) Act 2014"),
        # The accessibility statement's date of last review (YYYY-MM-DD).
        "ACCESSIBILITY_REVIEWED": _env("ACCESSIBILITY_REVIEWED", "2026-12-04"),
        # A conference record (invitations, sent views, the child's Three Houses, letters) is deleted this many
        # days after the conference date, or COPIED_RECORD_RETENTION_DAYS after "copied into the case record",
        # whichever comes first, but never before the day after the conference (invitations.deletion_date).
        "CONFERENCE_RECORD_RETENTION_DAYS": _env_int("CONFERENCE_RECORD_RETENTION_DAYS", 28),
        "COPIED_RECORD_RETENTION_DAYS": _env_int("COPIED_RECORD_RETENTION_DAYS", 7),
        "HSTS_MAX_AGE": _env_int("HSTS_MAX_AGE", 31536000) if production else 0,
        "TRUSTED_HOSTS": [h.strip() for h in _env("TRUSTED_HOSTS", "").split(",") if h.strip()] or None,
        "SESSION_COOKIE_SECURE": production,
        # __Host-: the browser keeps the cookie only if it is Secure, for this host alone, for the whole site.
        "SESSION_COOKIE_NAME": "__Host-session" if production else "session",
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        # The staff area (familyguide/staff, README "Staff sign-in"): its own cookies, only under /staff. A
        # __Host- cookie must have Path=/, so in production the names start __Secure- (sent only over HTTPS).
        # The signed-in session; before sign-in, the key of the forms' CSRF tokens; a single sign-on under way;
        # a known device (staff/devices.py). The cookies page names each one.
        "STAFF_COOKIE_NAME": "__Secure-staff" if production else "staff",
        "STAFF_PRE_COOKIE_NAME": "__Secure-staff_pre" if production else "staff_pre",
        "STAFF_SSO_COOKIE_NAME": "__Secure-staff_sso" if production else "staff_sso",
        "STAFF_DEVICE_COOKIE_NAME": "__Secure-staff_device" if production else "staff_device",
        # How long a single sign-on may take, from leaving for the identity provider to coming back.
        "STAFF_SSO_MINUTES": 10,
        "STAFF_COOKIE_PATH": "/staff",
        "STAFF_COOKIE_SECURE": production,
        "STAFF_IDLE_MINUTES": _env_int("STAFF_IDLE_MINUTES", 30),
        "STAFF_ABSOLUTE_HOURS": _env_int("STAFF_ABSOLUTE_HOURS", 12),
        "STAFF_SETUP_HOURS": _env_int("STAFF_SETUP_HOURS", 24),
        "STAFF_SLOWDOWN_AFTER": _env_int("STAFF_SLOWDOWN_AFTER", 3),
        "STAFF_LOCKOUT_AFTER": _env_int("STAFF_LOCKOUT_AFTER", 10),
        "STAFF_LOCKOUT_MINUTES": _env_int("STAFF_LOCKOUT_MINUTES", 15),
        # A known device is forgotten when it has not signed in for this many days (staff/devices.py).
        "STAFF_DEVICE_DAYS": _env_int("STAFF_DEVICE_DAYS", 90),
        "AUDIT_RETENTION_DAYS": _env_int("AUDIT_RETENTION_DAYS", 730),
        # Each audit entry also written as a line to standard error, for the council's log collection (audit_lines.py).
        "AUDIT_LOG_LINES": _env("AUDIT_LOG_LINES", "yes").lower() != "no",
        # The number on the invitation letter for questions (the council's number when not set).
        "CONFERENCE_TEAM_PHONE": _env("CONFERENCE_TEAM_PHONE", ""),
        # The e-mail telling a worker that a family sent their views (no family words in it): GOV.UK Notify
        # when its key is set, else SMTP when a host is set, else none.
        "NOTIFY_API_KEY": _env("NOTIFY_API_KEY", ""),
        "NOTIFY_TEMPLATE_ID": _env("NOTIFY_TEMPLATE_ID", ""),
        "NOTIFY_BASE_URL": _env("NOTIFY_BASE_URL", "https://api.notifications.service.gov.uk"),
        "SMTP_HOST": _env("SMTP_HOST", ""),
        "SMTP_PORT": _env_int("SMTP_PORT", 587),
        "SMTP_USER": _env("SMTP_USER", ""),
        "SMTP_PASSWORD": _env("SMTP_PASSWORD", ""),
        "SMTP_STARTTLS": _env("SMTP_STARTTLS", "yes").lower() != "no",
        "MAIL_FROM": _env("MAIL_FROM", ""),
        # Where the site is, for the set-up links `flask staff add` prints.
        "PUBLIC_URL": _env("PUBLIC_URL", "http://127.0.0.1:5000").rstrip("/"),
        # Council single sign-on (OpenID Connect): off unless the issuer is set.
        "OIDC_ISSUER": _env("OIDC_ISSUER", "").rstrip("/"),
        "OIDC_CLIENT_ID": _env("OIDC_CLIENT_ID", ""),
        "OIDC_CLIENT_SECRET": _env("OIDC_CLIENT_SECRET", ""),
        "OIDC_ALLOWED_DOMAINS": [d.strip().lower() for d in _env("OIDC_ALLOWED_DOMAINS", "").split(",") if d.strip()],
        "MAX_CONTENT_LENGTH": 4 * 1024 * 1024,
        "WTF_CSRF_TIME_LIMIT": None,
    }


def problems(settings):
    """Every reason these settings are not safe to run with, each one line."""
    env = settings.get("ENV")
    if env not in ENVIRONMENTS:
        return [f"FAMILYGUIDE_ENV must be one of {', '.join(ENVIRONMENTS)}, not {env!r}."]
    found = []
    for name in RETENTION_SETTINGS:
        if settings.get(name, 1) <= 0:
            found.append(f"FAMILYGUIDE_{name} must be 1 or more.")
    if not _is_date(settings.get("ACCESSIBILITY_REVIEWED", "2026-01-01")):
        found.append("FAMILYGUIDE_ACCESSIBILITY_REVIEWED must be a date written YYYY-MM-DD.")
    if settings.get("DB_POOL_SIZE", 1) <= 0:
        found.append("FAMILYGUIDE_DB_POOL_SIZE must be 1 or more.")
    if settings.get("DRAFT_MAX_BYTES", 1) <= 0:
        found.append("FAMILYGUIDE_DRAFT_MAX_BYTES must be 1 or more.")
    found += _key_problems(settings.get("ENCRYPTION_KEY") or "")
    found += _staff_problems(settings)
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


def _is_date(value):
    try:
        date.fromisoformat(str(value))
    except ValueError:
        return False
    return True


def _staff_problems(settings):
    found = [
        f"FAMILYGUIDE_{name} must be 1 or more."
        for name in (
            "STAFF_IDLE_MINUTES",
            "STAFF_ABSOLUTE_HOURS",
            "STAFF_SETUP_HOURS",
            "STAFF_DEVICE_DAYS",
            "AUDIT_RETENTION_DAYS",
            "CONFERENCE_RECORD_RETENTION_DAYS",
            "COPIED_RECORD_RETENTION_DAYS",
        )
        if settings.get(name, 1) <= 0
    ]
    if settings.get("OIDC_ISSUER") and not (
        settings.get("OIDC_CLIENT_ID") and settings.get("OIDC_CLIENT_SECRET") and settings.get("OIDC_ALLOWED_DOMAINS")
    ):
        found.append(
            "FAMILYGUIDE_OIDC_ISSUER is set: FAMILYGUIDE_OIDC_CLIENT_ID, FAMILYGUIDE_OIDC_CLIENT_SECRET and "
            "FAMILYGUIDE_OIDC_ALLOWED_DOMAINS must be set too."
        )
    if settings.get("ENV") == "production" and settings.get("OIDC_ISSUER", "").startswith("http://"):
        found.append("FAMILYGUIDE_OIDC_ISSUER must be an https:// address in production.")
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
