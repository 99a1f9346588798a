"""A member (network with the member profile) with editor and coordinator users, and
the seed's 15 budget measures (tests/members/reporting_seed.py) as content.

Both are built once when the layer MEMBER_INTEGRATION_TESTING is set up instead of by
every test; ``portal`` here is that layer's site (each test rolled back), for the tests
of this folder on the add-on's integration layer (test_members_action.py, which needs
no content, takes the plain site).
"""

from kooperation.interfaces import IKooperationLayer
from kooperation.testing import ContentLayer
from kooperation.workspace import group_ids
from plone import api
from plone.app.testing import IntegrationTesting
from pytest_plone import fixtures_factory
from reporting_seed import BUDGET
from reporting_seed import MID_YEAR
from reporting_seed import REPORT_DAY
from reporting_seed import SEED_MEASURES
from zope.interface import alsoProvides

import pytest


def places_rows(sphere, planned, occupied, number):
    """The JSON rows of a seed measure: 30.06.2018 and 15.11.2018 (see reporting_seed)."""
    earlier = occupied - 1 if number <= 8 else occupied
    return [
        {
            "date": MID_YEAR.isoformat(),
            "waiting_list": 2 if number == 1 else 0,
            "places": {sphere: {"planned": planned, "occupied": earlier}},
        },
        {
            "date": REPORT_DAY.isoformat(),
            "waiting_list": 0,
            "places": {sphere: {"planned": planned, "occupied": occupied}},
        },
    ]


def build(portal):
    """The member ``offenbach`` with its users and the project ``budget``."""
    with api.env.adopt_roles(["Manager"]):
        for user_id in ("editor", "coordinator", "outsider"):
            api.user.create(email=f"{user_id}@example.org", username=user_id, password="pw-0815x")
        net = api.content.create(
            container=portal,
            type="Network",
            id="offenbach",
            title="Kreis Offenbach",
            association_member=True,
            region="Hessen",
            inhabitants=350000,
        )
        ids = group_ids(net)
        api.group.add_user(groupname=ids["editors"], username="editor")
        api.group.add_user(groupname=ids["coordinators"], username="coordinator")
    with api.env.adopt_user(username="coordinator"):
        project = api.content.create(
            container=net, type="Project", id="budget", title=BUDGET, legal_spheres=["SGB II"]
        )
        for number, (sphere, planned, occupied, refugees) in enumerate(SEED_MEASURES, 1):
            api.content.create(
                container=project,
                type="Measure",
                id=f"m{number}",
                title=f"Maßnahme {number}",
                open_to_refugees=refugees,
                places=places_rows(sphere, planned, occupied, number),
            )
    return {"member": net, "budget": project}


MEMBER_FIXTURE = ContentLayer(build, name="MembersLayer")
MEMBER_INTEGRATION_TESTING = IntegrationTesting(
    bases=(MEMBER_FIXTURE,), name="MembersLayer:Integration"
)
globals().update(
    fixtures_factory(((MEMBER_INTEGRATION_TESTING, "member_site"),), keep_session=False)
)


@pytest.fixture
def portal(member_site):
    return member_site["portal"]


@pytest.fixture
def member(portal):
    alsoProvides(portal.REQUEST, IKooperationLayer)
    return MEMBER_FIXTURE.objects(portal)["member"]


@pytest.fixture
def budget(member):
    return member["budget"]
