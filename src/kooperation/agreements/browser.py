"""Classic UI views of an agreement: the view and the sign form."""

from datetime import date
from kooperation import _
from kooperation.agreements.deadlines import deadlines_for
from kooperation.agreements.deadlines import explanation
from kooperation.agreements.signatures import form_of
from kooperation.agreements.signatures import joined_by_amendment
from kooperation.agreements.signatures import record_signature
from kooperation.agreements.signatures import signatures
from kooperation.agreements.status import enter_into_force_if_due
from kooperation.agreements.validity import IValidityRules
from kooperation.common.errors import KooperationError
from kooperation.common.formatting import format_period
from kooperation.common.german import german_date
from kooperation.common.workflow import state_title
from kooperation.interfaces import IAgreementHistory
from kooperation.interfaces import IPerson
from kooperation.vocabularies import AGREEMENT_KINDS
from kooperation.vocabularies import EFFECTIVE_RULES
from kooperation.vocabularies import NOTICE_ANCHORS
from plone import api
from plone.autoform.form import AutoExtensibleForm
from plone.namedfile.field import NamedBlobFile
from plone.supermodel import model
from Products.Five import BrowserView
from z3c.form import button
from z3c.form import form
from zope import schema
from zope.i18n import translate
from zope.interface import provider
from zope.schema.interfaces import IContextSourceBinder
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


OPEN_AMENDMENT_STATES = ("consultation", "for_signature")


class AgreementView(BrowserView):
    def state_title(self):
        state = api.content.get_state(self.context)
        return state_title(self.context.portal_type, state, self.request)

    def open_amendments(self):
        """The amendments still under way (consultation, signature): what the parties are
        asked to do on this agreement, near its top rather than after its whole text."""
        rows = []
        for brain in api.content.find(
            context=self.context,
            portal_type="Amendment",
            review_state=OPEN_AMENDMENT_STATES,
            sort_on="created",
        ):
            rows.append(
                {
                    "title": brain.Title,
                    "url": brain.getURL(),
                    "state": state_title("Amendment", brain.review_state, self.request),
                }
            )
        return rows

    def kind_title(self):
        term = AGREEMENT_KINDS.by_value.get(self.context.agreement_kind)
        return translate(term.title, context=self.request) if term else ""

    def parties(self):
        done = signatures(self.context)
        joined = joined_by_amendment(self.context)
        rows = []
        for uid in self.context.parties or ():
            partner = api.content.get(UID=uid)
            record = done.get(uid)
            amendment = None
            if record is None and uid in joined:
                amendment, record = joined[uid]
            rows.append(
                {
                    "title": partner.Title() if partner else uid,
                    "url": partner.absolute_url() if partner else None,
                    "signed": record is not None,
                    "signatory": record.signatory_name if record else "",
                    "function": record.function if record else "",
                    "place": record.place if record else "",
                    "date": german_date(record.date) if record else "",
                    "on_behalf": record.on_behalf if record else False,
                    "has_evidence": bool(record and record.evidence is not None),
                    **form_of(
                        record,
                        (amendment or self.context).absolute_url(),
                    ),
                    "party": uid,
                    "joined_by": (
                        {"title": amendment.Title(), "url": amendment.absolute_url()}
                        if amendment is not None
                        else None
                    ),
                }
            )
        return rows

    def intended_parties(self):
        items = (api.content.get(UID=uid) for uid in self.context.intended_parties or ())
        return [p for p in items if p is not None]

    def rules(self):

        rules = IValidityRules(self.context).rules

        def term(value):
            return translate(value.title, context=self.request)

        rows = [
            (
                _("label_effective_rule", default="Entry into force"),
                term(EFFECTIVE_RULES.by_value[rules.effective_rule])
                + (f" ({german_date(rules.effective_date)})" if rules.effective_date else ""),
            )
        ]
        if rules.end_date:
            rows.append((_("label_end_date", default="End date"), german_date(rules.end_date)))
        no = translate(_("none", default="none"), context=self.request)
        rows.append(
            (
                _("label_initial_term", default="Initial term"),
                format_period(rules.initial_term, self.request) or no,
            )
        )
        rows.append(
            (
                _("label_renewal_term", default="Tacit renewal by"),
                format_period(rules.renewal_term, self.request) or no,
            )
        )
        notice = format_period(rules.notice_period, self.request)
        if notice:
            notice += " " + term(NOTICE_ANCHORS.by_value[rules.notice_anchor])
        rows.append((_("label_notice_period", default="Notice period"), notice or no))
        return rows

    def deadlines(self):
        result = deadlines_for(self.context, date.today())
        return {
            "result": result,
            "text": explanation(result, self.request),
            "notice_deadline": german_date(result.earliest_end_notice_deadline),
            "earliest_end": german_date(result.earliest_end),
            "term_end": german_date(result.current_term_end),
        }

    def attachments(self):
        return api.content.find(
            context=self.context,
            depth=1,
            portal_type=["File", "Image"],
            sort_on="getObjPositionInParent",
        )

    def stand(self):
        """ "Fassung vom …, zuletzt geändert durch …" once an amendment was applied."""
        return IAgreementHistory(self.context).stand(self.request)

    def can_sign(self):
        return api.content.get_state(self.context) == "for_signature" and (
            api.user.has_permission("kooperation: Sign", obj=self.context)
            or api.user.has_permission("kooperation: Record signature on behalf", obj=self.context)
        )


@provider(IContextSourceBinder)
def entitled_signatories(context):
    """Persons of the parties that have not signed yet and are entitled to sign."""
    done = signatures(context)
    terms = []
    for uid in context.parties or ():
        if uid in done:
            continue
        partner = api.content.get(UID=uid)
        if partner is None:
            continue
        for person in partner.objectValues():
            if IPerson.providedBy(person) and person.may_sign:
                terms.append(
                    SimpleTerm(person.UID(), person.UID(), f"{person.Title()} ({partner.Title()})")
                )
    return SimpleVocabulary(terms)


class ISignForm(model.Schema):
    signatory = schema.Choice(
        title=_("label_signatory", default="Signatory"), source=entitled_signatories
    )
    function = schema.TextLine(title=_("label_function", default="Function"), required=False)
    place = schema.TextLine(title=_("label_place", default="Place"), required=False)
    # today, as a person usually signs; a signature recorded later changes it
    date = schema.Date(
        title=_("label_signature_date", default="Date of signing"), defaultFactory=date.today
    )
    evidence = NamedBlobFile(
        title=_("label_evidence", default="Evidence"),
        description=_(
            "help_evidence",
            default="Scan of the signed page or document; required when you record the "
            "signature of someone else.",
        ),
        required=False,
    )
    qes_reference = schema.TextLine(
        title=_("label_qes_reference", default="Qualified electronic signature (reference)"),
        required=False,
    )


class SignForm(AutoExtensibleForm, form.Form):
    schema = ISignForm
    ignoreContext = True

    @property
    def label(self):
        """What is signed, in the heading: the breadcrumbs alone do not say it."""
        return _(
            "heading_sign_title", default="Sign: ${title}", mapping={"title": self.context.Title()}
        )

    def update(self):
        if not (
            api.user.has_permission("kooperation: Sign", obj=self.context)
            or api.user.has_permission("kooperation: Record signature on behalf", obj=self.context)
        ):
            from zExceptions import Unauthorized

            raise Unauthorized("You may not sign this agreement.")
        super().update()

    @button.buttonAndHandler(_("button_sign", default="Sign"), name="sign")
    def handle_sign(self, action):
        data, errors = self.extractData()
        if errors:
            self.status = self.formErrorsMessage
            return
        may_behalf = api.user.has_permission(
            "kooperation: Record signature on behalf", obj=self.context
        )
        try:
            record_signature(
                self.context,
                data["signatory"],
                data["date"],
                api.user.get_current().getId(),
                may_behalf,
                function=data.get("function"),
                place=data.get("place"),
                evidence=data.get("evidence"),
                qes_reference=data.get("qes_reference"),
            )
        except KooperationError as error:
            message = error.message(self.request)
            api.portal.show_message(message, request=self.request, type="error")
            self.status = message
            return
        enter_into_force_if_due(self.context)
        api.portal.show_message(
            _("info_signed", default="The signature has been recorded."), request=self.request
        )
        self.request.response.redirect(self.context.absolute_url())

    @button.buttonAndHandler(_("button_cancel", default="Cancel"), name="cancel")
    def handle_cancel(self, action):
        self.request.response.redirect(self.context.absolute_url())
