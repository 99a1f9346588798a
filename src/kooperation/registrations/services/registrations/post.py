from kooperation import _
from kooperation.common.csrf import check_write
from kooperation.common.rest import forbidden_reply
from kooperation.common.rest import has_right
from kooperation.registrations import service
from kooperation.registrations.form import FieldErrors
from kooperation.registrations.form import parse
from kooperation.registrations.rules import Decision
from kooperation.registrations.rules import RegistrationError
from kooperation.registrations.service import rule_message
from plone import api
from plone.restapi.deserializer import json_body
from plone.restapi.exceptions import DeserializationError
from plone.restapi.services import Service
from zope.i18n import translate


# Messages of forbidden_reply here, spelled out for the catalog.
FORBIDDEN_MESSAGES = (_("error_may_not_view_event", default="You may not see this event."),)


def bad_request(svc, errors):
    """400 with one translated message per field."""
    svc.request.response.setStatus(400)
    fields = {name: translate(message, context=svc.request) for name, message in errors.items()}
    return {
        "error": {
            "type": "BadRequest",
            "message": translate(
                _("error_registration_invalid", default="Some fields are invalid."),
                context=svc.request,
            ),
            "fields": fields,
        }
    }


def registration_json(obj, request=None):
    return {
        "@id": obj.absolute_url(),
        "id": obj.getId(),
        "state": api.content.get_state(obj),
        "position": obj.position,
        "awaiting": list(obj.awaiting or ()),
        "fullname": obj.fullname,
        "email": obj.email,
        "partner": obj.partner,
        "organisation": obj.organisation,
        "submitted": obj.submitted.isoformat() if obj.submitted else None,
        "purged": bool(obj.purged),
    }


class RegistrationsPost(Service):
    """POST <event>/@registrations: register with the form's fields.

    201 with state and waiting-list position; 409 when registration is closed, the event
    is full or the e-mail is already registered; 400 per field for bad input."""

    def reply(self):
        # The product's CSRF rule (kooperation.common.csrf); permissions are checked here.
        check_write(self.request)
        event = self.context
        if not api.user.has_permission("View", obj=event):
            return forbidden_reply(self, "error_may_not_view_event", "You may not see this event.")
        # The workflow grants the right only while registration is open: outside it a
        # person who may register meets a wrong state (409), not a missing right (403).
        if not has_right(event, "kooperation: Register for event", ("registration_open",)):
            return forbidden_reply(
                self, "error_may_not_register", "You may not register for this event."
            )
        if api.content.get_state(event) != "registration_open":
            closed = Decision("refused", "registration_refused_closed")
            self.request.response.setStatus(409)
            return {
                "error": {
                    "type": "Conflict",
                    "reason": "closed",
                    "message": rule_message(self.request, closed),
                }
            }
        try:
            body = json_body(self.request)
        except DeserializationError:
            body = None
        if not isinstance(body, dict):
            return bad_request(
                self, {"body": _("error_body", default="The body must be a JSON object.")}
            )
        try:
            data = parse(event, body, service.partner_uids(event))
            outcome = service.register(event, data)
        except FieldErrors as error:
            return bad_request(self, error.errors)
        except RegistrationError as error:
            return bad_request(self, {error.field or "body": rule_message(self.request, error)})
        decision = outcome.decision
        result = {
            "state": decision.outcome,
            "position": decision.position,
            "awaiting": list(decision.awaiting),
            "message": rule_message(self.request, decision),
        }
        if decision.refused:
            self.request.response.setStatus(409)
            reason = decision.reason.rsplit("_", 1)[-1]
            return {"error": {"type": "Conflict", "reason": reason, "message": result["message"]}}
        self.request.response.setStatus(201)
        obj = outcome.registration
        self.request.response.setHeader("Location", obj.absolute_url())
        result["@id"] = obj.absolute_url()
        result["id"] = obj.getId()
        return result
