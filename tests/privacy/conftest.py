"""A network where the user "petra" signs for partner A and her e-mail names a person of B."""

from datetime import date
from kooperation.testing import add_person
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID

import pytest


PASSWORD = "secret-pw-123"


def build(portal):
    """Users, network, persons and an agreement signed by petra; returns the agreement."""
    with api.env.adopt_roles(["Manager"]):
        api.user.create(
            email="petra@example.org",
            username="petra",
            password=PASSWORD,
            properties={"fullname": "Petra Demo"},
        )
        api.user.create(email="clerk@example.org", username="clerk", password=PASSWORD)
        api.group.create(groupname="readers", title="Leserinnen")
        api.group.add_user(groupname="readers", username="petra")
        net = api.content.create(container=portal, type="Network", id="net", title="Netz")
        api.user.grant_roles(username="petra", obj=net, roles=["Reader"])
        for pid, title in (("a", "Partner A"), ("b", "Partner B")):
            api.content.create(
                container=net, type="Partner", id=pid, title=title, partner_kind="other"
            )
        add_person(
            container=net["a"],
            id="petra",
            title="Petra Demo",
            position="Geschäftsführung",
            email="petra@example.org",
            phone="0208 123",
            may_sign=True,
            signing_from=date(2010, 1, 1),
            user_id="petra",
        )
        add_person(
            container=net["b"],
            id="contact",
            title="P. Demo",
            email="Petra@Example.org",
            phone="0208 456",
        )
        add_person(
            container=net["b"],
            id="boss",
            title="Chef B",
            position="Amtsleitung",
            may_sign=True,
            signing_from=date(2010, 1, 1),
        )
        agreement = api.content.create(
            container=net,
            type="Agreement",
            id="agreement",
            title="Vereinbarung",
            parties=[net["a"].UID(), net["b"].UID()],
            text_date=date(2015, 5, 1),
        )
        api.content.transition(obj=agreement, transition="freeze_for_signature")
    from kooperation.agreements.signatures import record_signature

    record_signature(agreement, net["a"]["petra"].UID(), date(2026, 1, 5), "petra", False)
    record_signature(
        agreement, net["b"]["boss"].UID(), date(2026, 1, 6), "petra", True, qes_reference="Q"
    )
    with api.env.adopt_user(username="petra"), api.env.adopt_roles(["Manager"]):
        api.content.create(container=portal, type="Document", id="notes", title="Notizen")
    return agreement


@pytest.fixture
def agreement(portal):
    setRoles(portal, TEST_USER_ID, ["Manager"])
    return build(portal)


@pytest.fixture
def build_site():
    """``build`` for tests on other layers (e.g. the functional one)."""
    return build
