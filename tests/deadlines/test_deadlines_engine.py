"""Worked cases of the deadline engine (§§ 187-190 BGB), with the reasoning for each."""

from datetime import date
from kooperation.deadlines import compute
from kooperation.deadlines import latest_receipt
from kooperation.deadlines import Period
from kooperation.deadlines import period_end_after
from kooperation.deadlines import Rules
from kooperation.deadlines import term_end
from kooperation.deadlines import validate_rules

import pytest


def d(text):
    day, month, year = text.split(".")
    return date(int(year), int(month), int(day))


Y1, Y2, M1, M3, M6 = (
    Period(1, "years"),
    Period(2, "years"),
    Period(1, "months"),
    Period(3, "months"),
    Period(6, "months"),
)


@pytest.mark.parametrize(
    ("start", "period", "end", "why"),
    [
        (
            "20.05.2015",
            Y1,
            "19.05.2016",
            "seed 000: signing day counts (§ 187 (2)), ends the day before",
        ),
        ("31.01.2015", M1, "28.02.2015", "31.02. does not exist: last day of February (§ 188 (3))"),
        ("31.01.2016", M1, "29.02.2016", "leap year: 29 February"),
        ("01.02.2015", M1, "28.02.2015", "the day before 01.03."),
        ("29.02.2016", Y1, "28.02.2017", "29.02.2017 does not exist: last day of February"),
        ("01.03.2015", Y1, "29.02.2016", "the day before 01.03.2016 in a leap year"),
        ("30.01.2015", M1, "28.02.2015", "30.02. does not exist"),
        ("31.03.2015", M1, "30.04.2015", "31.04. does not exist: last day of April"),
        ("01.01.2015", Y1, "31.12.2015", "a calendar year"),
        ("31.08.2015", M6, "29.02.2016", "31.02.2016 does not exist"),
        ("15.03.2015", Period(2, "weeks"), "28.03.2015", "14 days counting the first"),
        ("01.01.2015", Period(10, "days"), "10.01.2015", "10 days counting the first"),
    ],
)
def test_term_end(start, period, end, why):
    assert term_end(d(start), period) == d(end), why


@pytest.mark.parametrize(
    ("end", "period", "deadline", "why"),
    [
        ("19.05.2016", M6, "19.11.2015", "seed 000: 6 months from 19.11. end on 19.05."),
        ("31.12.2015", M3, "30.09.2015", "to the end of the year: by 30 September"),
        ("30.06.2015", M3, "31.03.2015", "received 31.03.: 3 months end 30.06. (§ 188 (3))"),
        ("28.02.2015", M1, "31.01.2015", "received 31.01.: one month ends 28.02."),
        ("29.02.2016", M6, "31.08.2015", "received 31.08.: six months end 29.02.2016"),
        ("30.04.2015", Period(2, "months"), "28.02.2015", "01.03. would run to 01.05."),
        ("31.12.2015", Period(4, "weeks"), "03.12.2015", "28 days after 03.12. is 31.12."),
        ("31.12.2015", Period(14, "days"), "17.12.2015", "14 days after 17.12. is 31.12."),
        ("19.05.2017", Y1, "19.05.2016", "one year to the day"),
        ("31.03.2016", M1, "29.02.2016", "01.03. would run to 01.04."),
    ],
)
def test_latest_receipt(end, period, deadline, why):
    assert latest_receipt(d(end), period) == d(deadline), why
    # It is the *last* such day: one day later is too late.
    assert period_end_after(d(deadline), period) <= d(end)
    next_day = date.fromordinal(d(deadline).toordinal() + 1)
    assert period_end_after(next_day, period) > d(end)


SEED = Rules(initial_term=Y1, renewal_term=Y1, notice_period=M6)
INITIAL_2Y = Rules(initial_term=Y2, renewal_term=Y1, notice_period=M3)
MONTHLY = Rules(initial_term=M1, renewal_term=M1, notice_period=Period(2, "weeks"))
LEAP_FIXED = Rules(
    effective_rule="fixed_date",
    effective_date=d("29.02.2016"),
    initial_term=Y1,
    renewal_term=Y1,
    notice_period=M3,
)
RETRO_FIXED = Rules(
    effective_rule="fixed_date",
    effective_date=d("01.01.2020"),
    initial_term=Y1,
    renewal_term=Y1,
    notice_period=M3,
)
YEAR_END = Rules(notice_period=M3, notice_anchor="end_of_year")
UNLIMITED = Rules(notice_period=M3)
FIXED_END = Rules(end_date=d("31.12.2016"))
TWO_YEARS = Rules(initial_term=Y2)
QUARTER_MIN = Rules(
    initial_term=Y1, notice_period=Period(6, "weeks"), notice_anchor="end_of_quarter"
)
MONTH_END = Rules(notice_period=M1, notice_anchor="end_of_month")
FIXED_YEAR_END = Rules(end_date=d("31.12.2018"), notice_period=M3, notice_anchor="end_of_year")
DAYS = Rules(
    initial_term=Period(90, "days"),
    renewal_term=Period(30, "days"),
    notice_period=Period(10, "days"),
)
WEEKS = Rules(
    initial_term=Period(4, "weeks"),
    renewal_term=Period(4, "weeks"),
    notice_period=Period(1, "weeks"),
)

KEYS = (
    "status",
    "in_force_since",
    "current_term_start",
    "current_term_end",
    "next_renewal",
    "notice_deadline",
    "earliest_end",
    "earliest_end_notice_deadline",
    "final_end",
)


def row(
    status,
    since=None,
    start=None,
    end=None,
    renewal=None,
    notice=None,
    earliest=None,
    earliest_deadline=None,
    final=None,
):
    values = (since, start, end, renewal, notice, earliest, earliest_deadline, final)
    return dict(zip(KEYS, (status, *(d(v) if v else None for v in values)), strict=True))


CASES = [
    # --- seed 000: in force on signing, 1 year, renews by 1 year, notice 6 months before the end
    (
        "seed: signing day",
        SEED,
        "20.05.2015",
        "20.05.2015",
        row(
            "in_force",
            "20.05.2015",
            "20.05.2015",
            "19.05.2016",
            "20.05.2016",
            "19.11.2015",
            "19.05.2016",
            "19.11.2015",
        ),
    ),
    (
        "seed: on the notice deadline it is still timely",
        SEED,
        "20.05.2015",
        "19.11.2015",
        row(
            "in_force",
            "20.05.2015",
            "20.05.2015",
            "19.05.2016",
            "20.05.2016",
            "19.11.2015",
            "19.05.2016",
            "19.11.2015",
        ),
    ),
    (
        "seed: one day late, the notice reaches the end of the next term",
        SEED,
        "20.05.2015",
        "20.11.2015",
        row(
            "in_force",
            "20.05.2015",
            "20.05.2015",
            "19.05.2016",
            "20.05.2016",
            "19.11.2015",
            "19.05.2017",
            "19.11.2016",
        ),
    ),
    (
        "seed: last day of the first term",
        SEED,
        "20.05.2015",
        "19.05.2016",
        row(
            "in_force",
            "20.05.2015",
            "20.05.2015",
            "19.05.2016",
            "20.05.2016",
            "19.11.2015",
            "19.05.2017",
            "19.11.2016",
        ),
    ),
    (
        "seed: renewal after the first term keeps counting from 20.05.",
        SEED,
        "20.05.2015",
        "20.05.2016",
        row(
            "in_force",
            "20.05.2015",
            "20.05.2016",
            "19.05.2017",
            "20.05.2017",
            "19.11.2016",
            "19.05.2017",
            "19.11.2016",
        ),
    ),
    (
        "seed: after the fifth term, the sixth runs 2020/21",
        SEED,
        "20.05.2015",
        "01.06.2020",
        row(
            "in_force",
            "20.05.2015",
            "20.05.2020",
            "19.05.2021",
            "20.05.2021",
            "19.11.2020",
            "19.05.2021",
            "19.11.2020",
        ),
    ),
    ("not every party signed: nothing exists yet", SEED, None, "01.06.2020", row("not_signed")),
    # --- initial term 2 years, then renewals by 1 year, 3 months notice
    (
        "initial 2 years: first deadline 3 months before 31.01.2018",
        INITIAL_2Y,
        "01.02.2016",
        "01.02.2016",
        row(
            "in_force",
            "01.02.2016",
            "01.02.2016",
            "31.01.2018",
            "01.02.2018",
            "31.10.2017",
            "31.01.2018",
            "31.10.2017",
        ),
    ),
    (
        "initial 2 years: missed deadline moves the end by one renewal term",
        INITIAL_2Y,
        "01.02.2016",
        "01.11.2017",
        row(
            "in_force",
            "01.02.2016",
            "01.02.2016",
            "31.01.2018",
            "01.02.2018",
            "31.10.2017",
            "31.01.2019",
            "31.10.2018",
        ),
    ),
    (
        "initial 2 years: the renewal term is 1 year, not 2",
        INITIAL_2Y,
        "01.02.2016",
        "15.03.2018",
        row(
            "in_force",
            "01.02.2016",
            "01.02.2018",
            "31.01.2019",
            "01.02.2019",
            "31.10.2018",
            "31.01.2019",
            "31.10.2018",
        ),
    ),
    # --- monthly from 31 January: month ends, renewal from the day after (§ 190)
    (
        "monthly from 31.01.: first term ends 28.02.",
        MONTHLY,
        "31.01.2015",
        "31.01.2015",
        row(
            "in_force",
            "31.01.2015",
            "31.01.2015",
            "28.02.2015",
            "01.03.2015",
            "14.02.2015",
            "28.02.2015",
            "14.02.2015",
        ),
    ),
    (
        "monthly: after 14.02. the notice reaches 31.03.",
        MONTHLY,
        "31.01.2015",
        "15.02.2015",
        row(
            "in_force",
            "31.01.2015",
            "31.01.2015",
            "28.02.2015",
            "01.03.2015",
            "14.02.2015",
            "31.03.2015",
            "17.03.2015",
        ),
    ),
    (
        "monthly: third term is April",
        MONTHLY,
        "31.01.2015",
        "10.04.2015",
        row(
            "in_force",
            "31.01.2015",
            "01.04.2015",
            "30.04.2015",
            "01.05.2015",
            "16.04.2015",
            "30.04.2015",
            "16.04.2015",
        ),
    ),
    # --- fixed date 29.02.2016 (leap day)
    (
        "fixed leap day, signed before: pending, first term to 28.02.2017",
        LEAP_FIXED,
        "10.02.2016",
        "10.02.2016",
        row(
            "pending",
            "29.02.2016",
            "29.02.2016",
            "28.02.2017",
            "01.03.2017",
            "30.11.2016",
            "28.02.2017",
            "30.11.2016",
        ),
    ),
    (
        "fixed leap day: the fourth term ends on 29.02.2020",
        LEAP_FIXED,
        "10.02.2016",
        "01.03.2019",
        row(
            "in_force",
            "29.02.2016",
            "01.03.2019",
            "29.02.2020",
            "01.03.2020",
            "30.11.2019",
            "29.02.2020",
            "30.11.2019",
        ),
    ),
    (
        "fixed date before the last signature: in force from the fixed date",
        RETRO_FIXED,
        "15.01.2020",
        "15.01.2020",
        row(
            "in_force",
            "01.01.2020",
            "01.01.2020",
            "31.12.2020",
            "01.01.2021",
            "30.09.2020",
            "31.12.2020",
            "30.09.2020",
        ),
    ),
    # --- unlimited, notice 3 months to the end of the calendar year
    (
        "year end: signed mid-year, notice by 30.09. for 31.12.",
        YEAR_END,
        "15.06.2015",
        "15.06.2015",
        row("in_force", "15.06.2015", "15.06.2015", None, None, None, "31.12.2015", "30.09.2015"),
    ),
    (
        "year end: on 30.09. still this year",
        YEAR_END,
        "15.06.2015",
        "30.09.2015",
        row("in_force", "15.06.2015", "15.06.2015", None, None, None, "31.12.2015", "30.09.2015"),
    ),
    (
        "year end: from 01.10. only next year",
        YEAR_END,
        "15.06.2015",
        "01.10.2015",
        row("in_force", "15.06.2015", "15.06.2015", None, None, None, "31.12.2016", "30.09.2016"),
    ),
    (
        "year end: signed in November, first possible end a year later",
        YEAR_END,
        "15.11.2015",
        "15.11.2015",
        row("in_force", "15.11.2015", "15.11.2015", None, None, None, "31.12.2016", "30.09.2016"),
    ),
    # --- unlimited, 3 months notice to any day
    (
        "unlimited: 3 months from receipt",
        UNLIMITED,
        "01.03.2015",
        "10.03.2015",
        row("in_force", "01.03.2015", "01.03.2015", None, None, None, "10.06.2015", "10.03.2015"),
    ),
    (
        "unlimited: 3 months from 30.11. end on 29.02. (§ 188 (3))",
        UNLIMITED,
        "01.03.2015",
        "30.11.2015",
        row("in_force", "01.03.2015", "01.03.2015", None, None, None, "29.02.2016", "30.11.2015"),
    ),
    # --- fixed end date, no renewal, no notice
    (
        "fixed end: in force, ends by itself",
        FIXED_END,
        "01.02.2015",
        "01.06.2016",
        row(
            "in_force",
            "01.02.2015",
            "01.02.2015",
            "31.12.2016",
            None,
            None,
            None,
            None,
            "31.12.2016",
        ),
    ),
    (
        "fixed end: still in force on its last day",
        FIXED_END,
        "01.02.2015",
        "31.12.2016",
        row(
            "in_force",
            "01.02.2015",
            "01.02.2015",
            "31.12.2016",
            None,
            None,
            None,
            None,
            "31.12.2016",
        ),
    ),
    (
        "fixed end: ended the day after",
        FIXED_END,
        "01.02.2015",
        "01.01.2017",
        row("ended", "01.02.2015", final="31.12.2016"),
    ),
    # --- initial term 2 years without renewal
    (
        "two years, no renewal: last day 30.06.2017",
        TWO_YEARS,
        "01.07.2015",
        "30.06.2017",
        row(
            "in_force",
            "01.07.2015",
            "01.07.2015",
            "30.06.2017",
            None,
            None,
            None,
            None,
            "30.06.2017",
        ),
    ),
    (
        "two years, no renewal: ended on 01.07.2017",
        TWO_YEARS,
        "01.07.2015",
        "01.07.2017",
        row("ended", "01.07.2015", final="30.06.2017"),
    ),
    # --- minimum term 1 year, then 6 weeks to the end of a quarter
    (
        "minimum term: notice to its end 6 weeks before",
        QUARTER_MIN,
        "15.02.2015",
        "15.02.2015",
        row(
            "in_force",
            "15.02.2015",
            "15.02.2015",
            "14.02.2016",
            None,
            "03.01.2016",
            "14.02.2016",
            "03.01.2016",
        ),
    ),
    (
        "minimum term missed: next quarter end 31.03.2016",
        QUARTER_MIN,
        "15.02.2015",
        "10.01.2016",
        row(
            "in_force",
            "15.02.2015",
            "15.02.2015",
            "14.02.2016",
            None,
            "03.01.2016",
            "31.03.2016",
            "18.02.2016",
        ),
    ),
    (
        "after the minimum term it runs on; next end 30.06.2016",
        QUARTER_MIN,
        "15.02.2015",
        "01.03.2016",
        row("in_force", "15.02.2015", "15.02.2016", None, None, None, "30.06.2016", "19.05.2016"),
    ),
    # --- unlimited, one month to the end of a month
    (
        "month end: by 31.01. for 28.02.",
        MONTH_END,
        "10.01.2015",
        "10.01.2015",
        row("in_force", "10.01.2015", "10.01.2015", None, None, None, "28.02.2015", "31.01.2015"),
    ),
    (
        "month end: by 28.02. for 31.03.",
        MONTH_END,
        "10.01.2015",
        "01.02.2015",
        row("in_force", "10.01.2015", "10.01.2015", None, None, None, "31.03.2015", "28.02.2015"),
    ),
    # --- fixed end with notice to the end of a year before it
    (
        "fixed end 2018, notice to 31.12.2016 possible",
        FIXED_YEAR_END,
        "01.01.2016",
        "01.06.2016",
        row(
            "in_force",
            "01.01.2016",
            "01.01.2016",
            "31.12.2018",
            None,
            None,
            "31.12.2016",
            "30.09.2016",
            "31.12.2018",
        ),
    ),
    (
        "fixed end 2018: after 30.09.2017 no notice ends it earlier",
        FIXED_YEAR_END,
        "01.01.2016",
        "01.10.2017",
        row(
            "in_force",
            "01.01.2016",
            "01.01.2016",
            "31.12.2018",
            None,
            None,
            None,
            None,
            "31.12.2018",
        ),
    ),
    # --- periods in days and weeks
    (
        "90 days, then 30: first deadline 10 days before 31.03.",
        DAYS,
        "01.01.2015",
        "01.01.2015",
        row(
            "in_force",
            "01.01.2015",
            "01.01.2015",
            "31.03.2015",
            "01.04.2015",
            "21.03.2015",
            "31.03.2015",
            "21.03.2015",
        ),
    ),
    (
        "days: missed, next end 30.04.",
        DAYS,
        "01.01.2015",
        "22.03.2015",
        row(
            "in_force",
            "01.01.2015",
            "01.01.2015",
            "31.03.2015",
            "01.04.2015",
            "21.03.2015",
            "30.04.2015",
            "20.04.2015",
        ),
    ),
    (
        "days: third term 01.05.-30.05.",
        DAYS,
        "01.01.2015",
        "15.05.2015",
        row(
            "in_force",
            "01.01.2015",
            "01.05.2015",
            "30.05.2015",
            "31.05.2015",
            "20.05.2015",
            "30.05.2015",
            "20.05.2015",
        ),
    ),
    (
        "4 weeks from Monday 02.11.2015",
        WEEKS,
        "02.11.2015",
        "02.11.2015",
        row(
            "in_force",
            "02.11.2015",
            "02.11.2015",
            "29.11.2015",
            "30.11.2015",
            "22.11.2015",
            "29.11.2015",
            "22.11.2015",
        ),
    ),
    # --- seed rules signed on a leap day
    (
        "signed 29.02.2016: first term ends 28.02.2017, deadline 31.08.2016",
        SEED,
        "29.02.2016",
        "29.02.2016",
        row(
            "in_force",
            "29.02.2016",
            "29.02.2016",
            "28.02.2017",
            "01.03.2017",
            "31.08.2016",
            "28.02.2017",
            "31.08.2016",
        ),
    ),
    (
        "signed 29.02.2016: the second term runs from 01.03.2017",
        SEED,
        "29.02.2016",
        "01.03.2017",
        row(
            "in_force",
            "29.02.2016",
            "01.03.2017",
            "28.02.2018",
            "01.03.2018",
            "31.08.2017",
            "28.02.2018",
            "31.08.2017",
        ),
    ),
]


@pytest.mark.parametrize(
    ("rules", "signed_on", "day", "expected"),
    [pytest.param(r, s, day, e, id=name) for name, r, s, day, e in CASES],
)
def test_compute(rules, signed_on, day, expected):
    result = compute(rules, d(signed_on) if signed_on else None, d(day))
    assert {key: getattr(result, key) for key in KEYS} == expected


def test_at_least_forty_worked_cases():
    assert len(CASES) >= 40


def test_seed_explanation():
    result = compute(SEED, d("20.05.2015"), d("01.06.2015"))
    assert result.text == (
        "In force since 20.05.2015. Current term: 20.05.2015 to 19.05.2016. "
        "Unless notice is given, it renews by 1 years on 20.05.2016. "
        "Notice must be received by 19.11.2015; the agreement then ends on 19.05.2016."
    )
    assert [p.msgid for p in result.explanation] == [
        "deadline_in_force_since",
        "deadline_current_term",
        "deadline_renews",
        "deadline_notice_by",
    ]


def test_explanation_after_a_missed_deadline_names_the_next_one():
    result = compute(SEED, d("20.05.2015"), d("21.11.2026"))
    assert "The notice deadline for this term (19.11.2026) has passed." in result.text
    assert "A notice received by 19.11.2027 ends it on 19.05.2028." in result.text


def test_not_signed_explanation():
    assert compute(SEED, None, d("01.01.2020")).text == (
        "Not in force: not every party has signed yet."
    )


@pytest.mark.parametrize(
    ("rules", "field", "msgid"),
    [
        (
            Rules(initial_term=M6, renewal_term=Y1, notice_period=M6),
            "notice_period",
            "error_notice_longer_than_term",
        ),
        (
            Rules(initial_term=Y1, renewal_term=M3, notice_period=M6),
            "notice_period",
            "error_notice_longer_than_term",
        ),
        (Rules(effective_rule="fixed_date"), "effective_date", "error_effective_date_missing"),
        (Rules(effective_rule="someday"), "effective_rule", "error_effective_rule"),
        (Rules(notice_anchor="easter"), "notice_anchor", "error_notice_anchor"),
        (Rules(initial_term=Y1, end_date=d("31.12.2020")), "end_date", "error_term_and_end_date"),
        (Rules(renewal_term=Y1), "renewal_term", "error_renewal_without_term"),
        (
            Rules(initial_term=Y1, renewal_term=Y1, notice_period=M3, notice_anchor="end_of_year"),
            "notice_anchor",
            "error_renewal_with_calendar_anchor",
        ),
        (Rules(notice_anchor="end_of_year"), "notice_period", "error_anchor_without_notice"),
        (
            Rules(
                effective_rule="fixed_date",
                effective_date=d("01.01.2020"),
                end_date=d("31.12.2019"),
            ),
            "end_date",
            "error_end_before_start",
        ),
    ],
)
def test_validate_rules(rules, field, msgid):
    errors = validate_rules(rules)
    assert (field, msgid) in [(e.field, e.msgid) for e in errors]


@pytest.mark.parametrize("rules", [SEED, INITIAL_2Y, YEAR_END, FIXED_END, QUARTER_MIN, DAYS])
def test_valid_rules_have_no_errors(rules):
    assert validate_rules(rules) == []


@pytest.mark.parametrize(
    "data",
    [
        {"value": 0, "unit": "months"},
        {"value": -1, "unit": "years"},
        {"value": True, "unit": "years"},
        {"value": "6", "unit": "months"},
        {"value": 6, "unit": "decades"},
        {"value": 6},
        {"value": 6, "unit": "months", "extra": 1},
        [6, "months"],
    ],
)
def test_period_rejects_bad_json(data):
    with pytest.raises(ValueError):
        Period.from_json(data)


def test_period_round_trip():
    assert Period.from_json({"value": 6, "unit": "months"}).to_json() == {
        "value": 6,
        "unit": "months",
    }
    assert Period.from_json(None) is None
