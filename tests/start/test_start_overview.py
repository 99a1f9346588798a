"""Mein Überblick: each role finds its daily tasks on its start page, with links; nothing
it cannot use."""

from plone.app.testing import login
from plone.app.testing import logout
from zope.component import getMultiAdapter

import pytest


def overview(portal, user_id):
    login(portal, user_id)
    try:
        view = getMultiAdapter((portal, portal.REQUEST), name="my-overview")
        html = view()
        return {s["id"]: s for s in view.sections}, html
    finally:
        logout()


def titles(section):
    return [row["title"] for row in section["rows"]]


def tools(section):
    return {tool["id"]: tool["url"] for network in section["links"] for tool in network["tools"]}


class TestOverview:
    @pytest.fixture(autouse=True)
    def _setup(self, demo_portal):
        from kooperation.interfaces import IKooperationLayer
        from zope.interface import alsoProvides

        self.portal = demo_portal
        alsoProvides(demo_portal.REQUEST, IKooperationLayer)

    def test_coordinator(self):
        sections, html = overview(self.portal, "koordination")
        assert "Kooperationserklärung vom 20.05.2015" in titles(sections["deadlines"])
        assert titles(sections["reports"])  # Oberhausen is a member of the association
        links = tools(sections["networks"])
        net = self.portal["oberhausen"].absolute_url()
        assert links["deadlines"] == f"{net}/@@deadlines"
        assert links["network-members"] == f"{net}/@@network-members"
        assert links["registrations-fortbildung-2027"].endswith("/@@registrations")
        assert links["audit-log"] == f"{net}/@@audit-log"  # the network's share
        assert "Mein Überblick" in html

    def test_signatory_of_the_partner_that_has_not_signed(self):
        sections, _html = overview(self.portal, "zib-leitung")
        (row,) = sections["signatures"]["rows"]
        assert row["title"].startswith("2. Änderung")
        assert row["url"].endswith("/2-aenderung-2026/@@sign")
        assert "Druck und Verteilung des Flyers" in titles(sections["actions"])
        assert "network-members" not in tools(sections["networks"])

    def test_signatory_who_signed_has_no_signature_task(self):
        sections, _html = overview(self.portal, "jobcenter-gf")
        assert "signatures" not in sections
        assert "Runder Tisch am 19.01.2027" in titles(sections["duties"])

    def test_partner_admin_confirms_a_waiting_entry(self):
        from plone import api

        partner = self.portal["oberhausen"]["jobcenter-oberhausen"]
        with api.env.adopt_roles(["Manager"]):
            api.content.create(
                container=partner, type="Person", id="neu", title="Nora Neu", user_id="nora"
            )
        sections, _html = overview(self.portal, "jobcenter-gf")
        (row,) = sections["persons"]["rows"]
        assert row["url"].endswith("/jobcenter-oberhausen/neu/@@confirm")
        sections, _html = overview(self.portal, "koordination")
        assert "persons" not in sections

    def test_staff_registers_and_takes_duties(self):
        sections, _html = overview(self.portal, "jobcenter-u25")
        assert "Runder Tisch am 19.01.2027" in titles(sections["duties"])
        (row,) = [r for r in sections["open_events"]["rows"] if "Fortbildung" in r["title"]]
        assert row["url"].endswith("/fortbildung-2027/anmeldung")
        for coordinator_only in ("deadlines", "reports", "registrations"):
            assert coordinator_only not in sections

    def test_editor_approves_and_publishes_minutes(self):
        from plone import api

        minutes = self.portal["oberhausen"]["runder-tisch-arbeitsmarkt"]["2026-09-15"]["protokoll"]
        with api.env.adopt_roles(["Manager"]):
            api.content.transition(obj=minutes, transition="retract")
        sections, _html = overview(self.portal, "redaktion")
        assert "Protokoll vom 15.09.2026" in titles(sections["minutes"])

    def test_weinheimer_member(self):
        sections, _html = overview(self.portal, "kreis-offenbach")
        links = tools(sections["networks"])
        assert links["places-kreis-offenbach"].endswith("/kreis-offenbach/@@places-dashboard")
        assert not any(key.endswith("oberhausen") for key in links)

    def test_anonymous_is_asked_to_log_in(self):
        from zExceptions import Unauthorized

        logout()
        view = getMultiAdapter((self.portal, self.portal.REQUEST), name="my-overview")
        with pytest.raises(Unauthorized):
            view()


class TestLoginRedirect:
    @pytest.mark.parametrize(
        ("came_from", "expected"),
        [
            ("", "/@@my-overview"),
            (None, "/@@my-overview"),
            ("{portal}", "/@@my-overview"),
            ("{portal}/", "/@@my-overview"),
            ("{portal}/login", "/@@my-overview"),
            ("{portal}/oberhausen", "/oberhausen"),
        ],
    )
    def test_after_login(self, demo_portal, came_from, expected):
        from kooperation.start.redirect import RedirectToOverview

        url = demo_portal.absolute_url()
        if came_from:
            came_from = came_from.format(portal=url)
        target = RedirectToOverview(demo_portal, demo_portal.REQUEST)(came_from)
        assert target == url + expected


class TestFrontPage:
    def test_anonymous_sees_public_networks_minutes_and_meetings(self, demo_portal):
        from kooperation.interfaces import IKooperationLayer
        from kooperation.start.viewlets import FrontPageViewlet
        from zope.interface import alsoProvides

        request = demo_portal.REQUEST
        alsoProvides(request, IKooperationLayer)
        logout()
        viewlet = FrontPageViewlet(demo_portal, request, None, None)
        viewlet.update()
        assert "Netzwerk Quartier Oberhausen-Innenstadt" in [b.Title for b in viewlet.networks]
        assert [(m["title"], m["series"]) for m in viewlet.minutes] == [
            ("Protokoll vom 10.11.2026", "Runder Tisch „Arbeitsmarkt und Beschäftigung“")
        ]
        assert "Runder Tisch am 19.01.2027" in [e["title"] for e in viewlet.events]
        assert not any("Fortbildung" in e["title"] for e in viewlet.events)

    def test_minutes_name_their_series_only_to_who_may_see_it(self, demo_portal):
        from kooperation.interfaces import IKooperationLayer
        from kooperation.start.viewlets import FrontPageViewlet
        from plone import api
        from zope.interface import alsoProvides

        series = demo_portal["oberhausen"]["runder-tisch-arbeitsmarkt"]
        with api.env.adopt_roles(["Manager"]):
            api.content.transition(obj=series, transition="retract")
        request = demo_portal.REQUEST
        alsoProvides(request, IKooperationLayer)
        logout()
        viewlet = FrontPageViewlet(demo_portal, request, None, None)
        viewlet.update()
        assert [(m["title"], m["series"]) for m in viewlet.minutes] == [
            ("Protokoll vom 10.11.2026", "")
        ]


class TestPortalTabs:
    def test_tabs(self, demo_portal):
        from plone import api

        tabs = api.portal.get_tool("portal_actions")["portal_tabs"]
        for name in ("my-overview", "networks", "deadlines", "events", "members-area"):
            assert name in tabs.objectIds()
        user = api.portal.get_tool("portal_actions")["user"]
        assert "calendar-feeds" in user.objectIds()
