"""The invitation to a meeting: sent from the portal with a calendar entry (iCal, REQUEST).

The partner holding the meeting's invitation duty (any of its staff) or a coordinator
sends it; it goes to the people of the invited partners (the series' members when the
meeting names none). Who sent it and when is kept on the meeting: it also settles the
daily job's invitation reminder.
"""

from datetime import datetime
from kooperation import _
from kooperation.common.errors import KooperationError
from kooperation.common.german import german_date
from kooperation.common.mail import MailError
from kooperation.common.mail import queue
from kooperation.common.urls import safe_url
from kooperation.meetings.mail import compose
from kooperation.meetings.mail import find_partner
from kooperation.meetings.mail import staff_emails
from kooperation.meetings.mail import tr
from kooperation.meetings.reminders import INVITATION_KEY
from kooperation.meetings.series import _day
from kooperation.workspace import group_ids
from persistent.mapping import PersistentMapping
from plone import api
from plone.app.event.ical.exporter import construct_icalendar
from plone.app.event.ical.exporter import ICalendarEventComponent
from zope.annotation.interfaces import IAnnotations

import icalendar


def meeting_location(meeting):
    """Where the meeting is: the place, the video link, or both (for iCal's LOCATION)."""
    return " – ".join(x for x in (meeting.place, safe_url(meeting.video_link)) if x) or None


class MeetingCalendarComponent(ICalendarEventComponent):
    """plone.app.event's iCal export of a meeting, with the place or video link as LOCATION."""

    @property
    def location(self):
        return {"value": meeting_location(self.context)}


def invited_partners(meeting):
    return list(meeting.invited or ()) or list(meeting.__parent__.members or ())


def recipients(meeting):
    """(addresses of the invited partners' people, titles of partners without anybody)."""
    to, unreachable = [], []
    for uid in invited_partners(meeting):
        found = staff_emails(uid)
        if found:
            to += [address for address in found if address not in to]
        else:
            partner = find_partner(uid)
            unreachable.append(partner.Title() if partner is not None else uid)
    return to, unreachable


def may_invite(meeting, user=None):
    """The current user (or ``user``) is a coordinator here, or staff of the inviting partner."""
    user = user or api.user.get_current()
    if user is None or api.user.is_anonymous():
        return False
    roles = set(api.user.get_roles(user=user, obj=meeting))
    if roles & {"Manager", "Site Administrator", "Coordinator"}:
        return True
    partner = find_partner((meeting.duty_holders or {}).get("invitation"))
    if partner is None:
        return False
    user_id = user.getId()
    if any(p.acts_as(user_id) for p in partner.persons()):
        return True
    staff = group_ids(partner).get("staff")
    return bool(staff) and staff in (user.getGroups() or ())


def sent_invitation(meeting):
    """{"sent_by", "sent_by_name", "sent_at" (datetime), "recipients"} or None."""
    data = IAnnotations(meeting).get(INVITATION_KEY)
    return dict(data) if data else None


def ical_request(meeting, to, organizer=None):
    """The meeting as an iCal invitation (METHOD:REQUEST) for ``to``, as bytes."""
    calendar = construct_icalendar(meeting, [meeting])
    calendar.add("method", "REQUEST")
    for event in calendar.walk("VEVENT"):
        if organizer:
            event.add("organizer", icalendar.vCalAddress(f"mailto:{organizer}"))
        for address in to:
            attendee = icalendar.vCalAddress(f"mailto:{address}")
            attendee.params["ROLE"] = icalendar.vText("REQ-PARTICIPANT")
            attendee.params["RSVP"] = icalendar.vText("TRUE")
            event.add("attendee", attendee)
        event.add("sequence", len(IAnnotations(meeting).get(INVITATION_KEY, {}).get("all", ())))
    return calendar.to_ical()


def _time(value):
    return value.strftime("%H:%M") if isinstance(value, datetime) else ""


def invitation_mail(meeting, to, note="", user=None):
    user = user or api.user.get_current()
    series = meeting.__parent__
    day = _day(meeting.start)
    when = german_date(day)
    if getattr(meeting, "whole_day", False) is not True and isinstance(meeting.start, datetime):
        when = f"{when}, {_time(meeting.start)}–{_time(meeting.end)}"
    name = user.getProperty("fullname", "") or user.getId()
    mapping = {"meeting": meeting.Title(), "series": series.Title(), "when": when}
    lines = [
        tr(_("reminder_greeting", default="Hello,")),
        "",
        tr(
            _(
                "invitation_text",
                default="you are invited to “${meeting}” of ${series} on ${when}.",
                mapping=mapping,
            )
        ),
    ]
    if meeting.place:
        lines.append(tr(_("label_meeting_place", default="Place")) + f": {meeting.place}")
    if safe_url(meeting.video_link):
        lines.append(
            tr(_("label_meeting_video_link", default="Video link")) + f": {meeting.video_link}"
        )
    if note:
        lines += ["", note.strip()]
    if meeting.agenda:
        lines += ["", tr(_("label_meeting_agenda", default="Agenda")) + ":"]
        for number, item in enumerate(meeting.agenda, start=1):
            extra = ", ".join(x for x in (item.get("time"), item.get("presenter")) if x)
            lines.append(f"{number}. {item.get('title', '')}" + (f" ({extra})" if extra else ""))
    lines += [
        "",
        tr(
            _(
                "invitation_link",
                default="The meeting in the portal: ${url}",
                mapping={"url": meeting.absolute_url()},
            )
        ),
        "",
        "-- ",
        tr(
            _(
                "invitation_footer",
                default="Sent by ${name} through ${site}. The attached calendar entry adds "
                "the meeting to your calendar.",
                mapping={"name": name, "site": api.portal.get().Title()},
            )
        ),
    ]
    reply_to = user.getProperty("email", "") or None
    message = compose(
        tr(_("invitation_subject", default="Invitation: ${meeting}, ${when}", mapping=mapping)),
        to,
        lines,
        reply_to=reply_to,
    )
    message.add_attachment(
        ical_request(meeting, to, reply_to),
        maintype="text",
        subtype="calendar",
        params={"method": "REQUEST"},
        filename="einladung.ics",
    )
    return message


MAX_NOTE = 2000


class NoSender(KooperationError):
    """The portal cannot send mail yet: 409 in REST, a form error in Classic UI."""

    status = 409

    def __init__(self):
        super().__init__(
            "sender",
            _(
                "error_mail_no_sender",
                default="The portal has no sender address, so no mail can be sent. An "
                "administrator sets it in the mail settings (kooperation-admin mail --from).",
            ),
        )


def check_note(note):
    """The note to the invitation: a text of at most ``MAX_NOTE`` characters ("" for None)."""
    if note is None:
        return ""
    if not isinstance(note, str):
        raise KooperationError(
            "note", _("error_invitation_note_type", default="The note must be a text.")
        )
    if len(note) > MAX_NOTE:
        raise KooperationError(
            "note",
            _(
                "error_invitation_note_length",
                default="The note may have at most ${max} characters, not ${length}.",
                mapping={"max": MAX_NOTE, "length": len(note)},
            ),
        )
    return note


def send_invitation(meeting, note="", user=None):
    """Check, mail the invitation, record who sent it; return the recipients.

    KooperationError when the user may not invite, the note is no text or too long, or
    nobody can be written to. The date is not compared with today: the form sends for
    a meeting in the past as well, and ``POST @send-invitation`` follows the form.
    """
    user = user or api.user.get_current()
    if not may_invite(meeting, user):
        raise KooperationError(
            "permission",
            _(
                "error_invitation_not_allowed",
                default="Only the partner holding the invitation duty or a coordinator may "
                "send the invitation.",
            ),
        )
    note = check_note(note)
    if _day(getattr(meeting, "start", None)) is None:
        raise KooperationError(
            "start", _("error_invitation_no_date", default="The meeting has no date yet.")
        )
    to, _unreachable = recipients(meeting)
    if not to:
        raise KooperationError(
            "recipients",
            _(
                "error_invitation_no_recipients",
                default="None of the invited partners has a person with an e-mail address.",
            ),
        )
    try:
        queue(invitation_mail(meeting, to, note, user))
    except MailError as error:  # no sender address: a setting, not the user's input
        raise NoSender() from error
    annotations = IAnnotations(meeting)
    earlier = list(annotations.get(INVITATION_KEY, {}).get("all", ()))
    record = {
        "sent_by": user.getId(),
        "sent_by_name": user.getProperty("fullname", "") or user.getId(),
        "sent_at": datetime.now(),
        "recipients": tuple(to),
    }
    annotations[INVITATION_KEY] = PersistentMapping({**record, "all": (*earlier, record)})
    return to
