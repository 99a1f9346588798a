from kooperation import _
from kooperation.common.fields import EmailAddress
from kooperation.common.fields import WebAddress
from kooperation.interfaces import IKooperationContent
from kooperation.interfaces import IPartner
from kooperation.interfaces import IPerson
from plone.dexterity.content import Container
from plone.supermodel import model
from zope import schema
from zope.interface import implementer


class IPartnerSchema(model.Schema):
    short_name = schema.TextLine(
        title=_("label_short_name", default="Short name"),
        description=_("help_short_name", default="e.g. BFO, ZIB"),
        required=False,
    )
    partner_kind = schema.Choice(
        title=_("label_partner_kind", default="Kind of organisation"),
        vocabulary="kooperation.PartnerKinds",
        required=True,
    )
    legal_spheres = schema.List(
        title=_("label_legal_spheres", default="Legal spheres"),
        value_type=schema.Choice(vocabulary="kooperation.LegalSpheres"),
        required=False,
        default=[],
    )
    address = schema.Text(title=_("label_address", default="Address"), required=False)
    web = WebAddress(title=_("label_web", default="Web site"), required=False)
    email = EmailAddress(title=_("label_email", default="E-mail"), required=False)


@implementer(IKooperationContent, IPartner, IPartnerSchema)
class Partner(Container):
    """A cooperation partner (Kooperationspartner) with its contact persons and signatories."""

    def persons(self):
        return [obj for obj in self.objectValues() if IPerson.providedBy(obj)]
