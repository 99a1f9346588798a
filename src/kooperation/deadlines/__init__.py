"""Deadline engine: terms, renewals and notice deadlines of an agreement (§§ 186-193 BGB).

Pure Python (no Zope) so that the arithmetic can be read and tested on its own.
The Zope side feeds it an agreement's rules and signature date and renders the
result (dates the German way, the explanation through the i18n catalog).

How periods are counted
-----------------------
* A term that begins "with the day of signing" counts that day (§ 187 (2) BGB) and
  ends with the day before the day of the last month that corresponds to the start
  day (§ 188 (2), 2nd alt.); when that month has no such day, with its last day
  (§ 188 (3)): one month from 31 January ends on 28/29 February.
* A renewal term begins with the day after the previous term ended, and that day
  counts (§ 190 BGB: the new period is computed from the expiry of the old one).
* A notice period begins with the day after the notice is received (§ 187 (1))
  and ends with the day of the last month that has the receipt day's number
  (§ 188 (2), 1st alt.; § 188 (3) at month ends). A notice is timely when its
  period ends no later than the end it aims at; the notice deadline is the last
  day on which that still holds.
* § 193 BGB does not move these dates to a working day: it applies to declarations
  that must be made on a day, not to the end of a term or the latest receipt date.

Deadlines across amendments
---------------------------
Amendments may change the rules (renewal term, notice period and anchor, a fixed
end, a switch to an unlimited term). ``compute`` and ``notice_effect`` take a
``RuleHistory``: the original rules and each amendment's, with the day it takes
effect (a plain ``Rules`` is the history of one version). One chain of terms,
built from the entry into force, answers every day:

* The rules in force on a day are the original rules until the day before an
  amendment takes effect, then the amended ones (several chain in order of effect).
* Each term's length comes from the rules in force on its first day: a term that
  began before an amendment keeps its length; the first renewal beginning on or
  after the day of effect has the new renewal term.
* A fixed end date set by an amendment ends the term running on its day of effect
  on that date (on the day before that day, if the date lies earlier); renewals
  follow only if a renewal term is in force. A term running for an unlimited
  period ends the day before an amendment that gives the agreement terms again;
  a new first term begins on that day.
* A notice received on a day must satisfy the notice period and anchor in force on
  that day (counted as above, from the receipt as an event); later terms offer the
  ends their own rules allow. A term's notice deadline is the last day of receipt
  for which that holds, so a notice period that changes while a term runs gives
  the deadline of whichever rules were in force on that last day.
* The explanation names the amendment behind each changed rule ("Since the 1.
  Änderung of 01.01.2017, the agreement renews by 2 years.").
"""

from dataclasses import dataclass
from dataclasses import field
from dataclasses import replace
from datetime import date
from datetime import timedelta
from kooperation.common import phrases

import calendar


UNITS = ("days", "weeks", "months", "years")
ANCHORS = ("end_of_term", "end_of_year", "end_of_quarter", "end_of_month")
EFFECTIVE_RULES = ("on_signature", "fixed_date")
ONE_DAY = timedelta(days=1)

# The sentences of explanations and rule errors: msgid -> English default.
# `make i18n` copies them into the catalog (locales/manual.pot).
MESSAGES = {
    "error_effective_rule": "Entry into force must be on_signature or fixed_date.",
    "error_notice_anchor": (
        "The notice anchor must be one of end_of_term, end_of_year, end_of_quarter, end_of_month."
    ),
    "error_effective_date_missing": "Entry into force on a fixed date needs that date.",
    "error_term_and_end_date": "Give either an initial term or an end date, not both.",
    "error_end_before_start": "The end date ${end} lies before the entry into force ${start}.",
    "error_renewal_without_term": (
        "A renewal needs a first term to renew: give an initial term or an end date."
    ),
    "error_renewal_with_calendar_anchor": (
        "A tacitly renewed agreement is terminated to the end of its term: use "
        "end_of_term (its terms already end on the dates it renews on)."
    ),
    "error_anchor_without_notice": (
        "Notice to the end of a month, quarter or year needs a notice period."
    ),
    "error_notice_longer_than_term": (
        "The notice period (${notice}) must be shorter than the term (${term})."
    ),
    "deadline_not_signed": "Not in force: not every party has signed yet.",
    "deadline_enters_into_force": "It enters into force on ${date}.",
    "deadline_in_force_since": "In force since ${date}.",
    "deadline_ended": "It ended on ${date}.",
    "deadline_current_term": "Current term: ${start} to ${end}.",
    "deadline_unlimited": "It runs for an unlimited period since ${start}.",
    "deadline_renews": "Unless notice is given, it renews by ${renewal} on ${date}.",
    "deadline_ends_without_notice": "It ends on ${date} without notice.",
    "deadline_no_notice": "The agreement provides for no ordinary notice.",
    "deadline_notice_by": (
        "Notice must be received by ${deadline}; the agreement then ends on ${end}."
    ),
    "deadline_notice_missed": "The notice deadline for this term (${deadline}) has passed.",
    "deadline_earliest_end": "A notice received by ${deadline} ends it on ${end}.",
    "deadline_ends_by_notice": "Notice has been given: it ends on ${date}.",
    "deadline_ends_by_cancellation": "The parties have agreed to cancel it: it ends on ${date}.",
    "notice_timely": (
        "The notice received on ${received} is in time (deadline ${deadline}): "
        "the agreement ends on ${end}."
    ),
    "notice_late": (
        "The notice received on ${received} came after the deadline of ${missed} for the "
        "end of the term on ${term_end}: the agreement ends on the next possible date, ${end}."
    ),
    "notice_period_runs": (
        "The notice received on ${received} ends the agreement when the notice period "
        "runs out, on ${end}."
    ),
    "notice_no_ordinary_notice": (
        "The agreement provides for no ordinary notice: the notice received on ${received} "
        "does not end it."
    ),
    "notice_fixed_end": (
        "The notice received on ${received} came after the deadline of ${missed}; the "
        "agreement ends on ${end} anyway."
    ),
    "notice_after_end": (
        "The agreement had already ended on ${end} when the notice was received on ${received}."
    ),
}

# What an amendment changed, for the explanation: "Since the 1. Änderung of 01.01.2017,
# the agreement renews by 2 years." ("from … on" for an amendment after the day asked about).
AMENDED_FACTS = {
    "renewal": "the agreement renews by ${renewal}",
    "no_renewal": "the agreement is no longer renewed",
    "end": "the agreement ends on ${end}",
    "unlimited": "the agreement runs for an unlimited period",
    "notice_end_of_term": "notice must be received ${notice} before the end of the term",
    "notice_end_of_month": "notice must be received ${notice} before the end of a calendar month",
    "notice_end_of_quarter": (
        "notice must be received ${notice} before the end of a calendar quarter"
    ),
    "notice_end_of_year": "notice must be received ${notice} before the end of a calendar year",
    "no_notice": "the agreement provides for no ordinary notice",
}
for _when, _lead in (
    ("since", "Since the ${amendment} of ${date}, "),
    ("from", "From the ${amendment} of ${date} on, "),
):
    for _fact, _tail in AMENDED_FACTS.items():
        MESSAGES[f"deadline_amended_{_when}_{_fact}"] = f"{_lead}{_tail}."
MESSAGES["notice_rules_original"] = "On ${received} the original rules were in force."
MESSAGES["notice_rules_amended"] = (
    "On ${received} the rules of the ${amendment} of ${date} were in force."
)

# Upper bound for walking through renewals: 1,000 terms of one day each are
# still found; a term of one day renewed daily for longer is not a real case.
MAX_TERMS = 100_000


@dataclass(frozen=True)
class Period:
    """A length of time as the agreement states it: 6 months, 1 year, 4 weeks."""

    value: int
    unit: str

    def __post_init__(self):
        if self.unit not in UNITS:
            raise ValueError(f"unit must be one of {', '.join(UNITS)}, not {self.unit!r}")
        if isinstance(self.value, bool) or not isinstance(self.value, int) or self.value < 1:
            raise ValueError(f"value must be a whole number of at least 1, not {self.value!r}")

    @classmethod
    def from_json(cls, data):
        if data is None:
            return None
        if isinstance(data, Period):
            return data
        if not isinstance(data, dict) or set(data) != {"value", "unit"}:
            raise ValueError('a period is {"value": <int>, "unit": "days|weeks|months|years"}')
        return cls(data["value"], data["unit"])

    def to_json(self):
        return {"value": self.value, "unit": self.unit}

    @property
    def months(self):
        """Length in months for months and years; None for days and weeks."""
        if self.unit == "months":
            return self.value
        if self.unit == "years":
            return 12 * self.value
        return None

    @property
    def days(self):
        """Length in days for days and weeks; None for months and years."""
        if self.unit == "days":
            return self.value
        if self.unit == "weeks":
            return 7 * self.value
        return None


def last_day_of_month(year, month):
    return date(year, month, calendar.monthrange(year, month)[1])


def shift_months(day, months):
    """The day with the same number ``months`` later (or earlier); the month's last day
    when the target month is too short (§ 188 (3) BGB)."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def term_end(start, period):
    """Last day of a term that begins at the start of ``start`` (§ 187 (2), § 188 (2) 2nd alt.)."""
    if period.days is not None:
        return start + timedelta(days=period.days - 1)
    index = start.year * 12 + (start.month - 1) + period.months
    year, month = divmod(index, 12)
    month += 1
    if start.day > calendar.monthrange(year, month)[1]:
        return last_day_of_month(year, month)  # § 188 (3)
    return date(year, month, start.day) - ONE_DAY


def period_end_after(event_day, period):
    """Last day of a period that an event on ``event_day`` sets running (§ 187 (1), § 188 (2))."""
    if period.days is not None:
        return event_day + timedelta(days=period.days)
    return shift_months(event_day, period.months)


def latest_receipt(end, period):
    """Last day a notice with ``period`` may be received to take effect at the end of ``end``."""
    if period.days is not None:
        return end - timedelta(days=period.days)
    candidate = shift_months(end, -period.months)
    while period_end_after(candidate + ONE_DAY, period) <= end:
        candidate += ONE_DAY
    while period_end_after(candidate, period) > end:
        candidate -= ONE_DAY
    return candidate


def anchor_dates(anchor, first):
    """Ends of calendar months, quarters or years, from the first one on or after ``first``."""
    step = {"end_of_month": 1, "end_of_quarter": 3, "end_of_year": 12}[anchor]
    year, month = first.year, first.month
    while month % step:
        month += 1
    while True:
        yield last_day_of_month(year, month)
        month += step
        if month > 12:
            year, month = year + 1, month - 12


@dataclass(frozen=True)
class Rules:
    """Validity rules, named as in the REST API and the PDF import's extraction JSON."""

    effective_rule: str = "on_signature"
    effective_date: date | None = None
    initial_term: Period | None = None
    end_date: date | None = None
    renewal_term: Period | None = None
    notice_period: Period | None = None
    notice_anchor: str = "end_of_term"
    written_form_amendments: bool = True
    written_form_termination: bool = True

    @property
    def calendar_anchor(self):
        return self.notice_anchor != "end_of_term"

    @property
    def continues_after_initial_term(self):
        """Runs on after its first term: renewals, or notice to calendar dates."""
        return self.renewal_term is not None or (self.calendar_anchor and self.end_date is None)


@dataclass(frozen=True)
class RuleError:
    """A rule that cannot hold; ``msgid``/``default``/``mapping`` for the i18n catalog."""

    field: str
    msgid: str
    mapping: dict = field(default_factory=dict)

    @property
    def default(self):
        return MESSAGES[self.msgid]

    def __str__(self):
        text = self.default
        for key, value in self.mapping.items():
            text = text.replace("${" + key + "}", str(value))
        return text


def _approx_days(period):
    return period.days if period.days is not None else period.months * 30.4


def validate_rules(rules):
    """The reasons why ``rules`` cannot be applied; empty when they can."""
    errors = []
    if rules.effective_rule not in EFFECTIVE_RULES:
        errors.append(RuleError("effective_rule", "error_effective_rule"))
    if rules.notice_anchor not in ANCHORS:
        errors.append(RuleError("notice_anchor", "error_notice_anchor"))
    if rules.effective_rule == "fixed_date" and rules.effective_date is None:
        errors.append(RuleError("effective_date", "error_effective_date_missing"))
    if rules.initial_term is not None and rules.end_date is not None:
        errors.append(RuleError("end_date", "error_term_and_end_date"))
    if rules.effective_date and rules.end_date and rules.end_date < rules.effective_date:
        errors.append(
            RuleError(
                "end_date",
                "error_end_before_start",
                {"end": rules.end_date, "start": rules.effective_date},
            )
        )
    if rules.renewal_term is not None and rules.initial_term is None and rules.end_date is None:
        errors.append(RuleError("renewal_term", "error_renewal_without_term"))
    if rules.renewal_term is not None and rules.calendar_anchor:
        errors.append(RuleError("notice_anchor", "error_renewal_with_calendar_anchor"))
    if rules.calendar_anchor and rules.notice_period is None:
        errors.append(RuleError("notice_period", "error_anchor_without_notice"))
    if rules.notice_period is not None and not rules.calendar_anchor:
        for name in ("initial_term", "renewal_term"):
            term = getattr(rules, name)
            if term is not None and _approx_days(rules.notice_period) >= _approx_days(term):
                errors.append(
                    RuleError(
                        "notice_period",
                        "error_notice_longer_than_term",
                        {"notice": rules.notice_period, "term": term},
                    )
                )
                break
    return errors


class Phrase(phrases.Phrase):
    """One sentence of an explanation."""

    MESSAGES = MESSAGES


@dataclass(frozen=True)
class Deadlines:
    """An agreement's dates as seen on ``day``. ``None`` where a date does not exist."""

    day: date
    status: str  # not_signed | pending | in_force | ended
    in_force_since: date | None = None
    current_term_start: date | None = None
    current_term_end: date | None = None
    next_renewal: date | None = None
    notice_deadline: date | None = None
    earliest_end: date | None = None
    earliest_end_notice_deadline: date | None = None
    final_end: date | None = None
    explanation: tuple = ()

    def as_dict(self):
        return {
            "day": self.day,
            "status": self.status,
            "in_force_since": self.in_force_since,
            "current_term_start": self.current_term_start,
            "current_term_end": self.current_term_end,
            "next_renewal": self.next_renewal,
            "notice_deadline": self.notice_deadline,
            "earliest_end": self.earliest_end,
            "earliest_end_notice_deadline": self.earliest_end_notice_deadline,
            "final_end": self.final_end,
        }

    @property
    def text(self):
        return " ".join(str(p) for p in self.explanation)


@dataclass(frozen=True)
class RuleVersion:
    """Rules in force from ``since`` on (None: from the entry into force); ``amendment``
    names the amendment that made them, empty for the agreement's original rules."""

    rules: Rules
    since: date | None = None
    amendment: str = ""


@dataclass(frozen=True)
class RuleHistory:
    """The rule versions of an agreement: the original rules, then each amendment's, in
    order of effect. Hashable, so that callers can memoise on it."""

    versions: tuple

    def __post_init__(self):
        versions = tuple(
            v if isinstance(v, RuleVersion) else RuleVersion(v) for v in self.versions or ()
        )
        if not versions:
            raise ValueError("a rule history needs the original rules")
        first, *rest = versions
        rest = sorted((v for v in rest if v.since is not None), key=lambda v: v.since)
        object.__setattr__(self, "versions", (replace(first, since=None), *rest))

    @property
    def original(self):
        return self.versions[0].rules

    @property
    def last_change(self):
        """The day the last version takes effect (None: only the original rules)."""
        return self.versions[-1].since

    @property
    def changed(self):
        """Whether any amendment changed a rule (identical versions change nothing)."""
        return any(self.changes(index) for index in range(1, len(self.versions)))

    def index_on(self, day):
        index = 0
        for position, version in enumerate(self.versions[1:], start=1):
            if version.since <= day:
                index = position
        return index

    def rules_on(self, day):
        """The rules in force on ``day``."""
        return self.versions[self.index_on(day)].rules

    def changes(self, index):
        """Names of the rules that version ``index`` changes against the one before it."""
        if index == 0:
            return ()
        before, after = self.versions[index - 1].rules, self.versions[index].rules
        return tuple(
            name
            for name in (
                "initial_term",
                "end_date",
                "renewal_term",
                "notice_period",
                "notice_anchor",
            )
            if getattr(before, name) != getattr(after, name)
        )

    def new_end(self, index):
        """The fixed end date that version ``index`` sets (None: it sets none)."""
        if index and "end_date" in self.changes(index):
            return self.versions[index].rules.end_date
        return None

    def source_on(self, day):
        """The version whose rule changes are in force on ``day`` (0: the original)."""
        index = self.index_on(day)
        while index and not self.changes(index):
            index -= 1
        return index

    def windows(self):
        """(first day, last day, rules) of each version; date.min/date.max at the open ends."""
        result = []
        for index, version in enumerate(self.versions):
            first = version.since if index else date.min
            if index + 1 < len(self.versions):
                last = self.versions[index + 1].since - ONE_DAY
            else:
                last = date.max
            if first <= last:
                result.append((first, last, version.rules))
        return result


def as_history(rules):
    """A RuleHistory from one set of Rules, a sequence of versions, or a history."""
    if isinstance(rules, RuleHistory):
        return rules
    if isinstance(rules, Rules):
        return RuleHistory((RuleVersion(rules),))
    return RuleHistory(tuple(rules))


def in_force_since(rules, signed_on):
    """The first day in force: the last signature's day, or the fixed date once all signed."""
    if signed_on is None:
        return None
    rules = as_history(rules).original
    if rules.effective_rule == "fixed_date":
        return rules.effective_date
    return signed_on


@dataclass(frozen=True)
class Term:
    """One term of the chain: its days, how it came about and what follows it.

    ``kind``: initial | renewal | fixed (a fixed end set by an amendment on the day it
    began) | open (runs on for an unlimited period). ``successor``: the kind of the next
    term, None when the agreement ends with this one. ``interrupted``: an unlimited term
    that an amendment giving the agreement terms ended on the day before its effect.
    """

    start: date
    end: date | None
    kind: str
    successor: str | None = None
    interrupted: bool = False


def _runs_on(rules):
    """After a term under ``rules`` the agreement runs on for an unlimited period."""
    return (
        rules.renewal_term is None
        and rules.end_date is None
        and (rules.initial_term is None or rules.calendar_anchor)
    )


def _first_end(history, start, kind, fixed_end=None):
    rules = history.rules_on(start)
    if kind == "fixed":
        return fixed_end
    if kind == "renewal":
        return term_end(start, rules.renewal_term)
    if kind == "open":
        return None
    if rules.end_date is not None:
        return rules.end_date
    if rules.initial_term is not None:
        return term_end(start, rules.initial_term)
    return None


def _amended_end(history, start, end):
    """The end of a term [start, end] after the amendments taking effect while it runs:
    a fixed end date set by one ends it on that date; an unlimited term ends the day
    before an amendment that gives the agreement terms. (end, interrupted)."""
    for index in range(1, len(history.versions)):
        since = history.versions[index].since
        if since <= start:
            continue
        if end is not None and since > end:
            break
        fixed = history.new_end(index)
        if fixed is not None:
            end = max(fixed, since - ONE_DAY)
        elif end is None and not _runs_on(history.versions[index].rules):
            return since - ONE_DAY, True
    return end, False


def _successor(history, next_start):
    """(kind, fixed end) of the term that would begin on ``next_start``; kind None: none."""
    index = history.index_on(next_start)
    fixed = history.new_end(index)
    if fixed is not None and history.versions[index].since == next_start:
        return ("fixed", fixed) if fixed >= next_start else (None, None)
    rules = history.versions[index].rules
    if rules.renewal_term is not None:
        return "renewal", None
    if _runs_on(rules):
        return "open", None
    return None, None


def terms(rules, start):
    """The chain of Terms from the entry into force ``start``, one after another.

    Each term's length comes from the rules in force on its first day; see the
    module docstring for the amendments that end a running term.
    """
    history = as_history(rules)
    kind, fixed = "initial", None
    for _ in range(MAX_TERMS + 2):
        end = _first_end(history, start, kind, fixed)
        end, interrupted = _amended_end(history, start, end)
        if end is None:
            yield Term(start, None, kind)
            return
        if interrupted:
            successor, fixed = "initial", None
        else:
            successor, fixed = _successor(history, end + ONE_DAY)
        yield Term(start, end, kind, successor, interrupted)
        if successor is None:
            return
        start, kind = end + ONE_DAY, successor


def iter_terms(rules, start):
    """(first day, last day) of each term; the last day is None when unlimited."""
    for term in terms(rules, start):
        yield term.start, term.end


def _final_end(history, start):
    """The day the chain ends by itself (no renewal, no running on); None otherwise."""
    last_change = history.last_change or date.min
    for count, term in enumerate(terms(history, start)):
        if term.end is None or count > MAX_TERMS:
            return None
        if term.successor is None:
            return term.end
        if term.successor == "renewal" and term.start > last_change:
            return None  # the rules stay as they are: renewals without end
    return None


def _ends(history, start, received):
    """(day, kind) to whose end a notice received on ``received`` can end the agreement.

    The term running on the day of receipt is judged by the anchor in force on that
    day, later terms by the anchor in force when they begin. ``kind`` "runs_out": an
    unlimited agreement without an anchor ends when the notice period runs out.
    """
    notice = history.rules_on(received).notice_period
    for term in terms(history, start):
        if term.end is not None and term.end < received:
            continue
        first = max(received, term.start)
        rules = history.rules_on(first)
        if term.end is None or term.interrupted:
            if rules.calendar_anchor:
                for day in anchor_dates(rules.notice_anchor, first):
                    if term.end is not None and day > term.end:
                        break
                    yield day, "anchor"
            elif notice is not None:
                day = max(period_end_after(received, notice), term.start)
                if term.end is None or day <= term.end:
                    yield day, "runs_out"
            if term.end is None:
                return
        elif term.successor is not None:
            yield term.end, "term"
        elif rules.calendar_anchor:  # a fixed end: calendar dates before it
            for day in anchor_dates(rules.notice_anchor, first):
                if day >= term.end:
                    return
                yield day, "anchor"
            return
        else:
            yield term.end, "term"
            return


def _deadline(history, start, end):
    """The last day a notice may be received to end the agreement on ``end``: the last day
    on which the notice period (and anchor) in force on that day still reach it."""
    windows = history.windows()
    best = None
    for first, last, rules in windows:
        if rules.notice_period is None or first > end:
            continue
        day = min(latest_receipt(end, rules.notice_period), last)
        if day < first or (best is not None and day <= best):
            continue
        if len(windows) > 1 and not _reaches(history, start, day, end):
            continue
        best = day
    return best


def _reaches(history, start, received, end):
    for count, (day, _kind) in enumerate(_ends(history, start, received)):
        if day >= end or count > MAX_TERMS:
            return day == end
    return False


def _earliest_end(history, start, received):
    """(end, its notice deadline, kind) that a notice received on ``received`` reaches."""
    notice = history.rules_on(received).notice_period
    if notice is None:
        return None, None, None
    for count, (end, kind) in enumerate(_ends(history, start, received)):
        if count > MAX_TERMS:
            break
        if kind == "runs_out":
            return end, received, kind
        if latest_receipt(end, notice) >= received:
            return end, _deadline(history, start, end), kind
    return None, None, None


@dataclass(frozen=True)
class Notice:
    """What an ordinary notice received on ``received`` does: the day the agreement ends
    (None: it does not end it), whether it reached the end of the current term, and why."""

    received: date
    end: date | None
    timely: bool
    explanation: tuple = ()

    @property
    def text(self):
        return " ".join(str(p) for p in self.explanation)


def _notice_rules(history, received):
    """Which rules judged a notice, when an amendment changed them."""
    if not history.changed:
        return ()
    index = history.source_on(received)
    if index == 0:
        return (Phrase("notice_rules_original", {"received": received}),)
    version = history.versions[index]
    mapping = {"received": received, "amendment": version.amendment, "date": version.since}
    return (Phrase("notice_rules_amended", mapping),)


def notice_effect(rules, signed_on, received):
    """The end that a notice received on ``received`` brings about.

    ``rules``: the agreement's Rules, or its RuleHistory when amendments changed them;
    the notice is judged by the notice period and anchor in force on the day of receipt.
    Received by the notice deadline of the current term (or of the first possible end
    on a calendar anchor), it ends the agreement then; received later, at the next
    possible end. An agreement without ordinary notice is not ended by it.
    """
    history = as_history(rules)
    since = in_force_since(history, signed_on)
    if since is None:
        return Notice(received, None, False, (Phrase("deadline_not_signed"),))
    reference = max(received, since)
    final = _final_end(history, since)
    values = {"received": received}
    why = _notice_rules(history, reference)
    if final is not None and reference > final:
        return Notice(
            received, None, False, (Phrase("notice_after_end", {**values, "end": final}),)
        )
    if history.rules_on(reference).notice_period is None:
        return Notice(received, None, False, (Phrase("notice_no_ordinary_notice", values), *why))
    end, deadline, kind = _earliest_end(history, since, reference)
    if kind == "runs_out":
        phrase = Phrase("notice_period_runs", {**values, "end": end})
        return Notice(received, end, True, (phrase, *why))
    first_end = next((day for day, _kind in _ends(history, since, reference)), None)
    missed = _deadline(history, since, first_end) if first_end else None
    if end is None:  # too late for the only possible end: a fixed end comes anyway
        phrase = Phrase("notice_fixed_end", {**values, "missed": missed, "end": final})
        return Notice(received, final, False, (phrase, *why))
    if end == first_end:
        phrase = Phrase("notice_timely", {**values, "deadline": deadline, "end": end})
        return Notice(received, end, True, (phrase, *why))
    phrase = Phrase("notice_late", {**values, "missed": missed, "term_end": first_end, "end": end})
    return Notice(received, end, False, (phrase, *why))


def _rule_phrases(history, day, horizon):
    """A sentence for each rule an amendment changed, up to ``horizon``."""
    phrases = []
    for index in range(1, len(history.versions)):
        version = history.versions[index]
        changed = history.changes(index)
        if version.since > horizon or not changed:
            continue
        rules = version.rules
        when = "since" if version.since <= day else "from"
        base = {"amendment": version.amendment, "date": version.since}
        before = history.versions[index - 1].rules
        facts = []
        if _runs_on(rules) and not _runs_on(before):
            facts.append(("unlimited", {}))
        else:
            if history.new_end(index) is not None:
                facts.append(("end", {"end": rules.end_date}))
            if "renewal_term" in changed:
                if rules.renewal_term is not None:
                    facts.append(("renewal", {"renewal": rules.renewal_term}))
                else:
                    facts.append(("no_renewal", {}))
        if "notice_period" in changed or "notice_anchor" in changed:
            if rules.notice_period is None:
                facts.append(("no_notice", {}))
            else:
                facts.append((f"notice_{rules.notice_anchor}", {"notice": rules.notice_period}))
        for fact, mapping in facts:
            phrases.append(Phrase(f"deadline_amended_{when}_{fact}", {**base, **mapping}))
    return phrases


def compute(rules, signed_on, day, ends_on=None, ended_by="notice"):
    """The agreement's deadlines on ``day``, with their explanation.

    ``rules``: the agreement's Rules, or its RuleHistory (the original rules and each
    amendment's, with the day it takes effect): one chain of terms serves every day.
    ``signed_on`` is the day the last party signed (None while a signature is missing).
    ``ends_on``: the last day in force after an effective notice (``ended_by="notice"``)
    or a mutual cancellation (``"cancellation"``); no renewal and no notice deadline then.
    """
    history = as_history(rules)
    if ends_on is not None:
        return _ending(compute(history, signed_on, day), ends_on, ended_by)
    since = in_force_since(history, signed_on)
    if since is None:
        return Deadlines(
            day=day,
            status="not_signed",
            explanation=(Phrase("deadline_not_signed"),),
        )
    phrases = []
    if day < since:
        phrases.append(Phrase("deadline_enters_into_force", {"date": since}))
        status = "pending"
        reference = since  # show the first term as it will be
    else:
        phrases.append(Phrase("deadline_in_force_since", {"date": since}))
        status = "in_force"
        reference = day

    final = _final_end(history, since)
    if final is not None and reference > final:
        return Deadlines(
            day=day,
            status="ended",
            in_force_since=since,
            final_end=final,
            explanation=(
                Phrase("deadline_in_force_since", {"date": since}),
                Phrase("deadline_ended", {"date": final}),
                *_rule_phrases(history, day, final),
            ),
        )

    current = None
    for count, term in enumerate(terms(history, since)):
        current = term
        if term.end is None or term.end >= reference or count > MAX_TERMS:
            break
    term_start, term_last = current.start, current.end
    next_renewal = None
    if current.successor == "renewal":
        next_renewal = term_last + ONE_DAY

    if term_last is not None:
        phrases.append(
            Phrase(
                "deadline_current_term",
                {"start": term_start, "end": term_last},
            )
        )
    else:
        phrases.append(Phrase("deadline_unlimited", {"start": term_start}))
    if next_renewal is not None:
        renewal = history.rules_on(next_renewal).renewal_term
        phrases.append(Phrase("deadline_renews", {"renewal": renewal, "date": next_renewal}))
    elif final is not None:
        phrases.append(Phrase("deadline_ends_without_notice", {"date": final}))

    notice_deadline = None
    if term_last is not None and current.successor is not None and not current.interrupted:
        notice_deadline = _deadline(history, since, term_last)

    notice_period = history.rules_on(reference).notice_period
    earliest, earliest_deadline, _kind = _earliest_end(history, since, reference)
    if notice_period is None:
        if final is None:
            phrases.append(Phrase("deadline_no_notice"))
    elif notice_deadline is not None and notice_deadline >= day:
        phrases.append(
            Phrase(
                "deadline_notice_by",
                {"deadline": notice_deadline, "end": term_last},
            )
        )
    elif notice_deadline is not None:
        phrases.append(
            Phrase(
                "deadline_notice_missed",
                {"deadline": notice_deadline},
            )
        )
    if (
        notice_period is not None
        and earliest is not None
        and (notice_deadline is None or notice_deadline < day)
        and earliest != final
    ):
        phrases.append(
            Phrase(
                "deadline_earliest_end",
                {"deadline": earliest_deadline, "end": earliest},
            )
        )
    horizon = max(d for d in (reference, term_last, next_renewal, earliest, final) if d)
    phrases.extend(_rule_phrases(history, day, horizon))
    return Deadlines(
        day=day,
        status=status,
        in_force_since=since,
        current_term_start=term_start,
        current_term_end=term_last,
        next_renewal=next_renewal,
        notice_deadline=notice_deadline,
        earliest_end=earliest,
        earliest_end_notice_deadline=earliest_deadline,
        final_end=final,
        explanation=tuple(phrases),
    )


def _ending(result, ends_on, ended_by):
    """``result`` of an agreement that ends on ``ends_on`` by notice or cancellation."""
    if result.status in ("not_signed", "ended") or (
        result.final_end is not None and result.final_end < ends_on
    ):
        return result
    since = result.in_force_since
    if max(result.day, since) > ends_on:
        return Deadlines(
            day=result.day,
            status="ended",
            in_force_since=since,
            final_end=ends_on,
            explanation=(
                Phrase("deadline_in_force_since", {"date": since}),
                Phrase("deadline_ended", {"date": ends_on}),
            ),
        )
    phrases = [
        p
        for p in result.explanation
        if p.msgid
        in ("deadline_in_force_since", "deadline_enters_into_force", "deadline_current_term")
        or p.msgid.startswith("deadline_amended_")
    ]
    phrases.append(Phrase(f"deadline_ends_by_{ended_by}", {"date": ends_on}))
    return replace(
        result,
        next_renewal=None,
        notice_deadline=None,
        earliest_end=ends_on,
        earliest_end_notice_deadline=None,
        final_end=ends_on,
        explanation=tuple(phrases),
    )
