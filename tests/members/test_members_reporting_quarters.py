"""Quarters, due dates of quarterly reports and who still owes one."""

from datetime import date
from kooperation.members.reporting import ReportingError
from kooperation.members.reporting.quarters import missing_reports
from kooperation.members.reporting.quarters import quarter_ends
from kooperation.members.reporting.quarters import quarter_of
from kooperation.members.reporting.quarters import quarter_range
from kooperation.members.reporting.quarters import Report
from kooperation.members.reporting.quarters import report_due

import pytest


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2018, 11, 15), (2018, 4)),
        (date(2018, 1, 1), (2018, 1)),
        (date(2018, 3, 31), (2018, 1)),
        (date(2018, 4, 1), (2018, 2)),
        (date(2018, 9, 30), (2018, 3)),
    ],
)
def test_quarter_of(day, expected):
    assert quarter_of(day) == expected


@pytest.mark.parametrize(
    ("year", "quarter", "first", "last"),
    [
        (2018, 4, date(2018, 10, 1), date(2018, 12, 31)),
        (2020, 1, date(2020, 1, 1), date(2020, 3, 31)),
        (2019, 2, date(2019, 4, 1), date(2019, 6, 30)),
        (2019, 3, date(2019, 7, 1), date(2019, 9, 30)),
    ],
)
def test_quarter_range(year, quarter, first, last):
    assert quarter_range(year, quarter) == (first, last)


def test_report_due():
    assert report_due(2018, 4) == date(2019, 1, 30)
    assert report_due(2019, 1, days_after=0) == date(2019, 3, 31)
    assert report_due(2019, 2, days_after=45) == date(2019, 8, 14)


@pytest.mark.parametrize("quarter", [0, 5, "4", True, None])
def test_bad_quarter(quarter):
    with pytest.raises(ReportingError) as info:
        quarter_range(2018, quarter)
    assert info.value.msgid == "reporting_error_quarter"


def test_bad_days_after():
    with pytest.raises(ReportingError):
        report_due(2018, 4, days_after=-1)


def test_quarter_ends():
    assert quarter_ends(date(2018, 11, 15), date(2019, 9, 30)) == [
        date(2018, 12, 31),
        date(2019, 3, 31),
        date(2019, 6, 30),
        date(2019, 9, 30),
    ]
    assert quarter_ends(date(2019, 1, 1), date(2019, 3, 30)) == []
    with pytest.raises(ReportingError):
        quarter_ends(date(2019, 1, 1), date(2018, 1, 1))


class TestMissingReports:
    MEMBERS = ["kreis-offenbach", "oberhausen"]

    def test_offenbach_delivered_q4_oberhausen_did_not(self):
        reports = [Report("kreis-offenbach", 2018, 4, "published")]
        missing = missing_reports(self.MEMBERS, reports, date(2019, 1, 10))
        assert [(m.member, m.year, m.quarter, m.status) for m in missing] == [
            ("oberhausen", 2018, 4, "due")
        ]
        assert missing[0].due == date(2019, 1, 30)
        assert str(missing[0].message) == "The report for Q4 2018 is due on 30.01.2019."
        assert missing[0].message.german() == (
            "Der Bericht für das 4. Quartal 2018 ist am 30.01.2019 fällig."
        )

    def test_overdue_after_the_due_date(self):
        missing = missing_reports(["oberhausen"], [], date(2019, 2, 1))
        assert (missing[0].status, missing[0].days_overdue) == ("overdue", 2)
        assert missing[0].message.msgid == "reporting_report_overdue"

    def test_due_on_the_due_date_itself(self):
        (missing,) = missing_reports(["oberhausen"], [], date(2019, 1, 30))
        assert (missing.status, missing.days_overdue) == ("due", 0)

    def test_draft_does_not_count(self):
        reports = [Report("oberhausen", 2018, 4, "draft")]
        assert len(missing_reports(["oberhausen"], reports, date(2019, 1, 10))) == 1
        reports.append(Report("oberhausen", 2018, 4, "submitted"))
        assert missing_reports(["oberhausen"], reports, date(2019, 1, 10)) == []

    def test_since_covers_earlier_quarters(self):
        reports = [Report("oberhausen", 2018, 3, "published")]
        missing = missing_reports(["oberhausen"], reports, date(2019, 1, 10), date(2018, 5, 1))
        assert [(m.year, m.quarter, m.status) for m in missing] == [
            (2018, 2, "overdue"),
            (2018, 4, "due"),
        ]

    def test_since_in_the_current_quarter_asks_nothing(self):
        assert missing_reports(["oberhausen"], [], date(2019, 1, 10), date(2019, 1, 1)) == []

    def test_bad_state(self):
        with pytest.raises(ReportingError) as info:
            Report("oberhausen", 2018, 4, "sent")
        assert info.value.msgid == "reporting_error_report_state"
