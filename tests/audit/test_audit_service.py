"""GET /@audit-log over HTTP: 401, 403, 200 with filters and batches; the log cannot be edited."""

from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD

import pytest
import requests
import transaction


pytestmark = pytest.mark.slow


class TestAuditLogService:
    @pytest.fixture(autouse=True)
    def _setup(self, functional):
        self.portal = functional["portal"]
        self.url = f"http://{functional['host']}:{functional['port']}/plone"
        with api.env.adopt_roles(["Manager"]):
            api.user.create(email="e@example.org", username="editor", password="secret-pw-123")
            api.user.create(email="s@example.org", username="siteadm", password="secret-pw-123")
            api.user.grant_roles(username="editor", roles=["Editor"])
            api.user.grant_roles(username="siteadm", roles=["Site Administrator"])
            api.content.create(container=self.portal, type="Document", id="doc", title="Doc")
        transaction.commit()

    def get(self, auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD), **params):
        return requests.get(
            f"{self.url}/@audit-log",
            params=params,
            auth=auth,
            headers={"Accept": "application/json"},
            timeout=60,
        )

    def publish_over_http(self):
        response = requests.post(
            f"{self.url}/doc/@workflow/publish",
            auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD),
            headers={"Accept": "application/json", "X-Forwarded-For": "203.0.113.9"},
            json={"comment": "=HYPERLINK()"},
            timeout=60,
        )
        assert response.status_code == 200, response.text

    def test_anonymous_401(self):
        assert self.get(auth=None).status_code == 401

    def test_editor_403(self):
        response = self.get(auth=("editor", "secret-pw-123"))
        assert response.status_code == 403
        assert response.json()["error"]["type"] == "Forbidden"

    def test_publication_is_logged_with_address(self):
        self.publish_over_http()
        response = self.get(auth=("siteadm", "secret-pw-123"), action="transition:*")
        assert response.status_code == 200, response.text
        data = response.json()
        assert data["items_total"] == 1
        entry = data["items"][0]
        assert entry["action"] == "transition:publish"
        assert entry["user_id"] == SITE_OWNER_NAME
        assert entry["path"] == "/plone/doc"
        assert entry["address"] == "127.0.0.1"
        assert entry["forwarded_for"] == "203.0.113.9"
        assert entry["details"]["comment"] == "=HYPERLINK()"
        assert entry["when"].endswith("+00:00")

    def test_batches_capped_at_100(self):
        with api.env.adopt_roles(["Manager"]):
            from kooperation import audit

            for i in range(120):
                audit.log_event("consent", subject=f"young-{i}")
        transaction.commit()
        data = self.get(b_size="500", action="consent").json()
        assert data["items_total"] == 120
        assert len(data["items"]) == 100
        assert data["items"][0]["subject"] == "young-119"
        assert "b_start=100" in data["batching"]["next"]
        data = self.get(b_size="50", b_start="100", action="consent").json()
        assert [item["subject"] for item in data["items"]][-1] == "young-0"
        assert "next" not in data["batching"]
        assert self.get(user="young-5", action="consent").json()["items_total"] == 1

    @pytest.mark.parametrize(
        ("params", "field"),
        [
            ({"since": "gestern"}, "since"),
            ({"until": "2026-13-01"}, "until"),
            ({"b_size": "viele"}, "b_size"),
            ({"b_start": "-1"}, "b_start"),
            ({"b_size": "0"}, "b_size"),
        ],
    )
    def test_bad_filters_400(self, params, field):
        response = self.get(**params)
        assert response.status_code == 400, response.text
        assert response.json()["error"]["field"] == field

    @pytest.mark.parametrize("method", ["POST", "PATCH", "PUT", "DELETE"])
    def test_entries_cannot_be_changed(self, method):
        self.publish_over_http()
        before = self.get().json()
        response = requests.request(
            method,
            f"{self.url}/@audit-log",
            auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD),
            headers={"Accept": "application/json"},
            json={"action": "nothing"},
            timeout=60,
        )
        assert response.status_code >= 400
        transaction.begin()  # see what the server committed
        assert self.get().json()["items"] == before["items"]
