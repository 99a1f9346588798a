"""Fixtures of the audit tests: a request with an address, users and the agreement set-up."""

from datetime import date
from kooperation.testing import create_network
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID

import pytest


@pytest.fixture
def as_manager(portal):
    setRoles(portal, TEST_USER_ID, ["Manager"])


@pytest.fixture
def request_from(portal):
    """The test request, as if it came through a proxy."""
    request = portal.REQUEST
    request.environ["REMOTE_ADDR"] = "10.1.2.3"
    request.environ["HTTP_X_FORWARDED_FOR"] = "203.0.113.9"
    return request


@pytest.fixture
def network(portal):
    return create_network(portal, (("a", "Partner A"), ("b", "Partner B")))


@pytest.fixture
def for_signature(network):
    with api.env.adopt_roles(["Manager"]):
        obj = api.content.create(
            container=network,
            type="Agreement",
            id="agreement",
            title="Vereinbarung",
            parties=[network[p].UID() for p in "ab"],
            text_date=date(2015, 5, 1),
        )
        api.content.transition(obj=obj, transition="freeze_for_signature")
    return obj
