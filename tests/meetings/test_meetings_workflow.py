"""Minutes: the minute-taker's partner drafts, members see it in circulation, approval locks it."""

from plone import api
from zope.interface import Invalid

import pytest


def _can(user, permission, obj):
    with api.env.adopt_user(username=user):
        return bool(api.user.has_permission(permission, obj=obj))


def _viewers(obj):
    return [r["name"] for r in obj.rolesOfPermission("View") if r["selected"]]


class TestMinutesWorkflow:
    @pytest.fixture(autouse=True)
    def _setup(self, table):
        self.t = table
        with api.env.adopt_user(username="coordinator"):
            self.minutes = api.content.create(
                container=table["meeting"], type="Minutes", id="protokoll", title="Protokoll"
            )

    def test_draft_only_minute_taker_partner_editors_and_coordinator(self):
        # issue 16: the network's editors write minutes too
        assert _can("staff_a", "Modify portal content", self.minutes)
        assert _can("coordinator", "Modify portal content", self.minutes)
        assert _can("editor", "Modify portal content", self.minutes)
        assert not _can("staff_b", "View", self.minutes)

    def test_minute_taker_follows_the_duty_holder(self):
        meeting = self.t["meeting"]
        meeting.duty_holders = dict(meeting.duty_holders, minutes=self.t["uids"]["b"])
        from zope.event import notify
        from zope.lifecycleevent import ObjectModifiedEvent

        notify(ObjectModifiedEvent(meeting))
        assert _can("staff_b", "Modify portal content", self.minutes)
        assert not _can("staff_a", "View", self.minutes)

    def test_circulation_approval_lock_and_publication(self):
        with api.env.adopt_user(username="staff_a"):
            api.content.transition(obj=self.minutes, transition="circulate")
        assert _can("staff_b", "View", self.minutes)
        assert not _can("staff_b", "Modify portal content", self.minutes)
        assert _can("staff_a", "Modify portal content", self.minutes)
        with api.env.adopt_user(username="staff_a"):
            with pytest.raises(api.exc.InvalidParameterError):
                api.content.transition(obj=self.minutes, transition="approve")
        with api.env.adopt_user(username="editor"):
            api.content.transition(obj=self.minutes, transition="approve")
        for user in ("staff_a", "coordinator", "editor"):
            assert not _can(user, "Modify portal content", self.minutes)
        with api.env.adopt_user(username="editor"):
            api.content.transition(obj=self.minutes, transition="publish")
        assert api.content.get_state(self.minutes) == "published"
        assert "Anonymous" not in _viewers(self.minutes)
        with api.env.adopt_user(username="editor"):
            api.content.transition(obj=self.minutes, transition="publish_public")
        assert "Anonymous" in _viewers(self.minutes)

    def test_public_only_without_third_party_data(self):
        self.minutes.decisions = ["Kevin Meier (17) sucht einen Ausbildungsplatz."]
        with api.env.adopt_user(username="coordinator"):
            api.content.transition(obj=self.minutes, transition="circulate")
            api.content.transition(obj=self.minutes, transition="approve")
        with api.env.adopt_user(username="editor"):
            with pytest.raises(api.exc.InvalidParameterError):
                api.content.transition(obj=self.minutes, transition="publish_public")
            api.content.transition(obj=self.minutes, transition="publish")
        self.minutes.decisions = ["Der Flyer wird gedruckt."]
        with api.env.adopt_user(username="editor"):
            api.content.transition(obj=self.minutes, transition="publish_public")
        assert api.content.get_state(self.minutes) == "published_public"


class TestMeetingValidation:
    def test_duty_holder_must_be_member(self, table, portal):
        from kooperation.meetings.content.meeting import IMeetingSchema
        from z3c.form.validator import Data

        data = Data(IMeetingSchema, {"duty_holders": {"minutes": "not-a-member"}}, table["meeting"])
        with pytest.raises(Invalid):
            IMeetingSchema.validateInvariants(data)
        ok = Data(
            IMeetingSchema, {"duty_holders": {"minutes": table["uids"]["c"]}}, table["meeting"]
        )
        IMeetingSchema.validateInvariants(ok)
