"""The short form of bench/registrations.py: concurrent clients against the real WSGI
server of the test layer; none overbooked, none lost, none twice, no 5xx.

No lock orders the requests: registrations that take different seats commit side by
side, those that meet on a seat, an address or a waiting place conflict, and Zope's
retry (as many as an instance's zope.conf allows) decides them again."""

from kooperation.testing import create_network
from registrations_helpers import make_event

import pytest
import requests
import threading
import transaction


CLIENTS = 30
SEATS = 5


@pytest.fixture
def event_url(functional):
    portal = functional["portal"]
    net = create_network(portal, [("a", "Jobcenter")])
    make_event(net, capacity=SEATS, waiting_list=SEATS)
    transaction.commit()
    return f"http://{functional['host']}:{functional['port']}/plone/net/workshop"


@pytest.fixture
def retries(monkeypatch):
    """The retries of an instance (the test server leaves Zope's default of none)."""
    from kooperation.cli.instance import MAX_CONFLICT_RETRIES
    from ZPublisher.HTTPRequest import HTTPRequest

    monkeypatch.setattr(HTTPRequest, "retry_max_count", MAX_CONFLICT_RETRIES)


@pytest.mark.parametrize("run", range(2))
def test_concurrent_registrations_never_overbook(event_url, retries, run):
    from plone.app.testing import SITE_OWNER_NAME
    from plone.app.testing import SITE_OWNER_PASSWORD

    auth = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
    barrier = threading.Barrier(CLIENTS)
    results = [None] * CLIENTS

    def one(i):
        body = {"fullname": f"P {i}", "email": f"p{i}@example.org", "consent": True}
        barrier.wait()
        answer = requests.post(
            f"{event_url}/@registrations",
            json=body,
            auth=auth,
            headers={"Accept": "application/json"},
            timeout=120,
        )
        results[i] = (answer.status_code, answer.json())

    threads = [threading.Thread(target=one, args=(i,)) for i in range(CLIENTS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    statuses = sorted(status for status, _ in results)
    assert statuses == [201] * (2 * SEATS) + [409] * (CLIENTS - 2 * SEATS)
    created = [answer for status, answer in results if status == 201]
    assert sum(a["state"] == "confirmed" for a in created) == SEATS
    positions = sorted(a["position"] for a in created if a["state"] == "waiting")
    assert positions == list(range(1, SEATS + 1))
    listing = requests.get(
        f"{event_url}/@registrations",
        auth=auth,
        headers={"Accept": "application/json"},
        timeout=60,
    ).json()
    ids = [item["id"] for item in listing["items"]]
    assert sorted(ids) == sorted(a["id"] for a in created)  # none lost, none twice
    assert listing["counts"]["seats_taken"] == SEATS
