from kooperation import _
from kooperation.agreements.status import enter_into_force_if_due
from kooperation.common.csrf import check_write
from kooperation.common.errors import KooperationError
from kooperation.common.rest import check_state
from kooperation.common.rest import error_reply
from kooperation.common.rest import evidence_file
from kooperation.common.rest import forbidden_reply
from kooperation.common.rest import has_right
from kooperation.common.rest import json_object
from kooperation.esign.portal import may_upload
from kooperation.esign.portal import status_json
from kooperation.esign.portal import upload
from kooperation.esign.portal import upload_json
from plone import api
from plone.restapi.services import Service


class EsignaturesPost(Service):
    """POST <agreement|amendment>/@esignatures: a PDF signed electronically by one or more
    parties, {"file": {"data": <base64>, "encoding": "base64", "filename": ...}}.

    201 with the validation report and what was counted; 400 when the file is no signed
    PDF; 409 unless the document is for signature.
    """

    def reply(self):
        check_write(self.request)
        if not api.user.has_permission("View", obj=self.context):
            return forbidden_reply(self, "error_may_not_view", "You may not see this agreement.")
        if not may_upload(self.context, has_right):
            return forbidden_reply(
                self,
                "error_may_not_sign",
                "You may not sign this agreement or record signatures for it.",
            )
        try:
            check_state(
                self.context,
                ("for_signature",),
                "error_not_for_signature",
                "Only an agreement in the state 'For signature' can be signed.",
            )
            body = json_object(self.request, {"file"})
            blob = evidence_file(body.get("file"), field="file")
            if blob is None:
                raise KooperationError(
                    "file", _("error_esign_file_missing", default="Send the signed PDF as 'file'.")
                )
            item = upload(
                self.context,
                blob.data,
                blob.filename,
                api.user.get_current().getId(),
                self.request,
            )
        except KooperationError as error:
            return error_reply(self, error)
        entered = enter_into_force_if_due(self.context)
        self.request.response.setStatus(201)
        return {
            **upload_json(self.context, item, self.request),
            **status_json(self.context, self.request),
            "review_state": api.content.get_state(self.context),
            "entered_into_force": entered,
        }
