"""@@audit-log: the audit trail, filtered and batched, with a CSV download.

On the site for managers (everything); on a network for its coordinators (that
network's share, see ``kooperation.audit.network``)."""

from kooperation import _
from kooperation.audit import entries
from kooperation.audit import log_event
from kooperation.audit import query
from kooperation.audit.filters import parse_int
from kooperation.audit.filters import portal_timezone
from kooperation.audit.filters import request_filters
from kooperation.audit.log import csv_rows
from kooperation.audit.network import scoped_filters
from kooperation.common.csrf import check_write
from kooperation.common.errors import KooperationError
from kooperation.common.german import german_date
from kooperation.common.german import german_datetime
from kooperation.common.page import full_width
from kooperation.interfaces import INetwork
from plone import api
from Products.Five import BrowserView
from urllib.parse import urlencode
from zope.i18n import translate

import csv
import io
import re


BATCH = 50
FILTERS = ("action", "user", "path", "since", "until")
ACTION_LABELS = {
    "sign": _("audit_sign", default="Signed"),
    "sign_on_behalf": _("audit_sign_on_behalf", default="Signature recorded on behalf"),
    "amend": _("audit_amend", default="Amended"),
    "terminate": _("audit_terminate", default="Terminated"),
    "publish": _("audit_publish", default="Published"),
    "consent": _("audit_consent", default="Consent"),
    "role_change": _("audit_role_change", default="Roles changed"),
    "group_membership": _("audit_group_membership", default="Group membership"),
    "export_personal_data": _("audit_export_personal_data", default="Personal data exported"),
    "delete_personal_data": _("audit_delete_personal_data", default="Personal data deleted"),
    "export_audit_log": _("audit_export_audit_log", default="Audit log exported"),
    "person_confirmed": _("audit_person_confirmed", default="Confirmed for the partner"),
    "evidence_download": _("audit_evidence_download", default="Evidence downloaded"),
    "notice_withdrawn": _("audit_notice_withdrawn", default="Notice withdrawn"),
    "notice": _("audit_notice", default="Notice recorded"),
    "cancellation": _("audit_cancellation", default="Extraordinary termination recorded"),
    "amendment_applied": _("audit_amendment_applied", default="Amendment in effect"),
    "amendment_consent": _("audit_amendment_consent", default="Consent to the amendment"),
    "amendment_objection": _("audit_amendment_objection", default="Objection to the amendment"),
    "consents_voided": _("audit_consents_voided", default="Consents voided"),
    "minutes_corrected": _("audit_minutes_corrected", default="Minutes corrected"),
    "esignature_upload": _("audit_esignature_upload", default="Electronic signature uploaded"),
    "handover_leave": _("audit_handover_leave", default="Left the partner"),
    "handover_move": _("audit_handover_move", default="Moved to another partner"),
}


# Details the row says already (the action, "Betrifft") or that the object's own page shows
# better (a signature's validation report): left out on the page, kept in the CSV.
SHOWN_ELSEWHERE = {
    "transition": ("transition", "workflow"),
    "group_membership": ("group", "principal"),
    "sign": ("validation",),
    "sign_on_behalf": ("validation",),
    "notice_withdrawn": ("notice",),
    "esignature_upload": ("upload", "signatures"),
}
DETAIL_LABELS = {
    "review_state": _("audit_detail_review_state", default="State"),
    "comment": _("audit_detail_comment", default="Comment"),
    "change": _("audit_detail_change", default="Change"),
    "group_title": _("audit_detail_group", default="Group"),
    "party_title": _("audit_detail_party", default="Partner"),
    "signatory_name": _("audit_detail_signatory", default="Signed by"),
    "function": _("audit_detail_function", default="Function"),
    "place": _("audit_detail_place", default="Place"),
    "date": _("audit_detail_date", default="Date"),
    "on_behalf": _("audit_detail_on_behalf", default="On behalf"),
    "evidence": _("audit_detail_evidence", default="Evidence"),
    "qes_reference": _("audit_detail_qes_reference", default="QES reference"),
    "form": _("audit_detail_form", default="Form"),
    "signed_at": _("audit_detail_signed_at", default="Signed electronically at"),
    "amendment_title": _("audit_detail_amendment", default="Amendment"),
    "effective_on": _("audit_detail_effective_on", default="In effect from"),
    "received_on": _("audit_detail_received_on", default="Received on"),
    "end": _("audit_detail_end", default="Ends on"),
    "effective": _("audit_detail_effective", default="Effective"),
    "ends_for": _("audit_detail_ends_for", default="Ends for"),
    "kind": _("audit_detail_kind", default="Kind"),
    "reason": _("audit_detail_reason", default="Reason"),
    "parties": _("audit_detail_parties", default="Partners"),
    "count": _("audit_detail_count", default="Number"),
    "filename": _("audit_detail_filename", default="File"),
    "how": _("audit_detail_how", default="How"),
    "may_sign": _("audit_detail_may_sign", default="May sign"),
    "partner_admin": _("audit_detail_partner_admin", default="Manages the partner's people"),
    "day": _("audit_detail_day", default="Day"),
    "target": _("audit_detail_target", default="To"),
    "granted": _("audit_detail_granted", default="Granted"),
    "revoked": _("audit_detail_revoked", default="Revoked"),
    "roles": _("audit_detail_roles", default="Roles"),
}
CHANGES = {
    "added": _("audit_change_added", default="added"),
    "removed": _("audit_change_removed", default="removed"),
}
YES_NO = {
    True: _("audit_value_yes", default="yes"),
    False: _("audit_value_no", default="no"),
}
# (detail, value) -> words: the values the product's code logs, not the reader's language
VALUES = {
    ("form", "written"): _("audit_value_written", default="written"),
    ("form", "electronic"): _("audit_value_electronic", default="electronic"),
    ("kind", "notice"): _("audit_value_notice", default="notice"),
    ("kind", "cancellation"): _("audit_value_cancellation", default="extraordinary termination"),
    ("ends_for", "all"): _("audit_value_ends_for_all", default="all partners"),
    ("ends_for", "others_continue"): _(
        "audit_value_others_continue", default="this partner; the others continue"
    ),
}
# A portal UID (of a partner, a person): the page names them by their titles, which the
# entries carry beside; the CSV keeps the ids.
UID = re.compile(r"^[0-9a-f]{32}$")


ISO_MOMENT = re.compile(
    r"\b(\d{4})-(\d{2})-(\d{2})"
    r"(?:[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?(?![\d-])"
)


def german_moments(text):
    """ISO dates and times in ``text`` as 20.05.2015 and 20.05.2015 10:00."""

    def german(match):
        with_time = match.group(4) is not None
        return (german_datetime if with_time else german_date)(match.group(0))

    return ISO_MOMENT.sub(german, text)


def shown(value):
    """Whether a detail says something on the page: not empty, not a bare id."""
    if value is None or value == "" or value == {} or value == []:
        return False
    return not (isinstance(value, str) and UID.match(value))


def csv_text(rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerows(rows)
    return buffer.getvalue()


class AuditLogView(BrowserView):
    error = None
    total = 0
    items = ()
    start = 0

    def __call__(self):
        full_width(self.request)
        tz = portal_timezone()
        self.tz = tz
        try:
            self.filters = request_filters(self.request, api.portal.get())
            self.start = parse_int(self.request.form, "b_start", 0, 0, 10**9)
        except KooperationError as error:
            self.error = error.message(self.request)
            self.filters = None
        if self.filters is not None and self.request.form.get("format") == "csv":
            return self.csv()
        if self.filters is not None:
            self.total, self.items = query(
                start=self.start, size=BATCH, **scoped_filters(self.context, self.filters)
            )
        return self.index()

    def csv(self):
        # A download that also logs itself; the permission is checked by the view's ZCML.
        check_write(self.request)
        text = csv_text(csv_rows(entries(**scoped_filters(self.context, self.filters))))
        log_event(
            "export_audit_log",
            obj=self.context,
            filters={k: str(v) for k, v in self.filters.items()},
        )
        response = self.request.response
        response.setHeader("Content-Type", "text/csv; charset=utf-8")
        response.setHeader("Content-Disposition", 'attachment; filename="audit-log.csv"')
        return "\ufeff" + text

    def page_title(self):
        network = self.network_title()
        if network is None:
            return translate(_("heading_audit_log", default="Audit log"), context=self.request)
        return translate(
            _(
                "heading_network_audit_log",
                default="Audit log: ${network}",
                mapping={"network": network},
            ),
            context=self.request,
        )

    def network_title(self):
        """The network's title when the log is a network's share, else None."""
        return self.context.Title() if INetwork.providedBy(self.context) else None

    def value(self, name):
        value = self.request.form.get(name, "")
        return value if isinstance(value, str) else ""

    def url(self, **changes):
        params = {name: self.value(name) for name in FILTERS if self.value(name)}
        params.update(changes)
        return f"{self.context.absolute_url()}/@@audit-log?{urlencode(params)}"

    def csv_url(self):
        return self.url(format="csv")

    def previous_url(self):
        return self.url(b_start=max(self.start - BATCH, 0)) if self.start > 0 else None

    def next_url(self):
        return self.url(b_start=self.start + BATCH) if self.start + BATCH < self.total else None

    def range_text(self):
        if not self.total:
            return ""
        last = min(self.start + BATCH, self.total)
        return f"{self.start + 1}–{last} / {self.total}"

    def action_label(self, action, details=None, portal_type=None):
        label = ACTION_LABELS.get(action)
        if label is not None:
            return translate(label, context=self.request)
        if action.startswith("transition:"):
            transition = action.split(":", 1)[1]
            workflow_id = (details or {}).get("workflow")
            label = _(
                "audit_transition",
                default="Workflow: ${transition}",
                mapping={"transition": self.transition_title(transition, workflow_id, portal_type)},
            )
            return translate(label, context=self.request)
        return action

    def transition_title(self, transition, workflow_id, portal_type):
        """The transition as the workflow menu names it ("Veröffentlichen"), not its id."""
        workflows = api.portal.get_tool("portal_workflow")
        if workflow_id:
            ids = [workflow_id]
        else:
            ids = list(workflows.getChainForPortalType(portal_type)) if portal_type else []
        for workflow_id in ids:
            workflow = workflows.getWorkflowById(workflow_id)
            definition = workflow.transitions.get(transition) if workflow is not None else None
            # the menu's name ("Publish"), else the title ("Reviewer publishes content")
            name = definition.actbox_name or definition.title if definition is not None else ""
            if name:
                return translate(name, domain="plone", context=self.request)
        return transition

    def detail_label(self, name):
        label = DETAIL_LABELS.get(name)
        return translate(label, context=self.request) if label is not None else name

    def detail(self, name, value, portal_type):
        """A detail as a reader needs it: states by their title, dates in German."""
        if name == "change" and value in CHANGES:
            return translate(CHANGES[value], context=self.request)
        if isinstance(value, bool):
            return translate(YES_NO[value], context=self.request)
        if isinstance(value, str) and (name, value) in VALUES:
            return translate(VALUES[(name, value)], context=self.request)
        if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
            return ", ".join(value)
        if name == "review_state" and isinstance(value, str) and value:
            workflow = api.portal.get_tool("portal_workflow")
            title = workflow.getTitleForStateOnType(value, portal_type) if portal_type else None
            if title and title != value:
                return translate(title, domain="plone", context=self.request)
        return german_moments(str(value))

    def object_url(self, path):
        """The address of an entry's object (it may be gone since)."""
        portal = api.portal.get()
        portal_path = "/".join(portal.getPhysicalPath())
        if not path or not (path == portal_path or path.startswith(portal_path + "/")):
            return portal.absolute_url()
        return portal.absolute_url() + path[len(portal_path) :]

    def rows(self):
        for entry in self.items:
            elsewhere = SHOWN_ELSEWHERE.get(entry.action.split(":", 1)[0], ())
            details = {
                name: self.detail(name, value, entry.portal_type)
                for name, value in entry.details.items()
                if name not in elsewhere and shown(value)
            }
            data = entry.as_json()
            yield {
                "when": entry.when.astimezone(self.tz).strftime("%d.%m.%Y %H:%M:%S"),
                "when_iso": entry.when.isoformat(timespec="seconds"),
                "user": f"{entry.user_name} ({entry.user_id})"
                if entry.user_name
                else entry.user_id,
                "action": self.action_label(entry.action, entry.details, entry.portal_type),
                "subject": entry.subject,
                "title": data["title"],
                "path": data["path"],
                "url": self.object_url(data["path"]),
                "address": entry.address,
                "forwarded_for": entry.forwarded_for,
                "details": "; ".join(
                    f"{self.detail_label(k)}: {v}" for k, v in sorted(details.items())
                ),
            }
