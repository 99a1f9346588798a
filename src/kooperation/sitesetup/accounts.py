"""The accounts of a site profile: its portal users (``"users"`` in site.json, the demo's
logins) and the portal's sender address (``"mail_sender"``).

A profile user is a plain portal user. What it may do follows from the content, as
for anybody else: a Person entry that names it as ``user_id`` (confirmed by the loader,
which speaks for the profile's partners) makes it staff, signatory or admin of that
partner; ``network_roles`` puts it into a network's groups (``coordinators``,
``editors``, ``members``).

Users are created before the content, so that confirming a Person entry already finds
its login. They get a random password nobody knows; whoever creates the site sets the
real ones (``kooperation-admin create-site`` generates them into the instance folder).
"""

from kooperation.ops import mail
from kooperation.workspace import group_ids
from plone import api

import secrets


def profile_users(profile):
    """The users a site profile lists (each a dict: id, fullname, email, role, ...)."""
    return list(profile.get("users", ()))


def create_users(profile):
    """Create the profile's users that do not exist yet; return their ids."""
    created = []
    for user in profile_users(profile):
        if api.user.get(userid=user["id"]) is not None:
            continue
        api.user.create(
            username=user["id"],
            email=user["email"],
            password=secrets.token_urlsafe(24),
            properties={"fullname": user.get("fullname", user["id"])},
        )
        created.append(user["id"])
    return created


def grant_network_roles(site, profile):
    """Put the profile's users into the network groups they are listed for."""

    portal_groups = api.portal.get_tool("portal_groups")
    for user in profile_users(profile):
        for grant in user.get("network_roles", ()):
            network = site.unrestrictedTraverse(grant["network"])
            group_id = group_ids(network)[grant["group"]]
            if user["id"] not in portal_groups.getGroupById(group_id).getMemberIds():
                portal_groups.addPrincipalToGroup(user["id"], group_id)


def set_passwords(passwords):
    """Set the passwords of existing portal users (``{login: password}``)."""
    acl_users = api.portal.get_tool("acl_users")
    for login, password in passwords.items():
        if api.user.get(userid=login) is not None:
            acl_users.userSetPassword(login, password)


def set_mail_sender(site, profile):
    """The sender address of the portal's mails, when the profile names one."""

    sender = profile.get("mail_sender")
    if sender:
        mail.configure(site, sender=sender["address"], name=sender.get("name"))
