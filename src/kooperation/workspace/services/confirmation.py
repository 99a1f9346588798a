"""GET/POST <person>/@confirmation: what of an entry counts, and the partner's confirmation."""

from kooperation import _
from kooperation.common.errors import KooperationError
from kooperation.common.rest import error_reply
from kooperation.common.rest import evidence_file
from kooperation.common.rest import json_object
from kooperation.workspace import check_may_confirm
from kooperation.workspace import confirm_person
from kooperation.workspace import confirmation
from kooperation.workspace import effective_grant
from kooperation.workspace import pending_fields
from plone import api
from plone.protect.interfaces import IDisableCSRFProtection
from plone.restapi.services import Service
from zope.interface import alsoProvides


ALLOWED_KEYS = {"evidence", "note"}
MAX_NOTE = 2000


def _iso(value):
    return value.isoformat() if value is not None and hasattr(value, "isoformat") else value


def confirmation_json(person):
    record = confirmation(person)
    grant = effective_grant(person).as_dict()
    confirmed = None
    if record:
        confirmed = {
            "by": record.get("confirmed_by"),
            "at": _iso(record.get("confirmed_at")),
            "how": record.get("how"),
            "evidence": record.get("evidence") is not None,
            "note": record.get("note") or "",
        }
    return {
        "@id": f"{person.absolute_url()}/@confirmation",
        "effective": {key: _iso(value) for key, value in grant.items()},
        "pending": pending_fields(person),
        "confirmed": confirmed,
    }


class ConfirmationGet(Service):
    def reply(self):
        return confirmation_json(self.context)


class ConfirmationPost(Service):
    """{"evidence": {...}?, "note": "..."?}: the partner confirms the entry as it stands."""

    def reply(self):
        # A JSON API: the permission is declared in ZCML (CSRF: see the services' rule).
        alsoProvides(self.request, IDisableCSRFProtection)
        user_id = api.user.get_current().getId()
        may_manage = api.user.has_permission(
            "kooperation: Manage network members", obj=self.context
        )
        try:
            # The right first (403), then the input (400): evidence=True stands for any file.
            check_may_confirm(self.context, user_id, may_manage, evidence=True)
            body = json_object(self.request, ALLOWED_KEYS, empty_ok=True)
            note = body.get("note")
            if note is not None and (not isinstance(note, str) or len(note) > MAX_NOTE):
                raise KooperationError("note", _note_error())
            evidence = evidence_file(body.get("evidence"))
            how = check_may_confirm(self.context, user_id, may_manage, evidence)
        except KooperationError as error:
            return error_reply(self, error)
        confirm_person(self.context, by=user_id, how=how, evidence=evidence, note=note or "")
        return confirmation_json(self.context)


def _note_error():
    return _(
        "error_text_field",
        default="'${field}' must be a text of at most ${limit} characters.",
        mapping={"field": "note", "limit": MAX_NOTE},
    )
