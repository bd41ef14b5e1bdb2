"""The three roles. The role comes from our own account, never from an identity provider."""

WORKER, MANAGER, ADMIN = "worker", "manager", "admin"
ROLES = (WORKER, MANAGER, ADMIN)
# Who may use a page meant for workers: everyone who works with records (admins never read family content).
RECORD_ROLES = (WORKER, MANAGER)
EVERYONE = ROLES
