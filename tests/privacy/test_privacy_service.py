"""GET/DELETE /@personal-data over HTTP: 401, 403, 404, 200 — never 500."""

from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD

import pytest
import requests
import transaction


pytestmark = pytest.mark.slow

ADMIN = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
PASSWORD = "secret-pw-123"  # as in conftest.build


class TestPersonalDataService:
    @pytest.fixture(autouse=True)
    def _setup(self, functional, build_site):
        self.portal = functional["portal"]
        self.url = f"http://{functional['host']}:{functional['port']}/plone"
        build_site(self.portal)
        with api.env.adopt_roles(["Manager"]):
            api.user.create(email="sa@example.org", username="siteadm", password=PASSWORD)
            api.user.grant_roles(username="siteadm", roles=["Site Administrator"])
        transaction.commit()

    def call(self, method, path, auth=ADMIN):
        return requests.request(
            method,
            f"{self.url}/{path}",
            auth=auth,
            headers={"Accept": "application/json"},
            timeout=60,
        )

    def audit(self, **params):
        return requests.get(
            f"{self.url}/@audit-log",
            params=params,
            auth=ADMIN,
            headers={"Accept": "application/json"},
            timeout=60,
        ).json()["items"]

    def test_anonymous_401(self):
        assert self.call("GET", "@personal-data/petra", auth=None).status_code == 401
        assert self.call("GET", "@personal-data", auth=None).status_code == 401
        assert self.call("DELETE", "@personal-data/petra", auth=None).status_code == 401

    def test_own_data(self):
        for path in ("@personal-data", "@personal-data/petra"):
            response = self.call("GET", path, auth=("petra", PASSWORD))
            assert response.status_code == 200, response.text
            data = response.json()
            assert data["user"]["properties"]["email"] == "petra@example.org"
            assert len(data["persons"]) == 2
        entry = self.audit(action="export_personal_data")[0]
        assert entry["user_id"] == "petra"
        assert entry["subject"] == "petra"
        assert entry["address"] == "127.0.0.1"

    def test_someone_elses_data_403(self):
        response = self.call("GET", "@personal-data/petra", auth=("clerk", PASSWORD))
        assert response.status_code == 403
        assert (
            self.call("GET", "@personal-data/nobody", auth=("clerk", PASSWORD)).status_code == 403
        )

    def test_administrators_read_anyone(self):
        response = self.call("GET", "@personal-data/petra", auth=("siteadm", PASSWORD))
        assert response.status_code == 200
        assert {s["signatory_name"] for s in response.json()["signatures"]} == {
            "Petra Demo",
            "Chef B",
        }

    @pytest.mark.parametrize("path", ["@personal-data/nobody", "@personal-data/petra/x"])
    def test_unknown_user_404(self, path):
        assert self.call("GET", path).status_code == 404
        assert self.call("DELETE", path).status_code == 404

    def test_delete_forbidden_for_the_user_and_others(self):
        # DELETE declares "Plone Site Setup: Users and Groups": the publisher answers 401.
        for user in ("petra", "clerk"):
            response = self.call("DELETE", "@personal-data/petra", auth=(user, PASSWORD))
            assert response.status_code == 401
            assert response.json()["type"] == "Unauthorized"
        assert self.call("GET", "@personal-data/petra").status_code == 200

    def test_delete_yourself_400(self):
        response = self.call("DELETE", "@personal-data/siteadm", auth=("siteadm", PASSWORD))
        assert response.status_code == 400

    def test_delete(self):
        response = self.call("DELETE", "@personal-data/petra", auth=("siteadm", PASSWORD))
        assert response.status_code == 200, response.text
        summary = response.json()
        assert summary["deleted"] == "petra"
        assert summary["signatures_kept"] == 2
        assert self.call("GET", "@personal-data/petra").status_code == 404
        assert self.call("GET", "@personal-data", auth=("petra", PASSWORD)).status_code == 401
        signatures = self.call("GET", "net/agreement/@signatures").json()["items"]
        assert {(s["signatory_name"], s["function"]) for s in signatures} == {
            ("Petra Demo", "Geschäftsführung"),
            ("Chef B", "Amtsleitung"),
        }
        person = self.call("GET", "net/a/petra").json()
        assert (person["email"], person["phone"], person["user_id"]) == (None, None, None)
        entry = self.audit(action="delete_personal_data")[0]
        assert entry["user_id"] == "siteadm"
        assert entry["subject"] == "petra"
        assert entry["details"]["persons_blanked"] == ["/plone/net/a/petra", "/plone/net/b/contact"]
