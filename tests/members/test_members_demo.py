"""The demo: Kreis Offenbach (seed 003) and Oberhausen as members of the association."""

from AccessControl.SpecialUsers import nobody
from datetime import date
from kooperation.interfaces import IKooperationLayer
from kooperation.members.services.places.get import PlacesGet
from kooperation.members.totals import places_on
from plone import api
from zope.component import getMultiAdapter
from zope.interface import alsoProvides

import pytest


class TestDemoMembers:
    @pytest.fixture(autouse=True)
    def _setup(self, demo_portal):
        self.portal = demo_portal
        self.member = demo_portal["weinheimer-initiative"]["kreis-offenbach"]

    def test_two_members(self):
        assert self.member.association_member is True
        assert self.portal["oberhausen"].association_member is True

    def test_seed_totals_come_out_of_the_data(self):
        # "219 Maßnahmenplätzen (130 SGB VIII, 89 SGB II, 31 Plätze frei, keine Warteliste)"
        with api.env.adopt_user(user=nobody):
            totals = places_on(self.member, date(2018, 11, 15))
        assert totals.total.planned == 219
        assert totals.spheres["SGB VIII"].planned == 130
        assert totals.spheres["SGB II"].planned == 89
        assert totals.total.free == 31
        assert totals.total.waiting_list == 0
        # "15 Maßnahmen, davon 13 auch für Geflüchtete"
        assert totals.total.measures == 15
        assert totals.total.open_to_refugees == 13

    def test_places_service_anonymous(self):
        request = self.portal.REQUEST
        request.form.clear()
        request.form["date"] = "2018-11-15"
        service = PlacesGet()
        service.context, service.request = self.member, request
        with api.env.adopt_user(user=nobody):
            data = service.reply()
        assert data["total"]["planned"] == 219
        assert data["total"]["free"] == 31

    def test_report_links_its_projects_and_measures(self):
        report = self.member["bericht-2018-q4"]
        assert api.content.get_state(report) == "published"
        assert (report.year, report.quarter, report.author) == (2018, 4, "Stefanie Hilz")
        assert "219 Maßnahmenplätzen" in report.text.raw
        titles = [api.content.get(UID=uid).Title() for uid in report.projects]
        assert len(titles) == 4
        assert "JUGEND STÄRKEN im Quartier" in titles
        assert len(report.measures) == 15
        # Published to members: not public.
        with api.env.adopt_user(user=nobody):
            assert not api.content.find(UID=report.UID())

    def test_project_dates(self):
        roof = self.member["roof"]
        assert roof.pilot_end == date(2021, 6, 30)
        assert roof.age_range == "14-27"
        with api.env.adopt_user(user=nobody):
            found = {b.getId for b in api.content.find(project_dates="2022-06-30")}
            assert found == {"justiq"}
            assert {b.getId for b in api.content.find(project_dates="2021-06-30")} == {"roof"}

    def test_working_groups_are_meeting_series(self):
        ids = [b.getId for b in api.content.find(context=self.member, portal_type="MeetingSeries")]
        assert "steuerungsgruppe-olov" in ids
        assert len(ids) == 6

    def test_member_page_renders(self):
        request = self.portal.REQUEST
        alsoProvides(request, IKooperationLayer)
        request.form.clear()
        request.form["date"] = "2018-11-15"
        with api.env.adopt_user(user=nobody):
            html = getMultiAdapter((self.member, request), name="member")()
        assert "Stefanie Hilz" in html
        for figure in (219, 130, 89, 31):
            assert f">{figure}<" in html


class TestReportViewAndPdf:
    @pytest.fixture(autouse=True)
    def _setup(self, demo_portal):
        self.portal = demo_portal
        self.report = demo_portal["weinheimer-initiative"]["kreis-offenbach"]["bericht-2018-q4"]
        self.request = demo_portal.REQUEST
        alsoProvides(self.request, IKooperationLayer)

    def test_view_shows_text_projects_and_figures(self):
        with api.env.adopt_roles(["Manager"]):
            html = getMultiAdapter((self.report, self.request), name="view")()
        assert "Jugendberatungsbüro RoOF" in html
        assert 'id="report-projects"' in html
        assert "30.06.2021" in html
        for figure in (219, 130, 89, 31):
            assert f">{figure}<" in html
        assert "@@report.pdf" in html

    def test_pdf_has_the_text_and_the_computed_figures(self):
        from io import BytesIO
        from pdfminer.high_level import extract_text

        with api.env.adopt_roles(["Manager"]):
            data = getMultiAdapter((self.report, self.request), name="report.pdf")()
        assert data.startswith(b"%PDF")
        assert self.request.response.getHeader("Content-Type") == "application/pdf"
        text = extract_text(BytesIO(data))
        assert "Bericht 4. Quartal 2018" in text
        assert "Kreis Offenbach" in text
        assert "JUGEND STÄRKEN im Quartier" in text
        assert "Netzwerk OloV" in text
        # The table computed from the 15 linked measures on 15.11.2018.
        assert "15.11.2018" in text
        for figure in ("219", "130", "89", "31"):
            assert figure in text.split()

    def test_members_only_report_is_not_public(self):
        from zExceptions import Unauthorized

        with api.env.adopt_user(user=nobody), pytest.raises(Unauthorized):
            self.portal.restrictedTraverse(
                "weinheimer-initiative/kreis-offenbach/bericht-2018-q4/@@report.pdf"
            )
