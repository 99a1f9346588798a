from kooperation.common.csrf import check_write
from kooperation.common.rest import forbidden_reply
from kooperation.common.rest import has_right
from kooperation.registrations import service
from kooperation.registrations.rules import RegistrationError
from kooperation.registrations.service import rule_message
from plone import api
from plone.restapi.services import Service


CANCELLABLE = ("pending", "confirmed", "waiting")


class RegistrationDelete(Service):
    """DELETE <registration>: cancel it (registrant until the deadline, coordinators any
    time); the first on the waiting list moves up. 200 with the new state."""

    def reply(self):
        check_write(self.request)
        obj = self.context
        # The right first: the registrant and coordinators may cancel while it is
        # pending, confirmed or waiting; after that they meet a wrong state (409).
        if not has_right(obj, "kooperation: Cancel registration", CANCELLABLE):
            return forbidden_reply(
                self, "error_may_not_cancel", "You may not cancel this registration."
            )
        if api.content.get_state(obj) not in CANCELLABLE:
            return self._conflict(api.content.get_state(obj))
        coordinator = api.user.has_permission("kooperation: Manage registrations", obj=obj)
        try:
            change = service.cancel(obj, deadline=not coordinator)
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
