"""A network's share of the audit log: its coordinators read it on the network page and
over REST, with the same filters and CSV; nothing of another network ever shows."""

from kooperation import audit
from kooperation.interfaces import IKooperationLayer
from kooperation.testing import create_network
from kooperation.workspace import group_ids
from plone import api
from plone.app.testing import login
from plone.app.testing import logout
from zope.component import getMultiAdapter
from zope.interface import alsoProvides

import pytest
import requests
import transaction


PASSWORD = "secret-pw-123"


def two_networks(portal):
    """Networks a and b with a coordinator each, and entries of both in the log."""
    net_a = create_network(portal, (("pa", "Partner A"),), id="neta", title="Netz A")
    net_b = create_network(portal, (("pb", "Partner B"),), id="netb", title="Netz B")
    with api.env.adopt_roles(["Manager"]):
        for name, net in (("coord-a", net_a), ("coord-b", net_b)):
            api.user.create(email=f"{name}@example.org", username=name, password=PASSWORD)
            api.group.add_user(groupname=group_ids(net)["coordinators"], username=name)
        doc_b = api.content.create(container=net_b, type="Document", id="geheim", title="B-Sache")
    audit.log_event("publish", obj=net_a["pa"], marker="a-object")
    audit.log_event("publish", obj=doc_b, marker="b-object")
    audit.log_event("consent", obj=portal, subject="boss-pa", marker="a-person-site")
    audit.log_event("consent", obj=portal, subject="boss-pb", marker="b-person-site")
    audit.log_event("consent", obj=portal, subject="stranger", marker="nobody")
    return net_a, net_b


def markers(entries):
    return {entry.details.get("marker") for entry in entries} - {None}


def groups_of(entries):
    return {entry.details.get("group") for entry in entries if entry.action == "group_membership"}


def own_groups(net):
    groups = set(group_ids(net).values())
    for partner in [o for o in net.objectValues() if o.portal_type == "Partner"]:
        groups.update(group_ids(partner).values())
    return groups


class TestScope:
    @pytest.fixture(autouse=True)
    def _setup(self, portal):
        self.portal = portal
        self.net_a, self.net_b = two_networks(portal)
        alsoProvides(portal.REQUEST, IKooperationLayer)

    def scoped(self, net, **filters):
        from kooperation.audit.network import scoped_filters

        return list(audit.entries(**scoped_filters(net, filters)))

    def test_a_sees_its_objects_people_and_groups_only(self):
        found = self.scoped(self.net_a)
        assert markers(found) == {"a-object", "a-person-site"}
        assert group_ids(self.net_a)["coordinators"] in groups_of(found)
        assert groups_of(found) <= own_groups(self.net_a)
        assert all("/netb" not in entry.path for entry in found)

    def test_b_sees_nothing_of_a(self):
        found = self.scoped(self.net_b)
        assert markers(found) == {"b-object", "b-person-site"}
        assert group_ids(self.net_b)["coordinators"] in groups_of(found)
        assert groups_of(found) <= own_groups(self.net_b)

    def test_a_person_in_both_networks_keeps_b_out_of_a(self):
        # boss-pa also joins network b's coordinators, and acts there.
        with api.env.adopt_roles(["Manager"]):
            api.user.create(email="boss@example.org", username="boss-pa", password=PASSWORD)
            api.group.add_user(groupname=group_ids(self.net_b)["coordinators"], username="boss-pa")
        audit.log_event("publish", obj=self.net_b["geheim"], subject="boss-pa", marker="b-by-a")
        found = self.scoped(self.net_a)
        assert "b-by-a" not in markers(found)
        assert group_ids(self.net_b)["coordinators"] not in groups_of(found)
        assert "b-by-a" in markers(self.scoped(self.net_b))

    def test_filters_apply_within_the_share(self):
        assert markers(self.scoped(self.net_a, action="publish")) == {"a-object"}
        assert markers(self.scoped(self.net_a, user="boss-pa")) == {"a-person-site"}
        # A path into the other network finds nothing.
        assert self.scoped(self.net_a, path="/plone/netb") == []

    def test_coordinator_rights(self):
        login(self.portal, "coord-a")
        try:
            assert api.user.has_permission("kooperation: View network audit log", obj=self.net_a)
            assert not api.user.has_permission(
                "kooperation: View network audit log", obj=self.net_b
            )
            assert not api.user.has_permission("kooperation: View audit log", obj=self.portal)
        finally:
            logout()

    def test_the_page_and_its_csv(self):
        from AccessControl import Unauthorized

        request = self.portal.REQUEST
        login(self.portal, "coord-a")
        try:
            html = self.net_a.restrictedTraverse("@@audit-log")()
            assert "Netz A" in html
            assert "B-Sache" not in html
            assert "/plone/netb" not in html
            assert "boss-pb" not in html
            with pytest.raises(Unauthorized):
                self.net_b.restrictedTraverse("@@audit-log")
            with pytest.raises(Unauthorized):
                self.portal.restrictedTraverse("@@audit-log")
            request.form.update({"format": "csv"})
            body = getMultiAdapter((self.net_a, request), name="audit-log")()
            assert "a-object" in body
            assert "b-object" not in body
            assert "boss-pb" not in body
        finally:
            request.form.clear()
            logout()
        # The download was logged, on network a.
        (entry,) = audit.entries(action="export_audit_log")
        assert entry.path == "/plone/neta"
        assert entry.user_id == "coord-a"


@pytest.mark.slow
class TestService:
    @pytest.fixture(autouse=True)
    def _setup(self, functional):
        self.portal = functional["portal"]
        self.url = f"http://{functional['host']}:{functional['port']}/plone"
        two_networks(self.portal)
        transaction.commit()

    def get(self, path, user):
        return requests.get(
            f"{self.url}/{path}/@audit-log",
            auth=(user, PASSWORD) if user else None,
            headers={"Accept": "application/json"},
            timeout=60,
        )

    def test_coordinator_reads_its_network_only(self):
        response = self.get("neta", "coord-a")
        assert response.status_code == 200, response.text
        items = response.json()["items"]
        found = {item["details"].get("marker") for item in items} - {None}
        assert found == {"a-object", "a-person-site"}
        assert all("/netb" not in item["path"] for item in items)
        assert self.get("netb", "coord-a").status_code == 401
        assert self.get("", "coord-a").status_code == 403
        assert self.get("neta", None).status_code == 401
