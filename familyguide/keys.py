"""Make a new secret key and encryption key, once, when a council first installs familyguide:

    python -m familyguide.keys > /etc/familyguide/keys.env

Runs without any settings (the app itself refuses to start until it has real keys). Never re-run it for a
live site: a new encryption key alone cannot open the drafts already saved (see README, rotating keys)."""

import secrets

from cryptography.fernet import Fernet


def new_keys():
    """The two settings, in environment-file form."""
    return {
        "FAMILYGUIDE_SECRET_KEY": secrets.token_urlsafe(48),
        "FAMILYGUIDE_ENCRYPTION_KEY": Fernet.generate_key().decode("ascii"),
    }


def main():
    for name, value in new_keys().items():
        print(f"{name}={value}")


if __name__ == "__main__":
    main()
