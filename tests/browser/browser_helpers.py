"""What the browser tests share: a portal user in a network group, and the login form."""

from kooperation.workspace import group_ids
from plone import api

import transaction


def network_user(portal, kind, username, password, email, fullname, network="oberhausen"):
    """A user in the ``kind`` group (members, editors, coordinators) of ``network``; committed."""
    with api.env.adopt_roles(["Manager"]):
        api.user.create(
            username=username,
            password=password,
            email=email,
            properties={"fullname": fullname},
        )
        api.group.add_user(groupname=group_ids(portal[network])[kind], username=username)
    transaction.commit()
    return username


def login(page, site_url, user, password):
    """Log in through Plone's login form, as a person would."""
    page.goto(f"{site_url}/login")
    page.fill("#__ac_name", user)
    page.fill("#__ac_password", password)
    page.click("#buttons-login")
    page.wait_for_load_state("networkidle")
