"""Networks and partners get their groups; people join partners through Person entries."""

from datetime import date
from kooperation.testing import add_person
from kooperation.workspace import confirm_person
from kooperation.workspace import group_ids
from kooperation.workspace import pending_fields
from plone import api

import pytest


def members(group_id):
    """The users (not nested groups) in a group."""
    group = api.portal.get_tool("portal_groups").getGroupById(group_id)
    return {m for m in group.getMemberIds() if api.group.get(groupname=m) is None}


class TestNetworkGroups:
    @pytest.fixture(autouse=True)
    def _setup(self, portal):
        self.portal = portal
        with api.env.adopt_roles(["Manager"]):
            api.user.create(email="anna@example.org", username="anna", password="pw-anna-123")
            self.net = api.content.create(container=portal, type="Network", id="net", title="N")
            self.partner = api.content.create(
                container=self.net, type="Partner", id="p", title="P", partner_kind="other"
            )

    def test_network_groups_and_local_roles(self):
        ids = group_ids(self.net)
        assert ids == {
            "members": "net-members",
            "editors": "net-editors",
            "coordinators": "net-coordinators",
        }
        roles = dict(self.net.get_local_roles())
        assert roles["net-members"] == ("Reader",)
        assert "Coordinator" in roles["net-coordinators"]
        assert api.group.get(groupname="net-editors").getProperty("title") == "N: Redaktion"

    def test_partner_groups_nest_in_the_network(self):
        ids = group_ids(self.partner)
        assert ids == {
            "staff": "net-p-staff",
            "signatories": "net-p-signatories",
            "admins": "net-p-admins",
        }
        groups = api.portal.get_tool("portal_groups")
        assert "net-p-staff" in groups.getGroupById("net-members").getMemberIds()
        assert "net-p-signatories" in groups.getGroupById("net-p-staff").getMemberIds()
        assert dict(self.net.get_local_roles())["net-p-signatories"] == ("Signatory",)
        # The partner's admins (its management) manage its people, on the partner only.
        assert "net-p-admins" in groups.getGroupById("net-p-staff").getMemberIds()
        assert dict(self.partner.get_local_roles())["net-p-admins"] == ("PartnerAdmin",)

    def test_internal_area_only_for_the_staff(self):
        area = self.partner["intern"]
        assert area.portal_type == "PartnerArea"
        assert area.__ac_local_roles_block__
        local = {principal: set(roles) for principal, roles in area.get_local_roles()}
        assert local == {"net-p-staff": {"Contributor", "Editor", "Reader", "PartnerStaff"}}

    def test_person_with_login_joins_the_partner(self):
        with api.env.adopt_roles(["Manager"]):
            person = add_person(container=self.partner, id="anna", title="Anna", user_id="anna")
        assert "anna" in members("net-p-staff")
        assert "anna" not in members("net-p-signatories")
        user = api.user.get(username="anna")
        assert "Reader" in user.getRolesInContext(self.net)
        assert "Signatory" not in user.getRolesInContext(self.net)

        person.may_sign = True
        person.signing_from = date(2020, 1, 1)
        from zope.event import notify
        from zope.lifecycleevent import ObjectModifiedEvent

        notify(ObjectModifiedEvent(person))
        # A wider authority is a proposal until the partner confirms it.
        assert "anna" not in members("net-p-signatories")
        assert pending_fields(person) == ["may_sign"]
        confirm_person(person, by="boss")
        assert "anna" in members("net-p-signatories")
        user = api.user.get(username="anna")
        assert "Signatory" in user.getRolesInContext(self.net)
        # Taking it away counts at once.
        person.may_sign = False
        notify(ObjectModifiedEvent(person))
        assert "anna" not in members("net-p-signatories")

    def test_removing_the_person_takes_the_membership_back(self):
        with api.env.adopt_roles(["Manager"]):
            add_person(
                container=self.partner,
                id="anna",
                title="Anna",
                user_id="anna",
                may_sign=True,
            )
            api.content.delete(obj=self.partner["anna"])
        assert "anna" not in members("net-p-staff")
        assert "anna" not in members("net-p-signatories")

    def test_moving_the_person_to_another_partner(self):
        with api.env.adopt_roles(["Manager"]):
            other = api.content.create(
                container=self.net, type="Partner", id="q", title="Q", partner_kind="other"
            )
            person = add_person(container=self.partner, id="anna", title="Anna", user_id="anna")
            moved = api.content.move(source=person, target=other)
        assert "anna" not in members("net-p-staff")
        # Partner P's confirmation does not speak for Q: Q confirms its new person.
        assert "anna" not in members("net-q-staff")
        confirm_person(moved, by="q-boss")
        assert "anna" in members("net-q-staff")

    def test_unknown_login_grants_nothing(self):
        with api.env.adopt_roles(["Manager"]):
            add_person(container=self.partner, id="x", title="X", user_id="nobody-here")
        assert members("net-p-staff") == set()

    def test_copied_network_gets_its_own_groups(self):
        with api.env.adopt_roles(["Manager"]):
            copy = api.content.copy(source=self.net, target=self.portal, id="net2")
        copied, original = group_ids(copy), group_ids(self.net)
        assert set(copied) == set(original)
        assert not set(copied.values()) & set(original.values())
        assert all(api.group.get(groupname=g) is not None for g in copied.values())
        assert group_ids(copy["p"])["staff"] != group_ids(self.partner)["staff"]

    def test_deleting_the_network_deletes_its_groups(self):
        with api.env.adopt_roles(["Manager"]):
            api.content.delete(obj=self.net)
        assert api.group.get(groupname="net-members") is None
        assert api.group.get(groupname="net-p-staff") is None


class TestRoleChangesAreAudited:
    def test_network_grants_are_logged(self, portal):
        from kooperation.audit import entries

        with api.env.adopt_roles(["Manager"]):
            api.content.create(container=portal, type="Network", id="net", title="N")
        logged = {
            e.details["principal"]: e.details["granted"] for e in entries(action="role_change")
        }
        assert logged["net-members"] == ["Reader"]
        assert "Coordinator" in logged["net-coordinators"]
