"""The daily job (``kooperation-admin daily``): workflow by the calendar, fresh deadline
indexes, reminders of notice deadlines.

Steps, in this order:

0. ``amendments``: effective amendments whose day has come are applied to their agreements.
1. ``expire``: agreements in force or terminated whose end has passed move to 'ended'.
2. ``enter_into_force``: fully signed agreements whose fixed date has come move to
   'in force'.
3. ``reindex``: agreements whose deadline indexes were computed before today are
   reindexed (the indexes hold the deadlines as of the day of indexing).
4. ``reminders``: the reminders due on ``today`` are sent (see ``reminders``).
5. every named utility providing ``IDailyStep`` (in the order of their names): the
   steps of the other parts of the product (meeting duties, registrations, reports)
   plug in here without this module knowing them.

Steps 1-3 follow the workflow guards and the indexers, which use the real date;
``today`` (default: the real date) is the day the reminders are computed for.

A failure with one agreement is logged and counted; the job goes on with the next.
With ``commit=True`` (the command line) every change is committed on its own, so
that one failure, e.g. a mail server refusing at commit, loses nothing else.

The last run (start, end, day, summary) is kept in an annotation of the portal,
``kooperation.jobs.last_run``; read it with ``last_run()``.
"""

from datetime import date
from datetime import datetime
from kooperation.agreements.signatures import SIGNATURE_INDEXES
from kooperation.agreements.status import AgreementStatus
from kooperation.agreements.status import enter_into_force_if_due
from kooperation.amendments.apply import apply_due
from kooperation.jobs.reminders import agreements_to_remind
from kooperation.jobs.reminders import due_for
from kooperation.jobs.reminders import send_reminder
from kooperation.jobs.settings import get_settings
from persistent.mapping import PersistentMapping
from plone import api
from urllib.parse import urlsplit
from zope.annotation.interfaces import IAnnotations
from zope.component import getUtilitiesFor
from zope.interface import Interface

import logging
import transaction


logger = logging.getLogger("kooperation.jobs")

LAST_RUN_KEY = "kooperation.jobs.last_run"
# The indexes that depend on the day: those a signature changes, but for 'modified'.
DEADLINE_INDEXES = [name for name in SIGNATURE_INDEXES if name != "modified"]
COUNTS = (
    "expired",
    "entered_into_force",
    "reindexed",
    "reminders_sent",
    "reminders_without_recipients",
)


class IDailyStep(Interface):
    """A step of the daily job: called with the run, it does its work through
    ``run.guarded(step, label, action)`` and counts with ``run.count(key, n)``."""

    def __call__(run):
        """Do today's work of this step (``run.today`` is the day)."""


def _path(obj):
    return "/".join(obj.getPhysicalPath())


class _Run:
    """Runs the actions of one job run, each guarded, counted and (optionally) committed."""

    def __init__(self, today, commit):
        self.today = today
        self.commit = commit
        self.summary = {"date": today.isoformat(), **dict.fromkeys(COUNTS, 0), "errors": []}

    def guarded(self, step, label, action):
        savepoint = None if self.commit else transaction.savepoint(optimistic=True)
        try:
            result = action()
            if self.commit:
                transaction.commit()
            return result
        except Exception as exc:
            logger.exception("Daily job, %s: %s failed", step, label)
            self.summary["errors"].append(f"{step}: {label}: {type(exc).__name__}: {exc}")
            if self.commit:
                transaction.abort()
            elif savepoint is not None:
                try:
                    savepoint.rollback()
                except Exception:  # a data manager without savepoints joined meanwhile
                    logger.warning("Daily job, %s: could not roll back %s", step, label)
            return None

    def count(self, key, n=1):
        """Add ``n`` to the counter ``key`` of a plugged-in step (kept in the summary)."""
        extra = self.summary.setdefault("steps", {})
        extra[key] = extra.get(key, 0) + n

    def plugged_in_steps(self):
        for name, step in sorted(getUtilitiesFor(IDailyStep), key=lambda item: item[0]):

            def action(step=step):
                return step(self)

            # a step that fails as a whole is one error; the next step still runs
            self.guarded(name, "step", action)

    def brains(self, **query):
        catalog = api.portal.get_tool("portal_catalog")
        return list(catalog.unrestrictedSearchResults(portal_type="Agreement", **query))

    def apply_amendments(self):
        """Effective amendments whose day has come change their agreements."""

        for brain in self.brains(review_state=["in_force", "terminated"]):
            obj = brain._unrestrictedGetObject()

            def action(obj=obj):
                return len(apply_due(obj, date.today()))

            applied = self.guarded("amendments", _path(obj), action)
            if applied:
                logger.info("Daily job: %s amendments applied to %s", applied, _path(obj))

    def expire(self):
        for brain in self.brains(review_state=["in_force", "terminated"]):
            obj = brain._unrestrictedGetObject()

            def action(obj=obj):
                if not AgreementStatus(obj, obj.REQUEST).has_ended():
                    return False
                api.content.transition(obj=obj, transition="expire")
                logger.info("Daily job: %s has ended (expire)", _path(obj))
                return True

            if self.guarded("expire", _path(obj), action):
                self.summary["expired"] += 1

    def enter_into_force(self):
        for brain in self.brains(review_state="for_signature"):
            obj = brain._unrestrictedGetObject()

            def action(obj=obj):
                entered = enter_into_force_if_due(obj)
                if entered:
                    logger.info("Daily job: %s entered into force", _path(obj))
                return entered

            if self.guarded("enter_into_force", _path(obj), action):
                self.summary["entered_into_force"] += 1

    def reindex(self):
        indexed_today = date.today().isoformat()
        stale = [
            brain
            for brain in self.brains()
            if not isinstance(brain.deadlines_indexed_on, str)
            or brain.deadlines_indexed_on < indexed_today
        ]

        def action():
            for brain in stale:
                brain._unrestrictedGetObject().reindexObject(idxs=DEADLINE_INDEXES)
            return len(stale)

        if stale:
            count = self.guarded("reindex", f"{len(stale)} agreements", action)
            if count:
                self.summary["reindexed"] += count
                logger.info("Daily job: reindexed the deadlines of %s agreements", count)

    def reminders(self):
        settings = get_settings()
        if not settings.reminder_days:
            logger.info("Daily job: no reminder days configured, no reminders")
            return
        for obj in agreements_to_remind():

            def action(obj=obj):
                reminder = due_for(obj, self.today, settings.reminder_days)
                if reminder is None:
                    return None
                return bool(send_reminder(reminder, settings))

            sent = self.guarded("reminders", _path(obj), action)
            if sent is True:
                self.summary["reminders_sent"] += 1
            elif sent is False:
                self.summary["reminders_without_recipients"] += 1


def run_daily(portal=None, today=None, commit=False):
    """Run the daily job on ``portal`` (default: the current site); return its summary.

    ``{"date": ISO day, "expired": n, "entered_into_force": n, "reindexed": n,
    "reminders_sent": n, "reminders_without_recipients": n, "errors": [text, ...]}``
    """
    portal = portal if portal is not None else api.portal.get()
    today = today or date.today()
    started = datetime.now()
    run = _Run(today, commit)
    logger.info("Daily job on %s for %s", _path(portal), today.isoformat())
    with api.env.adopt_roles(["Manager"]):
        run.apply_amendments()
        run.expire()
        run.enter_into_force()
        run.reindex()
        run.reminders()
        run.plugged_in_steps()
    summary = run.summary

    def record():
        record_last_run(portal, started, datetime.now(), summary)

    run.guarded("record", "last run", record)
    level = logging.ERROR if summary["errors"] else logging.INFO
    logger.log(level, "Daily job done: %s", format_summary(summary))
    return summary


def record_last_run(portal, started, finished, summary):
    annotations = IAnnotations(portal)
    annotations[LAST_RUN_KEY] = PersistentMapping(
        {
            "started": started.isoformat(timespec="seconds"),
            "finished": finished.isoformat(timespec="seconds"),
            "date": summary["date"],
            "ok": not summary["errors"],
            "summary": {**summary, "errors": list(summary["errors"])},
        }
    )


def last_run(portal=None):
    """The record of the last run (a plain dict), or None when the job never ran."""
    portal = portal if portal is not None else api.portal.get()
    data = IAnnotations(portal).get(LAST_RUN_KEY)
    return None if data is None else dict(data)


def format_summary(summary):
    errors = len(summary["errors"])
    return (
        f"{summary['date']}: {summary['expired']} expired, "
        f"{summary['entered_into_force']} entered into force, "
        f"{summary['reindexed']} reindexed, "
        f"{summary['reminders_sent']} reminders sent, "
        f"{summary['reminders_without_recipients']} reminders without recipients, "
        + "".join(f"{n} {key}, " for key, n in sorted(summary.get("steps", {}).items()))
        + f"{errors} error{'' if errors == 1 else 's'}"
    )


def set_site_url(request, site, url):
    """Make ``absolute_url()`` below ``site`` start with ``url`` in ``request``.

    For a job outside the web server, whose request would give http://nohost/...:
    ``url`` is the site's public address, e.g. https://kooperation.example.org or
    http://127.0.0.1:8080/Plone.
    """
    parts = urlsplit(url.rstrip("/"))
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"not an http(s) URL: {url!r}")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    request.setServerURL(protocol=parts.scheme, hostname=parts.hostname, port=port)
    if not request.other.get("PARENTS"):
        request.other["PARENTS"] = [site]
    request.setVirtualRoot([step for step in parts.path.split("/") if step])
    request.other["VirtualRootPhysicalPath"] = site.getPhysicalPath()
    request._resetURLS()
    return site.absolute_url()
