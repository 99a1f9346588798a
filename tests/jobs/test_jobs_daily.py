"""run_daily: the workflow follows the calendar, stale deadline indexes are refreshed."""

from datetime import date
from datetime import timedelta
from jobs_helpers import build_agreement
from jobs_helpers import build_network
from jobs_helpers import DEADLINE
from jobs_helpers import sign_all
from jobs_helpers import start_in_force
from kooperation.agreements import indexers
from kooperation.agreements.validity import IValidityRules
from kooperation.jobs import daily
from kooperation.jobs.daily import format_summary
from kooperation.jobs.daily import last_run
from kooperation.jobs.daily import run_daily
from kooperation.jobs.daily import set_site_url
from plone import api
from Products.CMFCore.indexing import processQueue

import pytest


def state(obj):
    return api.content.get_state(obj)


def end_in_the_past(agreement, end=date(2020, 12, 31)):
    rules = IValidityRules(agreement)
    rules.initial_term = rules.renewal_term = rules.notice_period = None
    rules.end_date = end


def brain_of(obj):
    catalog = api.portal.get_tool("portal_catalog")
    processQueue()
    (brain,) = catalog.unrestrictedSearchResults(UID=obj.UID())
    return brain


# The tests start from the network and its agreement in force of a layer, built once
# (conftest.py); each test's changes are rolled back.
globals().update(start_in_force())


class TestExpire:
    @pytest.mark.parametrize("transitions", [(), ("give_notice",)])
    def test_ended_agreement_expires(self, portal, in_force, transitions):
        with api.env.adopt_roles(["Manager"]):
            for transition in transitions:
                api.content.transition(obj=in_force, transition=transition)
        end_in_the_past(in_force)
        summary = run_daily(portal)
        assert summary["expired"] == 1
        assert summary["errors"] == []
        assert state(in_force) == "ended"
        assert brain_of(in_force).review_state == "ended"
        assert run_daily(portal)["expired"] == 0

    def test_running_agreement_stays(self, portal, in_force):
        assert run_daily(portal)["expired"] == 0
        assert state(in_force) == "in_force"

    def test_ends_today_is_still_in_force(self, portal, in_force):
        end_in_the_past(in_force, end=date.today())
        assert run_daily(portal)["expired"] == 0
        assert state(in_force) == "in_force"


class TestEnterIntoForce:
    """In a site of its own, without the layer's agreement in force."""

    @pytest.fixture
    def portal(self, integration):
        return integration["portal"]

    @pytest.fixture
    def network(self, portal):
        return build_network(portal)

    def fixed(self, network, effective_date):
        obj = build_agreement(
            network, id="fixed", effective_rule="fixed_date", effective_date=effective_date
        )
        return sign_all(obj, enter=False)

    def test_fixed_date_has_come(self, portal, network):
        obj = self.fixed(network, date.today() - timedelta(days=1))
        assert state(obj) == "for_signature"
        summary = run_daily(portal)
        assert summary["entered_into_force"] == 1
        assert state(obj) == "in_force"

    def test_fixed_date_to_come(self, portal, network):
        obj = self.fixed(network, date.today() + timedelta(days=10))
        assert run_daily(portal)["entered_into_force"] == 0
        assert state(obj) == "for_signature"

    def test_signatures_missing(self, portal, network, agreement):
        with api.env.adopt_roles(["Manager"]):
            api.content.transition(obj=agreement, transition="freeze_for_signature")
        assert run_daily(portal)["entered_into_force"] == 0
        assert state(agreement) == "for_signature"


class FrozenDate(date):
    @classmethod
    def today(cls):
        return date(2020, 1, 1)


class TestReindex:
    def test_stale_deadlines_are_reindexed(self, portal, in_force, monkeypatch):
        with monkeypatch.context() as patch:
            patch.setattr(indexers, "date", FrozenDate)
            in_force.reindexObject()
            processQueue()
        stale = brain_of(in_force)
        assert stale.deadlines_indexed_on == "2020-01-01"
        assert stale.notice_deadline == "2020-11-19"

        summary = run_daily(portal)
        assert summary["reindexed"] == 1

        fresh = brain_of(in_force)
        assert fresh.deadlines_indexed_on == date.today().isoformat()
        assert fresh.notice_deadline > date.today().isoformat()
        catalog = api.portal.get_tool("portal_catalog")
        found = catalog.unrestrictedSearchResults(notice_deadline=fresh.notice_deadline)
        assert [b.getId for b in found] == ["agreement"]
        assert not catalog.unrestrictedSearchResults(notice_deadline="2020-11-19")

    def test_fresh_ones_are_left_alone(self, portal, in_force):
        assert brain_of(in_force).deadlines_indexed_on == date.today().isoformat()
        assert run_daily(portal)["reindexed"] == 0


class TestRun:
    def test_summary_and_last_run(self, portal, in_force, sent):
        assert last_run(portal) is None
        today = DEADLINE - timedelta(days=7)
        summary = run_daily(portal, today=today)
        assert summary == {
            "date": "2026-11-12",
            "expired": 0,
            "entered_into_force": 0,
            "reindexed": 0,
            "reminders_sent": 1,
            "reminders_without_recipients": 0,
            "errors": [],
        }
        record = last_run(portal)
        assert record["date"] == "2026-11-12"
        assert record["ok"] is True
        assert record["summary"] == summary
        assert record["started"] <= record["finished"]
        assert format_summary(summary) == (
            "2026-11-12: 0 expired, 0 entered into force, 0 reindexed, 1 reminders sent, "
            "0 reminders without recipients, 0 errors"
        )

    def test_a_failure_is_reported_and_the_rest_goes_on(
        self, portal, network, in_force, sent, monkeypatch
    ):
        self_fixed = build_agreement(
            network,
            id="fixed",
            effective_rule="fixed_date",
            effective_date=date.today() - timedelta(days=1),
        )
        sign_all(self_fixed, enter=False)
        other = sign_all(build_agreement(network, id="other", title="Andere"))
        end_in_the_past(other)

        def boom(obj):
            raise RuntimeError("boom")

        monkeypatch.setattr(daily, "enter_into_force_if_due", boom)
        summary = run_daily(portal, today=DEADLINE - timedelta(days=30))
        assert summary["errors"] == ["enter_into_force: /plone/net/fixed: RuntimeError: boom"]
        assert summary["expired"] == 1
        assert summary["reminders_sent"] == 1
        assert state(self_fixed) == "for_signature"
        assert last_run(portal)["ok"] is False
        assert "1 error" in format_summary(summary)

    def test_runs_for_anonymous_too(self, portal, in_force, sent):
        from plone.app.testing import logout

        logout()
        assert run_daily(portal, today=DEADLINE - timedelta(days=30))["reminders_sent"] == 1


class TestSiteUrl:
    @pytest.mark.parametrize(
        ("url", "expected"),
        [
            ("https://koop.example.org/", "https://koop.example.org"),
            ("http://127.0.0.1:8080/Plone", "http://127.0.0.1:8080/Plone"),
            ("https://example.org:8443/netz/", "https://example.org:8443/netz"),
        ],
    )
    def test_links_use_the_public_url(self, portal, in_force, url, expected):
        assert set_site_url(portal.REQUEST, portal, url) == expected
        assert in_force.absolute_url() == f"{expected}/net/agreement"

    def test_not_a_url(self, portal):
        with pytest.raises(ValueError):
            set_site_url(portal.REQUEST, portal, "koop.example.org")


class TestPluggedInSteps:
    """Other parts of the product add steps as named IDailyStep utilities."""

    def test_steps_run_in_name_order_count_and_fail_alone(self, portal, in_force, sent):
        from kooperation.jobs.daily import IDailyStep
        from zope.component import getGlobalSiteManager

        calls = []

        def second(run):
            calls.append(("second", run.today))
            raise RuntimeError("broken step")

        def first(run):
            calls.append(("first", run.today))
            run.count("meeting reminders sent", 2)

        gsm = getGlobalSiteManager()
        gsm.registerUtility(second, IDailyStep, name="zz-second")
        gsm.registerUtility(first, IDailyStep, name="aa-first")
        try:
            today = DEADLINE - timedelta(days=7)
            summary = run_daily(portal, today=today)
        finally:
            gsm.unregisterUtility(second, IDailyStep, name="zz-second")
            gsm.unregisterUtility(first, IDailyStep, name="aa-first")
        assert calls == [("first", today), ("second", today)]
        assert summary["steps"] == {"meeting reminders sent": 2}
        assert summary["reminders_sent"] == 1
        assert summary["errors"] == ["zz-second: step: RuntimeError: broken step"]
        assert "2 meeting reminders sent, 1 error" in format_summary(summary)
        assert last_run(portal)["ok"] is False
