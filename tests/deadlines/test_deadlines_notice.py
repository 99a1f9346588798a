"""What a notice does: the end it reaches (in time, late, none), and deadlines after it."""

from datetime import date
from kooperation.deadlines import compute
from kooperation.deadlines import notice_effect
from kooperation.deadlines import Period
from kooperation.deadlines import Rules

import pytest


Y1, M3, M6 = Period(1, "years"), Period(3, "months"), Period(6, "months")
SEED = Rules(initial_term=Y1, renewal_term=Y1, notice_period=M6)
SIGNED = date(2015, 5, 20)


@pytest.mark.parametrize(
    ("received", "end", "timely", "why"),
    [
        (date(2015, 11, 19), date(2016, 5, 19), True, "the last day of the notice deadline"),
        (date(2015, 11, 20), date(2017, 5, 19), False, "one day late: one term later"),
        (date(2016, 5, 19), date(2017, 5, 19), False, "on the last day of the term"),
        (date(2016, 5, 20), date(2017, 5, 19), True, "first day of the renewed term"),
        (date(2015, 3, 1), date(2016, 5, 19), True, "before entry into force: the first end"),
    ],
)
def test_seed_notice(received, end, timely, why):
    notice = notice_effect(SEED, SIGNED, received)
    assert (notice.end, notice.timely) == (end, timely), why


def test_a_late_notice_says_which_deadline_it_missed():
    notice = notice_effect(SEED, SIGNED, date(2015, 11, 20))
    assert notice.text == (
        "The notice received on 20.11.2015 came after the deadline of 19.11.2015 for the end "
        "of the term on 19.05.2016: the agreement ends on the next possible date, 19.05.2017."
    )


def test_a_timely_notice_says_its_deadline():
    notice = notice_effect(SEED, SIGNED, date(2015, 10, 1))
    assert notice.text == (
        "The notice received on 01.10.2015 is in time (deadline 19.11.2015): "
        "the agreement ends on 19.05.2016."
    )


def test_without_ordinary_notice_nothing_ends():
    rules = Rules(initial_term=Y1, renewal_term=Y1)
    notice = notice_effect(rules, SIGNED, date(2015, 10, 1))
    assert notice.end is None
    assert notice.explanation[0].msgid == "notice_no_ordinary_notice"


def test_unlimited_ends_when_the_period_runs_out():
    notice = notice_effect(Rules(notice_period=M3), SIGNED, date(2020, 1, 15))
    assert notice.end == date(2020, 4, 15)
    assert notice.timely


def test_a_fixed_end_comes_anyway():
    rules = Rules(end_date=date(2016, 12, 31), notice_period=M3)
    notice = notice_effect(rules, SIGNED, date(2016, 11, 1))
    assert notice.end == date(2016, 12, 31)
    assert notice.explanation[0].msgid == "notice_fixed_end"


def test_after_the_end_there_is_nothing_to_end():
    rules = Rules(end_date=date(2016, 12, 31), notice_period=M3)
    notice = notice_effect(rules, SIGNED, date(2017, 2, 1))
    assert notice.end is None
    assert notice.explanation[0].msgid == "notice_after_end"


def test_not_signed():
    assert notice_effect(SEED, None, date(2015, 10, 1)).end is None


class TestDeadlinesAfterNotice:
    def test_no_renewal_and_no_notice_deadline(self):
        result = compute(SEED, SIGNED, date(2016, 1, 10), ends_on=date(2017, 5, 19))
        assert result.status == "in_force"
        assert result.final_end == date(2017, 5, 19)
        assert result.earliest_end == date(2017, 5, 19)
        assert result.next_renewal is None
        assert result.notice_deadline is None
        assert result.text.endswith("Notice has been given: it ends on 19.05.2017.")

    def test_ended_after_the_day(self):
        result = compute(SEED, SIGNED, date(2017, 5, 20), ends_on=date(2017, 5, 19))
        assert result.status == "ended"
        assert result.final_end == date(2017, 5, 19)

    def test_cancellation(self):
        result = compute(
            SEED, SIGNED, date(2016, 1, 10), ends_on=date(2016, 3, 31), ended_by="cancellation"
        )
        assert result.final_end == date(2016, 3, 31)
        assert "agreed to cancel it: it ends on 31.03.2016" in result.text

    def test_an_earlier_natural_end_stays(self):
        rules = Rules(end_date=date(2016, 12, 31), notice_period=M3)
        result = compute(rules, SIGNED, date(2016, 1, 10), ends_on=date(2017, 5, 19))
        assert result.final_end == date(2016, 12, 31)
