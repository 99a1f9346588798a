"""Mails to registrants and coordinators, queued in the MailHost (sent at commit, so a
retried or aborted request sends nothing)."""

from email.message import EmailMessage
from email.utils import make_msgid
from kooperation import _
from kooperation.common.mail import coordinator_emails
from kooperation.common.mail import mail_language
from kooperation.common.mail import MailError
from kooperation.common.mail import queue
from kooperation.common.mail import sender
from kooperation.common.network import network_of
from kooperation.registrations.ledger import cancel_url
from kooperation.registrations.ledger import event_of
from kooperation.registrations.ledger import objects
from plone import api
from zope.i18n import translate

import email.policy
import logging


logger = logging.getLogger("kooperation.registrations")


def tr(message):
    return translate(message, target_language=mail_language())


def when(event):
    start = event.start
    return start.strftime("%d.%m.%Y %H:%M")


def ical(event):
    """The event as an iCalendar file (plone.app.event's exporter)."""
    from plone.app.event.ical.exporter import construct_icalendar

    return construct_icalendar(event, [event]).to_ical()


def compose(to, subject, lines, attach_ical=None):
    from_address = sender()
    message = EmailMessage(policy=email.policy.SMTP)
    message["Subject"] = subject
    message["From"] = from_address
    message["To"] = ", ".join(to)
    message["Message-ID"] = make_msgid("kooperation", domain=from_address.domain or None)
    message["Auto-Submitted"] = "auto-generated"
    message.set_content("\n".join(lines) + "\n", charset="utf-8", cte="quoted-printable")
    if attach_ical is not None:
        message.add_attachment(
            ical(attach_ical),
            maintype="text",
            subtype="calendar",
            filename="event.ics",
            params={"method": "PUBLISH"},
        )
    return message


def deliver(to, subject, lines, attach_ical=None):
    """Compose and queue; a site without a sender address logs it and sends nothing, so a
    registration is never lost (or answered with 500) for want of a mail setting."""
    try:
        message = compose(to, subject, lines, attach_ical=attach_ical)
    except MailError as error:
        logger.warning("Registration mail not sent: %s", error)
        return False
    queue(message)
    return True


def _mapping(obj):
    event = event_of(obj)
    return {
        "title": event.Title(),
        "name": obj.fullname or obj.email,
        "when": when(event),
        "position": obj.position or "",
        "url": event.absolute_url(),
    }


def _cancel_line(obj):
    return tr(
        _(
            "mail_registration_cancel_link",
            default="To cancel, open this link (no login needed): ${link}",
            mapping={"link": cancel_url(obj)},
        )
    )


def send_state(obj, promoted=False):
    """The mail for the registration's current state: confirmation (with iCal and the
    cancellation link), waiting list, awaiting approval/consent; ``promoted`` when it has
    moved up from the waiting list."""
    if not obj.email:
        return
    state = api.content.get_state(obj)
    mapping = _mapping(obj)
    if state == "confirmed":
        subject = (
            _("mail_registration_promoted_subject", default="A seat is free for you: ${title}")
            if promoted
            else _(
                "mail_registration_confirmed_subject", default="Registration confirmed: ${title}"
            )
        )
        body = (
            _(
                "mail_registration_promoted",
                default="Hello ${name}, a seat has become free: you have moved up from the "
                "waiting list and are registered for ${title} on ${when}.",
            )
            if promoted
            else _(
                "mail_registration_confirmed",
                default="Hello ${name}, you are registered for ${title} on ${when}.",
            )
        )
        attach = event_of(obj)
    elif state == "waiting":
        subject = _("mail_registration_waiting_subject", default="Waiting list: ${title}")
        body = _(
            "mail_registration_waiting",
            default="Hello ${name}, ${title} is fully booked. You are on the waiting list at "
            "position ${position}; we write to you as soon as a seat is free.",
        )
        attach = None
    elif state == "pending":
        subject = _("mail_registration_pending_subject", default="Registration received: ${title}")
        body = _(
            "mail_registration_pending",
            default="Hello ${name}, we have received your registration for ${title}. Your seat "
            "is kept; it is confirmed once it is approved (participants under 16: once a "
            "guardian has given consent).",
        )
        attach = None
    else:
        return
    lines = [
        tr(_msg(body, mapping)),
        "",
        event_of(obj).absolute_url(),
        "",
        _cancel_line(obj),
    ]
    deliver([obj.email], tr(_msg(subject, mapping)), lines, attach_ical=attach)


def _msg(message, mapping):
    return _(str(message), default=message.default, mapping=mapping)


def send_cancelled(obj):
    if not obj.email:
        return
    mapping = _mapping(obj)
    subject = _("mail_registration_cancelled_subject", default="Registration cancelled: ${title}")
    body = _(
        "mail_registration_cancelled",
        default="Hello ${name}, your registration for ${title} on ${when} is cancelled.",
    )
    deliver([obj.email], tr(_msg(subject, mapping)), [tr(_msg(body, mapping))])


def send_reminder(obj):
    mapping = _mapping(obj)
    subject = _("mail_registration_reminder_subject", default="Tomorrow: ${title}")
    body = _(
        "mail_registration_reminder",
        default="Hello ${name}, a reminder: ${title} starts on ${when}. If you cannot come, "
        "please cancel so that someone from the waiting list gets your seat.",
    )
    lines = [tr(_msg(body, mapping)), "", event_of(obj).absolute_url(), "", _cancel_line(obj)]
    return deliver([obj.email], tr(_msg(subject, mapping)), lines)


def notify_coordinators(obj):
    """Tell the network's coordinators of a new registration, if the event wishes it."""
    event = event_of(obj)
    if not getattr(event, "notify_coordinators", False):
        return
    to = sorted(set(coordinator_emails(network_of(event))))
    if not to:
        return
    mapping = {**_mapping(obj), "state": api.content.get_state(obj)}
    subject = _("mail_registration_new_subject", default="New registration: ${title}")
    body = _(
        "mail_registration_new",
        default="${name} has registered for ${title} (state: ${state}).",
    )
    lines = [tr(_msg(body, mapping)), "", f"{event.absolute_url()}/@@registrations"]
    deliver(to, tr(_msg(subject, mapping)), lines)


def mail_all(event, subject, text, states=("confirmed", "pending", "waiting")):
    """One mail per registrant in ``states`` (their addresses are not shown to each
    other); returns how many were queued."""

    sent = 0
    for obj in objects(event):
        if obj.email and api.content.get_state(obj) in states:
            sent += deliver([obj.email], subject, [text])
    return sent
