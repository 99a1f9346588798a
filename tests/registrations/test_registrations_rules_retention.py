"""Retention: personal data go after event end + retention days, the counts stay."""

from datetime import date
from datetime import datetime
from kooperation.registrations.rules import cancel
from kooperation.registrations.rules import counts
from kooperation.registrations.rules import due_for_purge
from kooperation.registrations.rules import Event
from kooperation.registrations.rules import purge
from kooperation.registrations.rules import register
from kooperation.registrations.rules import Submission

import pytest


NOW = datetime(2026, 4, 1, 12, 34, 56)
EVENT = Event(
    start=datetime(2026, 6, 10, 9),
    end=datetime(2026, 6, 11, 17),
    capacity=2,
    waiting_list=2,
    retention_days=30,
    min_age_without_consent=16,
)


def registrations():
    regs = ()
    for i, partner in enumerate(["ZIB", "Stadt", "ZIB", ""]):
        s = Submission(f"r{i}", f"p{i}@example.org", NOW, partner, date(2000 + i, 1, 1))
        _, regs = register(EVENT, regs, s, NOW)
    return cancel(EVENT, regs, "r1", NOW).registrations


@pytest.mark.parametrize(
    ("day", "due"),
    [(date(2026, 7, 10), 0), (date(2026, 7, 11), 4), (date(2027, 1, 1), 4)],
)
def test_due_from_event_end_plus_retention(day, due):
    assert EVENT.purge_day == date(2026, 7, 11)
    assert len(due_for_purge(EVENT, registrations(), day)) == due


def test_purge_removes_personal_data_and_keeps_counts():
    before = registrations()
    ids, after = purge(EVENT, before, date(2026, 7, 11))
    assert ids == ("r0", "r1", "r2", "r3")
    assert all(r.purged and r.email == "" and r.birth_date is None for r in after)
    assert all(r.created == datetime(2026, 4, 1) for r in after)  # only the day remains
    assert counts(after) == counts(before)
    assert counts(after).by_partner["ZIB"]["confirmed"] == 2
    assert due_for_purge(EVENT, after, date(2026, 8, 1)) == ()  # done once


def test_nothing_purged_before_the_day():
    before = registrations()
    assert purge(EVENT, before, date(2026, 7, 10)) == ((), before)


def test_without_end_the_start_counts():
    event = Event(start=datetime(2026, 6, 10, 9), capacity=1, retention_days=0)
    assert event.purge_day == date(2026, 6, 10)
