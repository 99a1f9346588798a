"""One meeting of a series: dates (plone.app.event), agenda, attendance, duty holders."""

from kooperation import _
from kooperation.common.fields import WebAddress
from kooperation.interfaces import IKooperationContent
from kooperation.meetings.interfaces import IMeeting
from kooperation.meetings.validation import check_duty_holders
from kooperation.meetings.validation import find_series
from kooperation.meetings.widgets import AgendaFieldWidget
from kooperation.meetings.widgets import AttendanceFieldWidget
from kooperation.meetings.widgets import DutyHoldersFieldWidget
from plone.app.event.dx.interfaces import IDXEvent
from plone.autoform import directives
from plone.dexterity.content import Container
from plone.schema import JSONField
from plone.supermodel import model
from zope import schema
from zope.interface import implementer
from zope.interface import invariant
from zope.schema.interfaces import ValidationError

import json


AGENDA_SCHEMA = json.dumps(
    {
        "type": "array",
        "items": {
            "type": "object",
            "properties": {
                "title": {"type": "string", "minLength": 1},
                "presenter": {"type": "string"},
                "time": {"type": "string"},
                "documents": {"type": "array", "items": {"type": "string"}},
            },
            "required": ["title"],
            "additionalProperties": False,
        },
    }
)
ATTENDANCE_SCHEMA = json.dumps(
    {
        "type": "array",
        "items": {
            "type": "object",
            "properties": {
                "partner": {"type": "string", "minLength": 1},
                "person": {"type": "string"},
                "status": {"enum": ["present", "excused", "absent"]},
            },
            "required": ["partner", "status"],
            "additionalProperties": False,
        },
    }
)
HOLDERS_SCHEMA = json.dumps({"type": "object", "additionalProperties": {"type": "string"}})


class NotASecureWebAddress(ValidationError):
    __doc__ = _(
        "error_video_link_https",
        default="Please give the video link with https:// (an encrypted connection).",
    )


class SecureWebAddress(WebAddress):
    """A web address (http/https, see ``WebAddress``) that must use https."""

    def _validate(self, value):
        super()._validate(value)
        if not value.strip().lower().startswith("https://"):
            raise NotASecureWebAddress(value).with_field_and_value(self, value)


class IMeetingSchema(model.Schema):
    directives.widget(agenda=AgendaFieldWidget)
    directives.widget(attendance=AttendanceFieldWidget)
    directives.widget(duty_holders=DutyHoldersFieldWidget)

    place = schema.TextLine(title=_("label_meeting_place", default="Place"), required=False)
    video_link = SecureWebAddress(
        title=_("label_meeting_video_link", default="Video link"),
        description=_(
            "help_meeting_video_link",
            default="The address of the video conference, starting with https://.",
        ),
        required=False,
    )
    agenda = JSONField(
        title=_("label_meeting_agenda", default="Agenda"),
        description=_(
            "help_meeting_agenda",
            default="One row per item: time, topic and the presenting partner.",
        ),
        schema=AGENDA_SCHEMA,
        required=False,
        default=[],
    )
    invited = schema.List(
        title=_("label_meeting_invited", default="Invited partners"),
        value_type=schema.Choice(vocabulary="kooperation.Partners"),
        required=False,
        default=[],
    )
    attendance = JSONField(
        title=_("label_meeting_attendance", default="Attendance"),
        description=_(
            "help_meeting_attendance",
            default="Per invited partner and person: present, excused or absent.",
        ),
        schema=ATTENDANCE_SCHEMA,
        required=False,
        default=[],
    )
    duty_holders = JSONField(
        title=_("label_meeting_duty_holders", default="Duty holders"),
        description=_(
            "help_meeting_duty_holders",
            default="Which member partner holds each duty: as planned by the rotation, and as "
            "recorded once the meeting is held.",
        ),
        schema=HOLDERS_SCHEMA,
        required=False,
        default={},
    )
    held = schema.Bool(
        title=_("label_meeting_held", default="Held"),
        description=_(
            "help_meeting_held",
            default="The meeting took place: its duty holders count for the rotation.",
        ),
        required=False,
        default=False,
    )

    @invariant
    def holders_are_members(data):
        check_duty_holders(
            getattr(data, "duty_holders", None), find_series(getattr(data, "__context__", None))
        )


@implementer(IKooperationContent, IMeeting, IMeetingSchema, IDXEvent)
class Meeting(Container):
    """A meeting (Sitzung): its minutes live inside it.

    An event for plone.app.event: calendars list it and ``@@ics_view`` exports it,
    on the meeting and, as the series' iCal feed, on the series.
    """
