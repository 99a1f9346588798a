"""Properties of the registration rules over generated sequences (hypothesis)."""

from datetime import datetime
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st
from kooperation.registrations.rules import cancel
from kooperation.registrations.rules import Event
from kooperation.registrations.rules import register
from kooperation.registrations.rules import seats_taken
from kooperation.registrations.rules import Submission
from kooperation.registrations.rules import waiting


NOW = datetime(2026, 4, 1, 12)
PARTNERS = ("ZIB", "Stadt", "Jobcenter", "")
SETTINGS = settings(max_examples=200, deadline=None)


@st.composite
def events(draw, quotas=True):
    chosen = {}
    if quotas:
        for partner in draw(st.sets(st.sampled_from(PARTNERS))):
            chosen[partner] = draw(st.integers(0, 4))
    return Event(
        start=datetime(2026, 6, 10, 9),
        capacity=draw(st.integers(0, 6)),
        waiting_list=draw(st.integers(0, 6)),
        quotas=chosen,
        quota_full=draw(st.sampled_from(("wait", "refuse"))),
        approval=draw(st.booleans()),
    )


# ("register", email number, partner) or ("cancel", index into the registrations);
# three registrations to one cancellation, so that the waiting list fills up.
_register = st.tuples(st.just("register"), st.integers(0, 40), st.sampled_from(PARTNERS))
_cancel = st.tuples(st.just("cancel"), st.integers(0, 30))
operations = st.lists(st.one_of(_register, _register, _register, _cancel), max_size=40)


def run(event, ops, check):
    regs = ()
    for n, op in enumerate(ops):
        before = regs
        if op[0] == "register":
            submission = Submission(f"r{n}", f"p{op[1]}@example.org", NOW, op[2])
            _, regs = register(event, regs, submission, NOW)
            promoted = ()
        else:
            live = [r for r in regs if r.state in ("confirmed", "waiting", "pending")]
            if not live:
                continue
            change = cancel(event, regs, live[op[1] % len(live)].id, NOW)
            regs, promoted = change.registrations, change.promoted
        check(event, before, op, regs, promoted)
    return regs


def invariants(event, before, op, regs, promoted):
    assert seats_taken(regs) <= event.capacity
    for partner, quota in event.quotas.items():
        assert seats_taken(regs, partner) <= quota
    queue = waiting(regs)
    assert [r.position for r in queue] == list(range(1, len(queue) + 1))
    assert len(queue) <= event.waiting_list
    # the queue keeps the order of arrival (ids are r<step>)
    assert [int(r.id[1:]) for r in queue] == sorted(int(r.id[1:]) for r in queue)
    emails = [r.email for r in regs if r.state != "cancelled"]
    assert len(emails) == len(set(emails))
    assert len(regs) == len({r.id for r in regs})


@SETTINGS
@given(events(), operations)
def test_never_overbooked_positions_without_gaps(event, ops):
    run(event, ops, invariants)


@SETTINGS
@given(events(quotas=False), operations)
def test_no_seat_idle_while_someone_waits(event, ops):
    def check(event, before, op, regs, promoted):
        invariants(event, before, op, regs, promoted)
        if waiting(regs):
            assert seats_taken(regs) == event.capacity

    run(event, ops, check)


@SETTINGS
@given(events(quotas=False), operations)
def test_cancelling_a_seat_with_a_waiting_list_promotes_exactly_one(event, ops):
    def check(event, before, op, regs, promoted):
        if op[0] != "cancel":
            return
        gone = next(r for r in before if r.state != "cancelled" and r.id not in _live(regs))
        if gone.state in ("confirmed", "pending") and waiting(before):
            first = waiting(before)[0]
            assert [p.id for p in promoted] == [first.id]
            assert len(waiting(regs)) == len(waiting(before)) - 1
        else:
            assert promoted == ()

    run(event, ops, check)


@SETTINGS
@given(events(), operations)
def test_with_quotas_a_cancellation_promotes_at_most_one_in_order(event, ops):
    def check(event, before, op, regs, promoted):
        if op[0] != "cancel":
            return
        assert len(promoted) <= 1
        for p in promoted:
            earlier = [w for w in waiting(before) if w.position < _position(before, p.id)]
            # everyone ahead of the promoted one is blocked by their partner's quota
            for w in earlier:
                assert w.partner in event.quotas
                assert seats_taken(regs, w.partner) >= event.quotas[w.partner]

    run(event, ops, check)


def _live(regs):
    return {r.id for r in regs if r.state != "cancelled"}


def _position(regs, registration_id):
    return next(r.position for r in regs if r.id == registration_id)


@SETTINGS
@given(
    st.integers(1, 8),
    st.integers(1, 8),
    st.data(),
    st.booleans(),
)
def test_cancelling_a_seat_of_a_full_event_promotes_exactly_one(capacity, size, data, approval):
    event = Event(
        start=datetime(2026, 6, 10, 9), capacity=capacity, waiting_list=size, approval=approval
    )
    people = data.draw(st.integers(capacity + 1, capacity + size))
    regs = ()
    for n in range(people):
        partner = data.draw(st.sampled_from(PARTNERS))
        _, regs = register(event, regs, Submission(f"r{n}", f"p{n}@x.de", NOW, partner), NOW)
    seated = [r for r in regs if r.state in ("confirmed", "pending")]
    queue = waiting(regs)
    assert len(seated) == capacity
    assert len(queue) == people - capacity
    leaving = data.draw(st.sampled_from(seated))
    change = cancel(event, regs, leaving.id, NOW)
    assert [p.id for p in change.promoted] == [queue[0].id]
    assert change.promoted[0].state == ("pending" if approval else "confirmed")
    after = waiting(change.registrations)
    assert [r.id for r in after] == [r.id for r in queue[1:]]
    assert [r.position for r in after] == list(range(1, len(queue)))
    assert seats_taken(change.registrations) == capacity


@SETTINGS
@given(events(), operations, st.integers(0, 40), st.sampled_from(PARTNERS))
def test_a_tally_decides_as_the_registrations_do(event, ops, email, partner):
    """The Zope side decides on a tally kept in claims (``decide_on``), the rules on the
    registrations (``decide``): after any history the two agree for any newcomer."""
    from kooperation.registrations.rules import decide
    from kooperation.registrations.rules import decide_on
    from kooperation.registrations.rules import tally

    regs = run(event, ops, lambda *args: None)
    newcomer = Submission("new", f"p{email}@example.org", NOW, partner)
    assert decide(event, regs, newcomer, NOW) == decide_on(event, tally(regs), newcomer, NOW)
