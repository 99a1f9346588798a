"""A small network with three partners and an agreement, for agreement tests."""

from datetime import date
from kooperation.testing import create_network
from plone import api

import pytest


@pytest.fixture
def network(portal):
    return create_network(portal, (("a", "Partner A"), ("b", "Partner B"), ("c", "Partner C")))


@pytest.fixture
def agreement(network):
    with api.env.adopt_roles(["Manager"]):
        obj = api.content.create(
            container=network,
            type="Agreement",
            id="agreement",
            title="Vereinbarung",
            parties=[network[p].UID() for p in "abc"],
            text_date=date(2015, 5, 1),
        )
        from kooperation.agreements.validity import IValidityRules
        from kooperation.deadlines import Period

        rules = IValidityRules(obj)
        rules.initial_term = Period(1, "years")
        rules.renewal_term = Period(1, "years")
        rules.notice_period = Period(6, "months")
    return obj


@pytest.fixture
def for_signature(agreement):
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(obj=agreement, transition="freeze_for_signature")
    return agreement
