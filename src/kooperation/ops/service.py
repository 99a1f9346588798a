"""``GET <site>/@health``: is this instance fit to serve? For load balancers and monitors.

Anonymous on purpose (HAProxy has no login); it reads three facts and reveals no
content, see ``kooperation.ops.health``.
"""

from datetime import datetime
from kooperation.jobs.daily import last_run
from kooperation.ops.health import daily_state
from kooperation.ops.health import mail_state
from kooperation.ops.health import verdict
from kooperation.ops.mail import tend
from plone.restapi.services import Service
from Products.Five.browser import BrowserView
from ZODB.utils import z64

import json
import logging
import time


logger = logging.getLogger("kooperation.ops")


def database_reachable(obj):
    """Load the root record from the storage itself (not the object cache)."""
    started = time.monotonic()
    try:
        obj._p_jar.db().storage.load(z64)
    except Exception:
        logger.exception("Health check: the database is not reachable")
        return False, None
    return True, round((time.monotonic() - started) * 1000, 1)


def mail_queue(site):
    """(queued, pending); with the queue on, also tend it (``ops.mail.tend``), so that a
    load balancer's polling keeps a sender running and failed mails tried again."""
    mailhost = getattr(site, "MailHost", None)
    queued = bool(getattr(mailhost, "smtp_queue", False))
    if not queued:
        return False, None
    try:
        tend(site)
        return True, int(mailhost.queueLength())
    except Exception:
        logger.exception("Health check: cannot read the mail queue")
        return True, None


def answer(site, response):
    """Set the status and caching of ``response``; return the body (a dict)."""
    database_ok, database_ms = database_reachable(site)
    try:
        record = last_run(site) if database_ok else None
    except Exception:
        record = None
    status, body = verdict(
        database_ok,
        database_ms,
        daily_state(record, datetime.now()),
        mail_state(*mail_queue(site)),
    )
    response.setStatus(status)
    response.setHeader("Cache-Control", "no-store")
    return body


class HealthGet(Service):
    """``@health`` for clients that send ``Accept: application/json``."""

    def reply(self):
        return answer(self.context, self.request.response)


class HealthView(BrowserView):
    """``@@health``: the same JSON for checkers that send no Accept header."""

    def __call__(self):
        body = answer(self.context, self.request.response)
        self.request.response.setHeader("Content-Type", "application/json")
        return json.dumps(body)
