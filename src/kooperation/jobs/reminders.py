"""Reminders of notice deadlines: which are due on a day, to whom, and the mail.

An agreement in force has a next notice deadline ``d`` (the last day on which a
notice still ends it at the earliest possible date). For each number of days ``N``
in the settings, the reminder ``(d, N)`` is due from ``d - N`` up to ``d`` until it
has been sent. A job that did not run for a few days catches up with one mail: when
several reminders are due at once, only the most urgent (smallest ``N``) is sent and
the others are recorded as covered by it. What was sent is kept on the agreement
(annotation ``kooperation.jobs.reminders``: ``"<d>/<N>"`` -> (datetime, "sent" |
"covered")), so that no reminder goes out twice.

One mail per agreement and deadline, with all recipients in ``To:`` (they are the
parties' signatories and the network's coordinators, who work on the agreement
together), in the site's default language, plain text, UTF-8. It is handed to the
MailHost queued: it leaves when the transaction commits.
"""

from BTrees.OOBTree import OOBTree
from dataclasses import dataclass
from datetime import date
from datetime import datetime
from datetime import timedelta
from email.message import EmailMessage
from email.utils import make_msgid
from kooperation import _
from kooperation.agreements.deadlines import deadlines_for
from kooperation.agreements.deadlines import explanation
from kooperation.agreements.deadlines import rules_on
from kooperation.common.emails import is_email
from kooperation.common.german import german_date
from kooperation.common.mail import bound_language
from kooperation.common.mail import coordinator_emails
from kooperation.common.mail import mail_language
from kooperation.common.mail import sender
from kooperation.common.network import network_of
from kooperation.deadlines import Deadlines
from kooperation.interfaces import IPartner
from kooperation.jobs.settings import get_settings
from plone import api
from zope.annotation.interfaces import IAnnotations
from zope.globalrequest import getRequest
from zope.i18n import translate

import email.policy
import logging


logger = logging.getLogger("kooperation.jobs")

ANNOTATION_KEY = "kooperation.jobs.reminders"
REMINDER_STATES = ("in_force",)  # a terminated agreement has already been given notice


# Record of sent reminders ---------------------------------------------------------------------


def reminder_key(deadline, days):
    return f"{deadline.isoformat()}/{days}"


def sent_reminders(agreement):
    """``"<deadline>/<days>"`` -> (datetime, "sent" | "covered") of one agreement."""
    return dict(IAnnotations(agreement).get(ANNOTATION_KEY, {}).items())


def mark_sent(agreement, deadline, days, covers=(), when=None):
    """Record the reminder ``days`` as sent and ``covers`` as covered by it."""
    annotations = IAnnotations(agreement)
    if ANNOTATION_KEY not in annotations:
        annotations[ANNOTATION_KEY] = OOBTree()
    storage = annotations[ANNOTATION_KEY]
    when = when or datetime.now()
    for n in covers:
        if n != days:
            storage[reminder_key(deadline, n)] = (when, "covered")
    storage[reminder_key(deadline, days)] = (when, "sent")


# What is due ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reminder:
    """The reminder to send for one agreement on ``today``."""

    agreement: object
    today: date
    deadline: date  # the notice deadline it reminds of
    days: int  # the reminder (days before the deadline) that is sent
    covers: tuple  # all reminders it settles, ``days`` included (descending)
    deadlines: Deadlines  # the engine's result on ``today``

    @property
    def days_left(self):
        return (self.deadline - self.today).days

    @property
    def key(self):
        return reminder_key(self.deadline, self.days)


def due_for(agreement, today, reminder_days):
    """The reminder due for ``agreement`` on ``today``, or None."""
    result = deadlines_for(agreement, today)
    deadline = result.earliest_end_notice_deadline
    if result.status == "ended" or deadline is None or deadline < today:
        return None
    prefix = deadline.isoformat() + "/"
    done = [
        int(key[len(prefix) :])
        for key in IAnnotations(agreement).get(ANNOTATION_KEY, {})
        if key.startswith(prefix)
    ]
    # Once a reminder went out, the less urgent ones of that deadline are settled.
    most_urgent_done = min(done, default=None)
    due = sorted(
        (
            n
            for n in set(reminder_days)
            if deadline - timedelta(days=n) <= today
            and (most_urgent_done is None or n < most_urgent_done)
        ),
        reverse=True,
    )
    if not due:
        return None
    return Reminder(agreement, today, deadline, due[-1], tuple(due), result)


def agreements_to_remind():
    """The agreements that get reminders: those in force, in path order."""
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(
        portal_type="Agreement", review_state=list(REMINDER_STATES)
    )
    return [brain._unrestrictedGetObject() for brain in sorted(brains, key=lambda b: b.getPath())]


def due_reminders(today=None, settings=None):
    """All reminders due on ``today`` (default: the real today)."""
    today = today or date.today()
    settings = settings or get_settings()
    found = (due_for(obj, today, settings.reminder_days) for obj in agreements_to_remind())
    return [reminder for reminder in found if reminder is not None]


# Recipients -----------------------------------------------------------------------------------


def signatory_emails(agreement, today):
    """E-mail addresses of the parties' persons who may sign on ``today``."""
    catalog = api.portal.get_tool("portal_catalog")
    emails = []
    for brain in catalog.unrestrictedSearchResults(UID=list(agreement.parties or ())):
        partner = brain._unrestrictedGetObject()
        if not IPartner.providedBy(partner):
            continue
        for person in partner.persons():
            if person.email and person.may_sign_on(today):
                emails.append(person.email)
    return emails


def recipients(agreement, today, settings=None):
    """Signatories of the parties on ``today``, coordinators of the network and the
    further recipients of the settings: de-duplicated (ignoring case), sorted."""
    settings = settings or get_settings()
    found = {}
    for address in (
        *signatory_emails(agreement, today),
        *coordinator_emails(network_of(agreement)),
        *settings.coordinator_emails,
    ):
        address = (address or "").strip()
        if is_email(address):
            found.setdefault(address.lower(), address)
    return [found[key] for key in sorted(found)]


# The mail -------------------------------------------------------------------------------------


def subject_message(reminder, title):
    days = reminder.days_left
    if days == 0:
        return _(
            "reminder_subject_today",
            default="Notice deadline today: ${title}",
            mapping={"title": title},
        )
    if days == 1:
        return _(
            "reminder_subject_tomorrow",
            default="Notice deadline tomorrow: ${title}",
            mapping={"title": title},
        )
    return _(
        "reminder_subject",
        default="Notice deadline in ${days} days: ${title}",
        mapping={"days": days, "title": title},
    )


def _when_message(reminder):
    days = reminder.days_left
    if days == 0:
        return _("reminder_when_today", default="That is today.")
    if days == 1:
        return _("reminder_when_tomorrow", default="That is tomorrow.")
    return _("reminder_when_days", default="That is in ${days} days.", mapping={"days": days})


def compose(reminder, to, settings=None, language=None, request=None):
    """The reminder as an e-mail (not sent)."""
    settings = settings or get_settings()
    language = language or mail_language()
    request = request or getattr(reminder.agreement, "REQUEST", None) or getRequest()
    agreement = reminder.agreement
    result = reminder.deadlines
    title = agreement.Title()

    def tr(message):
        return translate(message, target_language=language)

    with bound_language(request, language):
        explained = explanation(result, request)
    lines = [
        tr(_("reminder_greeting", default="Hello,")),
        "",
        tr(
            _(
                "reminder_deadline",
                default="A notice of the agreement “${title}” must be received by "
                "${deadline} to end it on ${end}.",
                mapping={
                    "title": title,
                    "deadline": german_date(reminder.deadline),
                    "end": german_date(result.earliest_end),
                },
            )
        )
        + " "
        + tr(_when_message(reminder)),
    ]
    if rules_on(agreement, reminder.deadline).written_form_termination:
        lines.append(
            tr(
                _(
                    "reminder_written_form",
                    default="The notice must be given in writing (§ 59 (2) SGB X).",
                )
            )
        )
    lines += [
        tr(
            _(
                "reminder_no_action",
                default="If the agreement is to continue, nothing needs to be done.",
            )
        ),
        "",
        tr(
            _(
                "reminder_explanation",
                default="Its dates: ${explanation}",
                mapping={"explanation": explained},
            )
        ),
        "",
        tr(
            _(
                "reminder_link",
                default="The agreement: ${url}",
                mapping={"url": agreement.absolute_url()},
            )
        ),
        "",
        "-- ",
        tr(
            _(
                "reminder_footer",
                default="This reminder was sent automatically by ${site} to the signatories "
                "of the parties and the coordinators of the network.",
                mapping={"site": api.portal.get().Title()},
            )
        ),
    ]
    from_address = sender(settings.sender_name or None)
    message = EmailMessage(policy=email.policy.SMTP)
    message["Subject"] = tr(subject_message(reminder, title))
    message["From"] = from_address
    message["To"] = ", ".join(to)
    message["Message-ID"] = make_msgid("kooperation", domain=from_address.domain or None)
    message["Auto-Submitted"] = "auto-generated"
    message.set_content("\n".join(lines) + "\n", charset="utf-8", cte="quoted-printable")
    return message


def send_reminder(reminder, settings=None):
    """Queue the reminder's mail and record it as sent; return its recipients.

    Without any recipient nothing is sent or recorded (a warning is logged): the
    reminder stays due and goes out once someone can receive it.
    """
    settings = settings or get_settings()
    agreement = reminder.agreement
    path = "/".join(agreement.getPhysicalPath())
    to = recipients(agreement, reminder.today, settings)
    if not to:
        logger.warning(
            "No recipient for the reminder %s (%s days before the notice deadline %s) of %s",
            reminder.key,
            reminder.days,
            reminder.deadline.isoformat(),
            path,
        )
        return []
    message = compose(reminder, to, settings)
    api.portal.get_tool("MailHost").send(message, immediate=False)
    mark_sent(agreement, reminder.deadline, reminder.days, reminder.covers)
    logger.info(
        "Reminder %s of %s queued for %s (covers %s)",
        reminder.key,
        path,
        ", ".join(to),
        ", ".join(str(n) for n in reminder.covers),
    )
    return to
