"""Zope fixtures: the seed agreement (three parties, in force since 20.05.2015) and a fourth
partner, Stadt Oberhausen, who may join; built once per layer set-up (amendments_helpers)."""

from amendments_helpers import SEED_FIXTURE
from amendments_helpers import SEED_INTEGRATION_TESTING
from pytest_plone import fixtures_factory

import pytest


globals().update(fixtures_factory(((SEED_INTEGRATION_TESTING, "seed"),), keep_session=False))


@pytest.fixture
def portal(seed):
    """The site of this folder's integration tests holds the seed network and agreement;
    each test is rolled back."""
    return seed["portal"]


@pytest.fixture
def network(portal):
    return SEED_FIXTURE.objects(portal)["network"]


@pytest.fixture
def agreement(portal, network):
    return SEED_FIXTURE.objects(portal)["agreement"]
