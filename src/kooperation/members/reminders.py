"""Daily step: a member's coordinators are reminded of the quarterly report.

For every member of the association (network with ``association_member``) the pure
core (``kooperation.members.reporting.quarters.missing_reports``) names the last ended quarter
when no report of it is submitted or published yet. Two mails per quarter at most: one
when the quarter has ended ("due on ..."), one once the due date has passed
("was due on ..."). What was sent is kept in an annotation of the network, so that a
rerun of the job, or a missed day, sends nothing twice and nothing is lost.
"""

from email.message import EmailMessage
from kooperation import _
from kooperation.common.mail import bound_language
from kooperation.common.mail import coordinator_emails
from kooperation.common.mail import mail_language
from kooperation.common.mail import sender
from kooperation.members.messages import message
from kooperation.members.reporting.quarters import DELIVERED_STATES
from kooperation.members.reporting.quarters import missing_reports
from kooperation.members.reporting.quarters import Report
from persistent.list import PersistentList
from plone import api
from zope.annotation.interfaces import IAnnotations
from zope.globalrequest import getRequest
from zope.i18n import translate

import logging


logger = logging.getLogger("kooperation.members")

SENT_KEY = "kooperation.members.report_reminders"
# Workflow states of a Report and the state the reminder logic knows them by.
STATES = {
    "draft": "draft",
    "submitted": "submitted",
    "published": "published",
    "public": "published",
}
assert set(STATES.values()) >= set(DELIVERED_STATES)


def sent_reminders(network):
    """Keys (``2026-Q3:due``) of the reminders sent for ``network``."""
    return list(IAnnotations(network).get(SENT_KEY, ()))


def _mark_sent(network, key):
    annotations = IAnnotations(network)
    if SENT_KEY not in annotations:
        annotations[SENT_KEY] = PersistentList()
    annotations[SENT_KEY].append(key)


def members():
    """The networks that are members of the association (unrestricted)."""
    catalog = api.portal.get_tool("portal_catalog")
    found = []
    for brain in catalog.unrestrictedSearchResults(portal_type="Network", sort_on="sortable_title"):
        network = brain._unrestrictedGetObject()
        if getattr(network, "association_member", False):
            found.append(network)
    return found


def reports_of(network):
    catalog = api.portal.get_tool("portal_catalog")
    uid = network.UID()
    reports = []
    for brain in catalog.unrestrictedSearchResults(
        portal_type="Report", path="/".join(network.getPhysicalPath())
    ):
        period = brain.report_period or ""
        if "-Q" not in period:
            continue
        year, quarter = period.split("-Q")
        reports.append(
            Report(uid, int(year), int(quarter), STATES.get(brain.review_state, "draft"))
        )
    return reports


def compose(network, missing, to):
    """The reminder mail, in the site's language."""
    request = getRequest()
    language = mail_language()
    mapping = {"member": network.Title(), "quarter": missing.quarter, "year": missing.year}
    if missing.overdue:
        subject = _(
            "members_reminder_subject_overdue",
            default="Quarterly report overdue: ${member}, Q${quarter} ${year}",
            mapping=mapping,
        )
    else:
        subject = _(
            "members_reminder_subject_due",
            default="Quarterly report due: ${member}, Q${quarter} ${year}",
            mapping=mapping,
        )
    intro = _(
        "members_reminder_body",
        default="You receive this mail as a coordinator of ${member}, a member of the association.",
        mapping={"member": network.Title()},
    )
    action = _(
        "members_reminder_action",
        default="Write or submit the report here: ${url}",
        mapping={"url": f"{network.absolute_url()}/++add++Report"},
    )
    with bound_language(request, language) as bound:

        def text(msg):
            return translate(msg, context=bound, target_language=language)

        mail = EmailMessage()
        mail["Subject"] = text(subject)
        mail["From"] = sender()
        mail["To"] = ", ".join(to)
        body = "\n\n".join([text(message(missing.message)), text(intro), text(action)])
        mail.set_content(body + "\n")
    return mail


def remind(network, missing):
    """Send the reminder of ``missing`` unless it was sent; return the recipients."""
    key = f"{missing.year}-Q{missing.quarter}:{missing.status}"
    if key in sent_reminders(network):
        return []
    to = sorted(set(coordinator_emails(network)))
    if not to:
        logger.warning("No coordinator with an e-mail address for the report reminder of %s", key)
        return []
    api.portal.get_tool("MailHost").send(compose(network, missing, to), immediate=False)
    _mark_sent(network, key)
    return to


def report_reminder_step(run):
    """IDailyStep: remind the coordinators of members whose quarterly report is missing."""
    for network in members():
        missing = missing_reports([network.UID()], reports_of(network), run.today)
        for item in missing:

            def action(network=network, item=item):
                return remind(network, item)

            label = f"{network.getId()} {item.year}-Q{item.quarter}"
            sent = run.guarded("report_reminders", label, action)
            if sent:
                run.count("report reminders sent", 1)
