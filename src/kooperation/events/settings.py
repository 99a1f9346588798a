"""The registration settings of an event, shared by the workshop and the youth conference."""

from kooperation import _
from plone.schema import JSONField
from plone.supermodel import model
from zope import schema
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary

import json


QUOTAS_SCHEMA = json.dumps(
    {"type": "object", "additionalProperties": {"type": "integer", "minimum": 0}}
)

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
    quotas = JSONField(
        title=_("label_registration_quotas", default="Seats per partner"),
        description=_(
            "help_registration_quotas",
            default="Optional: partner (UID) -> seats. Partners not named have no limit.",
        ),
        schema=QUOTAS_SCHEMA,
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
