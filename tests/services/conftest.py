"""HTTP against the demo site on a real WSGI server (acceptance layer)."""

from datetime import date
from kooperation.workspace import confirm_person
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD

import pytest
import requests
import transaction


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
    """A signatory of the Jobcenter, a reader of the network, and an outsider."""
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


@pytest.fixture
def draft_agreement(acceptance):
    """A draft agreement between two demo partners; returns its path below the site."""
    portal = acceptance["portal"]
    network = portal["oberhausen"]
    with api.env.adopt_roles(["Manager"]):
        api.content.create(
            container=network,
            type="Agreement",
            id="entwurf",
            title="Entwurf",
            parties=[network["jobcenter-oberhausen"].UID(), network["zib"].UID()],
        )
    transaction.commit()
    return "oberhausen/entwurf"
