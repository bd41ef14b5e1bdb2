"""E-mail to staff, without any personal data: that a family has sent their views (to the record's worker),
or that an admin reset someone's sign-in (to its owner). Each says only that, and links to the staff sign-in
page. No name, no case reference, no words.

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
VIEWS_ARRIVED = (
    "A family has sent their views",
    "A family has sent their views for a conference. Sign in to familyguide's staff area to read them. "
    "This e-mail holds no details on purpose.",
)
# An admin sees the new set-up link they make, so an admin could use it as its owner: the owner is told, so that
# a reset they did not ask for is noticed (the audit log shows who made it).
SIGN_IN_RESET = (
    "Your sign-in to familyguide was reset",
    "An admin reset your sign-in to familyguide's staff area: your password and second factor no longer work. "
    "Ask the admin for your new set-up link. If you did not ask for this, tell your council's IT security team "
    "at once.",
)


def _sign_in_url(cfg):
    return f"{cfg['PUBLIC_URL']}/staff/sign-in"


def _by_notify(cfg, address, message):
    from notifications_python_client.notifications import NotificationsAPIClient

    client = NotificationsAPIClient(cfg["NOTIFY_API_KEY"], base_url=cfg["NOTIFY_BASE_URL"], timeout=20)
    try:
        client.send_email_notification(
            email_address=address,
            template_id=cfg["NOTIFY_TEMPLATE_ID"],
            personalisation={"message": message, "sign_in_url": _sign_in_url(cfg)},
        )
    finally:
        client.request_session.close()


def _by_smtp(cfg, address, subject, text):
    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = cfg["MAIL_FROM"] or f"familyguide@{cfg['SMTP_HOST']}"
    message["To"] = address
    message.set_content(f"{text}\n\n{_sign_in_url(cfg)}\n")
    with smtplib.SMTP(cfg["SMTP_HOST"], cfg["SMTP_PORT"], timeout=20) as smtp:
        if cfg["SMTP_STARTTLS"]:
            smtp.starttls()
        if cfg["SMTP_USER"]:
            smtp.login(cfg["SMTP_USER"], cfg["SMTP_PASSWORD"])
        smtp.send_message(message)


def _send(cfg, address, mail):
    subject, text = mail
    try:
        if cfg["NOTIFY_API_KEY"]:
            _by_notify(cfg, address, text)
        elif cfg["SMTP_HOST"]:
            _by_smtp(cfg, address, subject, text)
    except Exception as error:  # a mail failure must never lose or block what it tells of: it is in the site
        log.warning("An e-mail to staff (%s) was not sent: %s", subject, type(error).__name__)


def _send_each(cfg, addresses, mail):
    for address in addresses:
        _send(cfg, address, mail)


def _in_background(addresses, mail):
    """Send ``mail`` to each address in the background; the thread (tests wait on what it delivers), or None."""
    cfg = current_app.config
    if not enabled(cfg) or not addresses:
        return None
    thread = threading.Thread(target=_send_each, args=(dict(cfg), addresses, mail), daemon=True)
    thread.start()
    return thread


def enabled(cfg=None):
    cfg = cfg or current_app.config
    return bool((cfg["NOTIFY_API_KEY"] and cfg["NOTIFY_TEMPLATE_ID"]) or cfg["SMTP_HOST"])


def views_arrived(record_id):
    """Tell the record's worker (or, when it has none who can sign in, its team's managers), in the background."""
    if not enabled():
        return None
    return _in_background(invitations.notification_addresses(record_id), VIEWS_ARRIVED)


def sign_in_reset(address):
    """Tell an account's owner that an admin reset their sign-in, in the background."""
    return _in_background([address], SIGN_IN_RESET)
