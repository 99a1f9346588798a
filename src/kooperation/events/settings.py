"""The registration settings of an event, shared by the workshop and the youth conference."""

from kooperation import _
from plone.supermodel import model
from zope import schema
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


QUOTA_FULL = SimpleVocabulary(
    [
        SimpleTerm("wait", title=_("quota_full_wait", default="Waiting list")),
        SimpleTerm("refuse", title=_("quota_full_refuse", default="Refuse")),
    ]
)


class IRegistrationSettings(model.Schema):
    model.fieldset(
        "registration",
        label=_("fieldset_registration", default="Registration"),
        fields=[
            "capacity",
            "waiting_list",
            "quotas",
            "quota_full",
            "registration_opens",
            "registration_closes",
            "cancel_until",
            "approval",
            "retention_days",
            "notify_coordinators",
        ],
    )
    capacity = schema.Int(
        title=_("label_registration_capacity", default="Seats"), min=0, default=30
    )
    waiting_list = schema.Int(
        title=_("label_registration_waiting_list", default="Places on the waiting list"),
        min=0,
        default=10,
    )
    # partner UID -> seats; stored as a plain dict, as the former JSON field did.
    quotas = schema.Dict(
        title=_("label_registration_quotas", default="Seats per partner"),
        description=_(
            "help_registration_quotas_rows",
            default="Optional: one row per partner of the network with its seats. "
            "Partners not named have no limit.",
        ),
        key_type=schema.Choice(
            title=_("label_registration_quota_partner", default="Partner"),
            vocabulary="kooperation.EventPartners",
        ),
        value_type=schema.Int(title=_("label_registration_quota_seats", default="Seats"), min=0),
        required=False,
        default={},
    )
    quota_full = schema.Choice(
        title=_("label_registration_quota_full", default="When a partner's seats are taken"),
        vocabulary=QUOTA_FULL,
        default="wait",
    )
    registration_opens = schema.Datetime(
        title=_("label_registration_opens", default="Registration opens"), required=False
    )
    registration_closes = schema.Datetime(
        title=_("label_registration_closes", default="Registration closes"),
        description=_("help_registration_closes", default="Default: the start of the event."),
        required=False,
    )
    cancel_until = schema.Datetime(
        title=_("label_registration_cancel_until", default="Cancellation possible until"),
        description=_("help_registration_cancel_until", default="Default: the start of the event."),
        required=False,
    )
    approval = schema.Bool(
        title=_("label_registration_approval", default="Registrations need approval"),
        required=False,
        default=False,
    )
    retention_days = schema.Int(
        title=_(
            "label_registration_retention", default="Keep personal data (days after the event)"
        ),
        min=0,
        default=90,
    )
    notify_coordinators = schema.Bool(
        title=_("label_registration_notify", default="Tell the coordinators of new registrations"),
        required=False,
        default=False,
    )


@provider(IVocabularyFactory)
def EventPartnersFactory(context):
    """The partners of the event's network for the rows of "Seats per partner". z3c.form
    gives the row widgets of a Dict no context; then the published page tells the event."""
    from kooperation.vocabularies import PartnersFactory
    from plone.app.z3cform.utils import closest_content

    try:
        context = closest_content(context)
    except ValueError:
        return SimpleVocabulary([])
    return PartnersFactory(context)
