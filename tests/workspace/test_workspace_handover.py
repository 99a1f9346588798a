"""A person leaves (seed 003: a coordinator left on 31.10.2018) or moves to another partner."""

from datetime import date
from kooperation.audit import entries
from kooperation.common.errors import KooperationError
from kooperation.testing import add_person
from kooperation.workspace import confirm_person
from kooperation.workspace import group_ids
from kooperation.workspace.handover import leave
from kooperation.workspace.handover import move
from kooperation.workspace.handover import open_duties
from plone import api

import pytest


def members(group_id):
    return set(api.portal.get_tool("portal_groups").getGroupById(group_id).getMemberIds())


class TestHandover:
    @pytest.fixture(autouse=True)
    def _setup(self, portal):
        with api.env.adopt_roles(["Manager"]):
            api.user.create(email="ines@example.org", username="ines", password="pw-ines-123")
            self.net = api.content.create(container=portal, type="Network", id="net", title="N")
            self.a = api.content.create(
                container=self.net, type="Partner", id="a", title="A", partner_kind="other"
            )
            self.b = api.content.create(
                container=self.net, type="Partner", id="b", title="B", partner_kind="other"
            )
            self.ines = add_person(
                container=self.a,
                id="ines",
                title="Ines Koordina",
                user_id="ines",
                is_contact=True,
                may_sign=True,
                signing_from=date(2015, 1, 1),
            )
            self.tom = add_person(
                container=self.a,
                id="tom",
                title="Tom Nachfolge",
                is_contact=False,
                deputy=self.ines.UID(),
            )
            api.group.add_user(groupname=group_ids(self.net)["coordinators"], username="ines")
            self.agreement = api.content.create(
                container=self.net,
                type="Agreement",
                id="v",
                title="Vereinbarung V",
                parties=[self.a.UID(), self.b.UID()],
            )
            api.content.transition(obj=self.agreement, transition="freeze_for_signature")

    def kinds(self, person, today=date(2018, 10, 1)):
        return sorted(d["kind"] for d in open_duties(person, today))

    def test_open_duties(self):
        assert self.kinds(self.ines) == [
            "contact",
            "deputy",
            "group",
            "signatory",
            "signature_pending",
        ]
        assert self.kinds(self.tom) == []

    def test_leave_hands_everything_over(self):
        changes = leave(self.ines, date(2018, 10, 31), self.tom.UID())
        assert self.ines.signing_until == date(2018, 10, 31)
        assert not self.ines.may_sign_on(date(2018, 11, 1))
        assert self.ines.may_sign_on(date(2018, 10, 31))
        assert self.ines.is_contact is False
        assert self.tom.is_contact is True
        assert self.ines.user_id is None
        assert "ines" not in members(group_ids(self.a)["staff"])
        assert "ines" not in members(group_ids(self.a)["signatories"])
        assert "ines" not in members(group_ids(self.net)["coordinators"])
        assert "group:coordinators" in changes
        # The entry itself stays: signatures keep pointing at it.
        assert "ines" in self.a.objectIds()
        assert self.kinds(self.ines, date(2018, 11, 1)) == []
        (entry,) = [e for e in entries() if e.action == "handover_leave"]
        assert entry.subject == "ines"
        assert entry.details["day"] == "2018-10-31"
        assert entry.path == "/plone/net/a/ines"

    def test_deputyship_passes_to_the_successor(self):
        with api.env.adopt_roles(["Manager"]):
            vera = add_person(container=self.a, id="vera", title="Vera", deputy=self.ines.UID())
        leave(self.ines, date(2018, 10, 31), self.tom.UID())
        assert vera.deputy == self.tom.UID()

    @pytest.mark.parametrize(
        ("day", "successor", "field"),
        [
            (None, None, "date"),
            (date(2014, 12, 31), None, "date"),
            (date(2018, 10, 31), "no-such-uid", "successor"),
            (date(2018, 10, 31), "@self", "successor"),
        ],
    )
    def test_bad_input_changes_nothing(self, day, successor, field):
        if successor == "@self":
            successor = self.ines.UID()
        with pytest.raises(KooperationError) as error:
            leave(self.ines, day, successor)
        assert error.value.field == field
        assert self.ines.signing_until is None
        assert self.ines.user_id == "ines"

    def test_move_to_another_partner(self):
        moved = move(self.ines, self.b.UID())
        assert moved.__parent__.UID() == self.b.UID()
        assert "ines" not in members(group_ids(self.a)["staff"])
        # B decides whether Ines acts for it: the move is a proposal until B confirms.
        assert "ines" not in members(group_ids(self.b)["staff"])
        confirm_person(moved, by="b-boss")
        assert "ines" in members(group_ids(self.b)["staff"])

    def test_move_needs_another_partner_of_the_network(self):
        with pytest.raises(KooperationError):
            move(self.ines, self.a.UID())
        with pytest.raises(KooperationError):
            move(self.ines, self.agreement.UID())
