"""Tell the network when minutes are published: one mail to the series' members, once.

Minutes are published for the network (``publish``) or for everyone (``publish_public``),
possibly one after the other: only the first publication is announced.
"""

from datetime import datetime
from kooperation import _
from kooperation.common.german import german_date
from kooperation.common.mail import MailError
from kooperation.common.mail import queue
from kooperation.meetings.mail import compose
from kooperation.meetings.mail import partners_and_coordinators
from kooperation.meetings.mail import tr
from kooperation.meetings.series import _day
from zope.annotation.interfaces import IAnnotations

import logging


logger = logging.getLogger("kooperation.meetings")

PUBLISHED_KEY = "kooperation.meetings.published_mail"
PUBLISH_TRANSITIONS = ("publish", "publish_public")


def network_recipients(minutes):
    """The people of the series' member partners and the network's coordinators."""
    return partners_and_coordinators(minutes, minutes.__parent__.__parent__.members)


def announcement(minutes, to):
    meeting = minutes.__parent__
    mapping = {
        "minutes": minutes.Title(),
        "meeting": meeting.Title(),
        "series": meeting.__parent__.Title(),
        "day": german_date(_day(meeting.start)) if _day(meeting.start) else "",
    }
    lines = [
        tr(_("reminder_greeting", default="Hello,")),
        "",
        tr(
            _(
                "minutes_published_text",
                default="the minutes “${minutes}” of “${meeting}” (${series}, ${day}) have been "
                "approved and published.",
                mapping=mapping,
            )
        ),
    ]
    decisions = list(minutes.decisions or ())
    if decisions:
        lines += ["", tr(_("label_minutes_decisions", default="Decisions")) + ":"]
        lines += [f"- {d}" for d in decisions]
    lines += ["", minutes.absolute_url()]
    subject = tr(
        _("minutes_published_subject", default="Minutes published: ${meeting}", mapping=mapping)
    )
    return compose(subject, to, lines)


def minutes_published(minutes, event):
    """Subscriber of IActionSucceededEvent on minutes."""
    if getattr(event, "action", None) not in PUBLISH_TRANSITIONS:
        return
    annotations = IAnnotations(minutes)
    if PUBLISHED_KEY in annotations:
        return
    to = network_recipients(minutes)
    if not to:
        logger.warning("Nobody to tell about the minutes %s", minutes.absolute_url())
        return
    try:
        message = announcement(minutes, to)
    except MailError as error:  # no sender address: publishing must not fail for it
        logger.warning("Minutes %s published unannounced: %s", minutes.absolute_url(), error)
        return
    queue(message)
    annotations[PUBLISHED_KEY] = (datetime.now(), tuple(to))
