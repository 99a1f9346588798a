"""Zope fixtures: the seed agreement (three parties, in force since 20.05.2015) and a fourth
partner, Stadt Oberhausen, who may join."""

from amendments_helpers import build_agreement
from amendments_helpers import build_network

import pytest


@pytest.fixture
def network(portal):
    return build_network(portal)


@pytest.fixture
def agreement(network):
    return build_agreement(network)
