"""Classic UI: an amendment with its redline, the consolidated text on a day, the list of
amendments, and PDFs for wet-ink signing (agreement and amendment)."""

from datetime import date
from kooperation import _
from kooperation.agreements.signatures import form_of
from kooperation.agreements.signatures import missing_parties
from kooperation.agreements.signatures import signatures
from kooperation.agreements.validity import IValidityRules
from kooperation.amendments import model
from kooperation.amendments import redline
from kooperation.amendments import texts
from kooperation.amendments.consents import consent_parties
from kooperation.amendments.consents import consents
from kooperation.amendments.consents import missing_consents
from kooperation.amendments.terminations import record_json
from kooperation.amendments.terminations import records
from kooperation.common.download import attachment
from kooperation.common.download import language_of
from kooperation.common.errors import KooperationError
from kooperation.common.errors import render
from kooperation.common.formatting import format_period
from kooperation.common.german import german_date
from kooperation.common.rest import parse_date
from kooperation.common.workflow import state_title as common_state_title
from kooperation.interfaces import IPerson
from kooperation.printing import pdf
from plone import api
from Products.Five import BrowserView
from zope.i18n import translate


def partner_title(uid):
    partner = api.content.get(UID=uid) if uid else None
    return partner.Title() if partner is not None else uid


def state_title(obj, request):
    return common_state_title(obj.portal_type, api.content.get_state(obj), request)


def message_text(message, request):
    """A Message of ``texts`` in the reader's language, party ids and rule names as words."""
    mapping = dict(message.mapping)
    if "party" in mapping:
        mapping["party"] = partner_title(mapping["party"])
    if mapping.get("name") in texts.RULE_NAMES:
        field = IValidityRules[mapping["name"]]
        mapping["name"] = translate(field.title, context=request)
    for key in ("old", "new"):
        if isinstance(mapping.get(key), bool):
            mapping[key] = translate(
                _("label_yes", default="yes") if mapping[key] else _("label_no", default="no"),
                context=request,
            )
    return render(message.msgid, message.default, mapping, request)


def stand_text(version, request):
    return message_text(version.stand, request) if version is not None else ""


def signing_party(uid):
    """A Party for a signature block: the partner and its entitled signatory today."""
    partner = api.content.get(UID=uid)
    if partner is None:
        return pdf.Party(uid)
    for person in partner.objectValues():
        if IPerson.providedBy(person) and person.may_sign and person.may_sign_on(date.today()):
            return pdf.Party(partner.Title(), person.Title(), person.position or "")
    return pdf.Party(partner.Title())


class AmendmentView(BrowserView):
    """The amendment: its clauses, its redline, who consented and who signed."""

    css = redline.CSS

    def state_title(self):
        return state_title(self.context, self.request)

    def agreement(self):
        return model.agreement_of(self.context)

    def base(self):
        return model.base_version(self.context)

    def clauses(self):
        try:
            clauses = texts.describe_amendment(self.base(), model.amendment_data(self.context))
        except texts.AmendmentError as error:
            return [{"text": render(error.msgid, error.default, error.mapping, self.request)}]
        return [
            {"text": message_text(clause.message, self.request), "html": clause.html}
            for clause in clauses
        ]

    def redline(self):
        try:
            return redline.redline_changes(self.base().html, self.context.changes or ()).html
        except texts.AmendmentError as error:
            return render(error.msgid, error.default, error.mapping, self.request)

    def parties(self):
        done = signatures(self.context)
        agreed = consents(self.context)
        rows = []
        may = consent_parties(self.context, api.user.get_current().getId())
        for uid in self.context.parties:
            record = done.get(uid)
            consent = agreed.get(uid)
            rows.append(
                {
                    "uid": uid,
                    "may_consent": uid in may,
                    "title": partner_title(uid),
                    "signed": record is not None,
                    "signatory": record.signatory_name if record else "",
                    "date": german_date(record.date) if record else "",
                    "on_behalf": record.on_behalf if record else False,
                    **form_of(record, self.context.absolute_url()),
                    "decision": consent["decision"] if consent else None,
                    "comment": consent["comment"] if consent else "",
                }
            )
        return rows

    def in_consultation(self):
        return api.content.get_state(self.context) == "consultation"

    def next_step(self):
        """What a coordinator does next ("draft", "consultation") or None."""
        state = api.content.get_state(self.context)
        if state in ("draft", "consultation") and api.user.has_permission(
            "Modify portal content", obj=self.context
        ):
            return state
        return None

    def missing_consents(self):
        """Who has neither consented nor objected yet (shown during consultation)."""
        if not self.in_consultation():
            return []
        return [partner_title(uid) for uid in missing_consents(self.context)]

    def missing(self):
        """The parties whose signature is missing, once it is for signature or effective."""
        if api.content.get_state(self.context) in ("draft", "consultation"):
            return []
        return [partner_title(uid) for uid in missing_parties(self.context)]

    def effective_on(self):
        return german_date(self.context.effective_on)

    def applied_on(self):
        return german_date(self.context.applied_on)

    def can_sign(self):
        return api.content.get_state(self.context) == "for_signature" and (
            api.user.has_permission("kooperation: Sign", obj=self.context)
            or api.user.has_permission("kooperation: Record signature on behalf", obj=self.context)
        )


class AgreementTextView(BrowserView):
    """The consolidated text in force today, or on the day the reader picks."""

    css = redline.CSS

    def __call__(self):
        self.error = None
        self.version = None
        raw = self.request.form.get("date")
        try:
            self.day = parse_date(raw) if raw else date.today()
            self.version = model.version_on(self.context, self.day)
        except KooperationError as error:
            self.day = date.today()
            self.error = error.message(self.request)
        except texts.AmendmentError as error:
            self.error = render(error.msgid, error.default, error.mapping, self.request)
        return self.index()

    def day_iso(self):
        return self.day.isoformat()

    def day_text(self):
        return german_date(self.day)

    def stand(self):
        return stand_text(self.version, self.request)

    def parties(self):
        return [partner_title(uid) for uid in self.version.fields.parties]

    def rules(self):

        rules = self.version.fields.rules
        no = translate(_("none", default="none"), context=self.request)
        return [
            (
                translate(IValidityRules[name].title, context=self.request),
                format_period(getattr(rules, name), self.request) or no,
            )
            for name in ("initial_term", "renewal_term", "notice_period")
        ]

    def amendments(self):
        return AmendmentsView(self.context, self.request).items()


class AmendmentsView(BrowserView):
    """The amendments of an agreement: states, days of effect, missing signatures."""

    def items(self):
        rows = []
        for obj in model.amendments_of(self.context):
            rows.append(
                {
                    "title": obj.Title(),
                    "url": obj.absolute_url(),
                    "state": state_title(obj, self.request),
                    "review_state": api.content.get_state(obj),
                    "effective_on": german_date(obj.effective_on),
                    "missing": [partner_title(uid) for uid in missing_parties(obj)]
                    if api.content.get_state(obj) == "for_signature"
                    else [],
                }
            )
        return rows

    def terminations(self):
        return [record_json(self.context, r, self.request) for r in records(self.context)]


class AgreementPdf(BrowserView):
    """The agreement as in force today (or its draft) as a PDF for wet-ink signing."""

    def __call__(self):
        obj = self.context
        version = model.current_version(obj)
        html = version.html if version is not None else model.html_of(obj)
        parties = version.fields.parties if version is not None else obj.parties or ()
        # Which text is printed: the version in force ("Fassung vom …, zuletzt geändert
        # durch …") says it and since when; a second "Stand" of the original would
        # contradict it. A draft has no version yet: its own Stand is printed.
        document = pdf.PrintDocument(
            title=obj.Title(),
            subtitle=stand_text(version, self.request),
            version_date=obj.text_date if version is None else None,
            parties=[signing_party(uid) for uid in parties],
            sections=texts.split_sections(html),
            labels=pdf.labels_for(language_of(self.request)),
            author=obj.Creator(),
        )
        return attachment(self.request, pdf.render_pdf(document), f"{obj.getId()}.pdf")


class AmendmentPdf(BrowserView):
    """The amendment's document: numbered clauses with the new wording, a block per party."""

    def __call__(self):
        obj = self.context
        agreement = model.agreement_of(obj)
        base = model.base_version(obj)
        clauses = texts.describe_amendment(base, model.amendment_data(obj))
        document = pdf.PrintDocument(
            title=obj.Title(),
            subtitle=agreement.Title(),
            version_date=obj.effective_on,
            parties=[signing_party(uid) for uid in obj.parties],
            sections=pdf.clause_sections(clauses, lambda m: message_text(m, self.request)),
            labels=pdf.labels_for(language_of(self.request)),
        )
        return attachment(self.request, pdf.render_pdf(document), f"{obj.getId()}.pdf")
