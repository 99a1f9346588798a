"""Fixtures of the dashboard tests: agreements with known deadlines (dashboard_data),
the request with the add-on's layer, and HTTP clients for the demo site."""

from dashboard_data import DEADLINES_FIXTURE
from dashboard_data import DEADLINES_INTEGRATION_TESTING
from dashboard_data import index_as_of
from dashboard_data import INDEX_DAY
from datetime import date
from kooperation.interfaces import IKooperationLayer
from kooperation.workspace import confirm_person
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from pytest_plone import fixtures_factory
from zope.interface import alsoProvides

import pytest
import requests
import transaction


globals().update(
    fixtures_factory(((DEADLINES_INTEGRATION_TESTING, "deadlines"),), keep_session=False)
)


@pytest.fixture
def portal(deadlines):
    """The site of the dashboard's integration tests holds the agreements of the table
    (``agreements``), built once per layer set-up; each test is rolled back."""
    return deadlines["portal"]


@pytest.fixture
def index_day():
    """Index deadlines as of INDEX_DAY instead of today."""
    undo = index_as_of(INDEX_DAY)
    yield INDEX_DAY
    undo()


@pytest.fixture
def layer_request(portal):
    request = portal.REQUEST
    alsoProvides(request, IKooperationLayer)
    return request


@pytest.fixture
def agreements(portal, index_day):
    """Network ``net`` (partners a, b, c) with the agreements of the table, ``net2``
    (partners x, y) with ``omega`` (dashboard_data.make_agreements, in the layer)."""
    return DEADLINES_FIXTURE.objects(portal)


# HTTP against the demo site (acceptance layer), as in tests/services.


class Client:
    def __init__(self, base, auth=None):
        self.base = base
        self.auth = auth

    def __call__(self, method, path, **kwargs):
        headers = {"Accept": "application/json", **kwargs.pop("headers", {})}
        url = path if path.startswith("http") else f"{self.base}/{path.lstrip('/')}"
        return requests.request(method, url, headers=headers, auth=self.auth, timeout=60, **kwargs)


@pytest.fixture
def site_url(acceptance):
    return f"http://{acceptance['host']}:{acceptance['port']}/plone"


@pytest.fixture
def manager(site_url):
    return Client(site_url, (SITE_OWNER_NAME, SITE_OWNER_PASSWORD))


@pytest.fixture
def anonymous(site_url):
    return Client(site_url)


@pytest.fixture
def users(acceptance, site_url):
    """Petra signs for the Jobcenter; a reader of the network; an outsider."""
    portal = acceptance["portal"]
    network = portal["oberhausen"]
    with api.env.adopt_roles(["Manager"]):
        for name in ("petra", "reader", "outsider"):
            api.user.create(email=f"{name}@example.org", username=name, password="secret-pw-123")
        api.user.grant_roles(username="petra", obj=network, roles=["Signatory", "Reader"])
        api.user.grant_roles(username="reader", obj=network, roles=["Reader"])
        person = network["jobcenter-oberhausen"]["geschaeftsfuehrung"]
        person.user_id = "petra"
        confirm_person(person, by="test")  # the Jobcenter confirms Petra
        network.reindexObjectSecurity()  # the catalog learns of the local roles
    transaction.commit()
    return {
        name: Client(site_url, (name, "secret-pw-123")) for name in ("petra", "reader", "outsider")
    }


@pytest.fixture
def draft_for_signature(acceptance):
    """A second agreement of the demo partners, frozen for signature."""
    portal = acceptance["portal"]
    network = portal["oberhausen"]
    with api.env.adopt_roles(["Manager"]):
        obj = api.content.create(
            container=network,
            type="Agreement",
            id="neue-vereinbarung",
            title="Neue Vereinbarung",
            parties=[network["jobcenter-oberhausen"].UID(), network["bfo"].UID()],
            text_date=date(2026, 1, 15),
        )
        api.content.transition(obj=obj, transition="freeze_for_signature")
    transaction.commit()
    return obj
