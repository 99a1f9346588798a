"""Quarters, report due dates and the reports still missing (for the reminder job).

A member's quarterly report is due ``days_after`` days after the quarter's last day.
``missing_reports`` names, for each member, the ended quarters (from ``since``, by
default only the last ended one) without a submitted or published report, as due
(the due date has not passed) or overdue.
"""

from dataclasses import dataclass
from datetime import date
from datetime import timedelta
from kooperation.members.reporting import check_count
from kooperation.members.reporting import check_date
from kooperation.members.reporting import Phrase
from kooperation.members.reporting import ReportingError

import calendar


REPORT_STATES = ("draft", "submitted", "published")
# A draft does not count as the member's report: the reminder goes on.
DELIVERED_STATES = ("submitted", "published")
DAYS_AFTER = 30


def _check_quarter(quarter):
    if isinstance(quarter, bool) or quarter not in (1, 2, 3, 4):
        raise ReportingError("quarter", "reporting_error_quarter", value=repr(quarter))


def quarter_of(day):
    """(year, quarter) of ``day``."""
    check_date(day, "date")
    return day.year, (day.month - 1) // 3 + 1


def quarter_range(year, quarter):
    """(first day, last day) of the quarter."""
    _check_quarter(quarter)
    last_month = quarter * 3
    return date(year, last_month - 2, 1), date(
        year, last_month, calendar.monthrange(year, last_month)[1]
    )


def previous_quarter(year, quarter):
    _check_quarter(quarter)
    return (year, quarter - 1) if quarter > 1 else (year - 1, 4)


def next_quarter(year, quarter):
    _check_quarter(quarter)
    return (year, quarter + 1) if quarter < 4 else (year + 1, 1)


def report_due(year, quarter, days_after=DAYS_AFTER):
    """The day the quarter's report is due: ``days_after`` days after its last day."""
    check_count(days_after, "days_after")
    return quarter_range(year, quarter)[1] + timedelta(days=days_after)


def quarter_ends(start, end):
    """The last days of quarters that fall in [start, end], in order."""
    check_date(start, "start")
    check_date(end, "end")
    if end < start:
        raise ReportingError("end", "reporting_error_range", start=start, end=end)
    year, quarter = quarter_of(start)
    result = []
    while True:
        last = quarter_range(year, quarter)[1]
        if last > end:
            return result
        if last >= start:
            result.append(last)
        year, quarter = next_quarter(year, quarter)


@dataclass(frozen=True)
class Report:
    """The facts of a quarterly report that the reminder needs."""

    member: str
    year: int
    quarter: int
    state: str = "draft"

    def __post_init__(self):
        _check_quarter(self.quarter)
        if self.state not in REPORT_STATES:
            raise ReportingError("state", "reporting_error_report_state", value=repr(self.state))


@dataclass(frozen=True)
class MissingReport:
    member: str
    year: int
    quarter: int
    due: date
    overdue: bool
    days_overdue: int

    @property
    def status(self):
        return "overdue" if self.overdue else "due"

    @property
    def message(self):
        msgid = "reporting_report_overdue" if self.overdue else "reporting_report_due"
        return Phrase(msgid, {"quarter": self.quarter, "year": self.year, "date": self.due})


def missing_reports(members, reports, today, since=None, days_after=DAYS_AFTER):
    """Reports that members owe on ``today``, by member (in the given order) and quarter.

    ``reports`` are objects with ``member``, ``year``, ``quarter`` and ``state``; only
    submitted or published ones count. The quarters asked for are those that have ended
    by ``today``, from the one containing ``since`` (default: the last ended quarter).
    """
    check_date(today, "today")
    check_count(days_after, "days_after")
    delivered = {
        (report.member, report.year, report.quarter)
        for report in reports
        if report.state in DELIVERED_STATES
    }
    last = previous_quarter(*quarter_of(today))
    first = quarter_of(since) if since is not None else last
    quarters = []
    year, quarter = first
    while (year, quarter) <= last:
        quarters.append((year, quarter))
        year, quarter = next_quarter(year, quarter)
    missing = []
    for member in members:
        for year, quarter in quarters:
            if (member, year, quarter) in delivered:
                continue
            due = report_due(year, quarter, days_after)
            late = (today - due).days
            missing.append(MissingReport(member, year, quarter, due, late > 0, max(late, 0)))
    return missing
