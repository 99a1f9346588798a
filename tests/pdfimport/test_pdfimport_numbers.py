"""German number words, periods and dates."""

from datetime import date
from kooperation.pdfimport.numbers import find_dates
from kooperation.pdfimport.numbers import find_periods
from kooperation.pdfimport.numbers import number_value

import pytest


@pytest.mark.parametrize(
    ("word", "value"),
    [
        ("ein", 1),
        ("einem", 1),
        ("zwei", 2),
        ("zwölf", 12),
        ("vierundzwanzig", 24),
        ("sechsunddreißig", 36),
        ("18", 18),
        ("Monate", None),
    ],
)
def test_number_words(word, value):
    assert number_value(word) == value


@pytest.mark.parametrize(
    ("text", "periods"),
    [
        ("ein halbes Jahr vorher", [(6, "months")]),
        ("drei Monate zum Jahresende", [(3, "months")]),
        ("jeweils um ein weiteres Jahr", [(1, "years")]),
        ("für die Dauer von 24 Monaten", [(24, "months")]),
        ("zwölf (12) Monate", [(12, "months")]),
        ("6 (sechs) Wochen", [(6, "weeks")]),
        ("30 Kalendertagen", [(30, "days")]),
        ("eines Vierteljahres", [(3, "months")]),
        ("anderthalb Jahre", [(18, "months")]),
        ("drei Jahren und verlängert sich um zwei Jahre", [(3, "years"), (2, "years")]),
        ("Einmal jährlich ein Treffen", []),
    ],
)
def test_periods(text, periods):
    found = [(p["value"], p["unit"]) for _s, _e, p in find_periods(text)]
    assert found == periods


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Stand: 20.05.2015", date(2015, 5, 20)),
        ("am 1. April 2021", date(2021, 4, 1)),
        ("bis 31.12.24", date(2024, 12, 31)),
        ("2019-01-01", date(2019, 1, 1)),
    ],
)
def test_dates(text, day):
    assert [d for _s, _e, d in find_dates(text)] == [day]


def test_impossible_dates_are_not_dates():
    assert find_dates("am 31.02.2020 und 45.13.2020") == []
