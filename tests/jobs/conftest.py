"""Fixtures of the job tests: the network and agreement of ``jobs_helpers``, a mail catcher.

``network``, ``agreement`` and ``in_force`` build them in the test's own site. A module
whose tests start from the agreement in force takes them from a layer instead, built
once (``jobs_helpers.IN_FORCE_FIXTURE``): it overrides ``portal``, ``network`` and
``in_force`` with ``in_force_portal``, ``in_force_network`` and ``in_force_agreement``
(and a class there whose tests need a site without them overrides them back).
"""

from Acquisition import aq_base
from jobs_helpers import build_agreement
from jobs_helpers import build_network
from jobs_helpers import IN_FORCE_FIXTURE
from jobs_helpers import IN_FORCE_INTEGRATION_TESTING
from jobs_helpers import parse
from jobs_helpers import SENDER
from jobs_helpers import sign_all
from plone import api
from plone.app.testing.utils import MockMailHost
from Products.MailHost.interfaces import IMailHost
from pytest_plone import fixtures_factory
from zope.component import getSiteManager

import pytest


globals().update(
    fixtures_factory(((IN_FORCE_INTEGRATION_TESTING, "in_force_site"),), keep_session=False)
)


@pytest.fixture
def network(portal):
    return build_network(portal)


@pytest.fixture
def agreement(network):
    return build_agreement(network)


@pytest.fixture
def in_force(agreement):
    sign_all(agreement)
    assert api.content.get_state(agreement) == "in_force"
    return agreement


@pytest.fixture
def in_force_portal(in_force_site):
    """The site of IN_FORCE_INTEGRATION_TESTING (network and agreement in force)."""
    return in_force_site["portal"]


@pytest.fixture
def in_force_network(in_force_site):
    return IN_FORCE_FIXTURE.objects(in_force_site["portal"])["network"]


@pytest.fixture
def in_force_agreement(in_force_site):
    return IN_FORCE_FIXTURE.objects(in_force_site["portal"])["in_force"]


@pytest.fixture
def mailhost(portal):
    """Collect mails in a MockMailHost (``.messages``); the site has a sender."""
    original = portal.MailHost
    mock = MockMailHost("MailHost")
    portal.MailHost = mock
    sm = getSiteManager(portal)
    sm.unregisterUtility(provided=IMailHost)
    sm.registerUtility(mock, provided=IMailHost)
    api.portal.set_registry_record("plone.email_from_address", SENDER)
    api.portal.set_registry_record("plone.email_from_name", "Kooperation Test")
    yield mock
    portal.MailHost = original
    sm.unregisterUtility(provided=IMailHost)
    sm.registerUtility(aq_base(original), provided=IMailHost)


@pytest.fixture
def sent(mailhost):
    """The messages sent so far, parsed."""
    return lambda: [parse(raw) for raw in mailhost.messages]
