"""The deadline engine as it was before issue 22, for one set of rules (test oracle).

Kept verbatim (algorithms only; the data classes come from ``kooperation.deadlines``) so
that the property tests can show that an agreement whose rules never change gets
exactly the answers it got before the engine learnt about rule versions.
"""

from dataclasses import replace
from kooperation.deadlines import anchor_dates
from kooperation.deadlines import Deadlines
from kooperation.deadlines import latest_receipt
from kooperation.deadlines import MAX_TERMS
from kooperation.deadlines import Notice
from kooperation.deadlines import ONE_DAY
from kooperation.deadlines import period_end_after
from kooperation.deadlines import Phrase
from kooperation.deadlines import term_end


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
