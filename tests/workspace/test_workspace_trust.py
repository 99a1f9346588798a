"""The trust model inside Zope: local-only roles, the upgrade, and the confirm form."""

from kooperation.testing import create_network
from kooperation.workspace import confirmation
from kooperation.workspace import LOCAL_ONLY_ROLES
from plone import api

import pytest


class TestLocalOnlyRoles:
    @pytest.fixture(autouse=True)
    def _setup(self, portal):
        self.portal = portal

    @pytest.mark.parametrize("role", sorted(LOCAL_ONLY_ROLES))
    def test_a_site_wide_grant_has_no_effect(self, role):
        net = create_network(self.portal, [("a", "Partner A")])
        partner = net["a"]
        with api.env.adopt_roles(["Manager"]):
            api.user.create(email="eve@example.org", username="eve", password="secret-pw-0815")
            api.user.grant_roles(username="eve", roles=[role])
        with api.env.adopt_roles(["Manager", "PartnerStaff", "CaseParticipant"]):
            note = api.content.create(
                container=partner["intern"],
                type="CaseNote",
                title="Fall Max M.",
                partners=[partner.UID()],
                legal_basis="consent",
                legal_basis_details="Einwilligung",
            )
        assert role not in api.user.get_roles(username="eve")
        with api.env.adopt_user(username="eve"):
            assert not api.user.has_permission("View", obj=note)
            assert not api.user.has_permission("View", obj=partner["intern"])
            assert not api.user.has_permission(
                "kooperation: Confirm partner people", obj=partner["boss"]
            )


class TestUpgrade1001:
    @pytest.fixture(autouse=True)
    def _setup(self, portal):
        self.portal = portal
        self.net = create_network(portal, [("a", "Partner A")])
        with api.env.adopt_roles(["Manager"]):
            api.user.create(email="old@example.org", username="old", password="secret-pw-0815")
            # An entry from before the rule: nobody confirmed it.
            self.person = api.content.create(
                container=self.net["a"], type="Person", id="old", title="Old", user_id="old"
            )
        with api.env.adopt_roles(["Manager", "PartnerStaff", "CaseParticipant"]):
            self.note = api.content.create(
                container=self.net["a"]["intern"],
                type="CaseNote",
                id="fall-max-m",
                title="Fall Max M.",
                partners=[self.net["a"].UID()],
                legal_basis="consent",
                legal_basis_details="Einwilligung",
            )

    def test_old_entries_keep_their_access_and_case_notes_lose_their_names(self):
        from kooperation.upgrades.v1001 import upgrade

        assert not confirmation(self.person)
        upgrade(api.portal.get_tool("portal_setup"))
        assert confirmation(self.person)["how"] == "upgrade"
        assert "old" in api.group.get(groupname="net-a-staff").getMemberIds()
        area = self.net["a"]["intern"]
        assert "fall-max-m" not in area.objectIds()
        assert [i for i in area.objectIds() if i.startswith("fallbesprechung")]
