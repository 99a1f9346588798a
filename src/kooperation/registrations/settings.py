"""The registration settings of an event, shared by the workshop and the youth conference."""

from kooperation import _
from kooperation.common.eventdates import aware
from kooperation.common.german import german_datetime
from kooperation.registrations.interfaces import IRegistrationEvent
from kooperation.registrations.ledger import figures
from kooperation.registrations.rules import MAX_SEATS
from kooperation.vocabularies import PartnersFactory
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

    context = getattr(data, "__context__", None)
    return context if IRegistrationEvent.providedBy(context) else None


class SettingsInvalid(Invalid):
    """A broken rule of the registration settings; ``field`` is the field the message
    belongs to (the forms show it there, REST answers 400 with the message)."""

    def __init__(self, field, message):
        super().__init__(message)
        self.field = field


def settings_problems(values, start=None, end=None, taken=None):
    """[(field name, translated message)] of the registration settings ``values`` (a
    mapping of the schema's field names) for an event from ``start`` to ``end`` with
    ``taken`` seats taken. One rule set for the forms, the invariant and REST (issue 16).

    A capacity below the seats taken is refused, not merely warned about: the seats were
    confirmed to people, and an event showing "6 / 3" tells nobody which three are
    promised a seat. The coordinator cancels registrations (or moves them to the waiting
    list) first, then lowers the capacity; the message says so."""

    problems = []
    opens = values.get("registration_opens")
    closes = values.get("registration_closes")
    cancel_until = values.get("cancel_until")
    if start and end and aware(end) < aware(start):
        problems.append(
            (
                "IEventBasic.end",
                _("error_event_end_before_start", default="The event cannot end before it starts."),
            )
        )
    if opens and closes and aware(closes) < aware(opens):
        problems.append(
            (
                "registration_closes",
                _(
                    "error_registration_closes_before_opens",
                    default="Registration cannot close before it opens.",
                ),
            )
        )
    if start:
        for name, value in (("registration_opens", opens), ("registration_closes", closes)):
            if value and aware(value) > aware(start):
                problems.append(
                    (
                        name,
                        _(
                            "error_registration_after_start",
                            default="Registration must end by the start of the event (${start}).",
                            mapping={"start": german_datetime(start)},
                        ),
                    )
                )
    last = end or start
    if cancel_until and last and aware(cancel_until) > aware(last):
        problems.append(
            (
                "cancel_until",
                _(
                    "error_registration_after_event",
                    default="Registration and cancellation must end before the event ends.",
                ),
            )
        )
    capacity = values.get("capacity")
    if not isinstance(capacity, int) or isinstance(capacity, bool):
        capacity = None
    if capacity is not None and taken and capacity < taken:
        problems.append(
            (
                "capacity",
                _(
                    "error_registration_capacity_below_taken",
                    default="There are already ${taken} seats taken: the capacity cannot be "
                    "lower. Cancel registrations or move them to the waiting list first.",
                    mapping={"taken": taken},
                ),
            )
        )
    quotas = values.get("quotas") or {}
    if isinstance(quotas, dict):
        for seats in quotas.values():
            if isinstance(seats, bool) or not isinstance(seats, int):
                continue
            if seats < 0:
                problems.append(
                    (
                        "quotas",
                        _(
                            "error_registration_quota_negative",
                            default="Seats per partner cannot be negative.",
                        ),
                    )
                )
                break
            if capacity is not None and seats > capacity:
                problems.append(
                    (
                        "quotas",
                        _(
                            "error_registration_quota_above_capacity",
                            default="A partner cannot have more seats (${seats}) than the "
                            "event has (${capacity}).",
                            mapping={"seats": seats, "capacity": capacity},
                        ),
                    )
                )
                break
    return problems


SETTINGS_FIELDS = (
    "capacity",
    "waiting_list",
    "quotas",
    "registration_opens",
    "registration_closes",
    "cancel_until",
)


def taken_seats(event):
    """Seats taken of a stored event (0 for one being created)."""
    if event is None or getattr(event, "__parent__", None) is None:
        return 0

    return figures(event)[0]


def check_settings(data):
    """The schema's invariant (forms and REST, issue 14 and 16): the first problem of
    ``settings_problems`` as a SettingsInvalid. ``data``: the schema's data; in an edit
    form and in a REST PATCH its ``__context__`` is the event (whose start and end REST
    has already set from the body); in an add form there is no event yet, the add form
    checks the dates against the start it was given (``SettingsFormMixin``)."""
    event = _event(data)
    values = {name: _value(data, name) for name in SETTINGS_FIELDS}
    start = getattr(event, "start", None) if event is not None else None
    end = getattr(event, "end", None) if event is not None else None
    problems = settings_problems(values, start=start, end=end, taken=taken_seats(event))
    problems = [p for p in problems if p[0] != "IEventBasic.end"]  # plone.app.event's own
    if problems:
        raise SettingsInvalid(*problems[0])


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
        max=MAX_SEATS,
        default=30,
        constraint=_whole_number,
    )
    waiting_list = schema.Int(
        title=_("label_registration_waiting_list", default="Places on the waiting list"),
        min=0,
        max=MAX_SEATS,
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
        value_type=schema.Int(
            title=_("label_registration_quota_seats", default="Seats"), min=0, max=MAX_SEATS
        ),
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
    from plone.app.z3cform.utils import closest_content

    try:
        context = closest_content(context)
    except ValueError:
        return SimpleVocabulary([])
    return PartnersFactory(context)
