"""What every mail of the product needs: the network's coordinators, the sender, the
language, and the hand-over to Plone's MailHost.

Mails are handed over with ``immediate=False``: they leave when the transaction commits
(through the site's queue where one is set, see ``ops.mail``), so an aborted write sends
nothing.
"""

from contextlib import contextmanager
from email.headerregistry import Address
from plone import api
from plone.i18n.utility import LanguageBinding


COORDINATOR_ROLE = "Coordinator"
# The sender's display name is set with the reminder settings (jobs.settings), read here
# by its registry key so that every mail uses it without importing the jobs.
SENDER_NAME_RECORD = "kooperation.jobs.settings.IReminderSettings.sender_name"


class MailError(Exception):
    """A mail cannot be sent (e.g. the site has no sender address)."""


def _users_of(principal_id):
    group = api.group.get(groupname=principal_id)
    if group is None:
        user = api.user.get(userid=principal_id)
        return [user] if user is not None else []
    users = []
    for member in group.getGroupMembers():
        if getattr(member, "isGroup", lambda: False)():
            users.extend(_users_of(member.getId()))
        else:
            users.append(member)
    return users


def coordinator_emails(network):
    """E-mail addresses of the users with the local role Coordinator on ``network``.

    Groups holding the role are expanded to their members.
    """
    if network is None:
        return []
    emails = []
    for principal_id, roles in network.get_local_roles():
        if COORDINATOR_ROLE not in roles:
            continue
        for user in _users_of(principal_id):
            address = user.getProperty("email", None)
            if address:
                emails.append(address)
    return emails


@contextmanager
def bound_language(request, language):
    """Let ``request`` prefer ``language`` (as Plone's LanguageBinding does) for a while."""
    binding = LanguageBinding()
    binding.LANGUAGE = binding.DEFAULT_LANGUAGE = language
    binding.LANGUAGE_LIST = [language]
    other = request.other
    saved = {key: other[key] for key in ("LANGUAGE_TOOL", "LANGUAGE") if key in other}
    other["LANGUAGE_TOOL"] = binding
    other["LANGUAGE"] = language
    try:
        yield request
    finally:
        for key in ("LANGUAGE_TOOL", "LANGUAGE"):
            other.pop(key, None)
        other.update(saved)


def mail_language():
    return api.portal.get_default_language() or "de"


def sender(name=None):
    """The site's sender address; MailError when it has none."""
    address = api.portal.get_registry_record("plone.email_from_address", default=None)
    if not address:
        raise MailError(
            "The site has no sender address (plone.email_from_address): mails cannot be sent."
        )
    if name is None:
        name = (api.portal.get_registry_record(SENDER_NAME_RECORD, default="") or "").strip()
    name = name or api.portal.get_registry_record("plone.email_from_name", default="") or ""
    return Address(display_name=name, addr_spec=address)


def queue(message):
    """Hand the message to the MailHost; it is sent when the transaction commits."""
    api.portal.get_tool("MailHost").send(message, immediate=False)
