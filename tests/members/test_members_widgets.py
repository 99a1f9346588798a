"""Row-wise form input for a measure's places and a project's funding phases.

The Classic UI forms show one row per date and legal sphere (places) or per phase;
what they save is the same JSON that REST reads and writes.
"""

from kooperation.interfaces import IKooperationLayer
from plone import api
from plone.restapi.interfaces import IDeserializeFromJson
from plone.restapi.interfaces import ISerializeToJson
from zope.component import getMultiAdapter
from zope.interface import alsoProvides

import json
import pytest


P = "form.widgets.places"
F = "form.widgets.funding_phases"


def _form(context, view_name, fields):
    request = context.REQUEST
    alsoProvides(request, IKooperationLayer)
    request.form.clear()
    request.form.update(fields)
    view = context.restrictedTraverse(view_name)
    form = view.form_instance
    form.update()
    data, errors = form.extractData()
    return data, {error.widget.__name__ if error.widget else "": error for error in errors}


def _html(context, view_name):
    request = context.REQUEST
    alsoProvides(request, IKooperationLayer)
    request.form.clear()
    return context.restrictedTraverse(view_name)()


def places_form(rows, **extra):
    fields = {"form.widgets.IBasic.title": "M", f"{P}.rows": str(len(rows)), **extra}
    for number, row in enumerate(rows):
        for column, value in zip(
            ("date", "sphere", "planned", "occupied", "waiting_list"), row, strict=True
        ):
            fields[f"{P}.{column}.{number}"] = value
    return fields


def phases_form(rows):
    fields = {"form.widgets.IBasic.title": "RoOF", f"{F}.rows": str(len(rows))}
    for number, row in enumerate(rows):
        for column, value in zip(("title", "start", "end", "status"), row, strict=True):
            fields[f"{F}.{column}.{number}"] = value
    return fields


class TestPlacesRows:
    @pytest.fixture(autouse=True)
    def _setup(self, member, budget):
        self.member = member
        self.budget = budget
        self.measure = budget["m1"]

    def test_edit_form_shows_one_row_per_date_and_sphere(self):
        with api.env.adopt_user(username="coordinator"):
            html = _html(self.measure, "@@edit")
        assert 'name="form.widgets.places.rows"' in html
        assert 'name="form.widgets.places.date.0"' in html
        assert 'value="2018-06-30"' in html
        assert 'value="2018-11-15"' in html
        assert 'type="number"' in html
        # two stored rows and three empty ones to add more
        assert 'name="form.widgets.places.planned.4"' in html
        assert 'name="form.widgets.places.planned.5"' not in html
        assert (
            "<textarea"
            not in html.split('data-fieldname="form.widgets.places"')[1].split("data-fieldname=")[0]
        )
        assert 'id="form-widgets-places"' in html  # the label's target

    def test_rows_are_saved_as_the_json_of_rest(self):
        rows = [
            ("2018-11-15", "SGB VIII", "16", "14", "3"),
            ("2018-11-15", "SGB II", "5", "", ""),
            ("", "", "", "", ""),  # an empty row is left out
            ("2019-02-01", "SGB VIII", "16", "16", ""),
        ]
        with api.env.adopt_user(username="editor"):
            data, errors = _form(self.budget, "++add++Measure", places_form(rows))
        assert errors == {}
        assert data["places"] == [
            {
                "date": "2018-11-15",
                "waiting_list": 3,
                "places": {
                    "SGB VIII": {"planned": 16, "occupied": 14, "waiting_list": 3},
                    "SGB II": {"planned": 5, "occupied": 0},
                },
            },
            {
                "date": "2019-02-01",
                "waiting_list": 0,
                "places": {"SGB VIII": {"planned": 16, "occupied": 16}},
            },
        ]

    def test_each_sphere_keeps_its_waiting_list(self):
        """Issue 17: two rows of one date, each with its waiting list; none is lost."""
        rows = [
            ("2026-12-01", "SGB II", "20", "18", "2"),
            ("2026-12-01", "SGB VIII", "12", "12", "5"),
        ]
        with api.env.adopt_user(username="editor"):
            data, errors = _form(self.budget, "++add++Measure", places_form(rows))
        assert errors == {}
        (report,) = data["places"]
        assert report["places"]["SGB II"]["waiting_list"] == 2
        assert report["places"]["SGB VIII"]["waiting_list"] == 5
        assert report["waiting_list"] == 7

    @pytest.mark.parametrize(
        ("row", "text"),
        [
            (("2018-11-15", "SGB II", "viele", "1", ""), "viele"),
            (("2018-11-15", "SGB II", "-2", "0", ""), "-2"),
            (("2018-11-15", "SGB II", "2", "3", ""), "SGB II: 3"),
            (("2018-11-15", "", "2", "1", ""), "''"),
            (("2018-02-30", "SGB II", "2", "1", ""), "2018-02-30"),
            (("2018-11-15", "SGB II", "", "1", ""), "None"),
        ],
    )
    def test_bad_row_is_a_translated_field_error(self, row, text):
        self.budget.REQUEST["LANGUAGE"] = "de"
        with api.env.adopt_user(username="editor"):
            _data, errors = _form(self.budget, "++add++Measure", places_form([row]))
        assert list(errors) == ["places"]
        message = errors["places"].render()
        assert text in message

    @pytest.mark.parametrize("marker", ["many", "0", "-1"])
    def test_bad_row_count_is_no_crash(self, marker):
        # The marker only tells that the table was posted; the rows are read from
        # the numbers of their cells (rows added in the browser do not update it).
        fields = places_form([("2018-11-15", "SGB II", "2", "1", "")])
        fields[f"{P}.rows"] = marker
        with api.env.adopt_user(username="editor"):
            data, errors = _form(self.budget, "++add++Measure", fields)
        assert errors == {}
        assert data["places"] == [
            {
                "date": "2018-11-15",
                "waiting_list": 0,
                "places": {"SGB II": {"planned": 2, "occupied": 1}},
            }
        ]

    def test_json_text_is_still_accepted(self):
        places = [{"date": "2018-11-15", "places": {"SGB II": {"planned": 3, "occupied": 2}}}]
        with api.env.adopt_user(username="editor"):
            data, errors = _form(
                self.budget,
                "++add++Measure",
                {"form.widgets.IBasic.title": "M", P: json.dumps(places)},
            )
        assert errors == {}
        assert data["places"] == places

    def test_edit_saves_and_view_shows_rows(self):
        rows = [("2019-03-31", "SGB II", "7", "4", "1")]
        fields = places_form(rows, **{"form.buttons.save": "Save"})
        fields["form.widgets.IBasic.title"] = "Maßnahme 1"
        with api.env.adopt_user(username="coordinator"):
            _form(self.measure, "@@edit", fields)
        assert self.measure.places == [
            {
                "date": "2019-03-31",
                "waiting_list": 1,
                "places": {"SGB II": {"planned": 7, "occupied": 4, "waiting_list": 1}},
            }
        ]
        with api.env.adopt_user(username="coordinator"):
            html = _html(self.measure, "@@view")
        assert "31.03.2019" in html  # a date as people write it, not ISO
        assert "2019-03-31" not in html

    def test_german_dates_of_old_data_are_shown_as_iso(self):
        self.measure.places = [
            {"date": "15.11.2018", "places": {"SGB II": {"planned": 3, "occupied": 2}}}
        ]
        with api.env.adopt_user(username="coordinator"):
            html = _html(self.measure, "@@edit")
        assert 'value="2018-11-15"' in html

    def test_rest_round_trip(self):
        request = self.measure.REQUEST
        with api.env.adopt_user(username="editor"):
            data = getMultiAdapter((self.measure, request), ISerializeToJson)()
            places = data["places"]
            assert places[1]["places"]["SGB VIII"] == {"planned": 16, "occupied": 14}
            places[1]["waiting_list"] = 4
            request["BODY"] = json.dumps({"places": places})
            getMultiAdapter((self.measure, request), IDeserializeFromJson)()
            again = getMultiAdapter((self.measure, request), ISerializeToJson)()
        assert again["places"] == places


class TestPhaseRows:
    @pytest.fixture(autouse=True)
    def _setup(self, member, budget):
        self.member = member
        self.budget = budget

    def test_edit_form_shows_phase_rows_with_status_choice(self):
        self.budget.funding_phases = [
            {
                "title": "2. Förderphase",
                "start": "2019-01-01",
                "end": "2022-06-30",
                "status": "under_review",
            }
        ]
        with api.env.adopt_user(username="coordinator"):
            html = _html(self.budget, "@@edit")
        assert 'name="form.widgets.funding_phases.title.0"' in html
        assert 'value="2. Förderphase"' in html
        assert 'value="2022-06-30"' in html
        assert '<option value="under_review" selected' in html
        assert 'name="form.widgets.funding_phases.status.3"' in html

    def test_rows_are_saved_as_the_json_of_rest(self):
        rows = [
            ("1. Förderphase", "2015-01-01", "2018-12-31", "approved"),
            ("", "", "", "planned"),  # an empty row: its status is only the default
            ("2. Förderphase", "2019-01-01", "2022-06-30", "submitted"),
        ]
        with api.env.adopt_user(username="coordinator"):
            data, errors = _form(self.member, "++add++Project", phases_form(rows))
        assert errors == {}
        assert data["funding_phases"] == [
            {
                "title": "1. Förderphase",
                "start": "2015-01-01",
                "end": "2018-12-31",
                "status": "approved",
            },
            {
                "title": "2. Förderphase",
                "start": "2019-01-01",
                "end": "2022-06-30",
                "status": "submitted",
            },
        ]

    @pytest.mark.parametrize(
        ("row", "text"),
        [
            (("P", "2019-13-01", "2019-12-31", "planned"), "2019-13-01"),
            (("P", "2019-01-01", "2019-12-31", "granted"), "granted"),
            (("P", "2019-01-01", "", "planned"), "None"),
        ],
    )
    def test_bad_row_is_a_field_error(self, row, text):
        with api.env.adopt_user(username="coordinator"):
            _data, errors = _form(self.member, "++add++Project", phases_form([row]))
        assert list(errors) == ["funding_phases"]
        assert text in errors["funding_phases"].render()

    def test_rest_round_trip(self):
        phases = [
            {
                "title": "2. Förderphase",
                "start": "2019-01-01",
                "end": "2022-06-30",
                "status": "approved",
            }
        ]
        request = self.budget.REQUEST
        with api.env.adopt_user(username="coordinator"):
            request["BODY"] = json.dumps({"funding_phases": phases})
            getMultiAdapter((self.budget, request), IDeserializeFromJson)()
            data = getMultiAdapter((self.budget, request), ISerializeToJson)()
        assert data["funding_phases"] == phases
