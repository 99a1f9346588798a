"""Classic UI of the electronic form: upload a signed PDF, read its validation report."""

from kooperation import _
from kooperation.agreements.status import enter_into_force_if_due
from kooperation.common.download import attachment
from kooperation.common.errors import KooperationError
from kooperation.common.rest import has_right
from kooperation.esign import reportpdf
from kooperation.esign.portal import get_upload
from kooperation.esign.portal import may_upload
from kooperation.esign.portal import status_json
from kooperation.esign.portal import upload
from kooperation.esign.portal import uploads
from kooperation.esign.validation import LOCAL_ZONE
from plone import api
from plone.autoform.form import AutoExtensibleForm
from plone.namedfile.field import NamedBlobFile
from plone.supermodel import model
from Products.Five import BrowserView
from z3c.form import button
from z3c.form import form
from zExceptions import NotFound
from zExceptions import Unauthorized
from zope.i18n import translate as zope_translate


class IUploadForm(model.Schema):
    file = NamedBlobFile(
        title=_("label_esign_file", default="Signed PDF"),
        description=_(
            "help_esign_file",
            default="The PDF signed with qualified electronic signatures (PAdES): one file "
            "with the signatures of several parties, or one party's file. Each signature "
            "is checked and counted for the party its signer may sign for on that day.",
        ),
        required=True,
    )


class UploadForm(AutoExtensibleForm, form.Form):
    schema = IUploadForm
    ignoreContext = True
    label = _("heading_esign_upload", default="Upload an electronically signed PDF")

    def update(self):
        if not may_upload(self.context, has_right):
            raise Unauthorized("You may not sign this document.")
        super().update()

    def updateActions(self):
        super().updateActions()
        action = self.actions["upload"]  # the next step stands out, as in the notice forms
        action.klass = action.klass.replace("btn-secondary", "btn-primary")

    @button.buttonAndHandler(_("button_esign_upload", default="Upload and check"), name="upload")
    def handle_upload(self, action):
        data, errors = self.extractData()
        if errors:
            self.status = self.formErrorsMessage
            return
        if api.content.get_state(self.context) != "for_signature":
            self.status = _(
                "error_not_for_signature",
                default="Only an agreement in the state 'For signature' can be signed.",
            )
            api.portal.show_message(self.status, request=self.request, type="error")
            return
        blob = data["file"]
        try:
            item = upload(
                self.context,
                blob.data,
                blob.filename,
                api.user.get_current().getId(),
                self.request,
            )
        except KooperationError as error:
            message = error.message(self.request)
            api.portal.show_message(message, request=self.request, type="error")
            self.status = message
            return
        enter_into_force_if_due(self.context)
        counted = sum(1 for outcome in item["outcomes"] if outcome["counted"])
        api.portal.show_message(
            _(
                "info_esign_uploaded",
                default="Checked: ${count} of ${total} signatures counted.",
                mapping={"count": counted, "total": len(item["outcomes"])},
            ),
            request=self.request,
            type="info" if counted else "warning",
        )
        self.request.response.redirect(
            f"{self.context.absolute_url()}/@@esignature-report?upload={item['id']}"
        )

    @button.buttonAndHandler(_("button_cancel", default="Cancel"), name="cancel")
    def handle_cancel(self, action):
        self.request.response.redirect(self.context.absolute_url())


# The labels of the report PDF (reportpdf.render asks by id), written out for the catalog.
PDF_LABELS = {
    str(label): label
    for label in (
        _("heading_esign_report", default="Validation report"),
        _("label_esign_file", default="Signed PDF"),
        _("label_esign_uploaded", default="Uploaded"),
        _("label_esign_validated", default="Validated"),
        _("label_esign_document", default="Document"),
        _("label_esign_signer", default="Signer"),
        _("label_esign_organization", default="Organisation"),
        _("label_esign_signing_time", default="Signing time"),
        _("label_esign_certificate", default="Certificate"),
        _("label_esign_fingerprint", default="Fingerprint (SHA-256)"),
        _("label_esign_counted", default="Counted"),
        _("label_yes", default="yes"),
        _("label_no", default="no"),
        _("heading_esign_checks", default="What was checked"),
        _("heading_esign_not_checked", default="Not checked offline"),
        _("heading_esign_form", default="Written form"),
    )
}


class _UploadView(BrowserView):
    def item(self):
        upload_id = self.request.form.get("upload")
        found = get_upload(self.context, upload_id) if isinstance(upload_id, str) else None
        if found is None:
            raise NotFound(upload_id)
        return found


class ReportView(_UploadView):
    """The validation report of one upload (or of all, without ``upload``)."""

    def items(self):
        if self.request.form.get("upload"):
            return [self.item()]
        return list(reversed(uploads(self.context)))

    def status(self):
        return status_json(self.context, self.request)

    def may_upload(self):
        return api.content.get_state(self.context) == "for_signature" and may_upload(
            self.context, has_right
        )

    def time(self, value):
        from datetime import datetime

        if not value:
            return ""
        moment = datetime.fromisoformat(value)
        if moment.tzinfo is not None:
            moment = moment.astimezone(LOCAL_ZONE)
        return moment.strftime("%d.%m.%Y %H:%M:%S") + (" MEZ/MESZ" if moment.tzinfo else "")

    def level_class(self, level):
        return {"qualified": "success", "advanced": "warning"}.get(level, "danger")

    def check_class(self, ok):
        return {True: "success", False: "danger"}.get(ok, "secondary")

    def check_symbol(self, ok):
        return {True: "✓", False: "✗"}.get(ok, "?")


class ReportPdf(_UploadView):
    def __call__(self):
        item = self.item()
        view = ReportView(self.context, self.request)
        data = reportpdf.render(
            title=self.context.Title(),
            url=self.context.absolute_url(),
            item=item,
            status=status_json(self.context, self.request),
            translate=lambda msgid, default: zope_translate(
                PDF_LABELS.get(msgid) or _(msgid, default=default), context=self.request
            ),
            time=view.time,
        )
        return attachment(self.request, data, f"pruefbericht-{item['id']}.pdf")


class SignedFile(_UploadView):
    def __call__(self):
        item = self.item()
        blob = item["file"]
        return attachment(self.request, blob.data, blob.filename or "signed.pdf")
