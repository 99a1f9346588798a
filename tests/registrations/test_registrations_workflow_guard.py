"""The registration workflow only moves through the registration service: a Manager's
toolbar or a plain transition cannot cancel past the waiting list's promotion."""

from datetime import datetime
from datetime import UTC
from kooperation.registrations import ledger
from kooperation.registrations.form import parse
from plone import api
from plone.api.exc import InvalidParameterError
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from Products.CMFCore.WorkflowCore import WorkflowException
from registrations_helpers import body
from registrations_helpers import make_event

import pytest


NOW = datetime(2026, 11, 25, 12, tzinfo=UTC)


class TestGuard:
    @pytest.fixture(autouse=True)
    def _setup(self, net, portal):
        setRoles(portal, TEST_USER_ID, ["Manager"])
        self.event = make_event(net)  # 3 seats, 2 on the waiting list
        self.regs = [
            ledger.submit(self.event, parse(self.event, body(n)), now=NOW).registration
            for n in range(5)
        ]
        self.wf = api.portal.get_tool("portal_workflow")

    def states(self):
        return [api.content.get_state(r) for r in self.regs]

    def test_manager_sees_no_transitions_in_the_toolbar(self):
        assert api.user.has_permission("kooperation: Change registration state", obj=self.regs[0])
        assert self.wf.getTransitionsFor(self.regs[0]) == ()
        assert self.wf.getTransitionsFor(self.regs[3]) == ()

    def test_plain_transition_is_refused(self):
        before = self.states()
        with pytest.raises(InvalidParameterError):
            api.content.transition(obj=self.regs[0], transition="cancel")
        with pytest.raises(WorkflowException):
            self.wf.doActionFor(self.regs[0], "cancel")
        with pytest.raises(WorkflowException):
            self.wf.doActionFor(self.regs[3], "confirm")
        assert self.states() == before == ["confirmed"] * 3 + ["waiting"] * 2

    def test_the_service_still_cancels_and_promotes_once(self):
        change = ledger.cancel(self.regs[0], now=NOW)
        assert [p.getId() for p in change.promoted] == [self.regs[3].getId()]
        assert self.states() == ["cancelled", "confirmed", "confirmed", "confirmed", "waiting"]
        assert self.regs[4].position == 1
        assert not ledger.writing_now()
        # And afterwards the guard is closed again.
        assert self.wf.getTransitionsFor(self.regs[4]) == ()

    def test_the_guard_opens_only_while_the_service_writes(self):
        # (That it needs no REQUEST, as jobs have none: test_events_conflict.py.)
        from kooperation.registrations.guard import writing

        assert not ledger.writing_now()
        with writing():
            assert ledger.writing_now()
            allowed = {t["id"] for t in self.wf.getTransitionsFor(self.regs[0])}
            assert allowed == {"attend", "cancel", "miss"}
        assert self.wf.getTransitionsFor(self.regs[0]) == ()
