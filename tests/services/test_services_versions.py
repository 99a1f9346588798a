"""Agreements are versioned: each save is a version; the history names who and when."""

from plone import api

import pytest
import transaction


pytestmark = pytest.mark.slow


class TestVersions:
    @pytest.fixture(autouse=True)
    def _setup(self, acceptance, manager, draft_agreement):
        self.manager = manager
        self.path = draft_agreement

    def test_each_edit_is_a_version_with_author(self):
        for title in ("Erste Fassung", "Zweite Fassung"):
            response = self.manager("PATCH", self.path, json={"title": title})
            assert response.status_code == 204, response.text
        history = self.manager("GET", f"{self.path}/@history").json()
        versions = [item for item in history if item["type"] == "versioning"]
        # newest first: the two edits by the admin, then the version made on creation
        assert len(versions) == 3
        assert [v["actor"]["id"] for v in versions[:2]] == ["admin", "admin"]
        assert all(v["time"] for v in versions)
        first = self.manager("GET", f"{self.path}/@history/0").json()
        latest = self.manager("GET", self.path).json()
        assert latest["title"] == "Zweite Fassung"
        assert first["title"] != latest["title"]

    def test_two_versions_can_be_compared(self, acceptance):
        for title in ("Erste Fassung", "Zweite Fassung"):
            self.manager("PATCH", self.path, json={"title": title})
        transaction.begin()  # see what the server thread committed
        portal = acceptance["portal"]
        obj = portal.unrestrictedTraverse(self.path)
        diff_tool = api.portal.get_tool("portal_diff")
        repository = api.portal.get_tool("portal_repository")
        with api.env.adopt_roles(["Manager"]):
            old = repository.retrieve(obj, 0).object
            new = repository.retrieve(obj, 1).object
            changes = diff_tool.createChangeSet(old, new)
        titles = [d for d in changes.getDiffs() if d.field == "title"]
        assert titles
        assert not titles[0].same
        transaction.abort()
