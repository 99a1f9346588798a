"""GET/POST <person>/@handover: open duties of a person, and their hand-over."""

from kooperation import _
from kooperation.common.csrf import check_write
from kooperation.common.errors import KooperationError
from kooperation.common.rest import error_reply
from kooperation.common.rest import forbidden_reply
from kooperation.common.rest import json_object
from kooperation.common.rest import parse_date
from kooperation.workspace.handover import leave
from kooperation.workspace.handover import move
from kooperation.workspace.handover import open_duties
from plone import api
from plone.restapi.services import Service
from zope.i18n import translate


PERMISSION = "kooperation: Manage network members"
ALLOWED_KEYS = {"action", "date", "successor", "partner"}


def duties_json(person, request):
    return [
        {**duty, "title": translate(duty["title"], context=request)} for duty in open_duties(person)
    ]


def _forbidden(service):
    return forbidden_reply(
        service,
        "error_may_not_manage_members",
        "You may not manage the members of this network.",
    )


class HandoverGet(Service):
    def reply(self):
        if not api.user.has_permission(PERMISSION, obj=self.context):
            return _forbidden(self)
        return {
            "@id": f"{self.context.absolute_url()}/@handover",
            "person": self.context.Title(),
            "partner": self.context.__parent__.Title(),
            "duties": duties_json(self.context, self.request),
        }


class HandoverPost(Service):
    """{"action": "leave", "date": ..., "successor": uid?} or {"action": "move", "partner": uid}."""

    def reply(self):
        # The product's CSRF rule (kooperation.common.csrf); the publisher checks PERMISSION
        # (configure.zcml).
        check_write(self.request)
        try:
            body = json_object(self.request, ALLOWED_KEYS)
            action = body.get("action")
            if action == "leave":
                successor = body.get("successor")
                if successor is not None and not isinstance(successor, str):
                    raise KooperationError(
                        "successor",
                        _(
                            "error_successor",
                            default="The successor must be another person of the same partner.",
                        ),
                    )
                changes = leave(self.context, parse_date(body.get("date")), successor)
                person = self.context
            elif action == "move":
                partner = body.get("partner")
                person = move(self.context, partner if isinstance(partner, str) else None)
                changes = ["partner"]
            else:
                raise KooperationError(
                    "action",
                    _("error_handover_action", default="'action' is 'leave' or 'move'."),
                )
        except KooperationError as error:
            return error_reply(self, error)
        return {
            "@id": person.absolute_url(),
            "changes": changes,
            "duties": duties_json(person, self.request),
        }
