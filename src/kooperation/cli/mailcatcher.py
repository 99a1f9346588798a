"""Mail that arrives without a mail server: `make start`'s local catcher.

Without SMTP settings, `make start` points the portal's MailHost at an SMTP server on
127.0.0.1 (aiosmtpd) that runs in the same process as the web server and writes every
mail into a Maildir under the instance's var folder (``var/mail/new``: one file per
mail, readable with any mail client or ``less``). With SMTP_HOST (and SMTP_PORT,
SMTP_USER, SMTP_PASSWORD) the mail goes to that server instead.
"""

from pathlib import Path

import mailbox
import os


CATCHER_HOST = "127.0.0.1"
DEFAULT_CATCHER_PORT = 8025
# What a fresh Plone site says when nobody configured a mail server.
_UNCONFIGURED_HOSTS = (None, "", "localhost", CATCHER_HOST)


def maildir_path(instance_dir):
    return Path(instance_dir) / "var" / "mail"


def catcher_port(environ=None):
    environ = os.environ if environ is None else environ
    return int(environ.get("MAIL_CATCHER_PORT") or DEFAULT_CATCHER_PORT)


def start_settings(current, environ=None):
    """The mail settings `make start` writes, given the site's ``current`` ones.

    Returns (changes for ``kooperation.ops.mail.configure``, what to tell the user):
    SMTP_HOST wins; a real server set earlier (``kooperation-admin mail``) is kept;
    otherwise the local catcher.
    """
    environ = os.environ if environ is None else environ
    if environ.get("SMTP_HOST"):
        changes = {
            "host": environ["SMTP_HOST"],
            "port": environ.get("SMTP_PORT") or "25",
            "user": environ.get("SMTP_USER") or None,
            "password": environ.get("SMTP_PASSWORD") or None,
        }
        return changes, f"Mail: sent through {changes['host']}:{changes['port']} (SMTP_HOST)"
    port = catcher_port(environ)
    host = current.get("host")
    if host not in _UNCONFIGURED_HOSTS or current.get("port") not in (None, 25, port):
        return {}, f"Mail: sent through {host}:{current.get('port')} (kooperation-admin mail)"
    return {"host": CATCHER_HOST, "port": str(port)}, None


class MaildirHandler:
    """aiosmtpd handler: every message into a Maildir (written to tmp/, moved to new/)."""

    def __init__(self, path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.maildir = mailbox.Maildir(str(self.path), create=True)

    async def handle_DATA(self, server, session, envelope):
        content = envelope.original_content or envelope.content
        if isinstance(content, str):
            content = content.encode("utf-8")
        recipients = ", ".join(envelope.rcpt_tos)
        message = mailbox.MaildirMessage(
            b"X-Kooperation-To: " + recipients.encode() + b"\r\n" + content
        )
        self.maildir.add(message)
        return "250 Message accepted for delivery"


def start_catcher(instance_dir, port=None):
    """Start the catcher in a thread of this process; return the controller (or None when
    the port is taken, e.g. by the catcher of another instance)."""
    from aiosmtpd.controller import Controller

    port = port or catcher_port()
    controller = Controller(
        MaildirHandler(maildir_path(instance_dir)), hostname=CATCHER_HOST, port=port
    )
    try:
        controller.start()
    except (OSError, RuntimeError) as exc:
        print(f"Mail catcher: port {port} not available ({exc}); mails to it fail")
        return None
    return controller


def serve(instance_dir, wsgi_args):
    """runwsgi with the catcher beside it (unless SMTP_HOST is set); stops both together."""
    from Zope2.Startup.serve import main

    controller = None
    if not os.environ.get("SMTP_HOST"):
        controller = start_catcher(instance_dir)
        if controller is not None:
            print(
                f"Mail catcher on {CATCHER_HOST}:{controller.port}: mails are kept in"
                f" {maildir_path(instance_dir)}/new (one file per mail)",
                flush=True,
            )
    try:
        return main(["runwsgi", *wsgi_args])
    finally:
        if controller is not None:
            controller.stop()
