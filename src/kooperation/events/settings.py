"""The registration settings of an event, shared by the workshop and the youth conference."""

from kooperation import _
from plone.supermodel import model
from zope import schema
from zope.interface import Invalid
from zope.interface import invariant
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.interfaces import ValidationError
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


QUOTA_FULL = SimpleVocabulary(
    [
        SimpleTerm("wait", title=_("quota_full_wait", default="Waiting list")),
        SimpleTerm("refuse", title=_("quota_full_refuse", default="Refuse")),
    ]
)


def _whole_number(value):
    """``true`` is an int to Python, not a number of seats."""
    if isinstance(value, bool):
        raise NotAWholeNumber(value)
    return True


class NotAWholeNumber(ValidationError):
    __doc__ = _("error_whole_number", default="Please give a whole number.")


def _value(data, name):
    try:
        return getattr(data, name, None)
    except Exception:  # z3c.form's NoInputData in add forms
        return None


def _event(data):
    """The event being edited (None in add forms)."""
    from kooperation.events.interfaces import IRegistrationEvent

    context = getattr(data, "__context__", None)
    return context if IRegistrationEvent.providedBy(context) else None


def check_settings(data):
    """The rules of the registration settings that involve several fields (issue 14);
    Invalid with a translated message. ``data``: the schema's data (forms, REST)."""
    from kooperation.events.registrations import _aware

    opens = _value(data, "registration_opens")
    closes = _value(data, "registration_closes")
    cancel_until = _value(data, "cancel_until")
    if opens and closes and _aware(closes) < _aware(opens):
        raise Invalid(
            _(
                "error_registration_closes_before_opens",
                default="Registration cannot close before it opens.",
            )
        )
    event = _event(data)
    if event is None:
        return
    end = getattr(event, "end", None) or getattr(event, "start", None)
    for value in (closes, cancel_until, opens):
        if value and end and _aware(value) > _aware(end):
            raise Invalid(
                _(
                    "error_registration_after_event",
                    default="Registration and cancellation must end before the event ends.",
                )
            )
    capacity = _value(data, "capacity")
    if isinstance(capacity, int) and not isinstance(capacity, bool):
        from kooperation.events.registrations import counts_from_brains

        taken = counts_from_brains(event).seats_taken
        if capacity < taken:
            raise Invalid(
                _(
                    "error_registration_capacity_below_taken",
                    default="There are already ${taken} seats taken: the capacity cannot be lower.",
                    mapping={"taken": taken},
                )
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
            "without_partner",
            "retention_days",
            "notify_coordinators",
        ],
    )
    capacity = schema.Int(
        title=_("label_registration_capacity", default="Seats"),
        min=0,
        default=30,
        constraint=_whole_number,
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
    without_partner = schema.Bool(
        title=_(
            "label_registration_without_partner",
            default="Registrations without a partner",
        ),
        description=_(
            "help_registration_without_partner",
            default="People who are not staff of a partner of the network may register; "
            "they count against no partner's seats.",
        ),
        required=False,
        default=True,
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

    @invariant
    def registration_settings(data):
        check_settings(data)


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
