"""Classic UI add forms: bad places or funding phases give a clear error, not a crash."""

from kooperation.interfaces import IKooperationLayer
from plone import api
from zope.interface import alsoProvides

import json
import pytest


def _extract(container, type_name, fields):
    request = container.REQUEST
    alsoProvides(request, IKooperationLayer)
    request.form.clear()
    request.form.update(fields)
    view = container.restrictedTraverse(f"++add++{type_name}")
    form = view.form_instance
    form.update()
    data, errors = form.extractData()
    return data, {error.widget.__name__ if error.widget else "": error for error in errors}


class TestForms:
    @pytest.fixture(autouse=True)
    def _setup(self, member, budget):
        self.member = member
        self.budget = budget

    def test_measure_with_too_many_occupied_places(self):
        places = [{"date": "2018-11-15", "places": {"SGB II": {"planned": 2, "occupied": 3}}}]
        with api.env.adopt_user(username="editor"):
            _data, errors = _extract(
                self.budget,
                "Measure",
                {"form.widgets.IBasic.title": "M", "form.widgets.places": json.dumps(places)},
            )
        error = errors["places"]
        assert "SGB II: 3" in error.render()

    def test_measure_ok(self):
        places = [{"date": "15.11.2018", "places": {"SGB II": {"planned": 3, "occupied": 2}}}]
        with api.env.adopt_user(username="editor"):
            data, errors = _extract(
                self.budget,
                "Measure",
                {"form.widgets.IBasic.title": "M", "form.widgets.places": json.dumps(places)},
            )
        assert errors == {}
        assert data["places"] == places

    def test_project_with_pilot_end_before_start(self):
        with api.env.adopt_user(username="coordinator"):
            _data, errors = _extract(
                self.member,
                "Project",
                {
                    "form.widgets.IBasic.title": "RoOF",
                    "form.widgets.project_start": "2018-10-01",
                    "form.widgets.pilot_end": "2017-06-30",
                },
            )
        (error,) = errors.values()
        assert "30.06.2017" in error.render()

    def test_report_form_offers_the_members_projects(self):
        with api.env.adopt_user(username="editor"):
            request = self.member.REQUEST
            alsoProvides(request, IKooperationLayer)
            request.form.clear()
            html = self.member.restrictedTraverse("++add++Report")()
        assert self.budget.UID() in html
