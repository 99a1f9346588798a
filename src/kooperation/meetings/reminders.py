"""Daily-job step: remind the duty holders of round tables of the invitation and the minutes.

``kooperation.meetings.rotation.reminders`` says when (invitation 14 days before the meeting,
minutes 14 days after, unless the series sets other days; a week of reminding before);
this step finds the meetings,
writes to the duty holder's staff (coordinators when it has none) and remembers
on the meeting what was sent, so that every reminder goes out once. A duty already
done gets none: the invitation sent from the portal, minutes beyond their draft.
"""

from BTrees.OOBTree import OOBTree
from DateTime import DateTime
from datetime import datetime
from datetime import timedelta
from kooperation import _
from kooperation.common.german import german_date
from kooperation.common.mail import queue
from kooperation.meetings.interfaces import IMinutes
from kooperation.meetings.mail import compose
from kooperation.meetings.mail import duty_recipients
from kooperation.meetings.mail import tr
from kooperation.meetings.rotation import MESSAGES as ROTATION_MESSAGES
from kooperation.meetings.rotation import RotationError
from kooperation.meetings.rotation.reminders import DEFAULT_REMIND_DAYS
from kooperation.meetings.rotation.reminders import due_on
from kooperation.meetings.rotation.reminders import MAX_DUE_DAYS
from kooperation.meetings.rotation.reminders import reminders
from kooperation.meetings.rotation.reminders import series_due
from kooperation.meetings.series import _day
from plone import api
from zope.annotation.interfaces import IAnnotations

import logging


logger = logging.getLogger("kooperation.meetings")

SENT_KEY = "kooperation.meetings.reminders"
INVITATION_KEY = "kooperation.meetings.invitation"
# The default due rules (a series without its own days); see due_rules.
DUE = series_due()


def sent_reminders(meeting):
    """``"<meeting day>/<duty>"`` -> (datetime, recipients) of what was sent for the meeting."""
    return dict(IAnnotations(meeting).get(SENT_KEY, {}).items())


def mark_sent(meeting, key, to, when=None):
    annotations = IAnnotations(meeting)
    if SENT_KEY not in annotations:
        annotations[SENT_KEY] = OOBTree()
    annotations[SENT_KEY][key] = (when or datetime.now(), tuple(to))


def duty_done(meeting, duty):
    if duty == "invitation":
        return INVITATION_KEY in IAnnotations(meeting)
    if duty == "minutes":
        return any(
            api.content.get_state(obj, default="draft") != "draft"
            for obj in meeting.objectValues()
            if IMinutes.providedBy(obj)
        )
    return False


def due_rules(series):
    """The series' due rules: its invitation lead and minutes days (defaults when unset;
    a value out of range, stored around the form, counts as unset and is logged)."""
    invitation = getattr(series, "invitation_lead_days", None)
    minutes = getattr(series, "minutes_due_days", None)
    try:
        return series_due(invitation, minutes)
    except RotationError as error:
        logger.warning("%s: %s; the default days apply", series.absolute_url(), error)
        return dict(DUE)


def due_for(meeting, today):
    """The reminders of ``meeting`` to send on ``today`` (not yet sent, duty not done)."""
    day = _day(getattr(meeting, "start", None))
    holders = {k: v for k, v in (meeting.duty_holders or {}).items() if v}
    if day is None or not holders:
        return []
    done = sent_reminders(meeting)
    due = due_rules(meeting.__parent__)
    return [
        reminder
        for reminder in due_on(reminders([(day, holders)], due=due), today)
        if reminder.key not in done and not duty_done(meeting, reminder.duty)
    ]


def duty_label(duty, language=None):
    msgid = f"rotation_duty_{duty}"
    return tr(_(msgid, default=ROTATION_MESSAGES.get(msgid, duty)), language)


def reminder_mail(meeting, reminder, to):
    series = meeting.__parent__
    mapping = {
        "duty": duty_label(reminder.duty),
        "meeting": meeting.Title(),
        "series": series.Title(),
        "day": german_date(reminder.meeting),
        "due": german_date(reminder.due),
        "partner": (api.content.get(UID=reminder.partner) or meeting).Title(),
    }
    if reminder.duty == "invitation":
        todo = _(
            "meeting_reminder_invitation",
            default="Please send the invitation with the agenda by ${due}. The meeting page "
            "has a form that sends it with a calendar entry to all invited partners:",
            mapping=mapping,
        )
    else:
        todo = _(
            "meeting_reminder_minutes",
            default="Please write the minutes and circulate them by ${due}:",
            mapping=mapping,
        )
    lines = [
        tr(_("reminder_greeting", default="Hello,")),
        "",
        tr(
            _(
                "meeting_reminder_duty",
                default="${partner} holds the duty “${duty}” for “${meeting}” of ${series} "
                "on ${day}.",
                mapping=mapping,
            )
        ),
        tr(todo),
        meeting.absolute_url(),
        "",
        "-- ",
        tr(
            _(
                "meeting_reminder_footer",
                default="This reminder was sent automatically by ${site} to the staff of the "
                "partner holding the duty (or the network's coordinators).",
                mapping={"site": api.portal.get().Title()},
            )
        ),
    ]
    subject = tr(
        _(
            "meeting_reminder_subject",
            default="${duty} due on ${due}: ${meeting}",
            mapping=mapping,
        )
    )
    message = compose(subject, to, lines)
    message["Auto-Submitted"] = "auto-generated"
    return message


def send(meeting, reminder):
    """Queue the reminder and record it; return the recipients ([] when there are none)."""
    to = duty_recipients(meeting, reminder.partner)
    if not to:
        logger.warning(
            "No recipient for the reminder %s of %s", reminder.key, meeting.absolute_url()
        )
        return []
    queue(reminder_mail(meeting, reminder, to))
    mark_sent(meeting, reminder.key, to)
    return to


# A reminder can be due only this many days around its meeting: the farthest due rule a
# series may set, the reminder lead, and a weekend that moves the due day
# (rotation.reminders.due_date).
WINDOW_DAYS = MAX_DUE_DAYS + DEFAULT_REMIND_DAYS + 3


def meetings(today):
    """The meetings whose reminder window can hold ``today``: a range query on ``start``,
    so that the years of held meetings are not woken every day."""
    catalog = api.portal.get_tool("portal_catalog")
    window = timedelta(days=WINDOW_DAYS)
    bounds = [DateTime((today - window).isoformat()), DateTime((today + window).isoformat())]
    brains = catalog.unrestrictedSearchResults(
        portal_type="Meeting", start={"query": bounds, "range": "min:max"}
    )
    return [brain._unrestrictedGetObject() for brain in sorted(brains, key=lambda b: b.getPath())]


def step(run):
    """IDailyStep ``meetings``: the duty reminders due on ``run.today``."""
    sent = without = 0
    for meeting in meetings(run.today):
        for reminder in due_for(meeting, run.today):
            label = f"{'/'.join(meeting.getPhysicalPath())} {reminder.key}"

            def action(meeting=meeting, reminder=reminder):
                return bool(send(meeting, reminder))

            result = run.guarded("meeting_reminders", label, action)
            if result is True:
                sent += 1
            elif result is False:
                without += 1
    if sent:
        run.count("meeting reminders sent", sent)
    if without:
        run.count("meeting reminders without recipients", without)
