"""Round tables in the portal: the Zope side of ``kooperation.meetings.rotation``.

The series, its meetings (held ones with recorded duty holders) and its stored
exceptions become the planner's input here; a new meeting takes its duty holders from
the plan; the minute-taker's partner (its staff group, i.e. its confirmed people) gets
the local role MinuteTaker on the meeting (to add the minutes) and on the minutes.
"""

from datetime import date
from datetime import datetime
from datetime import timedelta
from kooperation.meetings.interfaces import IMeeting
from kooperation.meetings.interfaces import IMeetingSeries
from kooperation.meetings.interfaces import IMinutes
from kooperation.meetings.rotation import Assign
from kooperation.meetings.rotation import exception_from_json
from kooperation.meetings.rotation import HeldMeeting
from kooperation.meetings.rotation import plan
from kooperation.meetings.rotation import RotationError
from kooperation.workspace import group_ids
from kooperation.workspace import setup_partner
from plone import api


MINUTE_TAKER = "MinuteTaker"


def _day(value):
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return None


def meetings_of(series):
    """The meetings of the series with a start date, in date order."""
    items = [obj for obj in series.objectValues() if IMeeting.providedBy(obj)]
    items = [obj for obj in items if _day(getattr(obj, "start", None)) is not None]
    return sorted(items, key=lambda obj: _day(obj.start))


def upcoming_dates(series, count, today=None):
    """Dates of the next ``count`` meetings.

    First the series' meetings not yet held (from ``today`` on); then the schedule is
    continued every ``interval_weeks`` on the grid of the last meeting, from ``today`` on.
    """
    today = today or date.today()
    meetings = meetings_of(series)
    dates = [_day(m.start) for m in meetings if not m.held and _day(m.start) >= today][:count]
    last = max([_day(meetings[-1].start) if meetings else today, *dates])
    step = timedelta(weeks=series.interval_weeks or 4)
    while len(dates) < count:
        last += step
        if last >= today:
            dates.append(last)
    return dates


def rotation_plan(series, count=5, today=None):
    """The plan for the next ``count`` meetings after the held ones (RotationError on bad data).

    Held meetings give the history; the duty holders set on planned meetings are kept
    (as assignments by the coordinator) and the planner fills in the rest.
    """
    history = [
        HeldMeeting(_day(m.start), {k: v for k, v in (m.duty_holders or {}).items() if v})
        for m in meetings_of(series)
        if m.held
    ]
    exceptions = [exception_from_json(item) for item in series.exceptions or ()]
    upcoming = upcoming_dates(series, count, today)
    if history:
        upcoming = [day for day in upcoming if day > history[-1].day]
    # Holders already set on a planned meeting count as set by the coordinator.
    stored = {(e.day, e.duty) for e in exceptions if isinstance(e, Assign)}
    for meeting in meetings_of(series):
        day = _day(meeting.start)
        if meeting.held or day not in upcoming:
            continue
        for duty, partner in sorted((meeting.duty_holders or {}).items()):
            if partner and (day, duty) not in stored:
                exceptions.append(Assign(day, duty, partner))
    return plan(
        list(series.members or ()),
        upcoming,
        duties=tuple(series.duties or ()),
        history=history,
        exceptions=exceptions,
    )


def planned_meeting(series, day):
    """The rotation's plan (``MeetingPlan``) for a meeting of ``series`` on ``day``, or None.

    Meetings planned before ``day`` are left out (they are not in the plan from ``day`` on);
    a meeting that lies before a held one has no plan. RotationError on bad series data.
    """
    if day is None:
        return None
    for item in rotation_plan(series, 5, today=day).upcoming:
        if item.day == day:
            return item
    return None


def next_free_meeting(series, today=None):
    """The rotation's plan for the next date of the series that has no meeting yet (or None)."""
    taken = {_day(m.start) for m in meetings_of(series)}
    for item in rotation_plan(series, 5, today).upcoming:
        if item.day not in taken:
            return item
    return None


def holders_of(item):
    """duty -> partner of a ``MeetingPlan`` (duties nobody can take are left out)."""
    return {a.duty: a.partner for a in item.assignments if a.partner} if item else {}


def holders_from_rotation(meeting):
    """The duty holders the rotation plans for ``meeting`` ({} when it plans none)."""
    series = meeting.__parent__
    if not IMeetingSeries.providedBy(series) or not series.members:
        return {}
    try:
        return holders_of(planned_meeting(series, _day(getattr(meeting, "start", None))))
    except RotationError:
        return {}


def take_holders_from_rotation(meeting):
    """A meeting without duty holders takes them from the rotation plan (add form, REST)."""
    if getattr(meeting, "held", False) or any((meeting.duty_holders or {}).values()):
        return
    holders = holders_from_rotation(meeting)
    if holders:
        meeting.duty_holders = holders


def minute_taker_group(meeting):
    """The staff group of the partner holding the meeting's "minutes" duty (or None)."""
    uid = (getattr(meeting, "duty_holders", None) or {}).get("minutes")
    partner = api.content.get(UID=uid) if uid else None
    if partner is None:
        return None
    ids = group_ids(partner) or setup_partner(partner)
    return ids.get("staff")


def share_minutes(minutes):
    """Grant MinuteTaker on the minutes to exactly the minute-taker's partner staff."""
    wanted = minute_taker_group(minutes.__parent__)
    for principal_id, roles in list(minutes.get_local_roles()):
        if MINUTE_TAKER in roles and principal_id != wanted:
            rest = [r for r in roles if r != MINUTE_TAKER]
            if rest:
                minutes.manage_setLocalRoles(principal_id, rest)
            else:
                minutes.manage_delLocalRoles([principal_id])
    if wanted:
        roles = set(minutes.get_local_roles_for_userid(wanted)) | {MINUTE_TAKER}
        minutes.manage_setLocalRoles(wanted, sorted(roles))
    minutes.reindexObjectSecurity()


def share_meeting(meeting):
    """Grant MinuteTaker on the meeting to exactly the minute-taker's partner staff.

    The role lets them add the minutes (kooperation: Add Minutes, Add portal content in the
    meeting's workflow); a partner's staff group holds only its confirmed people.
    """
    wanted = minute_taker_group(meeting)
    for principal_id, roles in list(meeting.get_local_roles()):
        if MINUTE_TAKER in roles and principal_id != wanted:
            rest = [r for r in roles if r != MINUTE_TAKER]
            if rest:
                meeting.manage_setLocalRoles(principal_id, rest)
            else:
                meeting.manage_delLocalRoles([principal_id])
    if wanted:
        roles = set(meeting.get_local_roles_for_userid(wanted)) | {MINUTE_TAKER}
        meeting.manage_setLocalRoles(wanted, sorted(roles))
    meeting.reindexObjectSecurity()


def minutes_added(minutes, event):
    share_minutes(minutes)


def meeting_added(meeting, event):
    take_holders_from_rotation(meeting)
    share_meeting(meeting)


def meeting_modified(meeting, event):
    share_meeting(meeting)
    for obj in meeting.objectValues():
        if IMinutes.providedBy(obj):
            share_minutes(obj)


def viewable_minutes(meeting):
    """The minutes of a meeting the current user may see."""
    return [
        obj
        for obj in meeting.objectValues()
        if IMinutes.providedBy(obj) and api.user.has_permission("View", obj=obj)
    ]
