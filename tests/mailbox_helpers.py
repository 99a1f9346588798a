"""Real mail in tests: an SMTP server on 127.0.0.1 (aiosmtpd) that keeps what it receives,
and a portal whose MailHost sends to it. Importable from every test folder
(``from mailbox_helpers import Inbox``) and usable outside pytest too."""

from Acquisition import aq_base
from aiosmtpd.controller import Controller
from plone import api
from Products.MailHost.interfaces import IMailHost
from Products.MailHost.MailHost import MailHost
from zope.component import getSiteManager

import email
import email.policy
import socket
import time


SENDER = "kooperation@example.org"


def parse(raw):
    """A sent message (bytes) as an EmailMessage with decoded headers and body."""
    if isinstance(raw, str):
        raw = raw.encode()
    return email.message_from_bytes(raw, policy=email.policy.default)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Inbox:
    """An SMTP server on 127.0.0.1 (aiosmtpd) that keeps what it receives."""

    def __init__(self):
        self.envelopes = []
        self.port = free_port()
        self.controller = None

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"

    @property
    def messages(self):
        return [parse(envelope.content) for envelope in self.envelopes]

    def wait_for(self, n, seconds=5):
        """The messages once ``n`` have arrived (or after ``seconds``): a server in another
        thread hands mail over a moment after the request that sent it was answered."""
        for _ in range(int(seconds / 0.05)):
            if len(self.envelopes) >= n:
                break
            time.sleep(0.05)
        return self.messages

    def start(self):
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


def use_real_mailhost(portal, inbox, sender=SENDER):
    """Give ``portal`` a real MailHost (not a test layer's mock) that sends to ``inbox``."""
    if not isinstance(aq_base(portal.MailHost), MailHost):
        real = MailHost("MailHost")
        portal.MailHost = real
        sm = getSiteManager(portal)
        sm.unregisterUtility(provided=IMailHost)
        sm.registerUtility(real, provided=IMailHost)
    api.portal.set_registry_record("plone.smtp_host", "127.0.0.1")
    api.portal.set_registry_record("plone.smtp_port", inbox.port)
    api.portal.set_registry_record("plone.email_from_address", sender)
    api.portal.set_registry_record("plone.email_from_name", "Kooperation")
