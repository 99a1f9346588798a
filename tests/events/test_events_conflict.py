"""Two transactions on one database register for the last seat at the same time.

The event folder is unordered here (its inserts merge), so only the ledger conflicts.

With the seat ledger the second commit raises ConflictError and the retry decides again
(waiting list). That a merging counter (BTrees.Length) would overbook is shown on plain
ZODB objects in tests/registration/test_registration_concurrency.py: on Plone content the
event folder itself is rewritten by an insert (modification date), which also conflicts,
so the ledger is what keeps it safe when that ever changes.
"""

from contextlib import contextmanager
from datetime import datetime
from datetime import UTC
from events_helpers import body
from events_helpers import make_event
from kooperation.events import registrations
from kooperation.events.form import parse
from kooperation.testing import create_network
from plone import api
from ZODB.POSException import ConflictError
from zope.component.hooks import getSite
from zope.component.hooks import setSite

import pytest
import transaction


NOW = datetime(2026, 11, 25, 12, tzinfo=UTC)


@pytest.fixture
def db(functional):
    portal = functional["portal"]
    net = create_network(portal, [("a", "Jobcenter")])
    event = make_event(net, capacity=1, waiting_list=5)
    # An ordered folder's id list would conflict on any two inserts; unordered, the
    # folder's BTree merges them, so the seat ledger alone must make the writes conflict.
    event.setOrdering("unordered")
    transaction.commit()
    return portal._p_jar.db(), "/".join(portal.getPhysicalPath())


class Connection:
    """A second ZODB connection with its own transaction manager, like a second thread."""

    def __init__(self, db, portal_path):
        self.tm = transaction.TransactionManager()
        self.conn = db.open(self.tm)
        self.portal = self.conn.root()["Application"].unrestrictedTraverse(portal_path)

    @contextmanager
    def site(self):
        old = getSite()
        setSite(self.portal)
        try:
            yield self.portal["net"]["workshop"]
        finally:
            setSite(old)

    def submit(self, n):
        with self.site() as event:
            with api.env.adopt_roles(["Manager"]):
                return registrations.submit(event, parse(event, body(n)), now=NOW).state

    def states(self):
        self.tm.begin()
        with self.site() as event:
            return [api.content.get_state(o) for o in registrations.objects(event)]

    def close(self):
        self.tm.abort()
        self.conn.close()


@pytest.fixture
def pair(db):
    first, second = Connection(*db), Connection(*db)
    first.tm.begin()
    second.tm.begin()
    yield first, second
    first.close()
    second.close()


def test_the_second_commit_conflicts_and_the_retry_waits(pair):
    first, second = pair
    assert first.submit(1) == "confirmed"
    assert second.submit(2) == "confirmed"  # both saw the last seat free
    first.tm.commit()
    with pytest.raises(ConflictError):
        second.tm.commit()
    second.tm.abort()
    # Zope's retry: a new transaction on the committed state decides again.
    second.tm.begin()
    assert second.submit(2) == "waiting"
    second.tm.commit()
    assert sorted(first.states()) == ["confirmed", "waiting"]


def test_committed_outlasts_more_conflicts_than_zopes_retries(db, functional, monkeypatch):
    """Another instance commits a registration between our read and our commit, five
    times in a row (Zope's publisher gives up after three retries and answers 500).
    ``service.committed`` decides again on the committed state each time: never a seat or
    a waiting place too many."""
    from kooperation.events import service

    monkeypatch.setattr(service.time, "sleep", lambda seconds: None)
    event = functional["portal"]["net"]["workshop"]
    other = Connection(*db)
    rivals = iter(range(10, 15))  # five rivals: the seat and waiting places 1..4
    attempts = []

    def action():
        outcome = registrations.submit(event, parse(event, body(1)), now=NOW)
        attempts.append(outcome.state)
        rival = next(rivals, None)
        if rival is not None:  # the other instance is quicker
            other.tm.begin()
            assert other.submit(rival) in ("confirmed", "waiting")
            other.tm.commit()
        return outcome

    try:
        outcome = service.committed(action)
    finally:
        other.close()
    assert len(attempts) == 6  # five conflicts, then committed
    assert attempts[0] == "confirmed"  # what the first read saw, never committed
    assert (outcome.state, outcome.registration.position) == ("waiting", 5)
    states = sorted(api.content.get_state(o) for o in registrations.objects(event))
    assert states == ["confirmed"] + ["waiting"] * 5  # one seat, five waiting places
    positions = sorted(o.position for o in registrations.objects(event) if o.position)
    assert positions == [1, 2, 3, 4, 5]


def test_committed_gives_up_after_its_attempts(db, functional, monkeypatch):
    from kooperation.events import service

    monkeypatch.setattr(service.time, "sleep", lambda seconds: None)
    event = functional["portal"]["net"]["workshop"]
    other = Connection(*db)
    rivals = iter(range(10, 20))

    def action():
        outcome = registrations.submit(event, parse(event, body(1)), now=NOW)
        other.tm.begin()
        other.submit(next(rivals))
        other.tm.commit()
        return outcome

    try:
        with pytest.raises(ConflictError):
            service.committed(action, attempts=3)
    finally:
        other.close()
    transaction.begin()
    assert "person1@example.org" not in [o.email for o in registrations.objects(event)]
