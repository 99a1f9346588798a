"""Project ends, pilot ends and funding phases on the deadline dashboard and in its iCal feed."""

from datetime import date
from kooperation.dashboard.service import DeadlinesGet
from kooperation.interfaces import IKooperationLayer
from kooperation.members.deadlines import project_deadlines
from plone import api
from zope.component import getMultiAdapter
from zope.interface import alsoProvides

import csv
import icalendar
import io
import pytest


def rest_reply(context, request):
    service = DeadlinesGet()
    service.context = context
    service.request = request
    return service.reply()


class TestProjectDeadlines:
    @pytest.fixture(autouse=True)
    def _setup(self, demo_portal):
        self.portal = demo_portal
        self.member = demo_portal["weinheimer-initiative"]["kreis-offenbach"]
        self.request = demo_portal.REQUEST
        alsoProvides(self.request, IKooperationLayer)
        self.request.form.clear()
        self.request["LANGUAGE"] = "de"

    def _view(self, context, name, **form):
        self.request.form.clear()
        self.request.form.update(form)
        with api.env.adopt_roles(["Manager"]):
            return getMultiAdapter((context, self.request), name=name)()

    def test_rows_of_the_seed(self):
        rows = project_deadlines(self.member, date(2018, 11, 1), date(2022, 12, 31), self.request)
        assert [(row["date"], row["kind"], row["project"]) for row in rows] == [
            (date(2018, 12, 31), "phase_end", "JUGEND STÄRKEN im Quartier"),
            (date(2019, 1, 1), "phase_start", "JUGEND STÄRKEN im Quartier"),
            (date(2021, 6, 30), "pilot_end", "RoOF – Richtig orientiert im Kreis Offenbach"),
            (date(2022, 6, 30), "phase_end", "JUGEND STÄRKEN im Quartier"),
        ]
        assert "BAFzA" in rows[1]["text"] or "Bundesamt" in rows[1]["text"]

    def test_dashboard_lists_projects_beside_agreements(self):
        html = self._view(self.portal, "deadlines", start="2021-01-01", end="2021-12-31")
        assert 'id="deadlines-projects"' in html
        assert "30.06.2021" in html
        assert "RoOF" in html

    def test_partner_filter_leaves_projects_out(self):
        partner = self.portal["oberhausen"]["bfo"]
        html = self._view(
            self.portal, "deadlines", start="2021-01-01", end="2021-12-31", partner=partner.UID()
        )
        assert 'id="deadlines-projects"' not in html

    def test_ical_feed(self):
        data = self._view(self.member, "deadlines.ics", start="2018-11-01", end="2022-12-31")
        calendar = icalendar.Calendar.from_ical(data)
        events = list(calendar.walk("VEVENT"))
        days = sorted(e.decoded("dtstart") for e in events)
        assert days == [date(2018, 12, 31), date(2019, 1, 1), date(2021, 6, 30), date(2022, 6, 30)]
        roof = next(e for e in events if e.decoded("dtstart") == date(2021, 6, 30))
        assert "RoOF" in str(roof["summary"])
        assert str(roof["url"]).endswith("/kreis-offenbach/roof")

    def test_csv_lists_projects_after_agreements(self):
        body = self._view(self.member, "deadlines.csv", start="2018-11-01", end="2022-12-31")
        rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
        blank = rows.index([])
        assert rows[blank + 1][:3] == ["Datum", "Projekt", "Mitglied"]
        assert rows[blank + 1][4] == "Adresse"
        projects = rows[blank + 2 :]
        assert [row[0] for row in projects] == [
            "31.12.2018",
            "01.01.2019",
            "30.06.2021",
            "30.06.2022",
        ]
        roof = projects[2]
        assert roof[1].startswith("RoOF")
        assert roof[2] == "Kreis Offenbach"
        assert roof[4].endswith("/kreis-offenbach/roof")

    def test_csv_partner_filter_leaves_projects_out(self):
        partner = self.portal["oberhausen"]["bfo"]
        body = self._view(
            self.portal,
            "deadlines.csv",
            start="2018-11-01",
            end="2022-12-31",
            partner=partner.UID(),
        )
        assert b"roof" not in body

    def test_rest_lists_projects(self):
        self.request.form.clear()
        self.request.form.update({"start": "2018-11-01", "end": "2022-12-31"})
        with api.env.adopt_roles(["Manager"]):
            data = rest_reply(self.member, self.request)
        projects = data["projects"]
        assert [(p["date"], p["kind"]) for p in projects] == [
            ("2018-12-31", "phase_end"),
            ("2019-01-01", "phase_start"),
            ("2021-06-30", "pilot_end"),
            ("2022-06-30", "phase_end"),
        ]
        assert projects[2]["@id"].endswith("/kreis-offenbach/roof")
        assert projects[2]["member"] == "Kreis Offenbach"
        assert projects[2]["text"]

    def test_rest_partner_filter_leaves_projects_out(self):
        partner = self.portal["oberhausen"]["bfo"]
        self.request.form.clear()
        self.request.form.update(
            {"start": "2018-11-01", "end": "2022-12-31", "partner": partner.UID()}
        )
        with api.env.adopt_roles(["Manager"]):
            data = rest_reply(self.portal, self.request)
        assert data["projects"] == []
