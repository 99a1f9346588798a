"""Classic UI: "Import PDF" on a network and the review form of an imported draft."""

from html import escape
from kooperation import _
from kooperation.common.errors import render
from kooperation.deadlines import ANCHORS
from kooperation.deadlines import UNITS
from kooperation.pdfimport import ExtractionError
from kooperation.pdfimport import Limits
from kooperation.pdfimport.portal import check_rules
from kooperation.pdfimport.portal import confirm_rules
from kooperation.pdfimport.portal import error_message
from kooperation.pdfimport.portal import error_status
from kooperation.pdfimport.portal import import_pdf
from kooperation.pdfimport.portal import NO_FILE_MESSAGE
from kooperation.pdfimport.portal import parse_rules
from kooperation.pdfimport.portal import proposal
from kooperation.pdfimport.portal import proposed_rules
from kooperation.pdfimport.portal import RuleInputError
from kooperation.pdfimport.sandbox import MB
from kooperation.vocabularies import AGREEMENT_KINDS
from plone import api
from plone.app.layout.viewlets.common import ViewletBase
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zExceptions import Forbidden
from zope.i18n import translate
from zope.i18nmessageid import Message


INVALID_VALUE = _("error_pdfimport_invalid_value", default="This value is not valid.")


class ImportView(BrowserView):
    """@@import-agreement on a network: upload a PDF, get a draft to review."""

    template = ViewPageTemplateFile("templates/import.pt")
    error = None

    def __call__(self):
        if self.request.method == "POST" and "form.buttons.import" in self.request.form:
            CheckAuthenticator(self.request)
            redirect = self.handle()
            if redirect:
                return self.request.response.redirect(redirect)
        return self.template()

    def handle(self):
        upload = self.request.form.get("file")
        limits = Limits.from_env()
        if upload is None or not getattr(upload, "filename", None):
            self.fail(NO_FILE_MESSAGE, 400)
            return None
        data = upload.read(int(limits.file_mb * MB) + 1)
        filename = upload.filename.rsplit("/", 1)[-1].rsplit("\\", 1)[-1] or "agreement.pdf"
        try:
            agreement, _extraction, created = import_pdf(self.context, data, filename, limits)
        except ExtractionError as error:
            self.fail(error_message(error), error_status(error))
            return None
        if created:
            message = _("msg_pdfimport_created", default="Draft created: please review the rules.")
        else:
            message = _(
                "msg_pdfimport_duplicate", default="This file was imported before: its draft."
            )
        api.portal.show_message(message, request=self.request)
        return agreement.absolute_url() + "/@@import-review"

    def fail(self, message, status):
        self.error = translate(message, context=self.request)
        self.request.response.setStatus(status)

    def max_mb(self):
        value = Limits.from_env().file_mb
        return int(value) if float(value).is_integer() else value


FIELD_LABELS = {
    "title": _("label_title", default="Title"),
    "kind": _("label_agreement_kind", default="Kind"),
    "parties": _("label_parties", default="Parties"),
    "intended_parties": _("label_intended_parties", default="Intended parties"),
    "place": _("label_pdfimport_place", default="Place"),
    "date": _("label_text_date", default="Version date (Stand)"),
    "legal_bases": _("label_legal_bases", default="Legal bases"),
    "effective_rule": _("label_effective_rule", default="Entry into force"),
    "effective_date": _("label_effective_date", default="Fixed date of entry into force"),
    "initial_term": _("label_initial_term", default="Initial term"),
    "end_date": _("label_end_date", default="End date"),
    "renewal_term": _("label_renewal_term", default="Tacit renewal by"),
    "notice_period": _("label_notice_period", default="Notice period"),
    "notice_anchor": _("label_notice_anchor", default="Notice to"),
    "written_form_amendments": _(
        "label_written_form_amendments",
        default="Amendments need the written form (§ 56 SGB X, § 126 BGB)",
    ),
    "written_form_termination": _(
        "label_written_form_termination",
        default="Termination needs the written form (§ 59 (2) SGB X)",
    ),
}
NOT_FOUND = _("pdfimport_not_found", default="not found in the text")
UNIT_LABELS = {
    "days": _("unit_days", default="days"),
    "weeks": _("unit_weeks", default="weeks"),
    "months": _("unit_months", default="months"),
    "years": _("unit_years", default="years"),
}
ANCHOR_LABELS = {
    "end_of_term": _("anchor_end_of_term", default="to the end of the term"),
    "end_of_year": _("anchor_end_of_year", default="to the end of a calendar year"),
    "end_of_quarter": _("anchor_end_of_quarter", default="to the end of a quarter"),
    "end_of_month": _("anchor_end_of_month", default="to the end of a month"),
}
EFFECTIVE_LABELS = {
    "on_signature": _("effective_on_signature", default="On the day the last party signs"),
    "fixed_date": _("effective_fixed_date", default="On a fixed date (once all signed)"),
}
YES = _("pdfimport_yes", default="yes")
NO = _("pdfimport_no", default="no")


class ReviewView(BrowserView):
    """@@import-review on an imported agreement: each value beside its evidence; confirm."""

    template = ViewPageTemplateFile("templates/review.pt")
    errors = None

    def __call__(self):
        if not api.user.has_permission("Modify portal content", obj=self.context):
            raise Forbidden("You may not change this agreement.")
        self.stored = proposal(self.context)
        self.errors = {}
        self.values = proposed_rules(self.stored["extraction"]) if self.stored else {}
        if self.stored and self.request.method == "POST":
            CheckAuthenticator(self.request)
            if "form.buttons.confirm" in self.request.form:
                redirect = self.confirm()
                if redirect:
                    return self.request.response.redirect(redirect)
        return self.template()

    def t(self, message):
        return translate(message, context=self.request)

    # Display --------------------------------------------------------------------------------

    def shown(self, name, value):
        if value is None or value == []:
            return None
        if name in ("initial_term", "renewal_term", "notice_period"):
            return f"{value['value']} {self.t(UNIT_LABELS[value['unit']])}"
        if name == "notice_anchor":
            return self.t(ANCHOR_LABELS.get(value, value))
        if name == "effective_rule":
            return self.t(EFFECTIVE_LABELS.get(value, value))
        if name == "kind" and value in AGREEMENT_KINDS:
            return self.t(AGREEMENT_KINDS.getTerm(value).title)
        if isinstance(value, bool):
            return self.t(YES if value else NO)
        if name in ("date", "effective_date", "end_date"):
            year, month, day = value.split("-")
            return f"{day}.{month}.{year}"
        if isinstance(value, list):
            return "; ".join(value)
        return str(value)

    def rows(self):
        """(label, value, evidence) for each extracted field."""
        extraction = self.stored["extraction"]
        evidence = extraction.get("evidence") or {}
        rows = []
        for name, label in FIELD_LABELS.items():
            value = self.shown(name, extraction.get(name))
            rows.append(
                {
                    "name": name,
                    "label": self.t(label),
                    "value": value if value is not None else self.t(NOT_FOUND),
                    "found": value is not None,
                    "evidence": evidence.get(name) or "",
                }
            )
        return rows

    def unmatched(self):
        return list(self.stored.get("unmatched_parties") or ())

    def confirmed(self):
        return bool(self.stored and self.stored["confirmed"])

    # Form -------------------------------------------------------------------------------------

    def units(self):
        return [(unit, self.t(UNIT_LABELS[unit])) for unit in UNITS]

    def anchors(self):
        return [(anchor, self.t(ANCHOR_LABELS[anchor])) for anchor in ANCHORS]

    def effective_rules(self):
        return [(rule, self.t(label)) for rule, label in EFFECTIVE_LABELS.items()]

    def field_label(self, name):
        return FIELD_LABELS[name]

    def period(self, name):
        value = self.values.get(name) or {}
        return {"value": value.get("value", ""), "unit": value.get("unit", "")}

    def form_values(self):
        form = self.request.form
        values = {
            "effective_rule": form.get("effective_rule"),
            "effective_date": form.get("effective_date") or None,
            "end_date": form.get("end_date") or None,
            "notice_anchor": form.get("notice_anchor"),
            "written_form_amendments": bool(form.get("written_form_amendments")),
            "written_form_termination": bool(form.get("written_form_termination")),
        }
        for name in ("initial_term", "renewal_term", "notice_period"):
            number = (form.get(f"{name}.value") or "").strip()
            values[name] = {"value": number, "unit": form.get(f"{name}.unit")} if number else None
        return values

    def confirm(self):
        self.values = self.form_values()
        try:
            parsed = parse_rules(self.values)
        except RuleInputError as error:
            self.errors = {error.field: self.t(INVALID_VALUE)}
            self.request.response.setStatus(400)
            return None
        problems = check_rules(parsed)
        if problems:
            for problem in problems:
                self.errors[problem.field] = render(
                    problem.msgid, problem.default, problem.mapping, self.request
                )
            self.request.response.setStatus(400)
            return None
        confirm_rules(self.context, parsed)
        api.portal.show_message(
            Message(
                _(
                    "msg_pdfimport_confirmed",
                    default="The rules are confirmed; deadlines are computed from them.",
                )
            ),
            request=self.request,
        )
        return self.context.absolute_url()


class ImportLinkViewlet(ViewletBase):
    """ "Import PDF" below a network's title, for those who may add agreements."""

    def render(self):
        label = translate(
            _("link_pdfimport", default="Import agreement from PDF"), context=self.request
        )
        url = f"{self.context.absolute_url()}/@@import-agreement"
        return (
            f'<p class="pdfimport-link"><a class="btn btn-sm btn-outline-primary" '
            f'id="pdfimport-link" href="{escape(url)}">{escape(label)}</a></p>'
        )
