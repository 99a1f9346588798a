"""The daily job's registration steps: reminder the day before (once), retention purge."""

from datetime import date
from datetime import datetime
from datetime import UTC
from events_helpers import body
from events_helpers import make_event
from kooperation.events import registrations
from kooperation.events.form import parse
from kooperation.jobs.daily import run_daily
from kooperation.testing import create_network
from mailbox_helpers import use_real_mailhost
from plone import api

import pytest
import time
import transaction


NOW = datetime(2026, 11, 25, 12, tzinfo=UTC)


@pytest.fixture
def event(functional, inbox):
    portal = functional["portal"]
    use_real_mailhost(portal, inbox)
    net = create_network(portal, [("a", "Jobcenter")])
    event = make_event(net, capacity=1, waiting_list=1, retention_days=30)
    for n in (1, 2):
        registrations.submit(event, parse(event, body(n)), now=NOW)
    transaction.commit()
    return event


def wait_for(inbox, n):
    for _ in range(100):
        if len(inbox.envelopes) >= n:
            break
        time.sleep(0.05)
    return inbox.messages


def test_reminder_the_day_before_once_and_only_to_participants(event, inbox):
    summary = run_daily(today=date(2026, 12, 8), commit=True)
    assert "registration reminders sent" not in summary.get("steps", {})
    summary = run_daily(today=date(2026, 12, 9), commit=True)
    assert summary["errors"] == []
    assert summary["steps"]["registration reminders sent"] == 1
    (message,) = wait_for(inbox, 1)
    assert message["To"] == "person1@example.org"  # not the waiting one
    assert "@@cancel-registration" in message.get_content()
    summary = run_daily(today=date(2026, 12, 9), commit=True)
    assert "registration reminders sent" not in summary.get("steps", {})


def test_purge_after_the_retention_keeps_counts(event):
    day = registrations.settings(event).purge_day
    assert day == date(2027, 1, 9)  # end on 10.12. + 30 days
    summary = run_daily(today=day - (day - day.replace(day=8)), commit=True)
    assert "registrations purged" not in summary.get("steps", {})
    summary = run_daily(today=day, commit=True)
    assert summary["steps"]["registrations purged"] == 2
    objs = registrations.objects(event)
    assert [o.email for o in objs] == ["", ""]
    assert all(o.purged and o.title == "" for o in objs)
    counts = registrations.counts(event)
    assert (counts.by_state["confirmed"], counts.by_state["waiting"]) == (1, 1)
    states = sorted(api.content.get_state(o) for o in objs)
    assert states == ["confirmed", "waiting"]
