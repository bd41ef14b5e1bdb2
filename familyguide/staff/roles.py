"""The four roles. The role comes from our own account, never from an identity provider.

A translator checks the translations of the languages on their account and sees nothing else: no family
content, no accounts, no audit log (guard.py)."""

WORKER, MANAGER, ADMIN, TRANSLATOR = "worker", "manager", "admin", "translator"
ROLES = (WORKER, MANAGER, ADMIN, TRANSLATOR)
EVERYONE = ROLES
