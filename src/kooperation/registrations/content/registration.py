"""One registration for a workshop or youth conference; its workflow state is its status."""

from kooperation import _
from kooperation.common.fields import EmailAddress
from kooperation.common.selectwidget import VocabularySelectFieldWidget
from kooperation.registrations.interfaces import IRegistration
from plone.autoform import directives
from plone.dexterity.content import Item
from plone.schema import JSONField
from plone.supermodel import model
from zope import schema
from zope.interface import implementer

import json


class IRegistrationSchema(model.Schema):
    # The ledger's bookkeeping is written by ``kooperation.registrations.ledger`` only
    # (seats, waiting list, what the registration awaits, the form's further answers);
    # the forms leave it alone, REST and the views show it (issue 16).
    directives.omitted("position", "awaiting", "submitted", "purged", "answers")
    # A partner of the event's network by name; stored as its UID as before.
    directives.widget("partner", VocabularySelectFieldWidget, vocabulary="kooperation.Partners")

    fullname = schema.TextLine(title=_("label_registration_name", default="Name"), required=False)
    email = EmailAddress(title=_("label_registration_email", default="E-mail"), required=False)
    partner = schema.TextLine(
        title=_("label_registration_partner", default="Partner"), required=False
    )
    organisation = schema.TextLine(
        title=_("label_registration_organisation", default="Organisation"), required=False
    )
    birth_date = schema.Date(
        title=_("label_registration_birth_date", default="Date of birth"), required=False
    )
    guardian_consent = schema.Bool(
        title=_("label_registration_guardian_consent", default="Guardian's consent"),
        required=False,
        default=False,
    )
    position = schema.Int(
        title=_("label_registration_position", default="Position on the waiting list"),
        required=False,
    )
    awaiting = schema.List(
        title=_("label_registration_awaiting", default="Awaiting"),
        value_type=schema.TextLine(),
        required=False,
        default=[],
    )
    submitted = schema.Datetime(
        title=_("label_registration_submitted", default="Submitted"), required=False
    )
    purged = schema.Bool(
        title=_("label_registration_purged", default="Personal data deleted"),
        required=False,
        default=False,
    )
    answers = JSONField(
        title=_("label_registration_answers", default="Further answers of the form"),
        schema=json.dumps({"type": "object"}),
        required=False,
        default={},
    )


@implementer(IRegistration, IRegistrationSchema)
class Registration(Item):
    """Written only through ``kooperation.registrations.ledger`` (which keeps the seat ledger).

    Not in the portal catalog: registrations are listed from their event
    (``registrations.listed``), as easyform keeps its saved data in the form. A catalogued
    registration wrote about 110 index objects (lengths, sets, reverse indexes) that every
    registration at the same moment wrote too and every other instance had to reload; the
    registration itself, its claims and the event's folder entry are about 8. Names and
    addresses are case data besides, which no site search should find.
    """

    def indexObject(self):
        pass

    def unindexObject(self):
        pass

    def reindexObject(self, idxs=None):
        pass

    def reindexObjectSecurity(self, skip_self=False):
        pass
