"""Deadlines across amendments that change the rules (issue 22): the engine's own tests.

Worked cases on the seed rules (in force 20.05.2015, one year, renewed by one year,
notice six months before the end of the term), and two properties: an agreement
whose rules never change gets exactly the answers of the engine before issue 22
(``engine_before_22``), and splitting the rules into two identical versions on any
day changes nothing.
"""

from datetime import date
from datetime import timedelta
from hypothesis import assume
from hypothesis import given
from hypothesis import HealthCheck
from hypothesis import settings
from hypothesis import strategies as st
from itertools import islice
from kooperation.deadlines import compute
from kooperation.deadlines import iter_terms
from kooperation.deadlines import notice_effect
from kooperation.deadlines import Period
from kooperation.deadlines import RuleHistory
from kooperation.deadlines import Rules
from kooperation.deadlines import RuleVersion
from kooperation.deadlines import validate_rules

import engine_before_22 as before
import os
import pytest


Y1, Y2, M3, M6 = Period(1, "years"), Period(2, "years"), Period(3, "months"), Period(6, "months")
SEED = Rules(initial_term=Y1, renewal_term=Y1, notice_period=M6)
SIGNED = date(2015, 5, 20)


def d(text):
    day, month, year = text.split(".")
    return date(int(year), int(month), int(day))


def amended(since, **changes):
    from dataclasses import replace

    return RuleHistory(
        (RuleVersion(SEED), RuleVersion(replace(SEED, **changes), d(since), "1. Änderung"))
    )


RENEWAL_2Y = amended("01.01.2017", renewal_term=Y2)
NOTICE_3M = amended("01.03.2017", notice_period=M3)
FIXED_END = amended("01.03.2018", initial_term=None, end_date=d("31.12.2019"), renewal_term=None)
YEAR_END = amended(
    "20.05.2018",
    initial_term=None,
    renewal_term=None,
    notice_period=M3,
    notice_anchor="end_of_year",
)


def dates(result, *keys):
    return tuple(getattr(result, key) for key in keys)


class TestRenewalChanged:
    def test_terms_keep_their_length_until_the_first_renewal_after_the_amendment(self):
        terms = list(zip(range(5), iter_terms(RENEWAL_2Y, SIGNED), strict=False))
        assert [t for _, t in terms] == [
            (d("20.05.2015"), d("19.05.2016")),
            (d("20.05.2016"), d("19.05.2017")),
            (d("20.05.2017"), d("19.05.2019")),
            (d("20.05.2019"), d("19.05.2021")),
            (d("20.05.2021"), d("19.05.2023")),
        ]

    def test_2020(self):
        result = compute(RENEWAL_2Y, SIGNED, d("01.01.2020"))
        assert dates(result, "current_term_end", "notice_deadline", "earliest_end") == (
            d("19.05.2021"),
            d("19.11.2020"),
            d("19.05.2021"),
        )
        assert "Since the 1. Änderung of 01.01.2017, the agreement renews by 2 years." in (
            result.text
        )

    def test_before_the_amendment(self):
        result = compute(RENEWAL_2Y, SIGNED, d("01.10.2016"))
        assert dates(result, "notice_deadline", "earliest_end", "next_renewal") == (
            d("19.11.2016"),
            d("19.05.2017"),
            d("20.05.2017"),
        )
        assert "From the 1. Änderung of 01.01.2017 on, the agreement renews by 2 years." in (
            result.text
        )


class TestNoticeShortened:
    def test_deadlines(self):
        result = compute(NOTICE_3M, SIGNED, d("15.01.2017"))
        assert dates(result, "notice_deadline", "earliest_end", "earliest_end_notice_deadline") == (
            d("19.11.2016"),
            d("19.05.2018"),
            d("19.02.2018"),
        )
        assert "The notice deadline for this term (19.11.2016) has passed." in result.text

    def test_a_notice_before_the_amendment_is_late(self):
        notice = notice_effect(NOTICE_3M, SIGNED, d("10.02.2017"))
        assert (notice.end, notice.timely) == (d("19.05.2018"), False)
        assert notice.text == (
            "The notice received on 10.02.2017 came after the deadline of 19.11.2016 for the "
            "end of the term on 19.05.2017: the agreement ends on the next possible date, "
            "19.05.2018. On 10.02.2017 the original rules were in force."
        )

    def test_a_notice_after_the_amendment_uses_three_months(self):
        notice = notice_effect(NOTICE_3M, SIGNED, d("15.12.2017"))
        assert (notice.end, notice.timely) == (d("19.05.2018"), True)
        assert notice.text.endswith(
            "On 15.12.2017 the rules of the 1. Änderung of 01.03.2017 were in force."
        )


class TestLongerNotice:
    def test_the_deadline_is_the_last_day_a_notice_still_reaches_the_end(self):
        history = RuleHistory(
            (
                RuleVersion(Rules(initial_term=Y1, renewal_term=Y1, notice_period=M3)),
                RuleVersion(SEED, d("01.01.2018"), "1. Änderung"),
            )
        )
        # three months before 19.05.2018 would be 19.02.2018, but from 01.01.2018 six
        # months apply: the last day under the old rules is 31.12.2017.
        assert compute(history, SIGNED, d("01.12.2017")).notice_deadline == d("31.12.2017")
        assert notice_effect(history, SIGNED, d("02.01.2018")).end == d("19.05.2019")


class TestFixedEnd:
    def test_renewals_before_it_stay(self):
        result = compute(FIXED_END, SIGNED, d("01.12.2016"))
        assert dates(result, "current_term_end", "next_renewal", "final_end") == (
            d("19.05.2017"),
            d("20.05.2017"),
            d("31.12.2019"),
        )
        assert "the agreement ends on 31.12.2019" in result.text
        assert "the agreement is no longer renewed" in result.text

    def test_it_ends(self):
        assert compute(FIXED_END, SIGNED, d("01.01.2020")).status == "ended"

    def test_at_a_term_boundary(self):
        history = amended("20.05.2018", end_date=d("31.12.2019"), initial_term=None)
        terms = list(islice(iter_terms(history, SIGNED), 3, 5))
        assert terms == [(d("20.05.2018"), d("31.12.2019")), (d("01.01.2020"), d("31.12.2020"))]


class TestSwitchToUnlimited:
    def test_a_notice_before_the_switch_ends_the_running_term(self):
        notice = notice_effect(YEAR_END, SIGNED, d("15.09.2017"))
        assert (notice.end, notice.timely) == (d("19.05.2018"), True)

    def test_a_late_notice_before_the_switch_reaches_the_next_year_end(self):
        notice = notice_effect(YEAR_END, SIGNED, d("01.12.2017"))
        assert notice.end == d("31.12.2018")

    def test_after_the_switch(self):
        result = compute(YEAR_END, SIGNED, d("01.08.2018"))
        assert dates(
            result, "current_term_end", "earliest_end", "earliest_end_notice_deadline"
        ) == (
            None,
            d("31.12.2018"),
            d("30.09.2018"),
        )
        assert "the agreement runs for an unlimited period" in result.text


def test_unlimited_agreement_gets_terms():
    history = RuleHistory(
        (
            RuleVersion(Rules(notice_period=M3, notice_anchor="end_of_year")),
            RuleVersion(SEED, d("01.01.2020"), "1. Änderung"),
        )
    )
    assert list(islice(iter_terms(history, SIGNED), 3)) == [
        (SIGNED, d("31.12.2019")),
        (d("01.01.2020"), d("31.12.2020")),
        (d("01.01.2021"), d("31.12.2021")),
    ]


# --- properties --------------------------------------------------------------------------------

PERIODS = st.one_of(
    st.builds(Period, st.integers(1, 120), st.just("days")),
    st.builds(Period, st.integers(1, 12), st.just("weeks")),
    st.builds(Period, st.integers(1, 30), st.just("months")),
    st.builds(Period, st.integers(1, 4), st.just("years")),
)
DAYS = st.dates(date(2010, 1, 1), date(2030, 12, 31))


@st.composite
def rules(draw):
    shape = draw(st.sampled_from(["renewal", "fixed", "minimum", "calendar", "unlimited", "once"]))
    notice = draw(st.one_of(st.none(), PERIODS))
    anchor = draw(st.sampled_from(["end_of_year", "end_of_quarter", "end_of_month"]))
    values = {"notice_period": notice}
    if draw(st.booleans()):
        values.update(effective_rule="fixed_date", effective_date=draw(DAYS))
    if shape == "renewal":
        values.update(initial_term=draw(PERIODS), renewal_term=draw(PERIODS))
    elif shape == "fixed":
        values.update(end_date=draw(DAYS))
        if notice is not None and draw(st.booleans()):
            values.update(notice_anchor=anchor)
        if draw(st.booleans()):
            values.update(renewal_term=draw(PERIODS), notice_anchor="end_of_term")
    elif shape == "minimum":
        values.update(initial_term=draw(PERIODS), notice_period=draw(PERIODS), notice_anchor=anchor)
    elif shape == "calendar":
        values.update(notice_period=draw(PERIODS), notice_anchor=anchor)
    elif shape == "once":
        values.update(initial_term=draw(PERIODS))
    result = Rules(**values)
    assume(not validate_rules(result))
    return result


def comparable(result):
    """A Deadlines or Notice as plain values (explanations by message id and mapping)."""
    data = (
        result.as_dict()
        if hasattr(result, "as_dict")
        else {
            "end": result.end,
            "timely": result.timely,
        }
    )
    return data, [(p.msgid, p.mapping) for p in result.explanation]


# DEADLINE_EXAMPLES=5000 for a longer run.
EXAMPLES = int(os.environ.get("DEADLINE_EXAMPLES", "400"))
SETTINGS = settings(
    max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.filter_too_much]
)


@SETTINGS
@given(rules(), st.one_of(st.none(), DAYS), st.data())
def test_without_rule_changes_the_answers_are_those_of_before(agreement, signed, data):
    base = signed or date(2020, 1, 1)
    day = base + timedelta(days=data.draw(st.integers(-400, 4000)))
    assert comparable(compute(agreement, signed, day)) == comparable(
        before.compute(agreement, signed, day)
    )
    assert comparable(notice_effect(agreement, signed, day)) == comparable(
        before.notice_effect(agreement, signed, day)
    )
    ends_on = base + timedelta(days=data.draw(st.integers(0, 2000)))
    assert comparable(compute(agreement, signed, day, ends_on)) == comparable(
        before.compute(agreement, signed, day, ends_on)
    )


@SETTINGS
@given(rules(), DAYS, st.data())
def test_two_identical_versions_change_nothing(agreement, signed, data):
    split = signed + timedelta(days=data.draw(st.integers(-30, 4000)))
    day = signed + timedelta(days=data.draw(st.integers(-400, 4000)))
    history = RuleHistory((RuleVersion(agreement), RuleVersion(agreement, split, "Änderung")))
    assert comparable(compute(history, signed, day)) == comparable(compute(agreement, signed, day))
    assert comparable(notice_effect(history, signed, day)) == comparable(
        notice_effect(agreement, signed, day)
    )


@pytest.mark.parametrize("history", [RENEWAL_2Y, NOTICE_3M, FIXED_END, YEAR_END])
def test_every_explanation_sentence_is_in_the_catalog(history):
    from kooperation.deadlines import MESSAGES

    for day in (d("01.10.2016"), d("01.06.2018"), d("01.01.2020")):
        for phrase in compute(history, SIGNED, day).explanation:
            assert phrase.msgid in MESSAGES
            assert "${" not in str(phrase)
