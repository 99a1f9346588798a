"""When the duties of a meeting are due, and when their holders get a reminder.

Pure date arithmetic. A duty is due a number of days relative to the meeting: the
invitation 14 days before, the minutes 14 days after (defaults; the series may set
others from 1 to 90 days, :func:`series_due`). A due date on a weekend moves to the
working side: before the meeting to the Friday before (the invitation must have gone
out), after it to the Monday after.
The reminder is due from ``remind_days`` before the due date up to the due date, like
the notice reminders of agreements: a mail job that did not run for a few days still
sends it, and keeps the reminder's ``key`` so that it goes out once.
"""

from dataclasses import dataclass
from datetime import date
from datetime import timedelta
from kooperation.meetings.rotation import RotationError


# duty -> days relative to the meeting (negative: before it)
DEFAULT_DUE = {"topics": -21, "invitation": -14, "minutes": 14}
DEFAULT_REMIND_DAYS = 7
# What a series may set for the invitation (days before) and the minutes (days after).
DEFAULT_INVITATION_DAYS = -DEFAULT_DUE["invitation"]
DEFAULT_MINUTES_DAYS = DEFAULT_DUE["minutes"]
MIN_DUE_DAYS = 1
MAX_DUE_DAYS = 90


@dataclass(frozen=True)
class Reminder:
    meeting: date
    duty: str
    partner: str
    due: date
    remind_from: date

    @property
    def key(self):
        """Identifies the reminder for a record of what was sent."""
        return f"{self.meeting.isoformat()}/{self.duty}"

    def to_json(self):
        return {
            "meeting": self.meeting.isoformat(),
            "duty": self.duty,
            "partner": self.partner,
            "due": self.due.isoformat(),
            "remind_from": self.remind_from.isoformat(),
        }


def _days(value, name):
    if isinstance(value, bool) or not isinstance(value, int):
        raise RotationError("error_rotation_days", name=name, value=repr(value))
    return value


def series_due(invitation_days=None, minutes_days=None):
    """The due rules of a series: the invitation ``invitation_days`` before the meeting,
    the minutes ``minutes_days`` after it (None: the default of 14), each from
    ``MIN_DUE_DAYS`` to ``MAX_DUE_DAYS``. A ``due`` for :func:`reminders`."""
    rules = {}
    for duty, days, default, sign in (
        ("invitation", invitation_days, DEFAULT_INVITATION_DAYS, -1),
        ("minutes", minutes_days, DEFAULT_MINUTES_DAYS, 1),
    ):
        days = default if days is None else _days(days, duty)
        if not MIN_DUE_DAYS <= days <= MAX_DUE_DAYS:
            raise RotationError(
                "error_rotation_days_range",
                name=duty,
                value=days,
                min=MIN_DUE_DAYS,
                max=MAX_DUE_DAYS,
            )
        rules[duty] = sign * days
    return rules


def due_date(meeting, offset, skip_weekend=True):
    """The day a duty is due ``offset`` days from ``meeting`` (negative: before it)."""
    day = meeting + timedelta(days=_days(offset, "offset"))
    if skip_weekend:
        step = -1 if offset < 0 else 1
        while day.weekday() >= 5:
            day += timedelta(days=step)
    return day


def reminders(meetings, due=None, remind_days=DEFAULT_REMIND_DAYS, skip_weekend=True):
    """Reminders for the duty holders of ``meetings``: planned meetings of a
    :class:`~kooperation.meetings.rotation.Plan` (``plan.upcoming``) or ``(date, {duty: partner})``
    pairs. Duties without a due rule (e.g. moderation) and open duties get none."""
    due = DEFAULT_DUE if due is None else dict(due)
    for duty, offset in due.items():
        _days(offset, duty)
    if _days(remind_days, "remind_days") < 0:
        raise RotationError("error_rotation_days", name="remind_days", value=remind_days)
    result = []
    for meeting in meetings:
        if hasattr(meeting, "holders"):
            day, holders = meeting.day, meeting.holders
        else:
            day, holders = meeting
        if not isinstance(day, date):
            raise RotationError("error_rotation_not_a_date", value=repr(day))
        for duty, partner in holders.items():
            if partner is None or duty not in due:
                continue
            deadline = due_date(day, due[duty], skip_weekend)
            result.append(
                Reminder(day, duty, partner, deadline, deadline - timedelta(days=remind_days))
            )
    return tuple(sorted(result, key=lambda r: (r.due, r.meeting, r.duty)))


def due_on(items, day, include_overdue=False):
    """The reminders to send on ``day``: due from ``remind_from`` to ``due`` (and later,
    with ``include_overdue``)."""
    return tuple(r for r in items if r.remind_from <= day and (include_overdue or day <= r.due))
