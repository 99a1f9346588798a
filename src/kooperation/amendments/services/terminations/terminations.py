"""GET/POST <agreement>/@terminations: notices (Kündigung) and mutual cancellations."""

from kooperation import _
from kooperation.agreements.deadlines import deadlines_json
from kooperation.amendments.terminations import OPEN_STATES
from kooperation.amendments.terminations import record_cancellation
from kooperation.amendments.terminations import record_json
from kooperation.amendments.terminations import record_notice
from kooperation.amendments.terminations import records
from kooperation.common.csrf import check_write
from kooperation.common.errors import KooperationError
from kooperation.common.rest import check_state
from kooperation.common.rest import error_reply
from kooperation.common.rest import evidence_file
from kooperation.common.rest import forbidden_reply
from kooperation.common.rest import has_right
from kooperation.common.rest import json_object
from kooperation.common.rest import parse_date
from plone import api
from plone.restapi.services import Service


FIELDS = {
    "kind",
    "party",
    "received_on",
    "written_form",
    "ends_for",
    "evidence",
    "concluded_on",
    "ends_on",
}


class TerminationsGet(Service):
    def reply(self):
        items = [record_json(self.context, r, self.request) for r in records(self.context)]
        return {"@id": f"{self.context.absolute_url()}/@terminations", "items": items}


class TerminationsPost(Service):
    """A notice received from a party, or a cancellation agreed by all parties."""

    def reply(self):
        check_write(self.request)
        if not api.user.has_permission("View", obj=self.context):
            return forbidden_reply(self, "error_may_not_view", "You may not see this agreement.")
        # The workflow grants the right only while the agreement is open: a coordinator
        # of an ended agreement meets a wrong state (409), not a missing right (403).
        if not has_right(self.context, "Review portal content", OPEN_STATES):
            return forbidden_reply(
                self, "error_may_not_terminate", "You may not record notices for this agreement."
            )
        try:
            check_state(
                self.context,
                OPEN_STATES,
                "error_not_in_force_for_notice",
                "Only an agreement in force can be terminated or cancelled.",
            )
            body = json_object(self.request, FIELDS)
            kind = body.get("kind", "notice")
            evidence = evidence_file(body.get("evidence"))
            if kind == "notice":
                record = record_notice(
                    self.context,
                    body.get("party"),
                    parse_date(body.get("received_on"), "received_on"),
                    body.get("written_form"),
                    body.get("ends_for", "all"),
                    evidence,
                )
            elif kind == "cancellation":
                record = record_cancellation(
                    self.context,
                    parse_date(body.get("concluded_on"), "concluded_on"),
                    parse_date(body.get("ends_on"), "ends_on"),
                    evidence,
                )
            else:
                raise KooperationError(
                    "kind",
                    _("error_termination_kind", default="'kind' is 'notice' or 'cancellation'."),
                )
        except KooperationError as error:
            return error_reply(self, error)
        self.request.response.setStatus(201)
        return {
            **record_json(self.context, record, self.request),
            "review_state": api.content.get_state(self.context),
            "deadlines": deadlines_json(self.context, self.request),
        }
