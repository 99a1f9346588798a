"""POST <network>/@import-agreement: upload a PDF, get the new draft's URL and the extraction.

The file comes as multipart form data (field ``file``) or as JSON like plone.restapi's
file fields: ``{"file": {"data": <base64>, "encoding": "base64", "filename": "x.pdf"}}``.
201 with ``{"@id", "review_url", "created", "extraction"}``; 200 with ``created: false``
when the same file was imported before; 400 for a bad request, 413 for a file over the
limit, 422 for a file that is not a readable PDF; 401/403 without the add permission.
"""

from kooperation import _
from kooperation.common.csrf import check_write
from kooperation.common.rest import forbidden_reply
from kooperation.pdfimport import ExtractionError
from kooperation.pdfimport import Limits
from kooperation.pdfimport.portal import error_message
from kooperation.pdfimport.portal import error_status
from kooperation.pdfimport.portal import import_pdf
from kooperation.pdfimport.portal import NO_FILE_MESSAGE
from kooperation.pdfimport.sandbox import MB
from plone import api
from plone.restapi.services import Service
from zope.i18n import translate

import base64
import binascii
import json


BAD_JSON = _(
    "error_pdfimport_json",
    default='Send the PDF as multipart field "file" or as JSON '
    '{"file": {"data": <base64>, "encoding": "base64", "filename": ...}}.',
)
BAD_BASE64 = _("error_pdfimport_base64", default="The file data is not valid base64.")


class BadRequest(Exception):
    def __init__(self, message, status=400):
        self.message = message
        self.status = status


def _from_json(request):
    try:
        body = json.loads(request.get("BODY") or b"")
    except (ValueError, UnicodeDecodeError):
        raise BadRequest(BAD_JSON) from None
    value = body.get("file") if isinstance(body, dict) else None
    if not isinstance(value, dict) or not isinstance(value.get("data"), str):
        raise BadRequest(BAD_JSON)
    if value.get("encoding", "base64") != "base64":
        raise BadRequest(BAD_JSON)
    try:
        data = base64.b64decode(value["data"], validate=True)
    except (binascii.Error, ValueError):
        raise BadRequest(BAD_BASE64) from None
    return data, str(value.get("filename") or "agreement.pdf")


def _from_form(request, limit):
    upload = request.form.get("file")
    if upload is None or not hasattr(upload, "read"):
        raise BadRequest(NO_FILE_MESSAGE)
    data = upload.read(limit + 1)
    name = getattr(upload, "filename", None) or "agreement.pdf"
    return data, name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1]


class ImportAgreementPost(Service):
    def reply(self):
        # A JSON/multipart API without a form: the permission is checked here.
        check_write(self.request)
        if not api.user.has_permission("kooperation: Add Agreement", obj=self.context):
            return forbidden_reply(
                self, "error_may_not_add_agreement", "You may not add agreements here."
            )
        limits = Limits.from_env()
        content_type = self.request.getHeader("Content-Type") or ""
        try:
            if content_type.startswith("application/json"):
                data, filename = _from_json(self.request)
            else:
                data, filename = _from_form(self.request, int(limits.file_mb * MB))
            agreement, extraction, created = import_pdf(self.context, data, filename, limits)
        except BadRequest as error:
            return self._error(error.status, "BadRequest", error.message)
        except ExtractionError as error:
            status = error_status(error)
            kind = "PayloadTooLarge" if status == 413 else "UnprocessableEntity"
            return self._error(status, kind, error_message(error), code=error.code)
        self.request.response.setStatus(201 if created else 200)
        url = agreement.absolute_url()
        return {
            "@id": url,
            "review_url": f"{url}/@@import-review",
            "created": created,
            "review_state": api.content.get_state(agreement),
            "extraction": extraction,
        }

    def _error(self, status, kind, message, code=None):
        self.request.response.setStatus(status)
        error = {"type": kind, "message": translate(message, context=self.request)}
        if code:
            error["code"] = code
        return {"error": error}


# Message of forbidden_reply, spelled out for the catalog.
FORBIDDEN = _("error_may_not_add_agreement", default="You may not add agreements here.")
