"""Coordinators manage who coordinates and edits a network (@@network-members)."""

from kooperation.audit import entries
from kooperation.workspace import group_ids
from plone import api

import pytest
import re
import requests
import transaction


pytestmark = pytest.mark.slow


@pytest.fixture
def functional(world_functional):
    """The functional layer over the world (world.py), built once instead of by each test."""
    return world_functional


@pytest.fixture
def world(functional):
    from world import objects  # tests/security, on the path by tests/conftest.py

    return objects(functional["portal"])


def url(functional):
    return f"http://{functional['host']}:{functional['port']}/plone/net/@@network-members"


def token(page_url, auth):
    html = requests.get(page_url, auth=auth, timeout=60).text
    return re.search(r'name="_authenticator" value="([^"]+)"', html).group(1), html


class TestNetworkMembers:
    def test_coordinator_adds_and_removes_an_editor(self, functional, world):
        from world import PASSWORD

        auth = ("coordinator", PASSWORD)
        page = url(functional)
        authenticator, html = token(page, auth)
        assert "Partner A" in html
        data = {"group": "editors", "user_id": "staff_c", "form.add": "1"}
        response = requests.post(page, data={**data, "_authenticator": authenticator}, auth=auth)
        assert response.status_code == 200
        transaction.begin()
        editors = group_ids(world["network"])["editors"]
        assert "staff_c" in api.group.get(groupname=editors).getGroupMemberIds()
        logged = [e for e in entries(action="group_membership") if e.subject == "staff_c"]
        assert logged
        assert logged[0].details["group"] == editors

        data = {"group": "editors", "user_id": "staff_c", "form.remove": "1"}
        requests.post(page, data={**data, "_authenticator": authenticator}, auth=auth)
        transaction.begin()
        assert "staff_c" not in api.group.get(groupname=editors).getGroupMemberIds()

    def test_unknown_login_is_an_error(self, functional, world):
        from world import PASSWORD

        auth = ("coordinator", PASSWORD)
        authenticator, _html = token(url(functional), auth)
        data = {"group": "editors", "user_id": "ghost", "form.add": "1"}
        response = requests.post(
            url(functional), data={**data, "_authenticator": authenticator}, auth=auth
        )
        assert response.status_code == 200
        assert "invalid-feedback" in response.text, response.text[-3000:]
        assert "ghost" in response.text

    def test_without_token_nothing_changes(self, functional, world):
        from world import PASSWORD

        data = {"group": "coordinators", "user_id": "staff_a", "form.add": "1"}
        response = requests.post(url(functional), data=data, auth=("coordinator", PASSWORD))
        assert response.status_code == 403
        transaction.begin()
        coordinators = group_ids(world["network"])["coordinators"]
        assert "staff_a" not in api.group.get(groupname=coordinators).getGroupMemberIds()

    def test_staff_may_not_manage_members(self, functional, world):
        from world import PASSWORD

        data = {"group": "coordinators", "user_id": "staff_a", "form.add": "1"}
        requests.post(url(functional), data=data, auth=("staff_a", PASSWORD))
        transaction.begin()
        coordinators = group_ids(world["network"])["coordinators"]
        assert "staff_a" not in api.group.get(groupname=coordinators).getGroupMemberIds()
