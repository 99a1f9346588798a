from kooperation import _
from kooperation.interfaces import IAgreement
from kooperation.interfaces import IKooperationContent
from kooperation.interfaces import ISignable
from plone.app.textfield import RichText
from plone.dexterity.content import Container
from plone.supermodel import model
from zope import schema
from zope.interface import implementer
from zope.interface import Invalid
from zope.interface import invariant


class IAgreementSchema(model.Schema):
    agreement_kind = schema.Choice(
        title=_("label_agreement_kind", default="Kind"),
        vocabulary="kooperation.AgreementKinds",
        default="vereinbarung",
        required=True,
    )
    parties = schema.List(
        title=_("label_parties", default="Parties"),
        description=_("help_parties", default="The partners that conclude it (at least two)."),
        value_type=schema.Choice(vocabulary="kooperation.Partners"),
        min_length=2,
        required=True,
    )
    intended_parties = schema.List(
        title=_("label_intended_parties", default="Intended parties"),
        description=_(
            "help_intended_parties",
            default="Partners whose participation is sought but who are not yet parties.",
        ),
        value_type=schema.Choice(vocabulary="kooperation.Partners"),
        required=False,
        default=[],
    )
    area = schema.TextLine(title=_("label_area", default="Area"), required=False)
    target_groups = schema.List(
        title=_("label_target_groups", default="Target groups"),
        value_type=schema.TextLine(),
        required=False,
        default=[],
    )
    legal_bases = schema.List(
        title=_("label_legal_bases", default="Legal bases"),
        description=_("help_legal_bases", default="One per line, e.g. § 78 SGB VIII"),
        value_type=schema.TextLine(),
        required=False,
        default=[],
    )
    text = RichText(
        title=_("label_agreement_text", default="Text"),
        description=_("help_agreement_text", default="The full text with its sections."),
        required=False,
    )
    text_date = schema.Date(
        title=_("label_text_date", default="Version date (Stand)"),
        required=False,
    )

    @invariant
    def intended_are_not_parties(data):
        both = set(getattr(data, "parties", None) or ()) & set(
            getattr(data, "intended_parties", None) or ()
        )
        if both:
            raise Invalid(
                _(
                    "error_intended_is_party",
                    default="A partner cannot be a party and an intended party at once.",
                )
            )


@implementer(IKooperationContent, IAgreement, ISignable, IAgreementSchema)
class Agreement(Container):
    """A cooperation agreement (Kooperationsvereinbarung / -erklärung)."""
