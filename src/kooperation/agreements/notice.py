"""Give notice, agree to cancel, withdraw a mistaken notice: the Classic UI forms.

``@@notice`` (Kündigung erfassen) and ``@@cancellation`` (Aufhebung vereinbaren) take
their input in two steps: the facts, then a preview of what the deadline engine makes
of them ("verspätet — endet frühestens am 19.05.2017") with the signed letter to upload;
only "Bestätigen" records. ``@@withdraw-notice`` withdraws a record with a reason.

The notices live in the amendments capability, which lies above this one: the forms
reach them through ``INotices``, an adapter of the agreement that
``kooperation.amendments.terminations`` registers (the same functions its REST service
``@terminations`` calls).
"""

from kooperation import _
from kooperation.common.errors import KooperationError
from kooperation.common.formerrors import error_at
from kooperation.common.german import german_date
from plone import api
from plone.autoform import directives
from plone.autoform.form import AutoExtensibleForm
from plone.namedfile.field import NamedBlobFile
from plone.supermodel import model
from Products.Five import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from z3c.form import button
from z3c.form import error as z3c_error
from z3c.form import form
from z3c.form.browser.radio import RadioFieldWidget
from z3c.form.interfaces import HIDDEN_MODE
from zExceptions import Unauthorized
from zope import schema
from zope.i18n import translate
from zope.interface import Interface
from zope.interface import provider
from zope.schema.interfaces import IContextSourceBinder
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


OPEN_STATES = ("in_force", "terminated")
EVIDENCE_MAX = 20 * 1024 * 1024  # a scanned letter; the PDF import allows 20 MiB too
EVIDENCE_MAGIC = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
)


class INotices(Interface):
    """The notices and cancellations of an agreement (adapter of IAgreement).

    Registered by ``kooperation.amendments`` (``terminations.Notices``); every method
    raises ``KooperationError`` on the field at fault, as the REST service answers it.
    """

    def records():
        """All records, oldest first, withdrawn ones included."""

    def outcome(kind, **data):
        """What recording would store: ``notice`` (party, received_on, written_form,
        ends_for) or ``cancellation`` (concluded_on, ends_on). Nothing is stored."""

    def record(kind, evidence=None, **data):
        """Record it (``record_notice`` / ``record_cancellation``); return the record."""

    def verdict(record, request):
        """ "fristgerecht — endet am 19.05.2016" and the like, in the request's language."""

    def explanation(record, request):
        """The deadline engine's explanation of the record."""

    def refused(record):
        """Why ``record`` may not be withdrawn (a KooperationError) or None."""

    def withdraw(record_id, reason):
        """Withdraw a record; return it."""


def evidence_refused(upload):
    """A KooperationError on "evidence" unless ``upload`` is a PDF or an image of at most
    ``EVIDENCE_MAX`` bytes (judged by its first bytes, not by the name it came with)."""
    if upload is None:
        return None
    if upload.getSize() > EVIDENCE_MAX:
        return KooperationError(
            "evidence",
            _(
                "error_notice_evidence_too_large",
                default="The file is larger than ${max} MB.",
                mapping={"max": EVIDENCE_MAX // (1024 * 1024)},
            ),
        )
    head = bytes(upload.data[:8])
    if not any(head.startswith(magic) for magic, _type in EVIDENCE_MAGIC):
        return KooperationError(
            "evidence",
            _(
                "error_evidence_type",
                default="Please upload the signed letter as a PDF or an image (PNG, JPEG, TIFF).",
            ),
        )
    return None


def may_record(agreement):
    """Whether the current user may record notices for ``agreement`` now."""
    return (
        api.content.get_state(agreement) in OPEN_STATES
        and api.user.has_permission("kooperation: Record notices", obj=agreement)
        and api.user.has_permission("Review portal content", obj=agreement)
    )


@provider(IContextSourceBinder)
def agreement_parties(context):
    """The agreement's parties the user may see, in the agreement's order (one query)."""
    uids = [uid for uid in getattr(context, "parties", None) or () if uid]
    titles = {b.UID: b.Title for b in api.content.find(UID=uids)} if uids else {}
    return SimpleVocabulary([SimpleTerm(uid, uid, titles[uid]) for uid in uids if uid in titles])


ENDS_FOR = SimpleVocabulary(
    [
        SimpleTerm("all", "all", _("ends_for_all", default="ends the agreement for all parties")),
        SimpleTerm(
            "others_continue",
            "others_continue",
            _(
                "ends_for_party",
                default="ends it only for this party; the others continue",
            ),
        ),
    ]
)


def evidence_field(title):
    """The upload of the signed letter, the same for notices and cancellations."""
    return NamedBlobFile(
        title=title,
        description=_(
            "help_notice_evidence",
            default="The scanned letter as a PDF or an image, at most 20 MB.",
        ),
        required=False,
    )


class INoticeForm(model.Schema):
    party = schema.Choice(
        title=_("label_notice_party", default="Party giving notice"),
        source=agreement_parties,
    )
    received_on = schema.Date(
        title=_("label_received_on", default="Received on"),
        description=_(
            "help_received_on",
            default="The day the notice reached the other parties (or the coordination); "
            "it decides whether the notice is on time.",
        ),
    )
    written_form = schema.Bool(
        title=_("label_written_form", default="In written form (signed letter)"),
        description=_(
            "help_written_form",
            default="A notice of a public-law contract needs the written form (§ 59 (2) "
            "SGB X); without it the notice is recorded but not effective.",
        ),
        required=False,
        default=False,
    )
    directives.widget(ends_for=RadioFieldWidget)
    ends_for = schema.Choice(
        title=_("label_ends_for", default="The notice"),
        vocabulary=ENDS_FOR,
        default="all",
    )
    evidence = evidence_field(_("label_notice_evidence", default="Signed letter (evidence)"))
    preview_key = schema.TextLine(required=False)


class ICancellationForm(model.Schema):
    concluded_on = schema.Date(
        title=_("label_concluded_on", default="Concluded on"),
        description=_(
            "help_concluded_on",
            default="The day the last party signed the cancellation agreement.",
        ),
    )
    ends_on = schema.Date(title=_("label_ends_on", default="The agreement ends on"))
    evidence = evidence_field(
        _("label_cancellation_evidence", default="Signed cancellation (evidence)")
    )
    preview_key = schema.TextLine(required=False)


class IWithdrawForm(model.Schema):
    reason = schema.Text(
        title=_("label_withdraw_reason", default="Reason for the withdrawal"),
        description=_(
            "help_withdraw_reason",
            default="Why the notice was recorded by mistake; kept in the audit trail.",
        ),
        max_length=2000,
    )
    notice = schema.TextLine(required=False)


# A day that does not exist (31.02.) or cannot be read: German, at the field.
_BAD_DAY = _(
    "error_no_such_day",
    default="This day does not exist. Please give a date such as 19.05.2016.",
)
BadReceivedOn = z3c_error.ErrorViewMessage(
    _BAD_DAY, error=ValueError, field=INoticeForm["received_on"]
)
BadConcludedOn = z3c_error.ErrorViewMessage(
    _BAD_DAY, error=ValueError, field=ICancellationForm["concluded_on"]
)
BadEndsOn = z3c_error.ErrorViewMessage(
    _BAD_DAY, error=ValueError, field=ICancellationForm["ends_on"]
)


class FieldErrors:
    """Show a KooperationError at its field (or above the form when no field fits)."""

    def field_error(self, error):
        message = error.message(self.request)
        if not error_at(self, error.field, message):
            api.portal.show_message(message, request=self.request, type="error")
            self.status = message

    primary = ()

    def updateActions(self):
        super().updateActions()
        for name in self.primary:  # the next step stands out (Plone makes only "save" primary)
            if name in self.actions:
                action = self.actions[name]
                action.klass = action.klass.replace("btn-secondary", "btn-primary")
                break

    def check_right(self):
        if not may_record(self.context):
            raise Unauthorized("You may not record notices for this agreement.")


class PreviewForm(FieldErrors, AutoExtensibleForm, form.Form):
    """Two steps: the facts and "Vorschau"; then the preview, the evidence and "Bestätigen"."""

    ignoreContext = True
    kind = None
    facts = ()
    template = ViewPageTemplateFile("templates/notice_form.pt")
    primary = ("confirm", "preview")
    preview = None
    changed = False
    success_message = None

    def confirming(self):
        """The second step: the request carries the key of a preview."""
        return self.preview is not None or bool(self.request.form.get("form.widgets.preview_key"))

    def updateFields(self):
        super().updateFields()
        if not self.confirming():  # the evidence belongs to the step with the preview
            self.fields = self.fields.omit("evidence")

    def updateWidgets(self, prefix=None):
        super().updateWidgets(prefix)
        self.widgets["preview_key"].mode = HIDDEN_MODE

    def update(self):
        self.check_right()
        super().update()
        if self.preview is not None:
            if "evidence" not in self.fields:  # the preview came: now the evidence and confirm
                self.updateFields()
                self.updateWidgets()
            self.widgets["preview_key"].value = self.key(self.preview_data)
            self.updateActions()

    def key(self, data):
        return "|".join(str(data.get(name)) for name in self.facts)

    def data(self, data):
        return {name: data.get(name) for name in self.facts}

    def show_preview(self, data):
        """Compute the outcome of ``data``; True when it could be shown."""
        try:
            outcome = INotices(self.context).outcome(self.kind, **self.data(data))
        except KooperationError as error:
            self.field_error(error)
            return False
        notices = INotices(self.context)
        self.preview = {
            "text": notices.verdict(outcome, self.request),
            "explanation": notices.explanation(outcome, self.request),
            "effective": outcome["effective"],
        }
        self.preview_data = data
        return True

    @button.buttonAndHandler(_("button_preview", default="Preview"), name="preview")
    def handle_preview(self, action):
        data, errors = self.extractData()
        if errors:
            self.status = self.formErrorsMessage
            return
        self.show_preview(data)

    @button.buttonAndHandler(
        _("button_confirm", default="Confirm"),
        name="confirm",
        condition=lambda form: form.confirming() or form.preview is not None,
    )
    def handle_confirm(self, action):
        data, errors = self.extractData()
        if errors:
            self.status = self.formErrorsMessage
            if not any(e.widget is not None and e.widget.__name__ in self.facts for e in errors):
                self.show_preview(data)  # only the evidence is wrong: keep the outcome in view
            return
        if self.key(data) != self.request.form.get("form.widgets.preview_key"):
            # Changed after the preview: show the new outcome, record nothing yet.
            if self.show_preview(data):
                self.changed = True
            return
        refused = evidence_refused(data.get("evidence"))
        if refused is not None:
            self.field_error(refused)
            self.show_preview(data)
            return
        notices = INotices(self.context)
        try:
            record = notices.record(self.kind, evidence=data.get("evidence"), **self.data(data))
        except KooperationError as error:
            self.field_error(error)
            return
        api.portal.show_message(
            self.success_message(notices.verdict(record, self.request)), request=self.request
        )
        self.request.response.redirect(f"{self.context.absolute_url()}#agreement-notices")

    @button.buttonAndHandler(_("button_cancel", default="Cancel"), name="cancel")
    def handle_cancel(self, action):
        self.request.response.redirect(self.context.absolute_url())


class NoticeForm(PreviewForm):
    schema = INoticeForm
    kind = "notice"
    facts = ("party", "received_on", "written_form", "ends_for")
    label = _("heading_record_notice", default="Record a notice")
    description = _(
        "help_record_notice",
        default="A party gave notice. Enter what the letter says; the preview shows when "
        "the agreement ends. Nothing is recorded before you confirm.",
    )

    def updateFields(self):
        super().updateFields()
        if len(self.context.parties or ()) < 3:  # with two parties a notice ends it for both
            self.fields = self.fields.omit("ends_for")
            self.facts = tuple(name for name in self.facts if name != "ends_for")

    def data(self, data):
        values = super().data(data)
        values["written_form"] = bool(values.get("written_form"))
        values["ends_for"] = values.get("ends_for") or "all"
        return values

    def success_message(self, verdict):
        return _(
            "info_notice_recorded",
            default="The notice has been recorded: ${verdict}.",
            mapping={"verdict": verdict},
        )


class CancellationForm(PreviewForm):
    schema = ICancellationForm
    kind = "cancellation"
    facts = ("concluded_on", "ends_on")
    label = _("heading_record_cancellation", default="Agree to cancel")
    description = _(
        "help_record_cancellation",
        default="All parties agreed to end the agreement (Aufhebungsvertrag). Enter the "
        "day it was concluded and the day the agreement ends; nothing is recorded before "
        "you confirm.",
    )

    def success_message(self, verdict):
        return _(
            "info_cancellation_recorded",
            default="The cancellation has been recorded: ${verdict}.",
            mapping={"verdict": verdict},
        )


class WithdrawForm(FieldErrors, AutoExtensibleForm, form.Form):
    """Withdraw a mistaken notice or cancellation, with a reason."""

    schema = IWithdrawForm
    ignoreContext = True
    label = _("heading_withdraw_notice", default="Withdraw a notice")
    primary = ("withdraw",)
    template = ViewPageTemplateFile("templates/notice_withdraw.pt")

    def record_id(self):
        return self.request.form.get("notice") or self.request.form.get("form.widgets.notice")

    def record(self):
        wanted = self.record_id()
        for record in INotices(self.context).records():
            if record["id"] == wanted:
                return record
        return None

    def summary(self):
        record = self.record()
        if record is None:
            return None
        notices = INotices(self.context)
        refused = notices.refused(record)
        return {
            "who": record["party_title"]
            or translate(
                _("label_cancellation", default="Mutual cancellation"), context=self.request
            ),
            "kind": record["kind"],
            "received_on": german_date(record["received_on"]),
            "verdict": notices.verdict(record, self.request),
            "refused": refused.message(self.request) if refused is not None else None,
        }

    def updateWidgets(self, prefix=None):
        super().updateWidgets(prefix)
        self.widgets["notice"].mode = HIDDEN_MODE
        if not self.widgets["notice"].value:
            self.widgets["notice"].value = self.record_id() or ""

    def update(self):
        self.check_right()
        super().update()

    @button.buttonAndHandler(_("button_withdraw", default="Withdraw"), name="withdraw")
    def handle_withdraw(self, action):
        data, errors = self.extractData()
        if errors:
            self.status = self.formErrorsMessage
            return
        try:
            INotices(self.context).withdraw(self.record_id(), data.get("reason"))
        except KooperationError as error:
            self.field_error(error)
            return
        api.portal.show_message(
            _(
                "info_notice_withdrawn",
                default="The notice has been withdrawn; the agreement is as it was before.",
            ),
            request=self.request,
        )
        self.request.response.redirect(f"{self.context.absolute_url()}#agreement-notices")

    @button.buttonAndHandler(_("button_cancel", default="Cancel"), name="cancel")
    def handle_cancel(self, action):
        self.request.response.redirect(self.context.absolute_url())


class NoticesSection(BrowserView):
    """The agreement page's section "Kündigungen und Aufhebungen" with its buttons."""

    template = ViewPageTemplateFile("templates/notices_section.pt")

    def __call__(self):
        return self.template()

    def may_record(self):
        return may_record(self.context)

    def items(self):
        notices = INotices(self.context)
        may = self.may_record()
        rows = []
        for record in reversed(list(notices.records())):
            withdrawn = record.get("withdrawn")
            evidence = record.get("evidence")
            rows.append(
                {
                    "id": record["id"],
                    "cancellation": record["kind"] == "cancellation",
                    "party": record["party_title"],
                    "received_on": german_date(record["received_on"]),
                    "verdict": notices.verdict(record, self.request),
                    "explanation": notices.explanation(record, self.request),
                    "evidence": (
                        f"{self.context.absolute_url()}/@@notice-evidence/{record['id']}"
                        if evidence is not None
                        else None
                    ),
                    "withdrawn": withdrawn is not None,
                    "withdrawn_reason": withdrawn["reason"] if withdrawn else "",
                    "withdrawn_at": german_date(withdrawn["at"]) if withdrawn else "",
                    "withdraw_url": (
                        f"{self.context.absolute_url()}/@@withdraw-notice?notice={record['id']}"
                        if may and not withdrawn and notices.refused(record) is None
                        else None
                    ),
                }
            )
        return rows
