"""A real SMTP server on the loopback address (aiosmtpd) that keeps every message it receives."""

from contextlib import contextmanager

from aiosmtpd.controller import Controller

from .services import free_port


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        self.messages.append((envelope.rcpt_tos, envelope.content.decode("utf-8", "replace")))
        return "250 OK"


@contextmanager
def smtp_server():
    """Yields (port, inbox) while the server runs."""
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield controller.port, inbox
    finally:
        controller.stop()
