"""Proposing an amendment: the checks and the creation that ``POST @amendments`` and the
Classic UI form (``forms.ProposeAmendmentForm``) share."""

from datetime import date
from kooperation import _
from kooperation.amendments import model
from kooperation.amendments import texts
from kooperation.amendments.serialize import AmendmentUserError
from kooperation.common.errors import KooperationError
from kooperation.common.rest import parse_date
from plone import api
from plone.restapi.interfaces import IDeserializeFromJson
from zExceptions import BadRequest
from zope.component import getMultiAdapter


LISTS = (
    "parties_joining",
    "parties_leaving",
    "legal_bases_added",
    "legal_bases_removed",
    "target_groups_added",
    "target_groups_removed",
)
AMENDABLE_STATES = ("in_force", "terminated")


def check_amendable(agreement):
    """KooperationError (409) unless the agreement is in force or under notice."""
    if api.content.get_state(agreement) not in AMENDABLE_STATES:
        raise KooperationError(
            "state",
            _(
                "error_amend_only_in_force",
                default="Only an agreement in force can be amended; change a draft directly.",
            ),
        )


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
        proposal = proposal_of(body)
        version = model.current_version(agreement)
        if version is not None:
            texts.apply_amendment(version, proposal)
    except texts.AmendmentError as error:
        raise AmendmentUserError(error) from error


def proposal_of(body):
    """The pure Amendment of a proposal's JSON (AmendmentError for a bad change)."""
    return texts.Amendment(
        id="proposal",
        title=body.get("title") or "",
        changes=tuple(body.get("changes") or ()),
        rules=body.get("rules") or {},
        **{name: tuple(body.get(name) or ()) for name in LISTS},
    )


def store_proposal(obj, body, request, create=False):
    """Write ``body`` (the REST JSON of an amendment) into ``obj`` with plone.restapi's
    deserializer, as ``POST @amendments`` does; raises BadRequest."""
    deserializer = getMultiAdapter((obj, request), IDeserializeFromJson)
    deserializer(data=body, create=create)
    return obj


def create_proposal(agreement, body, request):
    """A new Amendment (a draft) in ``agreement`` from a checked ``body``; BadRequest
    leaves nothing behind."""
    obj = api.content.create(
        container=agreement, type="Amendment", title=body["title"], safe_id=True
    )
    try:
        store_proposal(obj, body, request, create=True)
    except BadRequest:
        api.content.delete(obj=obj, check_linkintegrity=False)
        raise
    return obj
