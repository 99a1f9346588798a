"""What is logged: transitions, signatures, local roles, group membership, role helpers."""

from datetime import date
from datetime import datetime
from datetime import UTC
from kooperation import audit
from kooperation.agreements.signatures import record_signature
from plone import api
from plone.app.testing import TEST_USER_ID

import pytest


def newest(**filters):
    total, items = audit.query(size=1, **filters)
    assert total, f"no entry for {filters}"
    return items[0]


class TestLogEvent:
    @pytest.fixture(autouse=True)
    def _setup(self, portal, request_from, as_manager):
        self.portal = portal
        self.request = request_from

    def test_who_what_where_when(self):
        api.user.get(userid=TEST_USER_ID).setMemberProperties({"fullname": "Tessa Test"})
        before = datetime.now(UTC)
        doc = api.content.create(container=self.portal, type="Document", id="d", title="Doc")
        entry = audit.log_event("consent", obj=doc, subject="young-1", basis="§ 69 SGB X")
        assert entry.action == "consent"
        assert entry.user_id == TEST_USER_ID
        assert entry.user_name == "Tessa Test"
        assert entry.uid == doc.UID()
        assert entry.path == "/plone/d"
        assert entry.title == "Doc"
        assert entry.portal_type == "Document"
        assert entry.address == "10.1.2.3"
        assert entry.forwarded_for == "203.0.113.9"
        assert entry.subject == "young-1"
        assert entry.details == {"basis": "§ 69 SGB X"}
        assert before <= entry.when <= datetime.now(UTC)
        assert newest(user="young-1") == entry

    def test_anonymous(self):
        from plone.app.testing import logout

        logout()
        entry = audit.log_event("consent")
        assert entry.user_id == audit.ANONYMOUS
        assert entry.path == ""


class TestSubscribers:
    @pytest.fixture(autouse=True)
    def _setup(self, portal, request_from, for_signature, as_manager):
        self.portal = portal
        self.agreement = for_signature

    def test_transition(self):
        entry = newest(action="transition:freeze_for_signature")
        assert entry.path == "/plone/net/agreement"
        assert entry.uid == self.agreement.UID()
        assert entry.address == "10.1.2.3"
        assert entry.details["review_state"] == "for_signature"
        assert entry.details["workflow"] == "kooperation_agreement_workflow"

    def test_publication_with_comment(self):
        doc = api.content.create(container=self.portal, type="Document", id="n", title="News")
        with api.env.adopt_roles(["Manager"]):
            api.content.transition(obj=doc, transition="publish", comment="freigegeben")
        entry = newest(action="transition:publish", path="/plone/n")
        assert entry.details["review_state"] == "published"
        assert entry.details["comment"] == "freigegeben"
        assert entry.user_id == TEST_USER_ID

    def test_signature_own_and_on_behalf(self):
        boss_a = self.agreement.__parent__["a"]["boss"]
        boss_b = self.agreement.__parent__["b"]["boss"]
        record_signature(self.agreement, boss_a.UID(), date(2026, 1, 5), "boss-a", False)
        entry = newest(action="sign")
        assert entry.subject == "boss-a"
        assert entry.path == "/plone/net/agreement"
        assert entry.details["signatory_name"] == "Chefin A"
        assert entry.details["function"] == "Geschäftsführung"
        assert entry.details["date"] == "2026-01-05"
        record_signature(
            self.agreement,
            boss_b.UID(),
            date(2026, 1, 6),
            TEST_USER_ID,
            True,
            qes_reference="QES-1",
        )
        entry = newest(action="sign_on_behalf")
        assert entry.subject == "boss-b"
        assert entry.user_id == TEST_USER_ID
        assert entry.details["on_behalf"] is True
        assert entry.details["qes_reference"] == "QES-1"

    def test_local_roles_through_sharing(self):
        from plone.app.workflow.events import LocalrolesModifiedEvent
        from zope.event import notify

        network = self.agreement.__parent__
        api.user.create(email="r@example.org", username="reader-1", password="secret-pw-123")
        with api.env.adopt_roles(["Manager"]):
            network.manage_setLocalRoles("reader-1", ["Reader"])
            notify(LocalrolesModifiedEvent(network, self.portal.REQUEST))
            first = newest(action="role_change")
            assert first.details["local_roles"]["reader-1"] == ["Reader"]
            assert "granted" not in first.details  # nothing known before the first entry
            network.manage_setLocalRoles("reader-1", ["Editor", "Reader"])
            notify(LocalrolesModifiedEvent(network, self.portal.REQUEST))
        entry = newest(action="role_change")
        assert entry.path == "/plone/net"
        assert entry.details["granted"] == {"reader-1": ["Editor"]}
        assert entry.details["revoked"] == {}

    def test_group_membership(self):
        api.user.create(email="p@example.org", username="petra", password="secret-pw-123")
        api.group.create(groupname="net-staff", title="Netz: Mitarbeitende")
        api.group.add_user(groupname="net-staff", username="petra")
        entry = newest(action="group_membership")
        assert entry.subject == "petra"
        assert entry.user_id == TEST_USER_ID
        assert entry.details == {
            "change": "added",
            "group": "net-staff",
            "group_title": "Netz: Mitarbeitende",
            "principal": "petra",
        }
        api.group.remove_user(groupname="net-staff", username="petra")
        assert newest(user="petra").details["change"] == "removed"
        assert audit.query(user="petra")[0] == 2


class TestRoleHelpers:
    @pytest.fixture(autouse=True)
    def _setup(self, portal, request_from, network, as_manager):
        self.portal = portal
        self.network = network
        api.user.create(email="p@example.org", username="petra", password="secret-pw-123")
        api.group.create(groupname="coordinators")

    def test_local_grant_and_revoke_for_a_user(self):
        with api.env.adopt_roles(["Manager"]):
            entry = audit.grant_roles(["Editor", "Reader"], obj=self.network, username="petra")
        assert entry.action == "role_change"
        assert entry.subject == "petra"
        assert entry.path == "/plone/net"
        assert entry.details["granted"] == ["Editor", "Reader"]
        assert entry.details["scope"] == "local"
        assert entry.details["local_roles"]["petra"] == ["Editor", "Reader"]
        assert "Editor" in api.user.get_roles(username="petra", obj=self.network)
        with api.env.adopt_roles(["Manager"]):
            entry = audit.revoke_roles(["Editor"], obj=self.network, username="petra")
        assert entry.details["revoked"] == ["Editor"]
        assert entry.details["roles"] == ["Reader"]

    def test_global_for_a_group_and_nothing_changed(self):
        with api.env.adopt_roles(["Manager"]):
            entry = audit.grant_roles(["Site Administrator"], groupname="coordinators")
            assert entry.details["scope"] == "global"
            assert entry.details["principal_type"] == "group"
            assert entry.details["granted"] == ["Site Administrator"]
            assert audit.grant_roles(["Site Administrator"], groupname="coordinators") is None

    def test_bad_call(self):
        with pytest.raises(ValueError):
            audit.grant_roles(["Reader"], username="petra", groupname="coordinators")
        with pytest.raises(ValueError):
            audit.grant_roles(["Reader"], username="nobody")
