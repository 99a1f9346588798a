"""DELETE <agreement>/@terminations/<id>: withdraw a mistaken notice or cancellation.

The body names the reason: ``{"reason": "..."}`` (as plone.restapi's ``DELETE @locking``
takes a body). 401/403 without the right, 404 for an unknown record, 409 when the rule
of ``terminations.withdrawal_refused`` refuses it, 400 for a missing reason.
"""

from kooperation.agreements.deadlines import deadlines_json
from kooperation.amendments.terminations import find
from kooperation.amendments.terminations import OPEN_STATES
from kooperation.amendments.terminations import record_json
from kooperation.amendments.terminations import withdraw
from kooperation.amendments.terminations import withdrawal_refused
from kooperation.common.csrf import check_write
from kooperation.common.errors import KooperationError
from kooperation.common.errors import render
from kooperation.common.rest import error_reply
from kooperation.common.rest import forbidden_reply
from kooperation.common.rest import has_right
from kooperation.common.rest import json_object
from plone import api
from plone.restapi.services import Service
from zope.interface import implementer
from zope.publisher.interfaces import IPublishTraverse


@implementer(IPublishTraverse)
class TerminationsDelete(Service):
    def __init__(self, context, request):
        super().__init__(context, request)
        self.params = []

    def publishTraverse(self, request, name):
        self.params.append(name)
        return self

    def reply(self):
        check_write(self.request)
        if not api.user.has_permission("View", obj=self.context):
            return forbidden_reply(self, "error_may_not_view", "You may not see this agreement.")
        if not has_right(self.context, "Review portal content", OPEN_STATES):
            return forbidden_reply(
                self, "error_may_not_terminate", "You may not record notices for this agreement."
            )
        record = find(self.context, self.params[0]) if len(self.params) == 1 else None
        if record is None:
            self.request.response.setStatus(404)
            return {
                "error": {
                    "type": "NotFound",
                    "message": render(
                        "error_notice_unknown", "There is no such notice.", {}, self.request
                    ),
                }
            }
        refused = withdrawal_refused(self.context, record)  # the state before the body
        if refused is not None:
            return error_reply(self, refused)
        try:
            body = json_object(self.request, {"reason"}, empty_ok=True)
            withdraw(self.context, record["id"], body.get("reason"))
        except KooperationError as error:
            return error_reply(self, error)
        return {
            **record_json(self.context, record, self.request),
            "review_state": api.content.get_state(self.context),
            "deadlines": deadlines_json(self.context, self.request),
        }
