"""Members' area, member page, places dashboard (SVG chart + table) and CSV export."""

from AccessControl.SpecialUsers import nobody
from datetime import date
from datetime import timedelta
from plone import api
from zExceptions import Unauthorized
from zope.component import getMultiAdapter

import csv
import io
import pytest


def _view(context, request, name, **form):
    request.form.clear()
    request.form.update(form)
    request.response.setStatus(200)
    return getMultiAdapter((context, request), name=name)()


@pytest.fixture
def reports(member, budget):
    with api.env.adopt_user(username="editor"):
        for year, quarter, topics in ((2018, 3, ["OloV"]), (2018, 4, ["JUSTiQ", "OloV"])):
            report = api.content.create(
                container=member,
                type="Report",
                id=f"q{quarter}-{year}",
                title=f"Bericht {quarter}. Quartal {year}",
                year=year,
                quarter=quarter,
                subject=topics,
            )
            api.content.transition(obj=report, transition="submit")
    with api.env.adopt_user(username="coordinator"):
        api.content.transition(obj=member["q4-2018"], transition="publish")
    return member


class TestMembersArea:
    @pytest.fixture(autouse=True)
    def _setup(self, reports, portal):
        self.portal = portal
        self.request = portal.REQUEST

    def _titles(self, user, **form):
        with api.env.adopt_user(username=user):
            view = getMultiAdapter((self.portal, self.request), name="members-area")
            self.request.form.clear()
            self.request.form.update(form)
            view.member, view.period, view.topic = (
                form.get("member", ""),
                form.get("period", ""),
                form.get("topic", ""),
            )
            return [row["title"] for row in view.reports()]

    def test_latest_first_and_only_what_one_may_see(self):
        assert self._titles("editor") == ["Bericht 4. Quartal 2018", "Bericht 3. Quartal 2018"]
        # Another network's user sees the report published to members, not the submitted one.
        assert self._titles("outsider") == ["Bericht 4. Quartal 2018"]

    def test_filters(self):
        assert self._titles("editor", period="2018-Q3") == ["Bericht 3. Quartal 2018"]
        assert self._titles("editor", topic="JUSTiQ") == ["Bericht 4. Quartal 2018"]
        assert len(self._titles("editor", member="/plone/offenbach")) == 2
        assert self._titles("editor", member="/plone/elsewhere") == []

    def test_page_renders_with_filter_options(self):
        with api.env.adopt_user(username="editor"):
            html = _view(self.portal, self.request, "members-area", topic="OloV")
        assert 'id="reports"' in html
        assert "Kreis Offenbach" in html
        assert 'value="2018-Q3"' in html

    def test_anonymous_must_log_in(self):
        with api.env.adopt_user(user=nobody), pytest.raises(Unauthorized):
            _view(self.portal, self.request, "members-area")


class TestDashboard:
    @pytest.fixture(autouse=True)
    def _setup(self, member, budget, portal):
        self.member = member
        self.portal = portal
        self.request = portal.REQUEST
        with api.env.adopt_user(username="coordinator"):
            api.content.create(
                container=member,
                type="Project",
                id="roof",
                title="RoOF",
                project_start=date(2018, 10, 1),
                pilot_end=date.today() + timedelta(days=30),
                funding_phases=[
                    {"start": "2018-10-01", "end": "2099-06-30", "status": "approved"},
                ],
            )

    def test_chart_and_table(self):
        with api.env.adopt_user(username="editor"):
            html = _view(self.member, self.request, "places-dashboard", end="2018-12-31")
        assert "<svg" in html
        assert "<polyline" in html
        assert 'id="places-table"' in html
        # The quarter ends 30.06., 30.09. and 31.12.2018; at the year's end 219 planned.
        assert "31.12.2018" in html
        assert ">219<" in html
        assert 'id="places-error"' not in html

    def test_old_figures_say_when_they_were_last_reported(self):
        """Issue 17: 2018 figures carried to the end of 2019 are not shown as if new."""
        with api.env.adopt_user(username="editor"):
            html = _view(self.member, self.request, "places-dashboard", end="2019-12-31")
        assert 'id="places-last-reported"' in html
        assert "15.11.2018" in html.split('id="places-last-reported"')[1]

    def test_bad_date_is_a_message_not_a_crash(self):
        with api.env.adopt_user(username="editor"):
            html = _view(self.member, self.request, "places-dashboard", start="31.02.2018")
        assert 'id="places-error"' in html

    def test_projects_ending_within_12_months(self):
        with api.env.adopt_user(username="editor"):
            html = _view(self.member, self.request, "places-dashboard")
        assert 'id="projects-ending"' in html
        assert "RoOF" in html
        # The phase end in 2099 is not listed.
        assert "30.06.2099" not in html

    def test_csv(self):
        with api.env.adopt_user(username="editor"):
            text = _view(self.member, self.request, "places.csv", end="2018-12-31")
        assert self.request.response.getHeader("Content-Type").startswith("text/csv")
        rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
        assert [row[0] for row in rows[1:]] == ["30.06.2018", "30.09.2018", "31.12.2018"]
        last = rows[-1]
        header = rows[0]
        # SGB II and SGB VIII planned, then the overall planned/occupied/free.
        assert last[header.index(header[1])] == "89"
        assert "219" in last
        assert "31" in last

    def test_csv_bad_date_is_400(self):
        with api.env.adopt_user(username="editor"):
            _view(self.member, self.request, "places.csv", end="morgen")
        assert self.request.response.getStatus() == 400

    def test_site_dashboard_and_member_page(self):
        with api.env.adopt_user(username="editor"):
            html = _view(self.portal, self.request, "places-dashboard", end="2018-12-31")
            assert ">219<" in html
            page = _view(self.member, self.request, "member", date="2018-11-15")
        assert 'id="member-totals"' in page
        for figure in (219, 130, 89, 31):
            assert f">{figure}<" in page
        assert "Hessen" in page
        # The projects with their measures and the places they last reported.
        assert "Maßnahme 15" in page
        assert "(SGB VIII: 16)" in page
