"""GET @audit-log: the audit trail as JSON.

On the site for those with kooperation: View audit log (checked here: 401 anonymous, 403
others); on a network its share for its coordinators (kooperation: View network audit
log, declared in ZCML)."""

from kooperation import _
from kooperation.audit import query
from kooperation.audit.filters import parse_int
from kooperation.audit.filters import request_filters
from kooperation.audit.network import scoped_filters
from kooperation.common.errors import KooperationError
from kooperation.common.errors import render
from kooperation.common.rest import error_reply
from plone import api
from plone.restapi.services import Service
from urllib.parse import urlencode


VIEW_AUDIT_LOG = "kooperation: View audit log"
MAX_BATCH = 100
DEFAULT_BATCH = 25


def forbidden(service, msgid, default):
    """401 for anonymous users, 403 for users who lack the right."""
    anonymous = api.user.is_anonymous()
    service.request.response.setStatus(401 if anonymous else 403)
    return {
        "error": {
            "type": "Unauthorized" if anonymous else "Forbidden",
            "message": render(msgid, default, {}, service.request),
        }
    }


MESSAGES = (_("error_may_not_view_audit_log", default="You may not read the audit log."),)


class AuditLogGet(Service):
    """Filters: action (id or prefix*), user, path, since, until; b_start, b_size (≤ 100)."""

    def reply(self):
        if not api.user.has_permission(VIEW_AUDIT_LOG, obj=self.context):
            return forbidden(
                self, "error_may_not_view_audit_log", "You may not read the audit log."
            )
        return self.list()

    def list(self):
        try:
            filters = request_filters(self.request, api.portal.get())
            start = parse_int(self.request.form, "b_start", 0, 0, 10**9)
            size = parse_int(self.request.form, "b_size", DEFAULT_BATCH, 1, MAX_BATCH)
        except KooperationError as error:
            return error_reply(self, error)
        total, items = query(start=start, size=size, **scoped_filters(self.context, filters))
        base = f"{self.context.absolute_url()}/@audit-log"
        params = {k: v for k, v in self.request.form.items() if k not in ("b_start", "b_size")}

        def link(offset):
            return f"{base}?{urlencode({**params, 'b_start': offset, 'b_size': size})}"

        batching = {"@id": link(start), "first": link(0)}
        if start + size < total:
            batching["next"] = link(start + size)
        if start > 0:
            batching["prev"] = link(max(start - size, 0))
        return {
            "@id": base,
            "items_total": total,
            "items": [entry.as_json() for entry in items],
            "batching": batching,
        }


class NetworkAuditLogGet(AuditLogGet):
    """The network's share; the publisher checked kooperation: View network audit log."""

    def reply(self):
        return self.list()
