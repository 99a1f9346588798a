"""GET <network>/@deadlines and GET <site>/@deadlines, called in the integration layer."""

from dashboard_data import index_as_of
from dashboard_data import INDEX_DAY
from dashboard_data import make_agreement
from dashboard_data import make_network
from dashboard_data import WINDOW
from datetime import date
from kooperation.dashboard.service import DeadlinesGet
from kooperation.dashboard.service import MAX_BATCH_SIZE
from kooperation.deadlines import Period
from kooperation.interfaces import IKooperationLayer
from kooperation.testing import ContentLayer
from plone.app.testing import IntegrationTesting
from plone.app.testing import logout
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from pytest_plone import fixtures_factory
from zope.interface import alsoProvides

import pytest


WINDOW_FORM = {"start": "2026-02-01", "end": "2026-07-31"}


def make_many(portal):
    """Network ``viele`` with MAX_BATCH_SIZE + 5 agreements in force (indexed as of
    INDEX_DAY)."""
    undo = index_as_of(INDEX_DAY)
    try:
        net = make_network(portal, "viele", "ab")
        for number in range(MAX_BATCH_SIZE + 5):
            make_agreement(
                net,
                f"v{number:03d}",
                f"Vereinbarung {number:03d}",
                "ab",
                date(2020, 9, 1),
                "in_force",
                {"notice_period": Period(3, "months")},
            )
    finally:
        undo()
    return {"net": net}


# The 105 agreements take 8-9 s: built once for the tests of TestBatchSizeCap.
MANY_FIXTURE = ContentLayer(make_many, name="DashboardManyAgreementsLayer")
MANY_INTEGRATION_TESTING = IntegrationTesting(
    bases=(MANY_FIXTURE,), name="DashboardManyAgreementsLayer:Integration"
)
globals().update(fixtures_factory(((MANY_INTEGRATION_TESTING, "many"),), keep_session=False))


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


class TestBatchSizeCap:
    @pytest.fixture(autouse=True)
    def _setup(self, many, index_day):
        portal = many["portal"]
        setRoles(portal, TEST_USER_ID, ["Manager"])
        self.request = portal.REQUEST
        alsoProvides(self.request, IKooperationLayer)
        self.net = MANY_FIXTURE.objects(portal)["net"]

    def test_b_size_is_capped(self):
        data = reply(self.net, self.request, **WINDOW_FORM, b_size="500")
        assert data["items_total"] == MAX_BATCH_SIZE + 5
        assert len(data["items"]) == MAX_BATCH_SIZE
        assert "b_start=100" in data["batching"]["next"]
        data = reply(self.net, self.request, **WINDOW_FORM, b_size="500", b_start="100")
        assert len(data["items"]) == 5

    def test_default_b_size(self):
        data = reply(self.net, self.request, start=WINDOW["start"].isoformat(), end="2026-07-31")
        assert len(data["items"]) == 25
