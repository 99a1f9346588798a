from kooperation.testing import create_network

import pytest


@pytest.fixture
def net(portal):
    return create_network(portal, [("a", "Jobcenter"), ("b", "Jugendamt")])
