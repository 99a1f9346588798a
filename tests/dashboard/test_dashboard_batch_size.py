"""The cap on the batch size of @deadlines, called in the integration layer and over
HTTP (real WSGI server): both on the same MAX_BATCH_SIZE + 5 agreements, built once."""

from dashboard_data import index_as_of
from dashboard_data import INDEX_DAY
from dashboard_data import make_agreement
from dashboard_data import make_network
from dashboard_data import WINDOW
from datetime import date
from kooperation.dashboard.service import MAX_BATCH_SIZE
from kooperation.deadlines import Period
from kooperation.interfaces import IKooperationLayer
from kooperation.testing import ContentLayer
from plone.app.testing import FunctionalTesting
from plone.app.testing import IntegrationTesting
from plone.app.testing import setRoles
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.app.testing import TEST_USER_ID
from plone.testing.zope import WSGI_SERVER_FIXTURE
from pytest_plone import fixtures_factory
from test_dashboard_service import reply
from test_dashboard_service import WINDOW_FORM
from zope.interface import alsoProvides

import pytest
import requests


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


# The 105 agreements take 8-13 s: built once for the tests of this module, in process
# (integration layer, each test rolled back) and over HTTP (functional layer, each test
# with a storage of its own).
MANY_FIXTURE = ContentLayer(make_many, name="DashboardManyAgreementsLayer")
MANY_INTEGRATION_TESTING = IntegrationTesting(
    bases=(MANY_FIXTURE,), name="DashboardManyAgreementsLayer:Integration"
)
MANY_FUNCTIONAL_TESTING = FunctionalTesting(
    bases=(MANY_FIXTURE, WSGI_SERVER_FIXTURE), name="DashboardManyAgreementsLayer:Functional"
)
globals().update(
    fixtures_factory(
        ((MANY_INTEGRATION_TESTING, "many"), (MANY_FUNCTIONAL_TESTING, "many_http")),
        keep_session=False,
    )
)


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


class TestBatchSizeCapOverHttp:
    def test_b_size_is_capped(self, many_http, index_day):
        base = f"http://{many_http['host']}:{many_http['port']}/plone/viele/@deadlines"
        window = "start=2026-02-01&end=2026-07-31"

        def get(url):
            response = requests.get(
                url,
                headers={"Accept": "application/json"},
                auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD),
                timeout=60,
            )
            assert response.status_code == 200, response.text
            return response.json()

        data = get(f"{base}?{window}&b_size=500")
        assert data["items_total"] == MAX_BATCH_SIZE + 5
        assert len(data["items"]) == MAX_BATCH_SIZE
        assert "b_start=100" in data["batching"]["next"]
        rest = get(data["batching"]["next"])
        assert len(rest["items"]) == 5
        assert len(get(f"{base}?{window}")["items"]) == 25
