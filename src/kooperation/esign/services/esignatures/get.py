from kooperation.esign.portal import status_json
from kooperation.esign.portal import upload_json
from kooperation.esign.portal import uploads
from plone.restapi.services import Service


class EsignaturesGet(Service):
    """GET <agreement|amendment>/@esignatures: the uploaded signed PDFs with their
    validation reports, and whether the written form is met."""

    def reply(self):
        return {
            "@id": f"{self.context.absolute_url()}/@esignatures",
            "items": [
                upload_json(self.context, item, self.request) for item in uploads(self.context)
            ],
            **status_json(self.context, self.request),
        }
