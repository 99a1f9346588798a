"""The verdict of ``GET /@health`` from plain facts, without Zope.

A load balancer only needs to know whether this instance can serve: that is the
database. A failed or overdue daily job and a mail backlog are worth an alert but
not a reason to take the instance out of rotation, so they make the answer
``degraded`` with HTTP 200; only an unreachable database gives 503.

The answer carries states, ages and counts only: no paths, host names, user names,
error texts or content, because anybody may ask.
"""

from datetime import datetime


# The daily job runs once a day from cron; a little slack for a slow run.
DAILY_MAX_AGE_HOURS = 26
# More queued mails than this means the mail server has not taken them for a while.
MAIL_BACKLOG = 50


def daily_state(record, now):
    """``ok`` / ``failed`` / ``overdue`` / ``never`` and the age of the last run in hours."""
    if not record or not record.get("finished"):
        return {"state": "never", "age_hours": None}
    finished = datetime.fromisoformat(record["finished"])
    age = round((now - finished).total_seconds() / 3600, 1)
    if not record.get("ok"):
        state = "failed"
    elif age > DAILY_MAX_AGE_HOURS:
        state = "overdue"
    else:
        state = "ok"
    return {"state": state, "age_hours": age}


def mail_state(queued, pending):
    """``direct`` (sent at commit), ``ok`` or ``backlog`` for a queueing mail host."""
    if not queued:
        return {"state": "direct", "pending": None}
    if pending is None:
        return {"state": "unknown", "pending": None}
    return {"state": "backlog" if pending > MAIL_BACKLOG else "ok", "pending": pending}


def verdict(database_ok, database_ms, daily, mail):
    """The whole answer and its HTTP status."""
    if not database_ok:
        status = "down"
    elif daily["state"] != "ok" or mail["state"] in ("backlog", "unknown"):
        status = "degraded"
    else:
        status = "ok"
    body = {
        "status": status,
        "database": {"state": "ok" if database_ok else "down", "ms": database_ms},
        "daily_job": daily,
        "mail": mail,
    }
    return (503 if status == "down" else 200), body
