"""@places (totals per legal sphere at a date), full serialization and REST input checks."""

from kooperation.members.services.places.get import PlacesGet
from plone import api
from plone.restapi.interfaces import IDeserializeFromJson
from plone.restapi.interfaces import ISerializeToJson
from zExceptions import BadRequest
from zope.component import getMultiAdapter

import json
import pytest


def _places(context, request, **form):
    request.form.clear()
    request.form.update(form)
    request.response.setStatus(200)
    service = PlacesGet()
    service.context, service.request = context, request
    data = service.reply()
    return request.response.getStatus(), data


class TestPlacesService:
    @pytest.fixture(autouse=True)
    def _setup(self, member, budget, portal):
        self.member = member
        self.portal = portal
        self.request = portal.REQUEST

    def test_seed_totals_at_the_report_date(self):
        status, data = _places(self.member, self.request, date="2018-11-15")
        assert status == 200
        assert data["date"] == "2018-11-15"
        spheres = data["legal_spheres"]
        assert list(spheres) == ["SGB II", "SGB VIII"]
        assert spheres["SGB VIII"]["planned"] == 130
        assert spheres["SGB II"]["planned"] == 89
        assert data["total"]["planned"] == 219
        assert data["total"]["free"] == 31
        assert data["total"]["waiting_list"] == 0
        json.dumps(data)

    def test_german_date_and_site_root(self):
        status, data = _places(self.portal, self.request, date="15.11.2018")
        assert (status, data["total"]["planned"]) == (200, 219)

    @pytest.mark.parametrize("bad", ["2018-02-30", "gestern", "15.11.18", "2018/11/15"])
    def test_bad_date_is_400(self, bad):
        status, data = _places(self.member, self.request, date=bad)
        assert status == 400
        assert data["error"]["type"] == "BadRequest"
        assert data["error"]["field"] == "date"
        assert bad in data["error"]["message"]

    def test_list_date_is_400(self):
        status, _data = _places(self.member, self.request, date=["2018-11-15", "x"])
        assert status == 400

    def test_a_sphere_reported_earlier_keeps_its_places(self):
        """Issue 17: SGB VIII on 01.10.2026, a later row for SGB II alone on 01.12.2026."""
        with api.env.adopt_user(username="coordinator"):
            measure = api.content.create(
                container=self.member["budget"], type="Measure", title="Werkstattjahr"
            )
        deserializer = getMultiAdapter((measure, self.request), IDeserializeFromJson)
        body = {
            "places": [
                {"date": "2026-10-01", "places": {"SGB VIII": {"planned": 12, "occupied": 9}}},
                {
                    "date": "2026-12-01",
                    "places": {"SGB II": {"planned": 20, "occupied": 18, "waiting_list": 2}},
                },
            ]
        }
        with api.env.adopt_user(username="coordinator"):
            deserializer(data=body)
        measure.reindexObject()
        status, data = _places(self.member, self.request, date="2026-12-01")
        assert status == 200
        seed = {"SGB II": 89, "SGB VIII": 130}  # the seed measures, reported 2018
        spheres = data["legal_spheres"]
        assert spheres["SGB VIII"]["planned"] == seed["SGB VIII"] + 12
        assert spheres["SGB II"]["planned"] == seed["SGB II"] + 20
        assert spheres["SGB VIII"]["waiting_list"] == 0
        assert spheres["SGB II"]["waiting_list"] == 2
        assert spheres["SGB VIII"]["last_reported"] == "2026-10-01"
        assert data["total"]["last_reported"] == "2026-12-01"


class TestSerialization:
    @pytest.fixture(autouse=True)
    def _setup(self, member, budget, portal):
        self.member = member
        self.budget = budget
        self.request = portal.REQUEST

    def test_measure_and_project_serialize_fully(self):
        measure = self.budget["m1"]
        data = getMultiAdapter((measure, self.request), ISerializeToJson)()
        assert data["open_to_refugees"] is True
        assert data["places"][1]["places"]["SGB VIII"] == {"planned": 16, "occupied": 14}
        data = getMultiAdapter((self.budget, self.request), ISerializeToJson)()
        assert data["legal_spheres"][0]["token"] == "SGB II"

    def test_member_profile_serializes(self):
        data = getMultiAdapter((self.member, self.request), ISerializeToJson)()
        assert data["association_member"] is True
        assert data["inhabitants"] == 350000

    def test_bad_places_through_rest_are_400(self):
        measure = self.budget["m1"]
        self.request["BODY"] = json.dumps(
            {
                "places": [
                    {"date": "2018-11-15", "places": {"SGB II": {"planned": 1, "occupied": 5}}}
                ]
            }
        )
        deserializer = getMultiAdapter((measure, self.request), IDeserializeFromJson)
        with api.env.adopt_roles(["Manager"]), pytest.raises(BadRequest) as info:
            deserializer()
        (error,) = info.value.args[0]
        assert error["field"] == "places"
        assert "SGB II: 5" in error["message"]

    def test_bad_phases_through_rest_are_400(self):
        self.request["BODY"] = json.dumps(
            {"funding_phases": [{"start": "2019-01-01", "end": "2022-06-30", "status": "maybe"}]}
        )
        deserializer = getMultiAdapter((self.budget, self.request), IDeserializeFromJson)
        with api.env.adopt_roles(["Manager"]), pytest.raises(BadRequest) as info:
            deserializer()
        (error,) = info.value.args[0]
        assert error["field"] == "funding_phases"
        assert "'maybe'" in error["message"]
