from datetime import date
from kooperation import _
from kooperation.interfaces import IKooperationContent
from kooperation.interfaces import IPerson
from kooperation.workspace import effective_grant
from plone.dexterity.content import Item
from plone.schema import Email
from plone.supermodel import model
from zope import schema
from zope.interface import implementer
from zope.interface import Invalid
from zope.interface import invariant


class SigningWindowInvalid(Invalid):
    __doc__ = _("error_signing_window", default="The authority to sign ends before it begins.")


class IPersonSchema(model.Schema):
    position = schema.TextLine(
        title=_("label_function", default="Function"),
        description=_("help_function", default="e.g. Geschäftsführung, Teamleitung U25"),
        required=False,
    )
    email = Email(title=_("label_email", default="E-mail"), required=False)
    phone = schema.TextLine(title=_("label_phone", default="Phone"), required=False)
    user_id = schema.TextLine(
        title=_("label_user_id", default="Portal user"),
        description=_(
            "help_user_id",
            default="Login name of this person in the portal, so that they can sign themselves.",
        ),
        required=False,
    )
    is_contact = schema.Bool(
        title=_("label_is_contact", default="Contact person"),
        default=True,
        required=False,
    )
    deputy = schema.Choice(
        title=_("label_deputy", default="Deputy"),
        vocabulary="kooperation.PartnerPersons",
        required=False,
    )

    model.fieldset(
        "signing",
        label=_("fieldset_signing", default="Authority to sign"),
        fields=["may_sign", "signing_from", "signing_until", "signing_basis", "partner_admin"],
    )
    may_sign = schema.Bool(
        title=_("label_may_sign", default="Entitled to sign for the partner"),
        default=False,
        required=False,
    )
    signing_from = schema.Date(
        title=_("label_signing_from", default="Entitled from"), required=False
    )
    signing_until = schema.Date(
        title=_("label_signing_until", default="Entitled until"),
        description=_("help_signing_until", default="Empty: until further notice."),
        required=False,
    )

    signing_basis = schema.TextLine(
        title=_("label_signing_basis", default="Granted by"),
        description=_(
            "help_signing_basis",
            default="The document that grants the authority, e.g. Vollmacht vom 02.01.2026, "
            "Geschäftsverteilungsplan.",
        ),
        required=False,
        max_length=300,
    )
    partner_admin = schema.Bool(
        title=_("label_partner_admin", default="Manages the partner's people"),
        description=_(
            "help_partner_admin",
            default="Confirms who belongs to the partner and who may sign for it.",
        ),
        default=False,
        required=False,
    )

    @invariant
    def window_is_ordered(data):
        start = getattr(data, "signing_from", None)
        end = getattr(data, "signing_until", None)
        if start and end and end < start:
            raise SigningWindowInvalid(
                _("error_signing_window", default="The authority to sign ends before it begins.")
            )


@implementer(IKooperationContent, IPerson, IPersonSchema)
class Person(Item):
    """A person of a partner (Ansprechperson / Unterzeichnungsberechtigte)."""

    def grant(self):
        """What counts of this entry: the part the partner confirmed (see workspace)."""

        return effective_grant(self)

    def acts_as(self, user_id) -> bool:
        """The portal user ``user_id`` belongs to the partner through this entry."""
        return bool(user_id) and self.grant().user_id == user_id

    def may_sign_on(self, day: date) -> bool:
        """Entitled to sign for the partner on ``day``, as the partner confirmed it."""
        return self.grant().signs_on(day)
