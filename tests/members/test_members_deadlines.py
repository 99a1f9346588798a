"""Project ends, pilot ends and funding phases on the deadline dashboard and in its iCal feed."""

from datetime import date
from kooperation.interfaces import IKooperationLayer
from kooperation.members.deadlines import project_deadlines
from plone import api
from zope.component import getMultiAdapter
from zope.interface import alsoProvides

import icalendar
import pytest


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
