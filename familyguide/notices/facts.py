"""What the notices say that comes from the settings: how long each thing is kept, the cookies' names, the
lawful bases and the council's contacts. The notices' Markdown names these as ``{UNSAVED_DRAFT_PERIOD}`` and
so on, so the text cannot drift from what the purge and the session do.

Periods are written out in the page's language (``30 days``, ``30 dni``), with its plural forms."""

from datetime import date

from flask import current_app
from flask_babel import force_locale, format_date, ngettext

from .. import i18n, limits

# Settings the notices show as they are (names of cookies, legal references, contacts).
AS_SET = (
    "SESSION_COOKIE_NAME",
    "STAFF_COOKIE_NAME",
    "STAFF_PRE_COOKIE_NAME",
    "STAFF_SSO_COOKIE_NAME",
    "STAFF_DEVICE_COOKIE_NAME",
    "STAFF_COOKIE_PATH",
    "DPO_CONTACT",
    "ACCESSIBILITY_CONTACT",
    "PRIVACY_LAWFUL_BASIS",
    "PRIVACY_SPECIAL_CATEGORY_BASIS",
    "PRIVACY_LAW",
)

# Periods the notices write out, as {name: (setting, unit)}.
PERIODS = {
    "UNSAVED_DRAFT_PERIOD": ("UNSAVED_DRAFT_HOURS", "hours"),
    "DRAFT_RETENTION_PERIOD": ("DRAFT_RETENTION_DAYS", "days"),
    "CONFERENCE_RECORD_PERIOD": ("CONFERENCE_RECORD_RETENTION_DAYS", "days"),
    "COPIED_RECORD_PERIOD": ("COPIED_RECORD_RETENTION_DAYS", "days"),
    "AUDIT_PERIOD": ("AUDIT_RETENTION_DAYS", "days"),
    "STAFF_IDLE_PERIOD": ("STAFF_IDLE_MINUTES", "minutes"),
    "STAFF_MAX_PERIOD": ("STAFF_ABSOLUTE_HOURS", "hours"),
    "STAFF_SSO_PERIOD": ("STAFF_SSO_MINUTES", "minutes"),
    "STAFF_DEVICE_PERIOD": ("STAFF_DEVICE_DAYS", "days"),
}
DAYS_IN_A_YEAR = 365


def duration(number, unit):
    """``number`` of ``unit`` in words, in the current language; whole years of days are said in years."""
    if unit == "days" and number % DAYS_IN_A_YEAR == 0:
        return ngettext("%(num)s year", "%(num)s years", number // DAYS_IN_A_YEAR)
    if unit == "days":
        return ngettext("%(num)s day", "%(num)s days", number)
    if unit == "hours":
        return ngettext("%(num)s hour", "%(num)s hours", number)
    return ngettext("%(num)s minute", "%(num)s minutes", number)


def reviewed_on():
    """The date of the accessibility statement's last review, as the page's language writes a date."""
    return format_date(date.fromisoformat(current_app.config["ACCESSIBILITY_REVIEWED"]), format="long")


def notice_settings(lang):
    """The values the notices' placeholders stand for, in language ``lang``."""
    cfg = current_app.config
    with force_locale(i18n.languages().get(lang).babel_locale):
        values = {name: duration(cfg[setting], unit) for name, (setting, unit) in PERIODS.items()}
        values["RATE_LIMIT_PERIOD"] = duration(int(limits.HOUR.total_seconds() // 3600), "hours")
        values["ACCESSIBILITY_REVIEWED"] = reviewed_on()
    values.update({name: cfg[name] for name in AS_SET})
    return values
