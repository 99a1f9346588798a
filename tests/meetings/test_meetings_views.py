"""Series page, meeting page (open action items carried over), minutes with the privacy warning."""

from datetime import datetime
from kooperation.interfaces import IKooperationLayer
from plone import api
from zope.component import getMultiAdapter
from zope.interface import alsoProvides

import pytest
import re


class TestViews:
    @pytest.fixture(autouse=True)
    def _setup(self, table):
        self.t = table
        self.request = table["series"].REQUEST
        alsoProvides(self.request, IKooperationLayer)
        meeting = table["meeting"]
        meeting.held = True
        meeting.agenda = [{"title": "Ausbildungsmarkt 2026", "presenter": "BFO", "time": "10:00"}]
        meeting.attendance = [{"partner": table["uids"]["a"], "status": "excused"}]
        with api.env.adopt_roles(["Manager"]):
            self.minutes = api.content.create(
                container=meeting,
                type="Minutes",
                id="protokoll",
                title="Protokoll März",
                decisions=["Flyer wird gedruckt"],
                action_items=[
                    {"what": "Flyer drucken", "partner": table["uids"]["b"], "done": False},
                    {"what": "Raum buchen", "person": "Frau Kaya", "done": True},
                ],
            )
            self.next = api.content.create(
                container=table["series"],
                type="Meeting",
                id="m2",
                title="Sitzung April",
                start=datetime(2099, 4, 6, 10),
                end=datetime(2099, 4, 6, 12),
            )

    def render(self, obj, name="view", user=None):
        if user:
            with api.env.adopt_user(username=user):
                return getMultiAdapter((obj, self.request), name=name)()
        with api.env.adopt_roles(["Manager"]):
            return getMultiAdapter((obj, self.request), name=name)()

    def test_series_page(self):
        html = self.render(self.t["series"])
        assert "06.04.2099" in html  # the next meeting, planned
        assert "Partner A" in html
        assert "Partner C" in html
        assert "Protokoll März" in html  # past meeting with its minutes
        assert "1 (+" in html  # tally: held counts

    def test_series_page_explains_when_duties_are_due(self):
        def deadlines():
            html = self.render(self.t["series"])
            text = re.search(r'id="duty-deadlines"[^>]*>([^<]*)</p>', html).group(1)
            # invitation days, minutes days, reminder lead (in any language)
            return re.findall(r"\d+", text)

        assert deadlines() == ["14", "14", "7"]
        self.t["series"].invitation_lead_days = 10
        self.t["series"].minutes_due_days = 21
        assert deadlines() == ["10", "21", "7"]

    def test_series_page_hides_draft_minutes_from_other_partners(self):
        html = self.render(self.t["series"], user="staff_b")
        assert "Sitzung 1" in html
        assert "Protokoll März" not in html

    def test_meeting_page_carries_open_action_items_over(self):
        html = self.render(self.next)
        assert "Flyer drucken" in html
        assert "Raum buchen" not in html  # done
        held = self.render(self.t["meeting"])
        assert "Ausbildungsmarkt 2026" in held
        assert "Protokoll März" in held
        assert "Flyer drucken" not in held  # not from an earlier meeting

    def test_minutes_warn_about_third_party_data(self):
        self.minutes.decisions = ["Herr Becker, BFO, stellt den Fall von Kevin Meier (17) vor."]
        html = self.render(self.minutes)
        assert 'id="thirdparty-warning"' in html
        assert "Kevin Meier" in html

    def test_known_staff_raise_no_warning(self):
        self.minutes.decisions = ["Anna Mustera stellt das Projekt vor."]
        html = self.render(self.minutes)
        assert 'id="thirdparty-warning"' not in html

    def test_edit_form_shows_the_warning(self):
        self.minutes.decisions = ["Kevin Meier, geb. 03.04.2008, braucht einen Platz."]
        html = self.render(self.minutes, name="edit", user="coordinator")
        assert "personenbezogene Daten Dritter" in html  # German portal
