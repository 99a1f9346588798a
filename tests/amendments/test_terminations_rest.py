"""DELETE <agreement>/@terminations/<id>: withdrawing a mistaken notice over real HTTP.

Rights first (401 without kooperation: Record notices, as the publisher answers), then
the record (404), the state (409), the body (400); the answer is the record, now
withdrawn, with the agreement's state and deadlines.
"""

from amendments_helpers import build_agreement
from amendments_helpers import build_network
from amendments_helpers import uid
from datetime import date
from kooperation.amendments.terminations import record_cancellation
from kooperation.amendments.terminations import record_notice
from kooperation.workspace import group_ids
from plone import api

import pytest
import requests
import transaction


pytestmark = pytest.mark.slow

PASSWORD = "secret-pw-123"


@pytest.fixture
def site(functional):
    portal = functional["portal"]
    base = f"http://{functional['host']}:{functional['port']}/plone"
    network = build_network(portal)
    agreement = build_agreement(network)
    with api.env.adopt_roles(["Manager"]):
        for user, kind in (("koord", "coordinators"), ("redaktion", "editors")):
            api.user.create(email=f"{user}@example.org", username=user, password=PASSWORD)
            api.group.add_user(groupname=group_ids(network)[kind], username=user)
        notice = record_notice(agreement, uid(network, "bfo"), date(2026, 11, 20), True)
    transaction.commit()
    path = "/".join(agreement.getPhysicalPath()[2:])

    def call(method, view, user="koord", **kwargs):
        return requests.request(
            method,
            f"{base}/{path}/{view}",
            headers={"Accept": "application/json", "Accept-Language": "de"},
            auth=(user, PASSWORD) if user else None,
            timeout=60,
            **kwargs,
        )

    call.agreement = agreement
    call.network = network
    call.notice = notice["id"]
    return call


class TestWithdrawOverRest:
    @pytest.fixture(autouse=True)
    def _setup(self, site):
        self.call = site
        self.url = f"@terminations/{site.notice}"

    def test_a_coordinator_withdraws_with_a_reason(self):
        assert self.call("GET", "").json()["review_state"] == "terminated"
        response = self.call("DELETE", self.url, json={"reason": "Falsche Partei"})
        assert response.status_code == 200, response.text
        data = response.json()
        assert data["id"] == self.call.notice
        assert data["withdrawn"]["reason"] == "Falsche Partei"
        assert data["withdrawn"]["by"] == "koord"
        assert data["review_state"] == "in_force"
        assert data["deadlines"]["final_end"] is None
        listed = self.call("GET", "@terminations").json()["items"]
        assert listed[0]["withdrawn"]["reason"] == "Falsche Partei"

    @pytest.mark.parametrize("user", [None, "redaktion"])
    def test_without_the_right(self, user):
        response = self.call("DELETE", self.url, user=user, json={"reason": "x"})
        assert response.status_code == 401, response.text
        assert self.call("GET", "").json()["review_state"] == "terminated"

    def test_an_unknown_notice(self):
        response = self.call("DELETE", "@terminations/nope", json={"reason": "x"})
        assert response.status_code == 404, response.text
        assert response.json()["error"]["message"] == "Diese Kündigung gibt es nicht."

    @pytest.mark.parametrize(
        "body", [{}, {"reason": ""}, {"reason": "   "}, {"reason": 7}, {"colour": "red"}]
    )
    def test_a_reason_is_required(self, body):
        response = self.call("DELETE", self.url, json=body)
        assert response.status_code == 400, response.text
        assert response.json()["error"]["field"] in ("reason", "colour")

    def test_not_twice(self):
        assert self.call("DELETE", self.url, json={"reason": "x"}).status_code == 200
        response = self.call("DELETE", self.url, json={"colour": "red"})  # state before body
        assert response.status_code == 409, response.text
        assert "bereits zurückgezogen" in response.json()["error"]["message"]

    def test_not_once_a_later_record_relies_on_it(self):
        with api.env.adopt_roles(["Manager"]):
            record_cancellation(self.call.agreement, date(2026, 12, 1), date(2027, 12, 31))
        transaction.commit()
        response = self.call("DELETE", self.url, json={"reason": "x"})
        assert response.status_code == 409, response.text
        assert "spätere Kündigung oder Aufhebung" in response.json()["error"]["message"]
