"""GET <network>/@deadlines and GET <site>/@deadlines, called in the integration layer."""

from kooperation.dashboard.service import DeadlinesGet
from plone.app.testing import logout
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID

import pytest


WINDOW_FORM = {"start": "2026-02-01", "end": "2026-07-31"}


def reply(context, request, **form):
    request.form.clear()
    request.form.update(form)
    request.response.setStatus(200)
    service = DeadlinesGet()
    service.context, service.request = context, request
    return service.reply()


class TestDeadlinesService:
    @pytest.fixture(autouse=True)
    def _setup(self, portal, agreements, layer_request):
        setRoles(portal, TEST_USER_ID, ["Manager"])
        self.portal = portal
        self.net = agreements["net"]
        self.agreements = agreements
        self.request = layer_request

    def test_items(self):
        data = reply(self.net, self.request, **WINDOW_FORM)
        assert data["start"] == "2026-02-01"
        assert data["end"] == "2026-07-31"
        assert data["items_total"] == 4
        assert [item["title"] for item in data["items"]] == ["Delta", "Alpha", "Beta", "Zeta"]
        alpha = data["items"][1]
        assert alpha == {
            "@id": self.net["alpha"].absolute_url(),
            "UID": self.net["alpha"].UID(),
            "title": "Alpha",
            "review_state": "in_force",
            "notice_deadline": "2026-05-31",
            "term_end": "2026-08-31",
            "earliest_end": "2026-08-31",
            "parties": ["Partner A", "Partner B"],
        }
        assert data["items"][0]["notice_deadline"] is None  # delta: notice given
        assert "batching" not in data

    def test_filters(self):
        data = reply(
            self.net,
            self.request,
            **WINDOW_FORM,
            partner=self.net["c"].UID(),
            review_state="in_force,for_signature",
        )
        assert [item["title"] for item in data["items"]] == ["Beta", "Zeta"]
        data = reply(self.portal, self.request, **WINDOW_FORM, legal_sphere="Schulrecht")
        assert [item["title"] for item in data["items"]] == ["Omega"]

    def test_batching(self):
        data = reply(self.net, self.request, **WINDOW_FORM, b_size="2")
        assert [item["title"] for item in data["items"]] == ["Delta", "Alpha"]
        assert data["items_total"] == 4
        assert "next" in data["batching"]
        data = reply(self.net, self.request, **WINDOW_FORM, b_size="2", b_start="2")
        assert [item["title"] for item in data["items"]] == ["Beta", "Zeta"]

    @pytest.mark.parametrize(
        ("form", "field"),
        [
            ({"start": "2026-13-01"}, "start"),
            ({"end": "31.07.2026"}, "end"),
            ({"start": "2026-07-31", "end": "2026-02-01"}, "end"),
            ({"b_size": "viele"}, "b_size"),
            ({"b_size": "0"}, "b_size"),
            ({"b_start": "-1"}, "b_start"),
            ({"b_start": "x"}, "b_start"),
            ({"review_state": "published"}, "review_state"),
            ({"legal_sphere": "SGB XII"}, "legal_sphere"),
        ],
    )
    def test_bad_input_is_400(self, form, field):
        data = reply(self.net, self.request, **form)
        assert self.request.response.getStatus() == 400
        assert data["error"]["type"] == "BadRequest"
        assert data["error"]["field"] == field
        assert data["error"]["message"]

    def test_anonymous(self):
        logout()
        data = reply(self.portal, self.request, **WINDOW_FORM)
        assert data["items"] == []
        assert data["items_total"] == 0
