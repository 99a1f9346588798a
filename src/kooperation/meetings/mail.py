"""Mail of round tables: who is written to, and one plain-text message built the jobs' way.

Mails are queued on the MailHost (they leave when the transaction commits), in the
site's default language, with the sender of the reminder settings.
"""

from email.message import EmailMessage
from email.utils import make_msgid
from kooperation.common.emails import is_email
from kooperation.common.mail import coordinator_emails
from kooperation.common.mail import mail_language
from kooperation.common.mail import sender
from kooperation.common.network import network_of
from kooperation.interfaces import IPartner
from plone import api
from zope.i18n import translate

import email.policy


def _unique(addresses):
    found = {}
    for address in addresses:
        address = (address or "").strip()
        if is_email(address):
            found.setdefault(address.lower(), address)
    return [found[key] for key in sorted(found)]


def find_partner(uid):
    if not uid:
        return None
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(UID=uid):
        obj = brain._unrestrictedGetObject()
        if IPartner.providedBy(obj):
            return obj
    return None


def staff_emails(partner_uid):
    """E-mail addresses of the partner's people who still work there.

    A person who left (``handover.leave``) is no contact and has no login any more:
    they get nothing.
    """
    partner = find_partner(partner_uid)
    if partner is None:
        return []
    return _unique(
        person.email
        for person in partner.persons()
        if person.email and (person.is_contact or person.user_id)
    )


def coordinators_of(obj):
    return _unique(coordinator_emails(network_of(obj)))


def partners_and_coordinators(obj, partner_uids):
    """The people of the given partners, then the network's coordinators (each once)."""
    found = []
    for uid in partner_uids or ():
        found += [a for a in staff_emails(uid) if a not in found]
    found += [a for a in coordinators_of(obj) if a not in found]
    return found


def duty_recipients(obj, partner_uid):
    """The duty holder's staff, or the network's coordinators when it has nobody to write to."""
    return staff_emails(partner_uid) or coordinators_of(obj)


def tr(message, language=None):
    return translate(message, target_language=language or mail_language())


def compose(subject, to, lines, reply_to=None):
    """A plain-text mail (UTF-8) from the site's sender address to ``to``."""
    from_address = sender()
    message = EmailMessage(policy=email.policy.SMTP)
    message["Subject"] = subject
    message["From"] = from_address
    message["To"] = ", ".join(to)
    if reply_to:
        message["Reply-To"] = reply_to
    message["Message-ID"] = make_msgid("kooperation", domain=from_address.domain or None)
    message.set_content("\n".join(lines) + "\n", charset="utf-8", cte="quoted-printable")
    return message
