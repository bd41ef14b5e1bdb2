"""The four roles. The role comes from our own account, never from an identity provider.

A translator checks the translations of the languages on their account and sees nothing else: no family
content, no accounts, no audit log (guard.py)."""

from flask_babel import lazy_gettext as _l

WORKER, MANAGER, ADMIN, TRANSLATOR = "worker", "manager", "admin", "translator"
ROLES = (WORKER, MANAGER, ADMIN, TRANSLATOR)
EVERYONE = ROLES
# Each role as a page names it, in the staff area's language (the code above is what is stored).
NAMES = {WORKER: _l("Worker"), MANAGER: _l("Manager"), ADMIN: _l("Admin"), TRANSLATOR: _l("Translator")}
