"""GET/POST <agreement>/@amendments, POST <amendment>/@consents, the amendment's JSON."""

from datetime import date
from kooperation import _
from kooperation.amendments import model
from kooperation.amendments import texts
from kooperation.amendments.consents import record_consent
from kooperation.amendments.content.amendment import IAmendment
from kooperation.amendments.serialize import amendment_summary
from kooperation.amendments.serialize import AmendmentUserError
from kooperation.common.csrf import check_write
from kooperation.common.errors import KooperationError
from kooperation.common.rest import check_state
from kooperation.common.rest import error_reply
from kooperation.common.rest import forbidden_reply
from kooperation.common.rest import has_right
from kooperation.common.rest import json_object
from kooperation.common.rest import parse_date
from plone import api
from plone.restapi.interfaces import IDeserializeFromJson
from plone.restapi.interfaces import ISerializeToJson
from plone.restapi.serializer.dxcontent import SerializeToJson
from plone.restapi.services import Service
from zExceptions import BadRequest
from zope.component import adapter
from zope.component import getMultiAdapter
from zope.interface import implementer
from zope.interface import Interface


FIELDS = {
    "title",
    "description",
    "rationale",
    "changes",
    "parties_joining",
    "parties_leaving",
    "rules",
    "legal_bases_added",
    "legal_bases_removed",
    "target_groups_added",
    "target_groups_removed",
    "effective_rule",
    "fixed_date",
}
LISTS = (
    "parties_joining",
    "parties_leaving",
    "legal_bases_added",
    "legal_bases_removed",
    "target_groups_added",
    "target_groups_removed",
)


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


def check_proposal(agreement, body):
    """The proposal must apply to the text and fields in force (400 with the reason)."""
    for name in LISTS:
        value = body.get(name)
        if value is not None and (
            not isinstance(value, list) or not all(isinstance(v, str) for v in value)
        ):
            raise KooperationError(
                name,
                _(
                    "error_list_of_texts",
                    default="'${field}' must be a list of texts.",
                    mapping={"field": name},
                ),
            )
    if not isinstance(body.get("title"), str) or not body["title"].strip():
        raise KooperationError("title", _("error_title_missing", default="The title is missing."))
    if not isinstance(body.get("rules") or {}, dict):
        raise KooperationError(
            "rules", _("error_rules_object", default="'rules' must be an object.")
        )
    if not isinstance(body.get("changes") or [], list):
        raise KooperationError(
            "changes", _("error_changes_list", default="'changes' must be a list of changes.")
        )
    if body.get("effective_rule", "on_signature") == "fixed_date":
        fixed = parse_date(body.get("fixed_date"), "fixed_date")
        if fixed < date.today():
            raise KooperationError(
                "fixed_date",
                _(
                    "error_fixed_date_past",
                    default="The amendment can take effect only after every party has signed "
                    "it: ${date} lies in the past.",
                    mapping={"date": fixed},
                ),
            )
    try:
        proposal = texts.Amendment(
            id="proposal",
            title=body["title"],
            changes=tuple(body.get("changes") or ()),
            rules=body.get("rules") or {},
            **{name: tuple(body.get(name) or ()) for name in LISTS},
        )
        version = model.current_version(agreement)
        if version is not None:
            texts.apply_amendment(version, proposal)
    except texts.AmendmentError as error:
        raise AmendmentUserError(error) from error


class AmendmentsPost(Service):
    """POST <agreement>/@amendments: propose an amendment (a draft) of an agreement in force."""

    def reply(self):
        # The publisher checks "kooperation: Add Amendment" (configure.zcml).
        check_write(self.request)
        try:
            if api.content.get_state(self.context) not in ("in_force", "terminated"):
                raise KooperationError(
                    "state",
                    _(
                        "error_amend_only_in_force",
                        default="Only an agreement in force can be amended; change a draft "
                        "directly.",
                    ),
                )
            body = json_object(self.request, FIELDS)
            check_proposal(self.context, body)
        except KooperationError as error:
            return error_reply(self, error)
        obj = api.content.create(
            container=self.context, type="Amendment", title=body["title"], safe_id=True
        )
        deserializer = getMultiAdapter((obj, self.request), IDeserializeFromJson)
        try:
            deserializer(data=body, create=True)
        except BadRequest as error:
            api.content.delete(obj=obj, check_linkintegrity=False)
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
        return {**dict(record), "recorded_at": record["recorded_at"].isoformat(timespec="seconds")}


# Messages of forbidden_reply, spelled out for the catalog.
FORBIDDEN_MESSAGES = (
    _("error_may_not_amend", default="You may not propose amendments of this agreement."),
    _("error_may_not_consent", default="You may not record consent to this amendment."),
    _("error_may_not_terminate", default="You may not record notices for this agreement."),
)
