from datetime import date
from kooperation import _
from kooperation.common.csrf import check_write
from kooperation.common.errors import render
from kooperation.common.rest import forbidden_reply
from kooperation.registrations.conference import conference_partners
from kooperation.registrations.conference import decidable_partners
from kooperation.registrations.conference import decision_errors
from kooperation.registrations.conference import missing_consents
from kooperation.registrations.conference import record_decision
from kooperation.registrations.services.registrations.post import bad_request
from plone import api
from plone.restapi.deserializer import json_body
from plone.restapi.exceptions import DeserializationError
from plone.restapi.services import Service


class ConferenceDecisionsPost(Service):
    """POST <youth conference>/@conference-decisions: a partner's decision maker (or a
    coordinator, on their behalf) gives or withholds consent while the conference is in
    consultation. 201 with all decisions and the partners still missing."""

    def reply(self):
        check_write(self.request)
        conference = self.context
        if not api.user.has_permission("View", obj=conference):
            return forbidden_reply(self, "error_may_not_view_event", "You may not see this event.")
        found = conference_partners(conference)
        partners = {p.UID(): p for p in found}
        today = date.today()
        userid = api.user.get_current().getId()
        may = decidable_partners(conference, userid, today, found)
        # The right first (403), then the state (409), then the input (400).
        if not may:
            return self._forbidden()
        if api.content.get_state(conference) != "consultation":
            self.request.response.setStatus(409)
            message = render(
                "error_conference_not_in_consultation",
                "Decisions are recorded while the conference is in consultation.",
                {},
                self.request,
            )
            return {"error": {"type": "Conflict", "message": message}}
        try:
            body = json_body(self.request)
        except DeserializationError:
            body = None
        if not isinstance(body, dict):
            return bad_request(
                self, {"body": _("error_body", default="The body must be a JSON object.")}
            )
        partner = partners.get(body.get("partner"))
        errors = {}
        if partner is None:
            errors["partner"] = _(
                "error_registration_partner", default="Please choose a partner of the network."
            )
        note = body.get("note") or ""
        errors.update(decision_errors(body.get("decision"), note))
        if errors:
            return bad_request(self, errors)
        if partner.UID() not in may:
            return self._forbidden()
        decisions = record_decision(
            conference, partner.UID(), body["decision"], userid, today, note
        )
        self.request.response.setStatus(201)
        return {"decisions": decisions, "missing": missing_consents(conference)}

    def _forbidden(self):
        return forbidden_reply(
            self,
            "error_may_not_decide",
            "Only the partner's decision makers or the coordinators record its decision.",
        )


# Messages rendered above, spelled out for the catalog.
MESSAGES = (
    _(
        "error_conference_not_in_consultation",
        default="Decisions are recorded while the conference is in consultation.",
    ),
    _(
        "error_may_not_decide",
        default="Only the partner's decision makers or the coordinators record its decision.",
    ),
)
