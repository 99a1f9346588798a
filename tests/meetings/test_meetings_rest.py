"""@rotation, and REST input checks of meetings and minutes (in-process)."""

from datetime import date
from datetime import datetime
from datetime import timedelta
from kooperation.meetings.service import RotationGet
from plone import api
from plone.restapi.interfaces import IDeserializeFromJson
from plone.restapi.interfaces import ISerializeToJson
from zExceptions import BadRequest
from zope.component import getMultiAdapter

import pytest


def _rotation(series, request, **form):
    request.form.clear()
    request.form.update(form)
    request.response.setStatus(200)
    service = RotationGet()
    service.context, service.request = series, request
    data = service.reply()
    return request.response.getStatus(), data


class TestRotationService:
    @pytest.fixture(autouse=True)
    def _setup(self, table, portal):
        self.t = table
        self.request = portal.REQUEST
        self.series = table["series"]
        self.uids = table["uids"]

    def test_plan_continues_after_held_meetings(self):
        self.t["meeting"].held = True
        status, data = _rotation(self.series, self.request, count="3")
        assert status == 200
        held = [m for m in data["meetings"] if m["held"]]
        upcoming = [m for m in data["meetings"] if not m["held"]]
        assert [m["date"] for m in held] == ["2026-03-02"]
        assert len(upcoming) == 3
        # The held meeting keeps its recorded holders; the next ones are every 4 weeks.
        assert {d["duty"]: d["partner"] for d in held[0]["duties"]}["minutes"] == self.uids["a"]
        first = date(2026, 3, 2) + timedelta(weeks=4)
        while first < date.today():
            first += timedelta(weeks=4)
        assert upcoming[0]["date"] == first.isoformat()
        assert upcoming[1]["date"] == (first + timedelta(weeks=4)).isoformat()
        for meeting in upcoming:
            partners = [d["partner"] for d in meeting["duties"]]
            assert set(partners) <= set(self.uids.values())
        tally = {row["partner"]: row for row in data["tally"]}
        assert tally[self.uids["a"]]["held"].get("minutes") == 1
        assert data["partners"][self.uids["a"]] == "Partner A"

    def test_planned_meetings_come_first(self):
        with api.env.adopt_roles(["Manager"]):
            api.content.create(
                container=self.series,
                type="Meeting",
                id="m2",
                title="Sitzung 2",
                start=datetime(2099, 5, 4, 10),
                end=datetime(2099, 5, 4, 12),
            )
        status, data = _rotation(self.series, self.request, count="2")
        dates = [m["date"] for m in data["meetings"] if not m["held"]]
        assert status == 200
        assert dates == ["2099-05-04", "2099-06-01"]

    @pytest.mark.parametrize("count", ["0", "51", "zwei", "-1", "2.5"])
    def test_bad_count_is_400(self, count):
        status, data = _rotation(self.series, self.request, count=count)
        assert status == 400
        assert data["error"]["field"] == "count"

    def test_broken_exception_is_400(self):
        self.series.exceptions = [{"type": "skip", "date": "bald", "partner": "x"}]
        status, data = _rotation(self.series, self.request)
        assert status == 400
        assert "bald" in data["error"]["message"]


class TestRestInput:
    @pytest.fixture(autouse=True)
    def _setup(self, table, portal):
        self.t = table
        self.request = portal.REQUEST

    def _patch(self, obj, data):
        deserializer = getMultiAdapter((obj, self.request), IDeserializeFromJson)
        with api.env.adopt_roles(["Manager"]):
            return deserializer(data=data)

    def test_duty_holder_not_a_member_is_400(self):
        with pytest.raises(BadRequest) as info:
            self._patch(self.t["meeting"], {"duty_holders": {"minutes": "fremd"}})
        assert "ist kein Mitglied dieses Gremiums" in str(info.value)  # German portal

    def test_unknown_duty_is_400(self):
        with pytest.raises(BadRequest):
            self._patch(self.t["meeting"], {"duty_holders": {"catering": self.t["uids"]["a"]}})

    def test_action_item_without_owner_is_400(self):
        with api.env.adopt_roles(["Manager"]):
            minutes = api.content.create(
                container=self.t["meeting"], type="Minutes", id="p", title="Protokoll"
            )
        with pytest.raises(BadRequest):
            self._patch(minutes, {"action_items": [{"what": "Flyer drucken", "partner": ""}]})
        self._patch(
            minutes,
            {"action_items": [{"what": "Flyer drucken", "person": "Frau Kaya", "done": False}]},
        )
        assert minutes.action_items[0]["person"] == "Frau Kaya"

    def test_series_due_days_round_trip(self):
        series = self.t["series"]
        with api.env.adopt_roles(["Manager"]):
            data = getMultiAdapter((series, self.request), ISerializeToJson)()
        assert (data["invitation_lead_days"], data["minutes_due_days"]) == (14, 14)
        self._patch(series, {"invitation_lead_days": 7, "minutes_due_days": 90})
        assert (series.invitation_lead_days, series.minutes_due_days) == (7, 90)
        with api.env.adopt_roles(["Manager"]):
            data = getMultiAdapter((series, self.request), ISerializeToJson)()
        assert (data["invitation_lead_days"], data["minutes_due_days"]) == (7, 90)

    @pytest.mark.parametrize(
        "data",
        [
            {"invitation_lead_days": 0},
            {"invitation_lead_days": 91},
            {"minutes_due_days": -1},
            {"minutes_due_days": "viel"},
        ],
    )
    def test_series_due_days_out_of_range_is_400(self, data):
        series = self.t["series"]
        with pytest.raises(BadRequest):
            self._patch(series, data)
        assert (series.invitation_lead_days, series.minutes_due_days) == (14, 14)

    def test_types_serialize_fully(self):
        meeting = self.t["meeting"]
        meeting.agenda = [{"title": "Begrüßung", "presenter": "BFO", "time": "10:00"}]
        meeting.attendance = [{"partner": self.t["uids"]["a"], "status": "present"}]
        with api.env.adopt_roles(["Manager"]):
            data = getMultiAdapter((meeting, self.request), ISerializeToJson)()
            series = getMultiAdapter((self.t["series"], self.request), ISerializeToJson)()
        assert data["agenda"][0]["title"] == "Begrüßung"
        assert data["attendance"][0]["status"] == "present"
        assert data["duty_holders"]["minutes"] == self.t["uids"]["a"]
        assert data["start"].startswith("2026-03-02")
        assert series["duties"] == ["topics", "invitation", "moderation", "minutes"]
        assert [m["token"] for m in series["members"]] == list(self.t["uids"].values())
