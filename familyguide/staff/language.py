"""The staff area's language: English, or Welsh for a council in Wales (under the Welsh Language Standards its
staff may ask to work in Welsh). The staff area's strings are a catalogue of their own
(translations/cy/LC_MESSAGES/staff.po, made by scripts/translations.py); what families see stays in theirs.

An account's own choice (on its account page) decides; before signing in, or until the account has chosen,
the browser's languages (Accept-Language) do. The choice is kept on the account, so it follows the worker to
any device, and no cookie is added for it."""

from flask import g, request
from markupsafe import Markup

from .. import db, i18n
from ..models import StaffAccount
from . import audit, bp, roles

# The staff area's languages: English and Welsh (scripts/translations.py's STAFF_LANGUAGES and English).
CHOICES = ("en", "cy")


def choose(account=None):
    """Set this request's staff language (read by i18n.select_locale): the account's choice, else the
    browser's (worked out once a request)."""
    chosen = getattr(account, "interface_language", None)
    if chosen in CHOICES:
        g.interface_language = chosen
    elif "interface_language" not in g:
        g.interface_language = request.accept_languages.best_match(CHOICES, "en")


def current():
    return g.get("interface_language") or "en"


def names():
    """(code, the language's own name marked with its language) for each choice: English, Cymraeg."""
    return [
        (code, Markup('<span lang="{}">{}</span>').format(code, i18n.languages().get(code).name)) for code in CHOICES
    ]


def save_choice(account, code):
    """Keep ``code`` (one of CHOICES) as the account's staff language, with an entry in the audit log."""
    with db.session() as s:
        s.get(StaffAccount, account.id).interface_language = code
        audit.record("interface_language", actor=account, target=code, session=s)


@bp.context_processor
def language_context():
    return {"staff_language": current(), "staff_languages": names(), "role_names": roles.NAMES}
