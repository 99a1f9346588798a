"""Daily job: duty holders of a meeting get their reminders by real SMTP, once."""

from datetime import date
from kooperation.jobs.daily import run_daily
from kooperation.meetings.reminders import due_for
from kooperation.meetings.reminders import sent_reminders
from plone import api
from zope.annotation.interfaces import IAnnotations

import transaction


# The meeting is on Monday 02.03.2026: invitation due 16.02. (from 09.02.), minutes 16.03.
BEFORE = date(2026, 2, 8)
INVITATION_DAY = date(2026, 2, 10)
MINUTES_DAY = date(2026, 3, 12)


def _meeting(t):
    transaction.begin()
    return t["portal"]["net"]["rt"]["m1"]


def test_nothing_before_the_reminder_window(mail_table, inbox):
    summary = run_daily(mail_table["portal"], today=BEFORE, commit=True)
    assert summary["errors"] == []
    assert "steps" not in summary or "meeting reminders sent" not in summary["steps"]
    assert inbox.envelopes == []


def test_minutes_reminder_goes_to_the_holders_staff_once(mail_table, inbox):
    summary = run_daily(mail_table["portal"], today=MINUTES_DAY, commit=True)
    assert summary["errors"] == []
    assert summary["steps"]["meeting reminders sent"] == 1
    (envelope,) = inbox.envelopes
    assert envelope.rcpt_tos == ["anna.a@example.org", "bert.a@example.org"]
    (message,) = inbox.messages
    assert message["Subject"] == "Minutes due on 16.03.2026: Sitzung 1"
    body = message.get_content()
    assert "Partner A holds the duty “Minutes” for “Sitzung 1” of Runder Tisch" in body
    assert "on 02.03.2026" in body
    assert "/net/rt/m1" in body
    assert set(sent_reminders(_meeting(mail_table))) == {"2026-03-02/minutes"}

    run_daily(mail_table["portal"], today=date(2026, 3, 13), commit=True)
    assert len(inbox.envelopes) == 1


def test_invitation_reminder_falls_back_to_the_coordinators(mail_table, inbox):
    # Partner C holds the invitation and has nobody with an e-mail address.
    summary = run_daily(mail_table["portal"], today=INVITATION_DAY, commit=True)
    assert summary["errors"] == []
    (envelope,) = inbox.envelopes
    assert envelope.rcpt_tos == ["coordinator@example.org"]
    assert inbox.messages[0]["Subject"].startswith("Invitation due on 16.02.2026")


def test_no_reminder_for_a_duty_done(mail_table, inbox):
    meeting = _meeting(mail_table)
    IAnnotations(meeting)["kooperation.meetings.invitation"] = {"sent_by": "coordinator"}
    with api.env.adopt_roles(["Manager"]):
        minutes = api.content.create(container=meeting, type="Minutes", id="p", title="P")
        api.content.transition(obj=minutes, transition="circulate")
    transaction.commit()
    assert due_for(meeting, INVITATION_DAY) == []
    assert due_for(meeting, MINUTES_DAY) == []
    run_daily(mail_table["portal"], today=MINUTES_DAY, commit=True)
    assert inbox.envelopes == []


def test_mail_server_down_is_an_error_and_the_reminder_stays_due(mail_table, inbox):
    inbox.stop()
    summary = run_daily(mail_table["portal"], today=MINUTES_DAY, commit=True)
    assert any(e.startswith("meeting_reminders:") for e in summary["errors"])
    assert sent_reminders(_meeting(mail_table)) == {}
    inbox.start()
    run_daily(mail_table["portal"], today=MINUTES_DAY, commit=True)
    assert len(inbox.envelopes) == 1


def test_only_meetings_in_the_reminder_window_are_woken(mail_table):
    from datetime import timedelta
    from kooperation.meetings.reminders import meetings
    from kooperation.meetings.reminders import WINDOW_DAYS

    meeting = _meeting(mail_table)
    assert meetings(INVITATION_DAY) == [meeting]
    assert meetings(MINUTES_DAY) == [meeting]
    # a year later the meeting is history: the step does not even load it
    assert meetings(MINUTES_DAY + timedelta(days=365)) == []
    assert meetings(date(2026, 3, 2) - timedelta(days=WINDOW_DAYS + 2)) == []


def _set_days(t, **days):
    transaction.begin()
    series = t["portal"]["net"]["rt"]
    for name, value in days.items():
        setattr(series, name, value)
    transaction.commit()


def test_series_with_seven_days_is_reminded_at_seven_not_fourteen(mail_table, inbox):
    # Invitation 7 days before Monday 02.03.2026: due Monday 23.02., reminded from 16.02.
    _set_days(mail_table, invitation_lead_days=7)
    summary = run_daily(mail_table["portal"], today=INVITATION_DAY, commit=True)
    assert summary["errors"] == []
    assert inbox.envelopes == []  # the default of 14 days would remind today
    assert due_for(_meeting(mail_table), date(2026, 2, 15)) == []
    summary = run_daily(mail_table["portal"], today=date(2026, 2, 16), commit=True)
    assert summary["steps"]["meeting reminders sent"] == 1
    (message,) = inbox.messages
    assert message["Subject"] == "Invitation due on 23.02.2026: Sitzung 1"
    assert set(sent_reminders(_meeting(mail_table))) == {"2026-03-02/invitation"}


def test_minutes_due_days_of_the_series(mail_table, inbox):
    # Minutes 30 days after Monday 02.03.2026: due Wednesday 01.04., reminded from 25.03.
    _set_days(mail_table, minutes_due_days=30)
    run_daily(mail_table["portal"], today=MINUTES_DAY, commit=True)
    assert inbox.envelopes == []
    run_daily(mail_table["portal"], today=date(2026, 3, 25), commit=True)
    (message,) = inbox.messages
    assert message["Subject"] == "Minutes due on 01.04.2026: Sitzung 1"


def test_the_window_holds_the_largest_lead(mail_table, inbox):
    # 90 days before Monday 02.03.2026 is Tuesday 02.12.2025, reminded from 25.11.2025:
    # the catalog query must still find the meeting then.
    _set_days(mail_table, invitation_lead_days=90)
    summary = run_daily(mail_table["portal"], today=date(2025, 11, 25), commit=True)
    assert summary["errors"] == []
    (message,) = inbox.messages
    assert message["Subject"] == "Invitation due on 02.12.2025: Sitzung 1"


def test_days_stored_out_of_range_fall_back_to_the_default(mail_table):
    _set_days(mail_table, invitation_lead_days=500, minutes_due_days=None)
    (reminder,) = due_for(_meeting(mail_table), INVITATION_DAY)
    assert (reminder.duty, reminder.due) == ("invitation", date(2026, 2, 16))
