"""The text is frozen from 'for signature' on; nobody edits a signed agreement."""

from plone import api

import pytest


def can(permission, obj, roles):
    with api.env.adopt_roles(roles):
        return bool(api.user.has_permission(permission, obj=obj))


class TestAgreementWorkflow:
    @pytest.fixture(autouse=True)
    def _setup(self, agreement):
        self.agreement = agreement

    def go(self, *transitions):
        with api.env.adopt_roles(["Manager"]):
            for transition in transitions:
                api.content.transition(obj=self.agreement, transition=transition)

    @pytest.mark.parametrize(
        ("transitions", "roles", "permission", "expected"),
        [
            # The network's editors publish minutes and news; agreements are drafted by
            # their owners and the coordinators.
            ((), ["Editor"], "Modify portal content", False),
            ((), ["Owner"], "Modify portal content", True),
            ((), ["Coordinator"], "Modify portal content", True),
            ((), ["Reader"], "Modify portal content", False),
            ((), ["Reader"], "View", True),
            ((), ["Anonymous"], "View", False),
            ((), ["Signatory"], "kooperation: Sign", False),
            (("submit_for_consultation",), ["Coordinator"], "Modify portal content", True),
            (("freeze_for_signature",), ["Manager"], "Modify portal content", False),
            (("freeze_for_signature",), ["Coordinator"], "Modify portal content", False),
            (("freeze_for_signature",), ["Signatory"], "kooperation: Sign", True),
            (("freeze_for_signature",), ["Reader"], "kooperation: Sign", False),
            (
                ("freeze_for_signature",),
                ["Coordinator"],
                "kooperation: Record signature on behalf",
                True,
            ),
            (("freeze_for_signature",), ["Anonymous"], "View", False),
            (("cancel",), ["Manager"], "Modify portal content", False),
        ],
    )
    def test_permission_map(self, transitions, roles, permission, expected):
        self.go(*transitions)
        assert can(permission, self.agreement, roles) is expected

    def test_enter_into_force_needs_all_signatures(self):
        self.go("freeze_for_signature")
        wf = api.portal.get_tool("portal_workflow")
        with api.env.adopt_roles(["Manager"]):
            ids = [t["id"] for t in wf.getTransitionsFor(self.agreement)]
        assert "enter_into_force" not in ids
