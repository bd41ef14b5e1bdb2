"""The three roles. The role comes from our own account, never from an identity provider."""

WORKER, MANAGER, ADMIN = "worker", "manager", "admin"
ROLES = (WORKER, MANAGER, ADMIN)
EVERYONE = ROLES
