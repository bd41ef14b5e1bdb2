"""What a worker hands a parent: the personal link (and, in issue 11's letter, the code beside it)."""

from flask import current_app


def link(invitation, made):
    """The parent's personal link, in their language: it opens the preparation chat tied to the invitation."""
    return f"{current_app.config['PUBLIC_URL']}/{invitation.language}/prepare/invite/{made.token}"
