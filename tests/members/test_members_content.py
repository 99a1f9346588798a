"""Types, the report workflow, catalog data and the totals computed from measures."""

from AccessControl.SpecialUsers import nobody
from datetime import date
from kooperation.members.totals import places_on
from plone import api
from zope.schema import ValidationError

import pytest


class TestTypes:
    @pytest.fixture(autouse=True)
    def _setup(self, member):
        self.member = member

    def test_member_profile_on_the_network(self):
        assert self.member.association_member is True
        assert self.member.region == "Hessen"
        assert self.member.inhabitants == 350000

    def test_report_in_member(self):
        with api.env.adopt_user(username="editor"):
            report = api.content.create(
                container=self.member,
                type="Report",
                title="Bericht 4. Quartal 2018",
                year=2018,
                quarter=4,
                author="Stefanie Hilz",
                report_date=date(2018, 11, 12),
            )
        assert api.content.get_state(report) == "draft"
        (brain,) = api.content.find(UID=report.UID())
        assert brain.report_period == "2018-Q4"
        assert brain.member_title == "Kreis Offenbach"
        assert [b.UID for b in api.content.find(report_period="2018-Q4")] == [report.UID()]

    def test_project_dates_indexed(self):
        with api.env.adopt_user(username="coordinator"):
            project = api.content.create(
                container=self.member,
                type="Project",
                title="JUGEND STÄRKEN im Quartier",
                funder="BAFzA",
                project_start=date(2015, 8, 1),
                funding_phases=[
                    {
                        "title": "1",
                        "start": "2015-08-01",
                        "end": "2018-12-31",
                        "status": "approved",
                    },
                    {
                        "title": "2",
                        "start": "2019-01-01",
                        "end": "2022-06-30",
                        "status": "under_review",
                    },
                ],
            )
        (brain,) = api.content.find(UID=project.UID())
        for day in ("2018-12-31", "2019-01-01", "2022-06-30"):
            assert [b.UID for b in api.content.find(project_dates=day)] == [project.UID()]
        assert not api.content.find(project_dates="2015-08-01")
        kinds = [entry["kind"] for entry in brain.project_deadline_data]
        assert kinds == ["phase_end", "phase_start", "phase_end"]

    @pytest.mark.parametrize(
        "places",
        [
            [{"date": "2018-13-01", "places": {"SGB II": {"planned": 1}}}],
            [{"date": "2018-11-15", "places": {"SGB IX": {"planned": 1}}}],
            [{"date": "2018-11-15", "places": {"SGB II": {"planned": 2, "occupied": 3}}}],
            [{"date": "2018-11-15", "places": {}}],
        ],
    )
    def test_bad_places_refused(self, places):
        from kooperation.members.content.measure import IMeasureSchema

        with pytest.raises(ValidationError):
            IMeasureSchema["places"].validate(places)

    def test_bad_phase_refused(self):
        from kooperation.members.content.project import IProjectSchema

        with pytest.raises(ValidationError):
            IProjectSchema["funding_phases"].validate(
                [{"start": "2019-01-01", "end": "2018-01-01", "status": "approved"}]
            )
        with pytest.raises(ValidationError):
            IProjectSchema["age_range"].validate("27-14")


class TestReportWorkflow:
    @pytest.fixture(autouse=True)
    def _setup(self, member):
        self.member = member
        with api.env.adopt_user(username="editor"):
            self.report = api.content.create(
                container=member, type="Report", title="Q4", year=2018, quarter=4
            )

    def _sees(self, user):
        if user is None:
            with api.env.adopt_user(user=nobody):
                return bool(api.content.find(UID=self.report.UID()))
        with api.env.adopt_user(username=user):
            return bool(api.content.find(UID=self.report.UID()))

    def test_path_and_visibility(self):
        assert (self._sees("editor"), self._sees("outsider"), self._sees(None)) == (
            True,
            False,
            False,
        )
        with api.env.adopt_user(username="editor"):
            api.content.transition(obj=self.report, transition="submit")
        with api.env.adopt_user(username="coordinator"):
            api.content.transition(obj=self.report, transition="publish")
        assert api.content.get_state(self.report) == "published"
        # Published to members: every logged-in user, not the public.
        assert (self._sees("outsider"), self._sees(None)) == (True, False)
        with api.env.adopt_user(username="coordinator"):
            api.content.transition(obj=self.report, transition="publish_public")
        assert self._sees(None) is True

    def test_editor_cannot_publish(self):
        with api.env.adopt_user(username="editor"):
            api.content.transition(obj=self.report, transition="submit")
            with pytest.raises(api.exc.InvalidParameterError):
                api.content.transition(obj=self.report, transition="publish")


class TestTotals:
    @pytest.fixture(autouse=True)
    def _setup(self, member, budget):
        self.member = member

    def test_seed_totals_from_measures(self):
        totals = places_on(self.member, date(2018, 11, 15))
        assert totals.total.planned == 219
        assert totals.spheres["SGB VIII"].planned == 130
        assert totals.spheres["SGB II"].planned == 89
        assert totals.total.free == 31
        assert totals.total.measures == 15
        assert totals.total.open_to_refugees == 13
        assert totals.total.waiting_list == 0

    def test_totals_in_the_past(self):
        totals = places_on(self.member, date(2018, 7, 1))
        assert totals.total.free == 39
        assert totals.total.waiting_list == 2
        assert places_on(self.member, date(2018, 1, 1)).total.measures == 0

    def test_anonymous_sees_only_published(self, portal):
        with api.env.adopt_user(user=nobody):
            assert places_on(portal, date(2018, 11, 15)).total.planned == 0
