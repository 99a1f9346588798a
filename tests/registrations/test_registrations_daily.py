"""The daily job's registration steps: reminder the day before (once), retention purge."""

from datetime import date
from datetime import datetime
from datetime import UTC
from kooperation.jobs.daily import run_daily
from kooperation.registrations import ledger
from kooperation.registrations.form import parse
from kooperation.testing import create_network
from mailbox_helpers import use_real_mailhost
from plone import api
from registrations_helpers import body
from registrations_helpers import make_event

import pytest
import transaction


NOW = datetime(2026, 11, 25, 12, tzinfo=UTC)


@pytest.fixture
def event(functional, inbox):
    portal = functional["portal"]
    use_real_mailhost(portal, inbox)
    net = create_network(portal, [("a", "Jobcenter")])
    event = make_event(net, capacity=1, waiting_list=1, retention_days=30)
    for n in (1, 2):
        ledger.submit(event, parse(event, body(n)), now=NOW)
    transaction.commit()
    return event


def test_reminder_the_day_before_once_and_only_to_participants(event, inbox):
    summary = run_daily(today=date(2026, 12, 8), commit=True)
    assert "registration reminders sent" not in summary.get("steps", {})
    summary = run_daily(today=date(2026, 12, 9), commit=True)
    assert summary["errors"] == []
    assert summary["steps"]["registration reminders sent"] == 1
    (message,) = inbox.wait_for(1)
    assert message["To"] == "person1@example.org"  # not the waiting one
    assert "@@cancel-registration" in message.get_content()
    summary = run_daily(today=date(2026, 12, 9), commit=True)
    assert "registration reminders sent" not in summary.get("steps", {})


def test_purge_after_the_retention_keeps_counts(event):
    day = ledger.settings(event).purge_day
    assert day == date(2027, 1, 9)  # end on 10.12. + 30 days
    summary = run_daily(today=day - (day - day.replace(day=8)), commit=True)
    assert "registrations purged" not in summary.get("steps", {})
    summary = run_daily(today=day, commit=True)
    assert summary["steps"]["registrations purged"] == 2
    objs = ledger.objects(event)
    assert [o.email for o in objs] == ["", ""]
    assert all(o.purged and o.title == "" for o in objs)
    counts = ledger.counts(event)
    assert (counts.by_state["confirmed"], counts.by_state["waiting"]) == (1, 1)
    states = sorted(api.content.get_state(o) for o in objs)
    assert states == ["confirmed", "waiting"]


def test_purge_asks_the_catalog_and_purges_each_event_once(event, monkeypatch):
    from datetime import timedelta
    from kooperation.registrations import daily
    from kooperation.registrations.interfaces import IRegistrationsPurged
    from registrations_helpers import START

    net = event.aq_parent
    day = ledger.settings(event).purge_day  # 9.1.2027
    # ended with the first one, but keeps its data for a year: asked for, not purged
    long_kept = make_event(net, id="long-kept", retention_days=365)
    ledger.submit(long_kept, parse(long_kept, body(7)), now=NOW)
    # takes place in summer: its retention cannot have ended, the catalog leaves it out
    later = START + timedelta(days=200)
    future = make_event(net, id="future", start=later, end=later + timedelta(hours=7))
    ledger.submit(future, parse(future, body(8)), now=NOW)
    transaction.commit()

    def asked(today):
        return sorted(e.getId() for e in daily.events(**daily.retention_can_have_ended(today)))

    assert asked(day) == ["long-kept", "workshop"]
    assert asked(date(2026, 12, 7)) == []  # nothing has ended yet

    calls = []
    purge_due = ledger.purge_due

    def spy(obj, today):
        calls.append(obj.getId())
        return purge_due(obj, today)

    monkeypatch.setattr(ledger, "purge_due", spy)
    future._p_deactivate()
    assert future._p_status == "ghost"

    summary = run_daily(today=day, commit=True)
    assert summary["errors"] == []
    assert summary["steps"]["registrations purged"] == 2
    assert calls == ["workshop"]  # not the one kept for a year, not the future one
    assert future._p_status == "ghost"  # not even loaded
    assert IRegistrationsPurged.providedBy(event)
    assert [o.email for o in ledger.objects(event)] == ["", ""]
    assert ledger.objects(long_kept)[0].email == "person7@example.org"
    assert asked(day) == ["long-kept"]

    # the next runs leave the purged event alone
    summary = run_daily(today=day + timedelta(days=1), commit=True)
    assert "registrations purged" not in summary.get("steps", {})
    assert calls == ["workshop"]

    # a registration after the purge (registration reopened): the job looks again
    event.capacity = 3
    outcome = ledger.submit(event, parse(event, body(9)), now=NOW)
    assert outcome.state == "confirmed"
    transaction.commit()
    assert not IRegistrationsPurged.providedBy(event)
    assert asked(day) == ["long-kept", "workshop"]
    summary = run_daily(today=day + timedelta(days=2), commit=True)
    assert summary["steps"]["registrations purged"] == 1
    assert calls == ["workshop", "workshop"]
    assert IRegistrationsPurged.providedBy(event)
