"""GET/POST <agreement>/@amendments, POST <amendment>/@consents, the amendment's JSON."""

from kooperation import _
from kooperation.amendments import model
from kooperation.amendments.consents import CONSENTED_FIELDS
from kooperation.amendments.consents import record_consent
from kooperation.amendments.consents import record_json
from kooperation.amendments.content.amendment import IAmendment
from kooperation.amendments.proposal import check_amendable
from kooperation.amendments.proposal import check_proposal
from kooperation.amendments.proposal import create_proposal
from kooperation.amendments.serialize import amendment_summary
from kooperation.common.csrf import check_write
from kooperation.common.errors import KooperationError
from kooperation.common.rest import check_state
from kooperation.common.rest import error_reply
from kooperation.common.rest import forbidden_reply
from kooperation.common.rest import has_right
from kooperation.common.rest import json_object
from plone import api
from plone.restapi.interfaces import ISerializeToJson
from plone.restapi.serializer.dxcontent import SerializeToJson
from plone.restapi.services import Service
from zExceptions import BadRequest
from zope.component import adapter
from zope.component import getMultiAdapter
from zope.interface import implementer
from zope.interface import Interface


# what the parties decide on, and the words around it
FIELDS = {"title", "description", "rationale", *CONSENTED_FIELDS}


@implementer(ISerializeToJson)
@adapter(IAmendment, Interface)
class SerializeAmendmentToJson(SerializeToJson):
    """All fields, plus state, consents, signatures and the day it takes effect."""

    def __call__(self, version=None, include_items=True):
        result = super().__call__(version=version, include_items=include_items)
        result.update(amendment_summary(self.context))
        result["signing_parties"] = list(self.context.parties)
        return result


class AmendmentsGet(Service):
    """GET <agreement>/@amendments: every amendment with state, consents, missing signatures."""

    def reply(self):
        items = [amendment_summary(obj) for obj in model.amendments_of(self.context)]
        return {
            "@id": f"{self.context.absolute_url()}/@amendments",
            "items": items,
            "items_total": len(items),
        }


class AmendmentsPost(Service):
    """POST <agreement>/@amendments: propose an amendment (a draft) of an agreement in force."""

    def reply(self):
        # The publisher checks "kooperation: Add Amendment" (configure.zcml).
        check_write(self.request)
        try:
            check_amendable(self.context)
            body = json_object(self.request, FIELDS)
            check_proposal(self.context, body)
        except KooperationError as error:
            return error_reply(self, error)
        try:
            obj = create_proposal(self.context, body, self.request)
        except BadRequest as error:
            self.request.response.setStatus(400)
            return {"error": {"type": "BadRequest", "message": str(error)}}
        self.request.response.setStatus(201)
        serializer = getMultiAdapter((obj, self.request), ISerializeToJson)
        return serializer()


class ConsentsPost(Service):
    """POST <amendment>/@consents: a party's consent or objection during consultation."""

    def reply(self):
        check_write(self.request)
        # Consent is recorded only in consultation: outside it the right is missing
        # because of the state (409), not because of the person (403).
        if not has_right(self.context, "kooperation: Record consent", ("consultation",)):
            return forbidden_reply(
                self, "error_may_not_consent", "You may not record consent to this amendment."
            )
        for_any = api.user.has_permission("Review portal content", obj=self.context)
        try:
            check_state(
                self.context,
                ("consultation",),
                "error_not_in_consultation",
                "Consent is recorded only while the amendment is in consultation.",
            )
            body = json_object(self.request, {"party", "decision", "comment"})
            record = record_consent(
                self.context,
                body.get("party"),
                body.get("decision"),
                body.get("comment"),
                api.user.get_current().getId(),
                for_any,
            )
        except KooperationError as error:
            return error_reply(self, error)
        self.request.response.setStatus(201)
        return record_json(record)


# Messages of forbidden_reply, spelled out for the catalog.
FORBIDDEN_MESSAGES = (
    _("error_may_not_amend", default="You may not propose amendments of this agreement."),
    _("error_may_not_consent", default="You may not record consent to this amendment."),
    _("error_may_not_terminate", default="You may not record notices for this agreement."),
)
