from kooperation import _
from kooperation.agreements.signatures import record_signature
from kooperation.agreements.status import enter_into_force_if_due
from kooperation.common.csrf import check_write
from kooperation.common.errors import KooperationError
from kooperation.common.rest import check_state
from kooperation.common.rest import error_reply
from kooperation.common.rest import evidence_file
from kooperation.common.rest import forbidden_reply
from kooperation.common.rest import has_right
from kooperation.common.rest import json_object
from kooperation.common.rest import parse_date
from kooperation.interfaces import IAgreement
from plone import api
from plone.restapi.services import Service


ALLOWED_KEYS = {"signatory", "date", "function", "place", "qes_reference", "evidence"}


def _text(body, key, limit=200):
    value = body.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or len(value) > limit:
        raise KooperationError(
            key,
            _(
                "error_text_field",
                default="'${field}' must be a text of at most ${limit} characters.",
                mapping={"field": key, "limit": limit},
            ),
        )
    return value


class SignaturesPost(Service):
    """POST <agreement>/@signatures: record a party's signature."""

    def reply(self):
        # The product's CSRF rule (kooperation.common.csrf); permissions are checked here.
        check_write(self.request)
        if not api.user.has_permission("View", obj=self.context):
            return forbidden_reply(self, "error_may_not_view", "You may not see this agreement.")
        on_behalf = api.user.has_permission(
            "kooperation: Record signature on behalf", obj=self.context
        )
        # The workflow grants both only 'for signature': elsewhere a signatory or
        # coordinator meets a wrong state (409), not a missing right (403).
        if not any(
            has_right(self.context, permission, ("for_signature",))
            for permission in ("kooperation: Sign", "kooperation: Record signature on behalf")
        ):
            return forbidden_reply(
                self,
                "error_may_not_sign",
                "You may not sign this agreement or record signatures for it.",
            )
        try:
            if not IAgreement.providedBy(self.context):  # an amendment (ISignable)
                check_state(
                    self.context,
                    ("for_signature",),
                    "error_amendment_not_for_signature",
                    "Only an amendment in the state 'For signature' can be signed.",
                )
            check_state(
                self.context,
                ("for_signature",),
                "error_not_for_signature",
                "Only an agreement in the state 'For signature' can be signed.",
            )
            body = json_object(self.request, ALLOWED_KEYS)
            signatory = body.get("signatory")
            if not isinstance(signatory, str):
                raise KooperationError(
                    "signatory",
                    _("error_signatory_missing", default="Name the signatory (its UID)."),
                )
            record = record_signature(
                self.context,
                signatory,
                parse_date(body.get("date")),
                api.user.get_current().getId(),
                on_behalf,
                function=_text(body, "function"),
                place=_text(body, "place"),
                qes_reference=_text(body, "qes_reference", 1000),
                evidence=evidence_file(body.get("evidence")),
            )
        except KooperationError as error:
            return error_reply(self, error)
        entered = enter_into_force_if_due(self.context)
        self.request.response.setStatus(201)
        return {
            "signed": True,
            **record.as_json(self.context.absolute_url()),
            "review_state": api.content.get_state(self.context),
            "entered_into_force": entered,
        }
