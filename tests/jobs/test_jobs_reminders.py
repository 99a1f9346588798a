"""Which reminders are due on a day: once each, the most urgent when several are due."""

from datetime import timedelta
from jobs_helpers import build_agreement
from jobs_helpers import build_network
from jobs_helpers import DEADLINE
from jobs_helpers import set_settings
from jobs_helpers import sign_all
from jobs_helpers import start_in_force
from kooperation.jobs.daily import run_daily
from kooperation.jobs.reminders import due_for
from kooperation.jobs.reminders import due_reminders
from kooperation.jobs.reminders import mark_sent
from kooperation.jobs.reminders import sent_reminders
from plone import api

import pytest


DAYS = (90, 30, 7)


def day(offset):
    return DEADLINE + timedelta(days=offset)


def subjects(sent):
    return [message["Subject"] for message in sent()]


# The tests start from the network and its agreement in force of a layer, built once
# (conftest.py); each test's changes are rolled back.
globals().update(start_in_force())


class TestDue:
    @pytest.mark.parametrize(
        ("offset", "days", "covers"),
        [
            (-100, None, None),
            (-91, None, None),
            (-90, 90, (90,)),
            (-45, 90, (90,)),
            (-31, 90, (90,)),
            (-30, 30, (90, 30)),
            (-8, 30, (90, 30)),
            (-7, 7, (90, 30, 7)),
            (-1, 7, (90, 30, 7)),
            (0, 7, (90, 30, 7)),  # the deadline day itself
            (1, None, None),  # the next deadline is a year away
            (200, None, None),
        ],
    )
    def test_nothing_sent_yet(self, in_force, offset, days, covers):
        reminder = due_for(in_force, day(offset), DAYS)
        if days is None:
            assert reminder is None
            return
        assert reminder.deadline == DEADLINE
        assert reminder.days == days
        assert reminder.covers == covers
        assert reminder.days_left == -offset
        assert reminder.key == f"2026-11-19/{days}"

    @pytest.mark.parametrize(
        ("done", "offset", "days"),
        [
            ((90,), -89, None),
            ((90,), -30, 30),
            ((90,), -3, 7),
            ((90, 30), -29, None),
            ((90, 30), -7, 7),
            ((90, 30, 7), 0, None),
            ((7,), -60, None),  # a more urgent one went out: the rest is settled
        ],
    )
    def test_after_earlier_reminders(self, in_force, done, offset, days):
        mark_sent(in_force, DEADLINE, min(done), covers=done)
        reminder = due_for(in_force, day(offset), DAYS)
        assert (reminder.days if reminder else None) == days

    def test_a_new_deadline_starts_afresh(self, in_force):
        mark_sent(in_force, DEADLINE, 7, covers=DAYS)
        next_deadline = DEADLINE.replace(year=2027)
        reminder = due_for(in_force, next_deadline - timedelta(days=90), DAYS)
        assert (reminder.deadline, reminder.days) == (next_deadline, 90)

    def test_not_after_notice_was_given(self, in_force):
        with api.env.adopt_roles(["Manager"]):
            api.content.transition(obj=in_force, transition="give_notice")
        assert due_reminders(day(-30)) == []

    def test_due_reminders_of_several_agreements(self, in_force, network):
        second = sign_all(build_agreement(network, id="second", title="Zweite"))
        found = due_reminders(day(-7))
        assert [(r.agreement.getId(), r.days) for r in found] == [("agreement", 7), ("second", 7)]
        assert second in [r.agreement for r in found]


class TestOnlyAgreementsInForce:
    """In a site of its own: the layer's agreement is in force."""

    @pytest.fixture
    def portal(self, integration):
        return integration["portal"]

    @pytest.fixture
    def network(self, portal):
        return build_network(portal)

    @pytest.mark.parametrize("transitions", [(), ("freeze_for_signature",), ("cancel",)])
    def test_only_agreements_in_force(self, portal, network, transitions):
        other = build_agreement(network, id="other")
        with api.env.adopt_roles(["Manager"]):
            for transition in transitions:
                api.content.transition(obj=other, transition=transition)
        set_settings(reminder_days=list(DAYS))
        assert due_reminders(day(-30)) == []


class TestSending:
    """Through run_daily, as the job runs day by day."""

    def test_every_day_sends_each_reminder_once(self, portal, in_force, sent):
        for offset in range(-100, 4):
            run_daily(portal, today=day(offset))
        assert subjects(sent) == [
            "Kündigungsfrist in 90 Tagen: Vereinbarung",
            "Kündigungsfrist in 30 Tagen: Vereinbarung",
            "Kündigungsfrist in 7 Tagen: Vereinbarung",
        ]
        records = sent_reminders(in_force)
        assert {key: how for key, (_when, how) in records.items()} == {
            "2026-11-19/90": "sent",
            "2026-11-19/30": "sent",
            "2026-11-19/7": "sent",
        }

    def test_a_second_run_on_the_same_day_sends_nothing(self, portal, in_force, sent):
        assert run_daily(portal, today=day(-30))["reminders_sent"] == 1
        assert run_daily(portal, today=day(-30))["reminders_sent"] == 0
        assert len(sent()) == 1

    def test_a_job_that_skipped_days_catches_up_once(self, portal, in_force, sent):
        for offset in (-95, -20, -19, -3, 0, 1):
            run_daily(portal, today=day(offset))
        assert subjects(sent) == [
            "Kündigungsfrist in 20 Tagen: Vereinbarung",
            "Kündigungsfrist in 3 Tagen: Vereinbarung",
        ]
        records = sent_reminders(in_force)
        assert {key: how for key, (_when, how) in records.items()} == {
            "2026-11-19/90": "covered",
            "2026-11-19/30": "sent",
            "2026-11-19/7": "sent",
        }

    def test_first_run_on_the_deadline_day(self, portal, in_force, sent):
        run_daily(portal, today=DEADLINE)
        run_daily(portal, today=DEADLINE)
        assert subjects(sent) == ["Kündigungsfrist endet heute: Vereinbarung"]

    def test_tomorrow(self, portal, in_force, sent):
        run_daily(portal, today=day(-1))
        assert subjects(sent) == ["Kündigungsfrist endet morgen: Vereinbarung"]

    def test_reminder_days_from_the_settings(self, portal, in_force, sent):
        set_settings(reminder_days=[14, 60])
        for offset in range(-100, 1):
            run_daily(portal, today=day(offset))
        assert subjects(sent) == [
            "Kündigungsfrist in 60 Tagen: Vereinbarung",
            "Kündigungsfrist in 14 Tagen: Vereinbarung",
        ]

    def test_a_reminder_added_later_does_not_repeat_a_more_urgent_one(self, portal, in_force, sent):
        run_daily(portal, today=day(-7))
        set_settings(reminder_days=[90, 30, 7, 3])
        run_daily(portal, today=day(-5))
        run_daily(portal, today=day(-3))
        assert subjects(sent) == [
            "Kündigungsfrist in 7 Tagen: Vereinbarung",
            "Kündigungsfrist in 3 Tagen: Vereinbarung",
        ]

    def test_no_reminder_days_no_reminders(self, portal, in_force, sent):
        set_settings(reminder_days=[])
        summary = run_daily(portal, today=day(-7))
        assert summary["reminders_sent"] == 0
        assert summary["errors"] == []
        assert sent() == []
