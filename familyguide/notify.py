"""Telling a worker that a family has sent their views, without any personal data: the e-mail says only that
a family has sent their views and links to the staff sign-in page. No name, no case reference, no words.

Through GOV.UK Notify's Python client when NOTIFY_API_KEY is set (with NOTIFY_TEMPLATE_ID, a template whose
body is ((message)) and ((sign_in_url))), otherwise through SMTP when SMTP_HOST is set, otherwise not at all:
neither is needed for the site to run. The e-mail is sent in the background, so a slow mail server never
keeps a parent waiting; a failure is logged (without the address) and the views are still in the inbox."""

import logging
import smtplib
import threading
from email.message import EmailMessage

from flask import current_app

from . import invitations

log = logging.getLogger(__name__)
SUBJECT = "A family has sent their views"
MESSAGE = (
    "A family has sent their views for a conference. Sign in to familyguide's staff area to read them. "
    "This e-mail holds no details on purpose."
)


def _sign_in_url(cfg):
    return f"{cfg['PUBLIC_URL']}/staff/sign-in"


def _by_notify(cfg, address):
    from notifications_python_client.notifications import NotificationsAPIClient

    client = NotificationsAPIClient(cfg["NOTIFY_API_KEY"], base_url=cfg["NOTIFY_BASE_URL"], timeout=20)
    try:
        client.send_email_notification(
            email_address=address,
            template_id=cfg["NOTIFY_TEMPLATE_ID"],
            personalisation={"message": MESSAGE, "sign_in_url": _sign_in_url(cfg)},
        )
    finally:
        client.request_session.close()


def _by_smtp(cfg, address):
    message = EmailMessage()
    message["Subject"] = SUBJECT
    message["From"] = cfg["MAIL_FROM"] or f"familyguide@{cfg['SMTP_HOST']}"
    message["To"] = address
    message.set_content(f"{MESSAGE}\n\n{_sign_in_url(cfg)}\n")
    with smtplib.SMTP(cfg["SMTP_HOST"], cfg["SMTP_PORT"], timeout=20) as smtp:
        if cfg["SMTP_STARTTLS"]:
            smtp.starttls()
        if cfg["SMTP_USER"]:
            smtp.login(cfg["SMTP_USER"], cfg["SMTP_PASSWORD"])
        smtp.send_message(message)


def _send(cfg, address):
    try:
        if cfg["NOTIFY_API_KEY"]:
            _by_notify(cfg, address)
        elif cfg["SMTP_HOST"]:
            _by_smtp(cfg, address)
    except Exception as error:  # a mail failure must never lose or block the views: they are in the inbox
        log.warning("The e-mail telling a worker that views arrived was not sent: %s", type(error).__name__)


def _send_each(cfg, addresses):
    for address in addresses:
        _send(cfg, address)


def enabled(cfg=None):
    cfg = cfg or current_app.config
    return bool((cfg["NOTIFY_API_KEY"] and cfg["NOTIFY_TEMPLATE_ID"]) or cfg["SMTP_HOST"])


def views_arrived(record_id):
    """Tell the record's worker (or, when it has none who can sign in, its team's managers), in the background.
    Returns the thread (tests wait on what it delivers)."""
    cfg = current_app.config
    if not enabled(cfg):
        return None
    addresses = invitations.notification_addresses(record_id)
    if not addresses:
        return None
    thread = threading.Thread(target=_send_each, args=(dict(cfg), addresses), daemon=True)
    thread.start()
    return thread
