from kooperation.common.csrf import check_write
from kooperation.events import service
from kooperation.registration import RegistrationError
from kooperation.services import forbidden_reply
from kooperation.services.registrations.post import rule_message
from plone import api
from plone.restapi.services import Service


class RegistrationDelete(Service):
    """DELETE <registration>: cancel it (registrant until the deadline, coordinators any
    time); the first on the waiting list moves up. 200 with the new state."""

    def reply(self):
        check_write(self.request)
        obj = self.context
        if not api.user.has_permission("kooperation: Cancel registration", obj=obj):
            if api.content.get_state(obj) not in ("confirmed", "waiting", "pending") and (
                api.user.has_permission("View", obj=obj)
            ):
                return self._conflict(api.content.get_state(obj))
            return forbidden_reply(
                self, "error_may_not_cancel", "You may not cancel this registration."
            )
        coordinator = api.user.has_permission("kooperation: Manage registrations", obj=obj)
        try:
            change = service.committed(lambda: service.cancel(obj, deadline=not coordinator))
        except RegistrationError as error:
            self.request.response.setStatus(409)
            return {"error": {"type": "Conflict", "message": rule_message(self.request, error)}}
        return {
            "id": obj.getId(),
            "state": api.content.get_state(obj),
            "promoted": [p.getId() for p in change.promoted],
        }

    def _conflict(self, state):
        error = RegistrationError("error_cancel_state", {"state": state}, "state")
        self.request.response.setStatus(409)
        return {"error": {"type": "Conflict", "message": rule_message(self.request, error)}}
