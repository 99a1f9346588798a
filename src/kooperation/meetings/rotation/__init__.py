"""Rotation planner: which partner takes which duty at a round table's next meetings.

Pure Python (no Zope): the series, its held meetings and the exceptions come in as
plain data, the plan comes out with a reason for every assignment and a tally.

How the planner chooses (fairness)
---------------------------------
Each partner has a count per duty (held meetings as recorded, then the planned ones); a
partner who joins starts at the highest count of the members: the end of every queue.
Meetings are planned in date order, each meeting's duties together (Hungarian method),
minimising in this order: second duties of a partner (only when fewer partners than
duties, then spread evenly); the chosen partners' counts (least often held goes first);
partners owing turns in more rounds than meetings remain not being served; each duty's
turn order (count, longest ago, the rotation order shifted by the duty's position, so
that without exceptions duty k of meeting t is partner (t + k) mod P: "im Wechsel").
A lookahead keeps that choice only if the counts can stay within one for the next rounds.
Skippers are first in turn afterwards; swaps and set duties apply as given; held
meetings are never re-planned. Tested: per duty, the partners that were members
throughout stay within one of each other (fixed membership, or one join or leave) or
within two (several joins and leaves, which the lookahead does not foresee).
"""

from collections import defaultdict
from dataclasses import dataclass
from dataclasses import field
from datetime import date
from datetime import datetime
from kooperation.common import phrases
from kooperation.common.phrases import interpolate


DEFAULT_DUTIES = ("topics", "invitation", "moderation", "minutes")

# Titles of the default duties, reasons and errors: msgid -> English default.
# The Zope side translates them with the "kooperation" domain.
MESSAGES = {
    "rotation_duty_topics": "Topic preparation",
    "rotation_duty_invitation": "Invitation",
    "rotation_duty_moderation": "Moderation",
    "rotation_duty_minutes": "Minutes",
    "rotation_next_in_turn": "Next in turn.",
    "rotation_instead_of_skipping": "Stands in for ${partner}, who skips this meeting.",
    "rotation_instead_of_busy": "Stands in for ${partner}, who has another duty at this meeting.",
    "rotation_balance": "Chosen so that every partner's duties stay balanced.",
    "rotation_others_unavailable": (
        "Has held this duty more often than others, who cannot take it at this meeting."
    ),
    "rotation_second_duty": "Fewer partners available than duties: a second duty.",
    "rotation_swapped": "Swapped with ${partner}.",
    "rotation_set_by_coordinator": "Set by the coordinator.",
    "rotation_recorded": "As recorded for the held meeting.",
    "rotation_nobody_available": "No member partner is available for this meeting.",
    "error_rotation_no_duties": "A meeting series needs at least one duty.",
    "error_rotation_duplicate_duty": "The duty ${duty} is listed twice.",
    "error_rotation_no_partner": "Give the partner of the series as a non-empty text.",
    "error_rotation_window": (
        "${partner}: the membership ends (${until}) before it begins (${since})."
    ),
    "error_rotation_not_a_date": "${value} is not a date.",
    "error_rotation_duplicate_date": "There are two meetings on ${date}.",
    "error_rotation_planned_before_held": (
        "The meeting on ${date} cannot be planned: it lies before the held meeting of ${held}."
    ),
    "error_rotation_unknown_partner": "${partner} is not a partner of this series.",
    "error_rotation_unknown_duty": "${duty} is not a duty of this series.",
    "error_rotation_not_member": "${partner} is not a member of the series on ${date}.",
    "error_rotation_swap_self": "A partner cannot swap with itself (${partner}, ${date}).",
    "error_rotation_skips": (
        "${partner} skips the meeting on ${date} and cannot take a duty at it."
    ),
    "error_rotation_assigned_twice": "The duty ${duty} on ${date} is set twice.",
    "error_rotation_unknown_exception": "${value} is not a skip, swap or assignment.",
    "error_rotation_not_a_list": "${name} must be a list, not ${value}.",
    "error_rotation_not_held_meeting": "${value} is not a held meeting.",
    "error_rotation_holders": (
        "The duty holders of the meeting on ${date} must map duties to partners."
    ),
    "error_rotation_bad_exception": (
        'An exception is {"type": "skip", "date": "YYYY-MM-DD", "partner": ...}, '
        '{"type": "swap", "date": ..., "first": ..., "second": ...} or '
        '{"type": "assign", "date": ..., "duty": ..., "partner": ...}.'
    ),
    "error_rotation_days": "${name} must be a whole number of days, not ${value}.",
    "error_rotation_days_range": "${name} must be from ${min} to ${max} days, not ${value}.",
}


def _format(msgid, mapping):
    return interpolate(MESSAGES[msgid], mapping)


class Phrase(phrases.Phrase):
    """One reason: a catalog message id and its values (partner ids, duty ids, dates)."""

    MESSAGES = MESSAGES


class RotationError(ValueError):
    """Input the planner cannot use; ``msgid``/``mapping`` for the i18n catalog."""

    def __init__(self, msgid, **mapping):
        self.msgid = msgid
        self.mapping = mapping
        super().__init__(_format(msgid, mapping))

    @property
    def default(self):
        return MESSAGES[self.msgid]


# ---------------------------------------------------------------- input


@dataclass(frozen=True)
class Member:
    """A partner's membership in the series, both days inclusive (None: open)."""

    partner: str
    since: date | None = None
    until: date | None = None

    def on(self, day):
        return (self.since is None or self.since <= day) and (
            self.until is None or day <= self.until
        )


@dataclass(frozen=True)
class HeldMeeting:
    """A meeting that took place, with its duty holders as recorded (duty -> partner)."""

    day: date
    holders: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Skip:
    """The partner cannot take a duty at the meeting on ``day`` (no effect when it is
    not a member then)."""

    day: date
    partner: str


@dataclass(frozen=True)
class Swap:
    """The two partners exchange their duties at the meeting on ``day``."""

    day: date
    first: str
    second: str


@dataclass(frozen=True)
class Assign:
    """The coordinator sets the holder of one duty at the meeting on ``day``."""

    day: date
    duty: str
    partner: str


EXCEPTION_FIELDS = {
    "skip": (Skip, ("partner",)),
    "swap": (Swap, ("first", "second")),
    "assign": (Assign, ("duty", "partner")),
}


def exception_to_json(item):
    """The JSON form of a skip, swap or assignment, as a series stores it."""
    for name, (cls, fields) in EXCEPTION_FIELDS.items():
        if isinstance(item, cls):
            data = {"type": name, "date": item.day.isoformat()}
            data.update({f: getattr(item, f) for f in fields})
            return data
    raise RotationError("error_rotation_unknown_exception", value=repr(item))


def exception_from_json(data):
    """A skip, swap or assignment from its JSON form; RotationError when malformed."""
    if not isinstance(data, dict) or data.get("type") not in EXCEPTION_FIELDS:
        raise RotationError("error_rotation_bad_exception")
    cls, fields = EXCEPTION_FIELDS[data["type"]]
    if set(data) != {"type", "date", *fields}:
        raise RotationError("error_rotation_bad_exception")
    try:
        day = date.fromisoformat(data["date"])
    except (TypeError, ValueError):
        raise RotationError("error_rotation_not_a_date", value=repr(data["date"])) from None
    values = [data[f] for f in fields]
    if not all(isinstance(v, str) and v for v in values):
        raise RotationError("error_rotation_bad_exception")
    return cls(day, *values)


# ---------------------------------------------------------------- output


@dataclass(frozen=True)
class Assignment:
    duty: str
    partner: str | None
    reasons: tuple = ()

    def to_json(self):
        return {
            "duty": self.duty,
            "partner": self.partner,
            "reasons": [reason.to_json() for reason in self.reasons],
        }


@dataclass(frozen=True)
class MeetingPlan:
    """One meeting: held (recorded holders) or planned."""

    day: date
    held: bool
    assignments: tuple

    @property
    def holders(self):
        """duty -> partner (None when nobody holds it)."""
        return {a.duty: a.partner for a in self.assignments}

    def holder(self, duty):
        return self.holders.get(duty)

    def duties_of(self, partner):
        return tuple(a.duty for a in self.assignments if a.partner == partner)

    def assignment(self, duty):
        for item in self.assignments:
            if item.duty == duty:
                return item
        raise KeyError(duty)

    def to_json(self):
        return {
            "date": self.day.isoformat(),
            "held": self.held,
            "duties": [a.to_json() for a in self.assignments],
        }


@dataclass(frozen=True)
class TallyRow:
    """How often a partner held (held meetings) and will hold (planned) each duty."""

    partner: str
    held: dict
    planned: dict

    def total(self, duty=None):
        if duty is None:
            return sum(self.held.values()) + sum(self.planned.values())
        return self.held.get(duty, 0) + self.planned.get(duty, 0)

    def to_json(self):
        return {"partner": self.partner, "held": dict(self.held), "planned": dict(self.planned)}


@dataclass(frozen=True)
class Plan:
    duties: tuple
    meetings: tuple  # MeetingPlan, held ones first, in date order
    tally: tuple  # TallyRow per partner, in rotation order
    ignored: tuple = ()  # exceptions for held meetings or dates without a meeting

    @property
    def held(self):
        return tuple(m for m in self.meetings if m.held)

    @property
    def upcoming(self):
        return tuple(m for m in self.meetings if not m.held)

    def meeting(self, day):
        for item in self.meetings:
            if item.day == day:
                return item
        raise KeyError(day)

    def tally_of(self, partner):
        for row in self.tally:
            if row.partner == partner:
                return row
        raise KeyError(partner)

    def to_json(self, upcoming_only=False):
        meetings = self.upcoming if upcoming_only else self.meetings
        return {
            "duties": list(self.duties),
            "meetings": [m.to_json() for m in meetings],
            "tally": [row.to_json() for row in self.tally],
        }


# ---------------------------------------------------------------- validation


def _day(value):
    if isinstance(value, datetime):
        return value.date()
    if not isinstance(value, date):
        raise RotationError("error_rotation_not_a_date", value=repr(value))
    return value


def _partner(value):
    if not isinstance(value, str) or not value.strip():
        raise RotationError("error_rotation_no_partner")
    return value


def _sequence(value, name):
    if isinstance(value, str | bytes | dict) or not hasattr(value, "__iter__"):
        raise RotationError("error_rotation_not_a_list", name=name, value=repr(value))
    return tuple(value)


def _duties(duties):
    duties = _sequence(duties, "duties")
    if not duties:
        raise RotationError("error_rotation_no_duties")
    seen = set()
    for duty in duties:
        if not isinstance(duty, str) or not duty:
            raise RotationError("error_rotation_unknown_duty", duty=repr(duty))
        if duty in seen:
            raise RotationError("error_rotation_duplicate_duty", duty=duty)
        seen.add(duty)
    return duties


def _members(members):
    """Rotation order (first appearance) and the windows of each partner."""
    order, windows = [], defaultdict(list)
    for item in _sequence(members, "members"):
        if not isinstance(item, Member):
            item = Member(_partner(item))
        partner = _partner(item.partner)
        since = None if item.since is None else _day(item.since)
        until = None if item.until is None else _day(item.until)
        if since and until and until < since:
            raise RotationError("error_rotation_window", partner=partner, since=since, until=until)
        if partner not in windows:
            order.append(partner)
        windows[partner].append(Member(partner, since, until))
    return tuple(order), dict(windows)


def _is_member(windows, partner, day):
    return any(window.on(day) for window in windows.get(partner, ()))


# ---------------------------------------------------------------- assignment


def _hungarian(cost):
    """Columns of a minimum-cost assignment of every row (rows <= columns), integers only."""
    rows, cols = len(cost), len(cost[0])
    infinity = 1 + sum(abs(value) for row in cost for value in row) * 2
    u, v = [0] * (rows + 1), [0] * (cols + 1)
    owner, way = [0] * (cols + 1), [0] * (cols + 1)
    for row in range(1, rows + 1):
        owner[0], j0 = row, 0
        minv, used = [infinity] * (cols + 1), [False] * (cols + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = owner[j0], infinity, 0
            for j in range(1, cols + 1):
                if not used[j]:
                    current = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if current < minv[j]:
                        minv[j], way[j] = current, j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(cols + 1):
                if used[j]:
                    u[owner[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if owner[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            owner[j0] = owner[j1]
            j0 = j1
    result = [None] * rows
    for j in range(1, cols + 1):
        if owner[j]:
            result[owner[j] - 1] = j - 1
    return result


class _State:
    """Counts while walking through the meetings in date order."""

    def __init__(self, order, duties):
        self.order = order
        self.duties = duties
        self.index = {partner: i for i, partner in enumerate(order)}
        self.held = defaultdict(int)  # (partner, duty) -> count at held meetings
        self.planned = defaultdict(int)  # (partner, duty) -> count at planned meetings
        self.level = defaultdict(int)  # (partner, duty) -> count + offset at joining
        self.last = {}  # (partner, duty) -> number of the meeting it last held it
        self.previous = None  # members at the previous meeting

    def admit(self, present):
        """Put partners who joined since the previous meeting at the end of every queue."""
        if self.previous is not None:
            staying = [p for p in present if p in self.previous]
            for partner in present:
                if partner in self.previous or not staying:
                    continue
                for duty in self.duties:
                    top = max(self.level[q, duty] for q in staying)
                    self.level[partner, duty] = max(self.level[partner, duty], top)
        self.previous = set(present)

    def record(self, number, partner, duty, held):
        (self.held if held else self.planned)[partner, duty] += 1
        self.level[partner, duty] += 1
        self.last[partner, duty] = number

    def queue(self, partners, duty):
        """``partners`` in turn order for ``duty``; the rotation order is that of the
        members at this meeting, shifted by the duty's position."""
        members = sorted(self.previous, key=lambda p: self.index.get(p, len(self.index)))
        place = {p: i for i, p in enumerate(members)}
        size, shift = max(len(members), 1), self.duties.index(duty)

        def key(partner):
            turn = (place.get(partner, size) - shift) % size
            return (self.level[partner, duty], self.last.get((partner, duty), -1), turn, partner)

        return sorted(partners, key=key)


def _critical(state, present, available):
    """Partner -> the duties it must take now or soon, for partners short of meetings.

    In each duty, the partners at the lowest count still owe a turn; the round closes
    after as many meetings as there are of them. A partner who owes turns in ``k``
    rounds that close within as many meetings as it can serve ``k`` duties in must
    take one of them now, or the counts drift apart later.
    """
    size, duties = len(present), len(state.duties)
    lowest = {d: min(state.level[p, d] for p in present) for d in state.duties}
    owed = {d: [p for p in present if state.level[p, d] == lowest[d]] for d in state.duties}
    critical = {}
    for partner in available:
        closing = sorted((len(owed[d]), d) for d in state.duties if partner in owed[d])
        tight = [
            k
            for k, (meetings, _d) in enumerate(closing, 1)
            if meetings * max(size, duties) <= k * size
        ]
        if tight:
            limit = closing[tight[0] - 1][0]
            critical[partner] = {d for meetings, d in closing if meetings <= limit}
    return critical


def _choose(state, present, available, open_duties, load):
    """duty -> partner for the open duties, by the priorities in the module docstring."""
    queues = {duty: state.queue(available, duty) for duty in open_duties}
    rank = {(p, d): i for d, queue in queues.items() for i, p in enumerate(queue)}
    lowest = {d: min(state.level[p, d] for p in available) for d in open_duties}
    critical = _critical(state, present, available)
    n, r = len(open_duties), len(available)
    w_rank = 1
    w_tight = n * r + 1
    w_level = w_tight * (n + 1)
    excess_max = max(state.level[p, d] - lowest[d] for p in available for d in open_duties)
    w_slot = w_level * (n * excess_max + 1)
    columns = [(p, k) for p in available for k in range(load[p], load[p] + n)]
    cost = [
        [
            w_slot * k
            + w_level * (state.level[p, d] - lowest[d])
            - w_tight * (d in critical.get(p, ()))
            + w_rank * rank[p, d]
            for p, k in columns
        ]
        for d in open_duties
    ]
    chosen = _hungarian(cost)
    return {d: columns[j][0] for d, j in zip(open_duties, chosen, strict=True)}


# Lookahead: how many assignments the search for a continuation may try per meeting.
LOOKAHEAD_NODES = 300


def _options(levels, available, duties, load, order):
    """Assignments of ``duties`` to partners at their lowest count, at most
    ceil(duties / partners) per partner, in turn order (``order(duty)``)."""
    cap = -(-(len(duties) + sum(load.values())) // len(available))
    lowest = {d: min(levels.get((p, d), 0) for p in available) for d in duties}
    candidates = {d: [p for p in order(d) if levels.get((p, d), 0) == lowest[d]] for d in duties}
    sequence = sorted(duties, key=lambda d: len(candidates[d]))
    load, chosen = defaultdict(int, load), {}

    def walk(i):
        if i == len(sequence):
            yield dict(chosen)
            return
        duty = sequence[i]
        for partner in candidates[duty]:
            if load[partner] < cap:
                load[partner] += 1
                chosen[duty] = partner
                yield from walk(i + 1)
                load[partner] -= 1
        chosen.pop(duty, None)

    yield from walk(0)


def _continues(levels, present, duties, meetings, budget, memo):
    """Whether ``meetings`` more meetings of ``present`` can each give every duty to a
    partner at its lowest count (optimistic when the search budget is spent)."""
    if meetings == 0 or budget[0] <= 0:
        return True
    lowest = {d: min(levels.get((p, d), 0) for p in present) for d in duties}
    key = (meetings, tuple(levels.get((p, d), 0) - lowest[d] for p in present for d in duties))
    if key in memo:
        return memo[key]
    result = False
    for option in _options(levels, present, duties, {}, lambda d: present):
        budget[0] -= 1
        after = dict(levels)
        for duty, partner in option.items():
            after[partner, duty] = after.get((partner, duty), 0) + 1
        if _continues(after, present, duties, meetings - 1, budget, memo) or budget[0] <= 0:
            result = True
            break
    memo[key] = result
    return result


def _lookahead(state, present, available, open_duties, load, chosen, fixed):
    """``chosen``, or the first assignment in turn order after which the counts can stay
    within one of each other for the next rounds (the members staying as they are)."""
    levels = {k: v for k, v in state.level.items() if k[0] in present}
    if any(
        levels.get((p, d), 0) > min(levels.get((q, d), 0) for q in available)
        for d, p in chosen.items()
    ):
        return chosen  # an excess is unavoidable now: nothing to protect
    budget, memo = [LOOKAHEAD_NODES], {}
    horizon = min(len(present), len(state.duties)) + 1

    def fine(option):
        after = dict(levels)
        for duty, partner in {**fixed, **option}.items():
            after[partner, duty] = after.get((partner, duty), 0) + 1
        return _continues(after, present, state.duties, horizon, budget, memo)

    if fine(chosen):
        return chosen
    for option in _options(
        levels, available, open_duties, load, lambda d: state.queue(available, d)
    ):
        if fine(option):
            return option
        if budget[0] <= 0:
            break
    return chosen


def _reasons(state, duty, partner, present, skipping, holders):
    """Why ``partner`` takes ``duty``: who stood before it in the turn order and why not them."""
    queue = state.queue(present, duty)
    ahead = queue[: queue.index(partner)]
    reasons = []
    others = [d for d, p in holders.items() if p == partner and d != duty]
    if others and state.duties.index(duty) > min(state.duties.index(d) for d in others):
        reasons.append(Phrase("rotation_second_duty"))
    level = state.level[partner, duty]
    if all(other not in skipping and state.level[other, duty] == level for other in ahead):
        reasons.append(Phrase("rotation_next_in_turn"))
    balance = False
    for other in ahead:
        if other in skipping:
            reasons.append(Phrase("rotation_instead_of_skipping", {"partner": other}))
        elif state.level[other, duty] == level:
            continue  # as often as the chosen partner: only the tie-break put it first
        elif other in holders.values():
            reasons.append(Phrase("rotation_instead_of_busy", {"partner": other}))
        else:
            balance = True
    if balance:
        reasons.append(Phrase("rotation_balance"))
    available = [p for p in present if p not in skipping]
    if state.level[partner, duty] > min(state.level[p, duty] for p in available):
        reasons.append(Phrase("rotation_others_unavailable"))
    return tuple(reasons)


def _plan_meeting(state, number, day, present, skipping, swaps, fixed):
    available = [p for p in present if p not in skipping]
    holders, reasons = {}, {}
    load = defaultdict(int)
    for duty, partner in fixed.items():
        holders[duty] = partner
        reasons[duty] = (Phrase("rotation_set_by_coordinator"),)
        load[partner] += 1
    open_duties = [d for d in state.duties if d not in holders]
    if open_duties and available:
        chosen = _choose(state, present, available, open_duties, load)
        chosen = _lookahead(state, present, available, open_duties, load, chosen, fixed)
        holders.update(chosen)
        for duty, partner in chosen.items():
            reasons[duty] = _reasons(state, duty, partner, present, skipping, holders)
    for swap in swaps:
        a, b = swap.first, swap.second
        for duty, partner in list(holders.items()):
            if partner in (a, b):
                other = b if partner == a else a
                holders[duty] = other
                reasons[duty] = (Phrase("rotation_swapped", {"partner": partner}),)
    assignments = []
    for duty in state.duties:
        partner = holders.get(duty)
        if partner is None:
            assignments.append(Assignment(duty, None, (Phrase("rotation_nobody_available"),)))
            continue
        assignments.append(Assignment(duty, partner, reasons[duty]))
        state.record(number, partner, duty, held=False)
    return MeetingPlan(day, False, tuple(assignments))


# ---------------------------------------------------------------- plan


def _exceptions(exceptions, order, windows, duties, planned, held_days):
    """Exceptions sorted per planned day; the ones that do not apply separately."""
    skips, swaps, fixed = defaultdict(set), defaultdict(list), defaultdict(dict)
    ignored = []
    for item in _sequence(exceptions, "exceptions"):
        if not isinstance(item, Skip | Swap | Assign):
            raise RotationError("error_rotation_unknown_exception", value=repr(item))
        day = _day(item.day)
        names = (item.first, item.second) if isinstance(item, Swap) else (item.partner,)
        for name in names:
            if _partner(name) not in windows:
                raise RotationError("error_rotation_unknown_partner", partner=name)
        if isinstance(item, Assign) and item.duty not in duties:
            raise RotationError("error_rotation_unknown_duty", duty=item.duty)
        if isinstance(item, Swap) and item.first == item.second:
            raise RotationError("error_rotation_swap_self", partner=item.first, date=day)
        if day not in planned or day in held_days:
            ignored.append(item)
            continue
        if isinstance(item, Skip):
            skips[day].add(item.partner)
            continue
        for name in names:
            if not _is_member(windows, name, day):
                raise RotationError("error_rotation_not_member", partner=name, date=day)
        if isinstance(item, Swap):
            swaps[day].append(item)
        elif item.duty in fixed[day]:
            raise RotationError("error_rotation_assigned_twice", duty=item.duty, date=day)
        else:
            fixed[day][item.duty] = item.partner
    for day in set(swaps) | set(fixed):
        busy = {p for swap in swaps[day] for p in (swap.first, swap.second)}
        busy |= set(fixed[day].values())
        for partner in sorted(busy & skips[day]):
            raise RotationError("error_rotation_skips", partner=partner, date=day)
    return skips, swaps, fixed, tuple(ignored)


def plan(members, dates, *, duties=DEFAULT_DUTIES, history=(), exceptions=()):
    """Plan the duties of the meetings on ``dates`` after the ``history`` of held meetings.

    ``members``: partner ids or :class:`Member` windows, in rotation order (a partner may
    appear with several windows). ``history``: :class:`HeldMeeting` items, kept as
    recorded. ``exceptions``: :class:`Skip`, :class:`Swap` and :class:`Assign` items.
    Raises :class:`RotationError` for input it cannot use.
    """
    duties = _duties(duties)
    order, windows = _members(members)
    held = {}
    for meeting in _sequence(history, "history"):
        if not isinstance(meeting, HeldMeeting):
            raise RotationError("error_rotation_not_held_meeting", value=repr(meeting))
        day = _day(meeting.day)
        if day in held:
            raise RotationError("error_rotation_duplicate_date", date=day)
        holders = meeting.holders
        if not isinstance(holders, dict) or not all(
            isinstance(d, str) and (p is None or isinstance(p, str)) for d, p in holders.items()
        ):
            raise RotationError("error_rotation_holders", date=day)
        held[day] = dict(holders)
    planned = []
    for value in _sequence(dates, "dates"):
        day = _day(value)
        if day in planned or day in held:
            raise RotationError("error_rotation_duplicate_date", date=day)
        planned.append(day)
    last_held = max(held, default=None)
    for day in planned:
        if last_held is not None and day < last_held:
            raise RotationError("error_rotation_planned_before_held", date=day, held=last_held)
    skips, swaps, fixed, ignored = _exceptions(
        exceptions, order, windows, duties, set(planned), set(held)
    )
    state = _State(order, duties)
    meetings = []
    for number, day in enumerate(sorted(held) + sorted(planned)):
        present = [p for p in order if _is_member(windows, p, day)]
        state.admit(present)
        if day in held:
            recorded = held[day]
            for duty, partner in recorded.items():
                if duty in duties and partner:
                    state.record(number, partner, duty, held=True)
            named = list(duties) + [d for d in recorded if d not in duties]
            assignments = tuple(
                Assignment(
                    duty,
                    recorded.get(duty),
                    (Phrase("rotation_recorded"),) if recorded.get(duty) else (),
                )
                for duty in named
            )
            meetings.append(MeetingPlan(day, True, assignments))
        else:
            meetings.append(
                _plan_meeting(state, number, day, present, skips[day], swaps[day], fixed[day])
            )
    partners = list(order) + sorted(
        {p for (p, _d) in list(state.held) + list(state.planned)} - set(order)
    )
    tally = tuple(
        TallyRow(
            partner,
            {d: state.held[partner, d] for d in duties},
            {d: state.planned[partner, d] for d in duties},
        )
        for partner in partners
    )
    return Plan(duties, tuple(meetings), tally, ignored)
