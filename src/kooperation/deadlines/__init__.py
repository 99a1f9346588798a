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
"""

from dataclasses import dataclass
from dataclasses import field
from dataclasses import replace
from datetime import date
from datetime import timedelta

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


def interpolate(text, mapping):
    """Fill ``${name}`` placeholders as the English defaults show values (German dates).

    Shared by the pure modules' messages (deadlines, amendments, rotation) for
    ``str()`` outside Zope; in the portal the catalog translates them instead.
    """
    for key, value in (mapping or {}).items():
        if isinstance(value, date):
            value = value.strftime("%d.%m.%Y")
        elif isinstance(value, Period):
            value = f"{value.value} {value.unit}"
        text = text.replace("${" + key + "}", str(value))
    return text


@dataclass(frozen=True)
class Phrase:
    """One sentence of an explanation: a catalog message id, its English default, values."""

    msgid: str
    mapping: dict = field(default_factory=dict)

    @property
    def default(self):
        return MESSAGES[self.msgid]

    def __str__(self):
        return interpolate(self.default, self.mapping)


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


def in_force_since(rules, signed_on):
    """The first day in force: the last signature's day, or the fixed date once all signed."""
    if signed_on is None:
        return None
    if rules.effective_rule == "fixed_date":
        return rules.effective_date
    return signed_on


def iter_terms(rules, start):
    """(first day, last day) of each term; the last day is None when unlimited."""
    if rules.end_date is not None:
        end = rules.end_date
    elif rules.initial_term is not None:
        end = term_end(start, rules.initial_term)
    else:
        yield start, None
        return
    yield start, end
    if rules.renewal_term is None:
        if rules.calendar_anchor:
            yield end + ONE_DAY, None  # after a minimum term it runs on until notice
        return
    for _ in range(MAX_TERMS):
        start = end + ONE_DAY
        end = term_end(start, rules.renewal_term)
        yield start, end


def _final_end(rules, start):
    """The day it ends by itself (no renewal, no running on); None otherwise."""
    if rules.continues_after_initial_term:
        return None
    if rules.end_date is not None:
        return rules.end_date
    if rules.initial_term is not None:
        return term_end(start, rules.initial_term)
    return None


def _termination_dates(rules, start):
    """The days to whose end an ordinary notice can end the agreement, in order."""
    if rules.calendar_anchor:
        final = _final_end(rules, start)
        if final is not None:  # fixed end: calendar dates before it
            for anchor_day in anchor_dates(rules.notice_anchor, start):
                if anchor_day >= final:
                    return
                yield anchor_day
            return
        first = start
        if rules.initial_term is not None:  # a minimum term, then calendar dates
            minimum_end = term_end(start, rules.initial_term)
            yield minimum_end
            first = minimum_end + ONE_DAY
        yield from anchor_dates(rules.notice_anchor, first)
        return
    for _term_start, end in iter_terms(rules, start):
        if end is None:
            return
        yield end


def _earliest_end(rules, start, received):
    """(end, its notice deadline) that a notice received on ``received`` reaches."""
    if rules.notice_period is None:
        return None, None
    terms_unlimited = rules.end_date is None and rules.initial_term is None
    if not rules.calendar_anchor and terms_unlimited:
        # Unlimited, notice without an anchor: it ends when the period runs out.
        return period_end_after(received, rules.notice_period), received
    for count, end in enumerate(_termination_dates(rules, start)):
        if count > MAX_TERMS:
            break
        if end < received:
            continue
        deadline = latest_receipt(end, rules.notice_period)
        if deadline >= received:
            return end, deadline
    return None, None


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


def notice_effect(rules, signed_on, received):
    """The end that a notice received on ``received`` brings about.

    Received by the notice deadline of the current term (or of the first possible end
    on a calendar anchor), it ends the agreement then; received later, at the next
    possible end. An agreement without ordinary notice is not ended by it.
    """
    since = in_force_since(rules, signed_on)
    if since is None:
        return Notice(received, None, False, (Phrase("deadline_not_signed"),))
    reference = max(received, since)
    final = _final_end(rules, since)
    values = {"received": received}
    if final is not None and reference > final:
        return Notice(
            received, None, False, (Phrase("notice_after_end", {**values, "end": final}),)
        )
    if rules.notice_period is None:
        return Notice(received, None, False, (Phrase("notice_no_ordinary_notice", values),))
    end, deadline = _earliest_end(rules, since, reference)
    if rules.end_date is None and rules.initial_term is None and not rules.calendar_anchor:
        return Notice(received, end, True, (Phrase("notice_period_runs", {**values, "end": end}),))
    first_end = next((day for day in _termination_dates(rules, since) if day >= reference), None)
    missed = latest_receipt(first_end, rules.notice_period) if first_end else None
    if end is None:  # too late for the only possible end: a fixed end comes anyway
        return Notice(
            received,
            final,
            False,
            (Phrase("notice_fixed_end", {**values, "missed": missed, "end": final}),),
        )
    if end == first_end:
        phrase = Phrase("notice_timely", {**values, "deadline": deadline, "end": end})
        return Notice(received, end, True, (phrase,))
    phrase = Phrase("notice_late", {**values, "missed": missed, "term_end": first_end, "end": end})
    return Notice(received, end, False, (phrase,))


def compute(rules, signed_on, day, ends_on=None, ended_by="notice"):
    """The agreement's deadlines on ``day``, with their explanation.

    ``signed_on`` is the day the last party signed (None while a signature is missing).
    ``ends_on``: the last day in force after an effective notice (``ended_by="notice"``)
    or a mutual cancellation (``"cancellation"``); no renewal and no notice deadline then.
    """
    if ends_on is not None:
        return _ending(compute(rules, signed_on, day), ends_on, ended_by)
    since = in_force_since(rules, signed_on)
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

    final = _final_end(rules, since)
    if final is not None and reference > final:
        return Deadlines(
            day=day,
            status="ended",
            in_force_since=since,
            final_end=final,
            explanation=(
                Phrase("deadline_in_force_since", {"date": since}),
                Phrase("deadline_ended", {"date": final}),
            ),
        )

    term_start = term_last = None
    for count, (start, end) in enumerate(iter_terms(rules, since)):
        if end is None or end >= reference or count > MAX_TERMS:
            term_start, term_last = start, end
            break
    next_renewal = None
    if rules.renewal_term is not None and term_last is not None:
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
    if rules.renewal_term is not None:
        phrases.append(
            Phrase(
                "deadline_renews",
                {"renewal": rules.renewal_term, "date": next_renewal},
            )
        )
    elif final is not None:
        phrases.append(Phrase("deadline_ends_without_notice", {"date": final}))

    notice_deadline = None
    if rules.notice_period is not None and term_last is not None and not rules.calendar_anchor:
        if rules.renewal_term is not None:
            notice_deadline = latest_receipt(term_last, rules.notice_period)
    elif (
        rules.notice_period is not None
        and term_last is not None
        and rules.calendar_anchor
        and term_last != final
    ):
        notice_deadline = latest_receipt(term_last, rules.notice_period)

    earliest, earliest_deadline = _earliest_end(rules, since, max(day, since))
    if rules.notice_period is None:
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
        rules.notice_period is not None
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
