"""Fixtures of the job tests: the network and agreement of ``jobs_helpers``, a mail catcher."""

from Acquisition import aq_base
from jobs_helpers import build_agreement
from jobs_helpers import build_network
from jobs_helpers import parse
from jobs_helpers import SENDER
from jobs_helpers import sign_all
from plone import api
from plone.app.testing.utils import MockMailHost
from Products.MailHost.interfaces import IMailHost
from zope.component import getSiteManager

import pytest


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
