"""The mail server settings and the mail queue, for admins who are not Plone experts.

Plone sends through its MailHost when the transaction commits. Sent directly (Plone's
default), a mail server that is down makes the user's action fail: zope.sendmail asks the
server in the transaction's vote, so publishing minutes or a registration is refused.
With the queue on, the mails are written to a maildir in the same transaction and a
thread of each instance sends them when the server takes them; nothing the user did is
lost and ``@health`` shows the backlog. The queue directory is a maildir: several
instances (RelStorage) may share it on one machine, zope.sendmail's hard-link lock sends
each mail once.

``check`` is pure; ``configure``, ``start_sender`` and ``flush`` adapt it to the site.
"""

from pathlib import Path

import os
import re
import time


# zope.sendmail marks a mail it sends with a ``.sending-`` link and, when sending fails
# (the server is down), leaves the mark: the mail is tried again only after three hours.
# A send takes seconds (10 s socket timeout), so a mark this old is from a failed try.
RETRY_SECONDS = 10 * 60
ADDRESS = re.compile(r"^[^@\s<>\"]+@[^@\s<>\"]+\.[^@\s<>\"]+$")
HOST = re.compile(r"^[A-Za-z0-9.\-:\[\]]+$")


def check(host=None, port=None, sender=None, queue=None):
    """The problems of the given settings as messages for the admin; [] when sound."""
    problems = []
    if host is not None and not HOST.match(host):
        problems.append(f"mail server {host!r}: a host name or an IP address, without spaces")
    if port is not None:
        try:
            number = int(port)
        except (TypeError, ValueError):
            number = 0
        if not 1 <= number <= 65535:
            problems.append(f"port {port!r}: a number from 1 to 65535")
    if sender is not None and not ADDRESS.match(sender):
        problems.append(f"sender {sender!r}: an e-mail address like portal@example.org")
    if queue:
        path = Path(queue)
        if path.exists() and not path.is_dir():
            problems.append(f"queue {queue}: exists and is not a folder")
    return problems


def settings(site):
    """What is configured now (without the password)."""
    from plone import api

    mailhost = site.MailHost

    def record(name):
        return api.portal.get_registry_record(f"plone.{name}", default=None)

    return {
        "host": record("smtp_host"),
        "port": record("smtp_port"),
        "user": record("smtp_userid"),
        "password_set": bool(record("smtp_pass")),
        "sender": record("email_from_address"),
        "sender_name": record("email_from_name"),
        "queue": mailhost.smtp_queue_directory if mailhost.smtp_queue else None,
    }


def configure(site, host=None, port=None, user=None, password=None, sender=None, name=None,
              queue=None):  # fmt: skip
    """Write the settings that are given; ``queue``: a folder (queue on), False (off).

    Raises ValueError with the problems of ``check``."""
    from mailbox import Maildir
    from plone import api

    problems = check(host, port, sender, queue or None)
    if problems:
        raise ValueError("; ".join(problems))
    records = {
        "smtp_host": host,
        "smtp_port": None if port is None else int(port),
        "smtp_userid": user,
        "smtp_pass": password,
        "email_from_address": sender,
        "email_from_name": name,
    }
    for key, value in records.items():
        if value is not None:
            api.portal.set_registry_record(f"plone.{key}", value)
    mailhost = site.MailHost
    if host is not None:
        mailhost.smtp_host = host
    if port is not None:
        mailhost.smtp_port = int(port)
    if queue:
        path = str(Path(queue).resolve())
        Maildir(path, create=True)  # cur, new, tmp
        mailhost.smtp_queue = True
        mailhost.smtp_queue_directory = path
    elif queue is False:
        mailhost.smtp_queue = False
    return settings(site)


def release_stale(directory, older_than=RETRY_SECONDS, now=None):
    """Remove the marks of failed sends older than ``older_than`` seconds, so the
    mails are tried again; returns how many."""
    now = time.time() if now is None else now
    released = 0
    for sub in ("new", "cur"):
        folder = Path(directory) / sub
        if not folder.is_dir():
            continue
        for mark in folder.glob(".sending-*"):
            try:
                if now - mark.stat().st_mtime > older_than:
                    mark.unlink()
                    released += 1
            except FileNotFoundError:  # another process released or sent it
                continue
    return released


def tend(site):
    """What the health check does for the queue: release marks of failed sends, and
    start this instance's sender if none runs (``start_sender``)."""
    mailhost = getattr(site, "MailHost", None)
    if not getattr(mailhost, "smtp_queue", False):
        return
    release_stale(mailhost.smtp_queue_directory)
    start_sender(site)


def start_sender(site):
    """Start this instance's queue sender when the queue is on and none runs.

    Products.MailHost starts it only with the instance's first queued mail, so mails
    queued by another process (the daily job) or before a restart would wait for that."""
    mailhost = getattr(site, "MailHost", None)
    if not getattr(mailhost, "smtp_queue", False) or os.environ.get("MAILHOST_QUEUE_ONLY"):
        return False
    if mailhost.queueThreadAlive():
        return False
    mailhost.manage_restartQueueThread(action="start")
    return True


def flush(site):
    """Send what is queued now, once, in this process; returns (sent, left).

    For the daily job, which exits right after queueing, and for ``kooperation-admin
    mail --flush`` after an outage. Mails the server refuses stay queued."""
    from zope.sendmail.queue import QueueProcessorThread

    mailhost = site.MailHost
    if not mailhost.smtp_queue:
        return 0, 0
    release_stale(mailhost.smtp_queue_directory)
    before = int(mailhost.queueLength())
    sender = QueueProcessorThread()
    sender.setMailer(mailhost._makeMailer())
    sender.setQueuePath(mailhost.smtp_queue_directory)
    sender.run(forever=False)
    left = int(mailhost.queueLength())
    return before - left, left
