"""Why "count < capacity, then add" with a merging counter overbooks (pure simulation).

Two transactions start from the same committed state with one seat left. Both read the count,
both see a free seat, both add a registration. With a ``BTrees.Length``-style counter and
registrations inserted into one BTree, ZODB's conflict resolution merges the two writes and
both commit: the event has one participant too many. When every registration check writes one
plain, non-resolving object instead, the second commit conflicts, Zope retries the request and
``register`` decides again on the state the first one committed: the second person waits.
The real test against the WSGI server and RelStorage comes with the Zope side.
"""

from datetime import datetime
from kooperation.registrations.rules import Event
from kooperation.registrations.rules import register
from kooperation.registrations.rules import seats_taken
from kooperation.registrations.rules import Submission

import pytest


NOW = datetime(2026, 4, 1, 12)
EVENT = Event(start=datetime(2026, 6, 10, 9), capacity=3, waiting_list=2)


class ConflictError(Exception):
    """What ZODB raises when two transactions wrote the same object and it cannot merge."""


class Database:
    """Committed objects with a serial each; a commit checks the serials it read.

    ``merging`` names the objects that resolve conflicts like ``BTrees.Length``
    (old + both deltas) and a BTree with distinct inserted keys (union)."""

    def __init__(self, objects, merging=()):
        self.objects = dict(objects)
        self.serials = dict.fromkeys(objects, 0)
        self.merging = set(merging)

    def begin(self):
        return Transaction(self)

    def commit(self, txn):
        for name, value in txn.writes.items():
            if self.serials[name] != txn.serials[name]:  # someone committed it meanwhile
                if name not in self.merging:
                    raise ConflictError(name)
                value = self._resolve(txn.snapshot[name], self.objects[name], value)
            self.objects[name] = value
            self.serials[name] += 1

    @staticmethod
    def _resolve(old, committed, mine):
        if isinstance(old, int):  # BTrees.Length._p_resolveConflict
            return committed + mine - old
        merged = dict(committed)  # BTree: inserts of different keys merge
        merged.update({k: v for k, v in mine.items() if k not in old})
        return merged


class Transaction:
    def __init__(self, db):
        self.snapshot = dict(db.objects)
        self.serials = dict(db.serials)
        self.writes = {}

    def read(self, name):
        return self.writes.get(name, self.snapshot[name])

    def write(self, name, value):
        self.writes[name] = value


def sub(n):
    return Submission(f"r{n}", f"p{n}@example.org", NOW)


def two_people_one_seat(merging):
    """A database with two of three seats taken; the registrations as committed."""
    regs = ()
    for n in range(2):
        _, regs = register(EVENT, regs, sub(n), NOW)
    objects = {"count": 2, "registrations": {r.id: r for r in regs}, "ledger": regs}
    return Database(objects, merging)


def naive_register(txn, submission):
    """The overbooking pattern: count < capacity, then add and increment."""
    if txn.read("count") < EVENT.capacity:
        regs = dict(txn.read("registrations"))
        _, added = register(EVENT, (), submission, NOW)
        regs[submission.id] = added[0]
        txn.write("registrations", regs)
        txn.write("count", txn.read("count") + 1)


def ledger_register(txn, submission):
    """The safe pattern: decide on the ledger, write the whole ledger (plain, non-resolving)."""
    decision, regs = register(EVENT, txn.read("ledger"), submission, NOW)
    txn.write("ledger", regs)
    return decision


def run_with_retry(db, work, submission, attempts=3):
    """Zope's publisher: on ConflictError, run the whole request again on fresh state."""
    for _ in range(attempts):
        txn = db.begin()
        result = work(txn, submission)
        try:
            db.commit(txn)
        except ConflictError:
            continue
        return result
    raise ConflictError("gave up")


def test_merging_counter_overbooks():
    db = two_people_one_seat(merging={"count", "registrations"})
    first, second = db.begin(), db.begin()  # both read count == 2
    naive_register(first, sub(10))
    naive_register(second, sub(11))
    db.commit(first)
    db.commit(second)  # merged, no conflict
    assert db.objects["count"] == 4
    regs = db.objects["registrations"].values()
    assert seats_taken(regs) == 4 > EVENT.capacity


def test_plain_ledger_conflicts_and_the_retry_waits_the_second():
    db = two_people_one_seat(merging=())
    first, second = db.begin(), db.begin()  # interleaved: both see one free seat
    assert ledger_register(first, sub(10)).outcome == "confirmed"
    assert ledger_register(second, sub(11)).outcome == "confirmed"  # on a stale read
    db.commit(first)
    with pytest.raises(ConflictError):
        db.commit(second)
    retried = run_with_retry(db, ledger_register, sub(11))  # re-run on serialized state
    assert (retried.outcome, retried.position) == ("waiting", 1)
    ledger = db.objects["ledger"]
    assert seats_taken(ledger) == EVENT.capacity
    assert [r.id for r in ledger] == ["r0", "r1", "r10", "r11"]


def test_retried_submissions_fill_seats_then_list_then_refuse():
    db = two_people_one_seat(merging=())
    outcomes = []
    for n in range(10, 15):
        # every request starts with a stale transaction that another request beats
        stale = db.begin()
        ledger_register(stale, sub(n))
        run_with_retry(db, ledger_register, sub(100 + n))
        with pytest.raises(ConflictError):
            db.commit(stale)
        outcomes.append(run_with_retry(db, ledger_register, sub(n)).outcome)
    ledger = db.objects["ledger"]
    assert seats_taken(ledger) == EVENT.capacity
    assert sum(r.state == "waiting" for r in ledger) == EVENT.waiting_list
    assert outcomes == ["waiting", "refused", "refused", "refused", "refused"]
