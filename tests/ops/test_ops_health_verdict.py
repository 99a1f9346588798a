"""The verdict of /@health from plain facts (kooperation.ops.health, no Zope)."""

from datetime import datetime
from kooperation.ops.health import daily_state
from kooperation.ops.health import mail_state
from kooperation.ops.health import verdict

import pytest


NOW = datetime(2026, 11, 25, 12, 0)


@pytest.mark.parametrize(
    ("record", "state", "age"),
    [
        (None, "never", None),
        ({"finished": "2026-11-25T06:00:00", "ok": True}, "ok", 6.0),
        ({"finished": "2026-11-25T06:00:00", "ok": False}, "failed", 6.0),
        ({"finished": "2026-11-24T09:30:00", "ok": True}, "overdue", 26.5),
        ({"finished": "2026-11-24T10:30:00", "ok": True}, "ok", 25.5),
    ],
)
def test_daily_state(record, state, age):
    assert daily_state(record, NOW) == {"state": state, "age_hours": age}


@pytest.mark.parametrize(
    ("queued", "pending", "state"),
    [(False, None, "direct"), (True, 0, "ok"), (True, 51, "backlog"), (True, None, "unknown")],
)
def test_mail_state(queued, pending, state):
    assert mail_state(queued, pending)["state"] == state


OK_DAILY = {"state": "ok", "age_hours": 1.0}
DIRECT = {"state": "direct", "pending": None}


def test_all_well_is_200_ok():
    status, body = verdict(True, 0.4, OK_DAILY, DIRECT)
    assert (status, body["status"]) == (200, "ok")
    assert body["database"] == {"state": "ok", "ms": 0.4}


@pytest.mark.parametrize(
    ("daily", "mail"),
    [
        ({"state": "failed", "age_hours": 2.0}, DIRECT),
        ({"state": "never", "age_hours": None}, DIRECT),
        (OK_DAILY, {"state": "backlog", "pending": 80}),
    ],
)
def test_job_or_mail_trouble_keeps_the_instance_in_rotation(daily, mail):
    status, body = verdict(True, 1.0, daily, mail)
    assert (status, body["status"]) == (200, "degraded")


def test_no_database_is_503():
    status, body = verdict(False, None, OK_DAILY, DIRECT)
    assert (status, body["status"], body["database"]["state"]) == (503, "down", "down")
