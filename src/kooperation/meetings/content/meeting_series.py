"""A meeting series (Gremium, Arbeitskreis, Runder Tisch) of a network.

Member partners are listed in rotation order; the rotation planner
(``kooperation.meetings.rotation``) assigns the duties of the next meetings to them.
"""

from kooperation import _
from kooperation.interfaces import IKooperationContent
from kooperation.meetings.interfaces import IMeetingSeries
from kooperation.meetings.rotation import DEFAULT_DUTIES
from kooperation.meetings.rotation import exception_from_json
from kooperation.meetings.rotation import RotationError
from kooperation.meetings.rotation.reminders import DEFAULT_INVITATION_DAYS
from kooperation.meetings.rotation.reminders import DEFAULT_MINUTES_DAYS
from kooperation.meetings.rotation.reminders import MAX_DUE_DAYS
from kooperation.meetings.rotation.reminders import MIN_DUE_DAYS
from kooperation.meetings.series_widgets import DutiesFieldWidget
from kooperation.meetings.series_widgets import ExceptionsFieldWidget
from plone.autoform import directives
from plone.dexterity.content import Container
from plone.schema import JSONField
from plone.supermodel import model
from zope import schema
from zope.interface import implementer
from zope.interface import Invalid
from zope.interface import invariant

import json


EXCEPTIONS_SCHEMA = json.dumps({"type": "array", "items": {"type": "object"}})


class IMeetingSeriesSchema(model.Schema):
    purpose = schema.Text(title=_("label_series_purpose", default="Purpose"), required=False)
    members = schema.List(
        title=_("label_series_members", default="Member partners"),
        description=_(
            "help_series_members",
            default="In rotation order: the duties pass from one partner to the next.",
        ),
        value_type=schema.Choice(vocabulary="kooperation.Partners"),
        required=False,
        default=[],
    )
    directives.widget(duties=DutiesFieldWidget)
    duties = schema.List(
        title=_("label_series_duties", default="Rotating duties"),
        value_type=schema.TextLine(),
        required=True,
        min_length=1,
        default=list(DEFAULT_DUTIES),
    )
    schedule = schema.TextLine(
        title=_("label_series_schedule", default="Usual schedule"),
        description=_("help_series_schedule", default='E.g. "after each AK Soziales".'),
        required=False,
    )
    interval_weeks = schema.Int(
        title=_("label_series_interval", default="Weeks between meetings"),
        description=_(
            "help_series_interval",
            default="Dates beyond the planned meetings are continued at this interval.",
        ),
        min=1,
        max=52,
        default=4,
        required=True,
    )
    invitation_lead_days = schema.Int(
        title=_(
            "label_series_invitation_lead_days",
            default="Invitation due (days before the meeting)",
        ),
        description=_(
            "help_series_invitation_lead_days",
            default="The partner holding the invitation duty is reminded a week before.",
        ),
        min=MIN_DUE_DAYS,
        max=MAX_DUE_DAYS,
        default=DEFAULT_INVITATION_DAYS,
        required=False,
    )
    minutes_due_days = schema.Int(
        title=_(
            "label_series_minutes_due_days",
            default="Minutes due (days after the meeting)",
        ),
        description=_(
            "help_series_minutes_due_days",
            default="The partner holding the minutes duty is reminded a week before.",
        ),
        min=MIN_DUE_DAYS,
        max=MAX_DUE_DAYS,
        default=DEFAULT_MINUTES_DAYS,
        required=False,
    )
    coordinator = schema.Choice(
        title=_("label_series_coordinator", default="Coordinating partner"),
        vocabulary="kooperation.Partners",
        required=False,
    )
    directives.widget(exceptions=ExceptionsFieldWidget)
    exceptions = JSONField(
        title=_("label_series_exceptions", default="Rotation exceptions"),
        description=_(
            "help_series_exceptions",
            default="One row per exception: skip a partner at a meeting, swap two "
            "partners, or give one duty to a partner.",
        ),
        schema=EXCEPTIONS_SCHEMA,
        required=False,
        default=[],
    )

    @invariant
    def valid_rotation(data):
        duties = getattr(data, "duties", None) or []
        if len(set(duties)) != len(duties):
            raise Invalid(_("error_series_duplicate_duty", default="A duty is listed twice."))
        for item in getattr(data, "exceptions", None) or []:
            try:
                exception_from_json(item)
            except RotationError as error:
                raise Invalid(
                    _(error.msgid, default=error.default, mapping=error.mapping)
                ) from None


@implementer(IKooperationContent, IMeetingSeries, IMeetingSeriesSchema)
class MeetingSeries(Container):
    """A round table: its meetings live inside it."""
