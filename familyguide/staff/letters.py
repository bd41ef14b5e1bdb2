"""What a worker hands a parent: the personal link, and the letter with the link, the code and a QR code."""

from flask import current_app

from .. import invitation_letter


def link(invitation, made):
    """The parent's personal link, in their language: it opens the preparation chat tied to the invitation."""
    return f"{current_app.config['PUBLIC_URL']}/{invitation.language}/prepare/invite/{made.token}"


def letter_pdf(record, invitation, made):
    """The A4 letter for this invitation, with the link and code just made (they are never stored)."""
    return invitation_letter.letter_pdf(
        invitation.language, link(invitation, made), made.code, record.conference_date, record.kind
    )
