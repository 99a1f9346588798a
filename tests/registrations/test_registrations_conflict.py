"""Two transactions on one database register at the same time (as two threads or two
instances do): what they share decides whether they conflict.

Different seats: both commit. The same last seat, the same address, the same waiting
place or a partner's last quota seat: the second commit raises ConflictError and Zope's
retry (a new transaction on the committed state) decides again. That a merging counter
(BTrees.Length) would overbook is shown on plain ZODB objects in
tests/registrations/test_registrations_rules_concurrency.py.
"""

from contextlib import contextmanager
from datetime import datetime
from datetime import UTC
from kooperation.registrations import ledger
from kooperation.registrations.form import parse
from kooperation.testing import create_network
from plone import api
from registrations_helpers import body
from registrations_helpers import make_event
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
    assert event.getOrdering().__class__.__name__ == "UnorderedOrdering"
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

    def submit(self, n, **extra):
        with self.site() as event:
            with api.env.adopt_roles(["Manager"]):
                return ledger.submit(event, parse(event, body(n, **extra)), now=NOW).state

    def change(self, **settings):
        self.tm.begin()
        with self.site() as event:
            for name, value in settings.items():
                setattr(event, name, value)
        self.tm.commit()

    def cancel(self, n):
        with self.site() as event:
            found = [o for o in ledger.objects(event) if o.email == f"person{n}@example.org"]
            return ledger.cancel(found[0], now=NOW, deadline=False)

    def positions(self):
        """E-mail -> waiting place of the committed registrations."""
        self.tm.begin()
        with self.site() as event:
            return {o.email: o.position for o in ledger.objects(event)}

    def states(self):
        self.tm.begin()
        with self.site() as event:
            return [api.content.get_state(o) for o in ledger.objects(event)]

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


def race(first, second, one, other):
    """Both decide on the same state; the first commits. Returns the second's fate."""
    one(first)
    other(second)
    first.tm.commit()
    try:
        second.tm.commit()
    except ConflictError:
        second.tm.abort()
        return "conflict"
    return "committed"


def test_two_registrations_for_different_seats_both_commit(pair):
    first, second = pair
    first.change(capacity=20)
    first.tm.begin()
    first.submit(1)  # the seat numbers exist
    first.tm.commit()
    fates = []
    for n in range(2, 12, 2):
        first.tm.begin()
        second.tm.begin()
        fates.append(
            race(first, second, lambda c, n=n: c.submit(n), lambda c, n=n: c.submit(n + 1))
        )
    # Seat numbers are picked at random among the free ones: two of five pairs may meet
    # on one number or one bucket split of a BTree; most pass side by side.
    assert fates.count("committed") >= 3, fates
    assert sorted(first.states()) == ["confirmed"] * (
        1 + 2 * fates.count("committed") + fates.count("conflict")
    )


def test_the_same_address_twice_at_once_conflicts(pair):
    first, second = pair
    first.change(capacity=5)
    first.tm.begin()
    second.tm.begin()
    assert race(first, second, lambda c: c.submit(1), lambda c: c.submit(1)) == "conflict"
    second.tm.begin()
    assert second.submit(1) == "refused"


def test_two_joins_of_the_waiting_list_conflict_and_the_retry_is_next(pair):
    first, second = pair
    first.tm.begin()
    first.submit(1)  # the seat
    first.tm.commit()
    first.tm.begin()
    second.tm.begin()
    assert race(first, second, lambda c: c.submit(2), lambda c: c.submit(3)) == "conflict"
    second.tm.begin()
    assert second.submit(3) == "waiting"
    second.tm.commit()
    assert second.positions() == {
        "person1@example.org": None,
        "person2@example.org": 1,
        "person3@example.org": 2,
    }


def test_a_cancellation_and_a_join_of_the_waiting_list_conflict(pair):
    first, second = pair
    first.tm.begin()
    first.submit(1)
    first.submit(2)  # waiting 1
    first.tm.commit()
    first.tm.begin()
    second.tm.begin()
    fate = race(first, second, lambda c: c.cancel(1), lambda c: c.submit(3))
    assert fate == "conflict"  # else person 3 would be told place 2 of a list of 1
    second.tm.begin()
    assert second.submit(3) == "waiting"
    second.tm.commit()
    assert second.positions() == {
        "person1@example.org": None,
        "person2@example.org": None,
        "person3@example.org": 1,
    }


def test_a_partners_last_quota_seat_conflicts(pair, functional):
    first, second = pair
    uid = functional["portal"]["net"]["a"].UID()
    first.change(capacity=10, quotas={uid: 1}, quota_full="refuse")
    first.tm.begin()
    second.tm.begin()
    fate = race(
        first, second, lambda c: c.submit(1, partner=uid), lambda c: c.submit(2, partner=uid)
    )
    assert fate == "conflict"
    second.tm.begin()
    assert second.submit(2, partner=uid) == "refused"
