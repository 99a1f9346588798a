"""GET <series>/@rotation?count=N: the next N meetings with their duty holders and the tally."""

from kooperation import _
from kooperation.common.csrf import check_write
from kooperation.common.errors import KooperationError
from kooperation.common.errors import render
from kooperation.common.rest import error_reply
from kooperation.common.rest import forbidden_reply
from kooperation.common.rest import json_object
from kooperation.meetings.corrections import correct
from kooperation.meetings.corrections import may_correct
from kooperation.meetings.invitation import may_invite
from kooperation.meetings.invitation import send_invitation
from kooperation.meetings.invitation import sent_invitation
from kooperation.meetings.rotation import RotationError
from kooperation.meetings.series import rotation_plan
from plone import api
from plone.restapi.services import Service


MAX_COUNT = 50


def parse_count(value):
    """The number of meetings to plan: 1..50, default 5; KooperationError otherwise."""
    if value in (None, ""):
        return 5
    if isinstance(value, str) and value.isdigit() and 1 <= int(value) <= MAX_COUNT:
        return int(value)
    raise KooperationError(
        "count",
        _(
            "error_rotation_count",
            default="count must be a whole number from 1 to ${max}.",
            mapping={"max": MAX_COUNT},
        ),
    )


def partner_titles(uids):
    titles = {}
    for brain in api.content.find(UID=list(uids)) if uids else ():
        titles[brain.UID] = brain.Title
    return titles


def rotation_json(series, count, request):
    """The plan as JSON (held meetings and the next ``count``), with partner titles."""
    result = rotation_plan(series, count).to_json()
    result["partners"] = partner_titles(series.members or ())
    return result


class RotationGet(Service):
    def reply(self):
        try:
            count = parse_count(self.request.form.get("count"))
        except KooperationError as error:
            return error_reply(self, error)
        try:
            data = rotation_json(self.context, count, self.request)
        except RotationError as error:
            self.request.response.setStatus(400)
            message = render(error.msgid, error.default, error.mapping, self.request)
            return {"error": {"type": "BadRequest", "message": message}}
        data["@id"] = f"{self.context.absolute_url()}/@rotation"
        return data


class CorrectPost(Service):
    """POST <minutes>/@correct {"reason": ..., "text": HTML?, "decisions": [...]?,
    "action_items": [{"index": n, "done": bool?, "due": "YYYY-MM-DD" or null?}]?}."""

    def reply(self):
        # The product's CSRF rule (kooperation.common.csrf); the right is checked here.
        check_write(self.request)
        if not may_correct(self.context):
            return forbidden_reply(
                self,
                "error_correction_not_allowed",
                "Only the network's coordinators and editors may correct approved minutes.",
            )
        try:
            body = json_object(self.request, {"reason", "text", "decisions", "action_items"})
            version = correct(
                self.context,
                body.get("reason"),
                text=body.get("text"),
                decisions=body.get("decisions"),
                action_items=body.get("action_items"),
            )
        except KooperationError as error:
            return error_reply(self, error)
        return {"@id": f"{self.context.absolute_url()}/@correct", "version": version}


class SendInvitationPost(Service):
    """POST <meeting>/@send-invitation {"note": text?}: what the form @@send-invitation does.

    200 {"sent_to": n, "sent": ISO datetime, "by": userid}; 401/403 for those who may not
    invite (the partner holding the invitation duty or a coordinator may), 400 for a bad
    note or when nobody can be written to.
    """

    def reply(self):
        # The product's CSRF rule (kooperation.common.csrf); the right is checked here.
        check_write(self.request)
        if not may_invite(self.context):
            return forbidden_reply(
                self,
                "error_invitation_not_allowed",
                "Only the partner holding the invitation duty or a coordinator may send the "
                "invitation.",
            )
        try:
            body = json_object(self.request, {"note"}, empty_ok=True)
            to = send_invitation(self.context, note=body.get("note"))
        except KooperationError as error:
            return error_reply(self, error)
        record = sent_invitation(self.context)
        return {
            "sent_to": len(to),
            "sent": record["sent_at"].isoformat(),
            "by": record["sent_by"],
        }
