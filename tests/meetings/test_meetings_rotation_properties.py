"""Properties of the rotation planner over generated series (hypothesis)."""

from datetime import date
from datetime import timedelta
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st
from kooperation.meetings.rotation import HeldMeeting
from kooperation.meetings.rotation import Member
from kooperation.meetings.rotation import plan
from kooperation.meetings.rotation import Skip
from kooperation.meetings.rotation import Swap


START = date(2026, 1, 5)
SETTINGS = settings(max_examples=150, deadline=None)


def day(i):
    return START + timedelta(weeks=i)


@st.composite
def series(draw, changes=None):
    """(members, dates, duties); ``changes``: at most that many joins and leaves."""
    meetings = draw(st.integers(1, 16))
    partners = draw(st.integers(1, 7))
    duties = tuple(f"d{j}" for j in range(draw(st.integers(1, 5))))
    members, left = [], changes
    for i in range(partners):
        since = until = None
        if left is None or left > 0:
            since = draw(st.none() | st.integers(0, meetings - 1))
            until = draw(st.none() | st.integers(0, meetings - 1))
            if since is not None and until is not None and until < since:
                since, until = until, since
            if left is not None:
                if since is not None and until is not None:
                    until = None
                left -= (since is not None) + (until is not None)
        members.append(
            Member(
                f"p{i}",
                None if since is None else day(since),
                None if until is None else day(until),
            )
        )
    return members, [day(i) for i in range(meetings)], duties


def spread(result, partners):
    """Worst difference of per-duty counts among ``partners`` over all prefixes."""
    counts = {(p, d): 0 for p in partners for d in result.duties}
    worst = 0
    for meeting in result.meetings:
        for a in meeting.assignments:
            if a.partner in partners:
                counts[a.partner, a.duty] += 1
        for duty in result.duties:
            values = [counts[p, duty] for p in partners]
            if values:
                worst = max(worst, max(values) - min(values))
    return worst


def throughout(members):
    return [m.partner for m in members if m.since is None and m.until is None]


@SETTINGS
@given(series(changes=1))
def test_counts_stay_within_one(data):
    """Fixed membership, or one partner joining or leaving: per duty, the partners that
    were members throughout never differ by more than one."""
    members, dates, duties = data
    assert spread(plan(members, dates, duties=duties), throughout(members)) <= 1


@SETTINGS
@given(series())
def test_counts_stay_within_two_with_joins_and_leaves(data):
    members, dates, duties = data
    assert spread(plan(members, dates, duties=duties), throughout(members)) <= 2


@SETTINGS
@given(series())
def test_one_duty_each_when_enough_partners(data):
    """No partner gets two duties of one meeting when there are enough partners; with
    fewer partners than duties, each takes floor or ceil of duties / partners."""
    members, dates, duties = data
    for meeting in plan(members, dates, duties=duties).meetings:
        present = [m.partner for m in members if m.on(meeting.day)]
        if not present:
            assert set(meeting.holders.values()) == {None}
            continue
        loads = sorted(len(meeting.duties_of(p)) for p in present)
        assert sum(loads) == len(duties)
        assert loads[-1] - loads[0] <= 1
        assert set(meeting.holders.values()) <= set(present)


@SETTINGS
@given(series(), st.integers(0, 16), st.data())
def test_history_is_preserved(data, cut, draw):
    """Holding the planned meetings as planned and planning again changes nothing; a
    changed record or an exception for a held meeting never alters the record."""
    members, dates, duties = data
    cut = min(cut, len(dates))
    first = plan(members, dates, duties=duties)
    history = [HeldMeeting(m.day, m.holders) for m in first.meetings[:cut]]
    again = plan(members, dates[cut:], duties=duties, history=history)
    assert [m.holders for m in again.meetings] == [m.holders for m in first.meetings]
    assert [m.held for m in again.meetings] == [i < cut for i in range(len(dates))]
    if cut:
        partner = members[0].partner
        noisy = plan(
            members,
            dates[cut:],
            duties=duties,
            history=history,
            exceptions=[Skip(dates[draw.draw(st.integers(0, cut - 1))], partner)],
        )
        assert [m.holders for m in noisy.held] == [h.holders for h in history]


@SETTINGS
@given(series(changes=0), st.integers(1, 16))
def test_asking_for_more_meetings_keeps_the_first_ones(data, extra):
    members, dates, duties = data
    longer = dates + [day(len(dates) + i) for i in range(extra)]
    short = plan(members, dates, duties=duties)
    long = plan(members, longer, duties=duties)
    assert long.meetings[: len(dates)] == short.meetings


@SETTINGS
@given(series(changes=0), st.data())
def test_swap_exchanges_the_duties_of_two_partners(data, draw):
    members, dates, duties = data
    if len(members) < 2:
        return
    i = draw.draw(st.integers(0, len(dates) - 1))
    first, second = members[0].partner, members[1].partner
    plain = plan(members, dates[: i + 1], duties=duties).meetings[i]
    swapped = plan(
        members, dates[: i + 1], duties=duties, exceptions=[Swap(dates[i], first, second)]
    ).meetings[i]
    assert swapped.duties_of(first) == plain.duties_of(second)
    assert swapped.duties_of(second) == plain.duties_of(first)


@SETTINGS
@given(series(changes=0))
def test_plain_cycle_without_exceptions(data):
    """Without exceptions, duty k of meeting t goes to partner (t + k) mod P."""
    members, dates, duties = data
    result = plan(members, dates, duties=duties)
    names = [m.partner for m in members]
    for t, meeting in enumerate(result.meetings):
        assert meeting.holders == {d: names[(t + k) % len(names)] for k, d in enumerate(duties)}


@SETTINGS
@given(series())
def test_every_assignment_is_explained(data):
    members, dates, duties = data
    for meeting in plan(members, dates, duties=duties).meetings:
        for assignment in meeting.assignments:
            assert assignment.reasons
            assert all(str(reason) and "${" not in str(reason) for reason in assignment.reasons)
