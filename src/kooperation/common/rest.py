"""What the REST services share: JSON bodies, dates, error replies, rights by state."""

from datetime import date
from kooperation import _
from kooperation.common.errors import KooperationError
from kooperation.common.errors import render


def parse_date(value, field="date"):
    """A date from an ISO string (YYYY-MM-DD); KooperationError otherwise."""
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise KooperationError(
        field,
        _(
            "error_iso_date",
            default="'${value}' is not a date of the form YYYY-MM-DD.",
            mapping={"value": value},
        ),
    )


def json_object(request, allowed, empty_ok=False):
    """The request body as a JSON object with only ``allowed`` keys; KooperationError otherwise.

    ``empty_ok``: an empty body counts as ``{}``.
    """
    from plone.restapi.deserializer import json_body
    from plone.restapi.exceptions import DeserializationError

    if empty_ok and not (request.get("BODY") or b"").strip():
        return {}
    try:
        body = json_body(request)
    except DeserializationError:
        body = None
    if not isinstance(body, dict):
        raise KooperationError("body", _("error_body", default="The body must be a JSON object."))
    unknown = sorted(set(body) - set(allowed))
    if unknown:
        raise KooperationError(
            unknown[0],
            _(
                "error_unknown_field",
                default="Unknown field '${field}'.",
                mapping={"field": unknown[0]},
            ),
        )
    return body


def reply_status(error):
    """400 bad input; 409 when the object is in the wrong state (errors on "state")."""
    if error.status == 400 and error.field == "state":
        return 409
    return error.status


def error_reply(service, error):
    """Answer a KooperationError as JSON with its translated message."""
    status = reply_status(error)
    service.request.response.setStatus(status)
    return {
        "error": {
            "type": {400: "BadRequest", 403: "Forbidden"}.get(status, "Conflict"),
            "message": error.message(service.request),
            "field": error.field,
        }
    }


def forbidden_reply(service, msgid, default):
    """401 for anonymous users, 403 for users who lack the right.

    ``msgid``/``default`` name a message of the catalog (see FORBIDDEN_MESSAGES).
    """
    from plone import api

    anonymous = api.user.is_anonymous()
    service.request.response.setStatus(401 if anonymous else 403)
    return {
        "error": {
            "type": "Unauthorized" if anonymous else "Forbidden",
            "message": render(msgid, default, {}, service.request),
        }
    }


def has_right(obj, permission, states):
    """Whether the current user holds ``permission`` on ``obj``, now or in one of the
    workflow ``states``.

    For rights the workflow grants only in some states (notices only in force, signing
    only for signature): a user who has the right in those states but not in the current
    one gets 409 (wrong state), not 403 (no right). Anonymous users count with the
    Anonymous role (some events take registrations from anybody).
    """
    from plone import api

    if api.user.has_permission(permission, obj=obj):
        return True
    roles = set(api.user.get_roles(obj=obj))
    for workflow in api.portal.get_tool("portal_workflow").getWorkflowsFor(obj):
        for state_id in states:
            state = workflow.states.get(state_id)
            granted = (state.permission_roles or {}).get(permission) if state else None
            if granted and roles & set(granted):
                return True
    return False


def check_state(obj, states, msgid, default):
    """KooperationError on "state" (409) unless ``obj`` is in one of ``states``."""
    from plone import api

    if api.content.get_state(obj, default=None) not in states:
        raise KooperationError("state", _(msgid, default=default))


# Messages of forbidden_reply, spelled out for the catalog.
FORBIDDEN_MESSAGES = (
    _("error_may_not_view", default="You may not see this agreement."),
    _(
        "error_may_not_sign",
        default="You may not sign this agreement or record signatures for it.",
    ),
    _("error_may_not_manage_members", default="You may not manage the members of this network."),
    _("error_may_not_run_daily", default="Only site managers run the daily job."),
)


def evidence_file(value, field="evidence"):
    """A signed original sent as {"data": <base64>, "filename", "content-type"}; None if absent."""
    from plone.namedfile.file import NamedBlobFile

    import base64
    import binascii

    if value is None:
        return None
    if not isinstance(value, dict) or not isinstance(value.get("data"), str):
        raise KooperationError(
            field,
            _(
                "error_evidence_shape",
                default='Evidence is {"data": <base64>, "encoding": "base64", '
                '"filename": ..., "content-type": ...}.',
            ),
        )
    try:
        data = base64.b64decode(value["data"], validate=True)
    except (binascii.Error, ValueError):
        raise KooperationError(
            field, _("error_evidence_base64", default="The evidence is not valid base64.")
        ) from None
    return NamedBlobFile(
        data=data,
        contentType=str(value.get("content-type") or "application/pdf"),
        filename=str(value.get("filename") or "evidence.pdf"),
    )
