from kooperation import _
from kooperation.interfaces import ICaseNote
from kooperation.interfaces import IKooperationContent
from kooperation.interfaces import IPartnerArea
from plone.app.content.namechooser import NormalizingNameChooser
from plone.app.textfield import RichText
from plone.dexterity.content import Item
from plone.supermodel import model
from zope import schema
from zope.component import adapter
from zope.container.interfaces import INameChooser
from zope.interface import implementer
from zope.interface import Invalid
from zope.interface import invariant


# What a case note is called wherever something must be listed or counted outside it:
# audit log, personal-data export, catalog. Titles carry client names ("Fall Max M.").
ID_STEM = "fallbesprechung"


class ICaseNoteSchema(model.Schema):
    partners = schema.List(
        title=_("label_case_partners", default="Partners involved"),
        description=_(
            "help_case_partners",
            default="Only the staff of these partners see the case note.",
        ),
        value_type=schema.Choice(vocabulary="kooperation.Partners"),
        min_length=1,
        required=True,
    )
    legal_basis = schema.Choice(
        title=_("label_legal_basis_sharing", default="Legal basis for sharing"),
        vocabulary="kooperation.SharingBases",
        required=True,
    )
    legal_basis_details = schema.TextLine(
        title=_("label_legal_basis_details", default="Consent or purpose"),
        description=_(
            "help_legal_basis_details",
            default="Who consented and when, or the purpose of the transfer (§ 69 SGB X).",
        ),
        required=True,
    )
    text = RichText(title=_("label_case_text", default="Notes"), required=False)

    @invariant
    def details_given(data):
        if (
            getattr(data, "legal_basis", None)
            and not (getattr(data, "legal_basis_details", None) or "").strip()
        ):
            raise Invalid(
                _(
                    "error_legal_basis_details",
                    default="Record the consent or the purpose of the transfer.",
                )
            )


@implementer(IKooperationContent, ICaseNote, ICaseNoteSchema)
class CaseNote(Item):
    """A case note (Fallbesprechung): never published, never listed for others.

    The workspace grants the local role CaseParticipant to the staff groups of the
    named partners and blocks every role acquired from above.
    """

    __ac_local_roles_block__ = True


@implementer(INameChooser)
@adapter(IPartnerArea)
class AreaNameChooser(NormalizingNameChooser):
    """In a partner's internal area, case note ids carry no name, whatever title or id
    a caller proposes: fallbesprechung, fallbesprechung-1, ..."""

    def chooseName(self, name, obj):
        if ICaseNote.providedBy(obj):
            name = ID_STEM
        return super().chooseName(name, obj)
