"""Who gets a reminder: signatories on the day, the network's coordinators, further addresses."""

from datetime import timedelta
from jobs_helpers import build_network
from jobs_helpers import DEADLINE
from jobs_helpers import set_settings
from jobs_helpers import start_in_force
from kooperation.jobs.daily import run_daily
from kooperation.jobs.reminders import due_for
from kooperation.jobs.reminders import recipients
from kooperation.jobs.reminders import send_reminder
from kooperation.jobs.reminders import sent_reminders
from kooperation.workspace import confirm_person
from plone import api

import logging
import pytest


BOSSES = ["boss-a@example.org", "boss-b@example.org", "boss-c@example.org"]


# The tests start from the network and its agreement in force of a layer, built once
# (conftest.py); each test's changes are rolled back.
globals().update(start_in_force())


def day(offset):
    return DEADLINE + timedelta(days=offset)


def user(name, **properties):
    with api.env.adopt_roles(["Manager"]):
        return api.user.create(
            username=name,
            email=properties.pop("email", f"{name}@example.org"),
            password="secret-pw-123",
            properties=properties or None,
        )


@pytest.fixture
def collect_log():
    records = []

    class Handler(logging.Handler):
        def emit(self, record):
            records.append(record)

    handler = Handler(level=logging.DEBUG)
    log = logging.getLogger("kooperation.jobs")
    old_level = log.level
    log.addHandler(handler)
    log.setLevel(logging.DEBUG)
    yield records
    log.removeHandler(handler)
    log.setLevel(old_level)


class TestSignatories:
    def test_persons_who_may_sign_with_an_email(self, in_force, network):
        network["c"]["boss"].email = None
        assert recipients(in_force, day(-30)) == BOSSES[:2]

    def test_contacts_who_may_not_sign_get_none(self, in_force, network):
        contact = network["a"]["contact"]
        contact.may_sign = True
        # proposed, not yet confirmed by the partner: no authority, no reminder
        assert "contact-a@example.org" not in recipients(in_force, day(-30))
        confirm_person(contact, by="test")
        assert "contact-a@example.org" in recipients(in_force, day(-30))
        contact.may_sign = False  # narrowing needs no confirmation
        assert "contact-a@example.org" not in recipients(in_force, day(-30))

    def test_within_their_window(self, in_force, network):
        boss_b = network["b"]["boss"]
        boss_b.signing_until = day(-10)
        assert recipients(in_force, day(-30)) == BOSSES
        assert recipients(in_force, day(-10)) == BOSSES  # the last day counts
        assert recipients(in_force, day(-7)) == [BOSSES[0], BOSSES[2]]
        boss_b.signing_until = None
        boss_b.signing_from = day(-5)
        assert recipients(in_force, day(-7)) == [BOSSES[0], BOSSES[2]]
        assert recipients(in_force, day(-5)) == BOSSES

    def test_only_persons_of_the_parties(self, portal, in_force):
        other = build_network(portal, id="other-net")
        other["a"]["boss"].email = "boss-other@example.org"
        assert recipients(in_force, day(-30)) == BOSSES


class TestCoordinators:
    def test_users_with_the_local_role_on_the_network(self, portal, in_force, network):
        user("koordinatorin")
        user("leserin")
        user("fremde")
        other = build_network(portal, id="other-net")
        with api.env.adopt_roles(["Manager"]):
            api.user.grant_roles(username="koordinatorin", obj=network, roles=["Coordinator"])
            api.user.grant_roles(username="leserin", obj=network, roles=["Reader"])
            api.user.grant_roles(username="fremde", obj=other, roles=["Coordinator"])
        assert recipients(in_force, day(-30)) == [*BOSSES, "koordinatorin@example.org"]

    def test_groups_with_the_role_are_expanded(self, in_force, network):
        for name in ("erste", "zweite", "ohne"):
            user(name)
        with api.env.adopt_roles(["Manager"]):
            api.group.create(groupname="koordination", title="Koordination")
            api.group.add_user(groupname="koordination", username="erste")
            api.group.add_user(groupname="koordination", username="zweite")
            api.group.create(groupname="andere")
            api.group.add_user(groupname="andere", username="ohne")
            api.group.grant_roles(groupname="koordination", obj=network, roles=["Coordinator"])
            api.group.grant_roles(groupname="andere", obj=network, roles=["Reader"])
        assert recipients(in_force, day(-30)) == [
            *BOSSES,
            "erste@example.org",
            "zweite@example.org",
        ]

    def test_a_coordinator_without_email(self, in_force, network):
        user("koordinatorin")
        with api.env.adopt_roles(["Manager"]):
            api.user.grant_roles(username="koordinatorin", obj=network, roles=["Coordinator"])
            api.user.get(username="koordinatorin").setMemberProperties({"email": ""})
        assert recipients(in_force, day(-30)) == BOSSES


class TestSettingsAndOrder:
    def test_further_recipients_deduplicated_and_sorted(self, in_force, network):
        user("koordinatorin", email="Boss-A@example.org")
        with api.env.adopt_roles(["Manager"]):
            api.user.grant_roles(username="koordinatorin", obj=network, roles=["Coordinator"])
        set_settings(
            coordinator_emails=["zentrale@example.org", "aaa@example.org", "BOSS-b@example.org"]
        )
        assert recipients(in_force, day(-30)) == [
            "aaa@example.org",
            *BOSSES,
            "zentrale@example.org",
        ]

    def test_invalid_further_recipients_are_ignored(self, in_force):
        set_settings(coordinator_emails=["kaputt", "  ", "ok@example.org"])
        assert recipients(in_force, day(-30)) == [*BOSSES, "ok@example.org"]


class TestWithoutRecipients:
    @pytest.fixture(autouse=True)
    def _nobody(self, network):
        for pid in "abc":
            network[pid]["boss"].email = None

    def test_warning_not_error_and_still_due(self, portal, in_force, sent, collect_log):
        summary = run_daily(portal, today=day(-30))
        assert summary["reminders_sent"] == 0
        assert summary["reminders_without_recipients"] == 1
        assert summary["errors"] == []
        assert sent() == []
        assert sent_reminders(in_force) == {}
        warnings = [r for r in collect_log if r.levelno == logging.WARNING]
        assert len(warnings) == 1
        assert "No recipient" in warnings[0].getMessage()
        assert "/plone/net/agreement" in warnings[0].getMessage()
        assert not [r for r in collect_log if r.levelno >= logging.ERROR]

    def test_goes_out_once_someone_can_receive_it(self, portal, in_force, network, sent):
        reminder = due_for(in_force, day(-30), (90, 30, 7))
        assert send_reminder(reminder) == []
        network["b"]["boss"].email = "boss-b@example.org"
        run_daily(portal, today=day(-20))
        assert [m["To"] for m in sent()] == ["boss-b@example.org"]
