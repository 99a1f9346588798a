"""The invitation: sent from the portal by the inviting partner or a coordinator, with iCal."""

from kooperation.common.errors import KooperationError
from kooperation.meetings.invitation import may_invite
from kooperation.meetings.invitation import send_invitation
from kooperation.meetings.invitation import sent_invitation
from kooperation.meetings.reminders import due_for
from plone import api
from plone.testing.zope import Browser
from urllib.error import HTTPError

import icalendar
import pytest
import transaction


PLACE = "Rathaus Oberhausen, Raum 12"


@pytest.fixture
def meeting(mail_table):
    meeting = mail_table["meeting"]
    meeting.place = PLACE
    meeting.agenda = [
        {"title": "Begrüßung", "time": "10:00"},
        {"title": "Übergang Schule–Beruf", "presenter": "Jobcenter"},
    ]
    transaction.commit()
    return meeting


def _browser(app, user):
    browser = Browser(app)
    browser.handleErrors = False
    browser.raiseHttpErrors = True
    browser.addHeader("Authorization", f"Basic {user}:pw-0815x")
    return browser


def test_who_may_invite(meeting, mail_table):
    # Partner C holds the invitation duty: coordinators may, other partners' staff not.
    assert may_invite(meeting, api.user.get(userid="coordinator"))
    assert not may_invite(meeting, api.user.get(userid="staff_a"))
    assert not may_invite(meeting, api.user.get(userid="staff_b"))
    meeting.duty_holders = dict(meeting.duty_holders, invitation=mail_table["uids"]["a"])
    assert may_invite(meeting, api.user.get(userid="staff_a"))
    with api.env.adopt_user(username="staff_b"), pytest.raises(KooperationError) as raised:
        send_invitation(meeting)
    assert raised.value.field == "permission"


def test_the_invitation_arrives_with_a_calendar_request(meeting, inbox):
    with api.env.adopt_user(username="coordinator"):
        to = send_invitation(meeting, note="Bitte Zahlen mitbringen.")
    transaction.commit()
    assert to == ["anna.a@example.org", "bert.a@example.org"]
    (envelope,) = inbox.envelopes
    assert envelope.rcpt_tos == to
    (message,) = inbox.messages
    assert message["Subject"] == "Invitation: Sitzung 1, 02.03.2026, 10:00–12:00"
    assert message["Reply-To"] == "coordinator@example.org"
    body = message.get_body(("plain",)).get_content()
    assert "you are invited to “Sitzung 1” of Runder Tisch on 02.03.2026, 10:00–12:00." in body
    assert f"Place: {PLACE}" in body
    assert "Bitte Zahlen mitbringen." in body
    assert "1. Begrüßung (10:00)" in body
    assert "2. Übergang Schule–Beruf (Jobcenter)" in body
    (part,) = [p for p in message.iter_attachments() if p.get_content_type() == "text/calendar"]
    assert part.get_param("method") == "REQUEST"
    calendar = icalendar.Calendar.from_ical(part.get_content())
    assert calendar["METHOD"] == "REQUEST"
    (event,) = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == "Sitzung 1"
    assert str(event["LOCATION"]) == PLACE
    assert event["DTSTART"].dt.strftime("%Y-%m-%d %H:%M") == "2026-03-02 10:00"
    attendees = event["ATTENDEE"]
    assert sorted(str(a) for a in attendees) == [
        "mailto:anna.a@example.org",
        "mailto:bert.a@example.org",
    ]
    assert str(event["ORGANIZER"]) == "mailto:coordinator@example.org"

    record = sent_invitation(meeting)
    assert record["sent_by"] == "coordinator"
    assert record["recipients"] == tuple(to)
    # The duty is done: no invitation reminder any more.
    assert not [r for r in due_for(meeting, meeting.start.date()) if r.duty == "invitation"]


def test_form_refuses_others_with_a_clear_error(meeting, mail_table):
    browser = _browser(mail_table["app"], "staff_b")
    browser.raiseHttpErrors = False
    browser.open(meeting.absolute_url() + "/@@send-invitation")
    assert browser.headers["status"].startswith("403")
    assert "Only the partner holding the invitation duty or a coordinator" in browser.contents
    assert "form.send" not in browser.contents


def test_form_needs_the_csrf_token(meeting, mail_table, inbox):
    browser = _browser(mail_table["app"], "coordinator")
    with pytest.raises((HTTPError, Exception)) as raised:
        browser.post(meeting.absolute_url() + "/@@send-invitation", "form.send=1")
    assert "Forbidden" in repr(raised.value) or "403" in str(raised.value)
    assert inbox.envelopes == []


def test_coordinator_sends_through_the_form(meeting, mail_table, inbox):
    browser = _browser(mail_table["app"], "coordinator")
    browser.open(meeting.absolute_url())
    assert "has not been sent from the portal yet" in browser.contents
    browser.getLink(id="send-invitation").click()
    assert "anna.a@example.org" in browser.contents
    assert "Nobody with an e-mail address at:" in browser.contents
    browser.getControl(name="note").value = "Raum geändert."
    browser.getControl(name="form.send").click()
    assert browser.url == meeting.absolute_url()
    assert "The invitation has been sent to 2 people." in browser.contents
    assert "Already sent by" in browser.contents
    assert len(inbox.envelopes) == 1
    assert "Raum geändert." in inbox.messages[0].get_body(("plain",)).get_content()


def test_form_refuses_a_note_too_long(meeting, mail_table, inbox):
    browser = _browser(mail_table["app"], "coordinator")
    browser.raiseHttpErrors = False
    browser.open(meeting.absolute_url() + "/@@send-invitation")
    browser.getControl(name="note").value = "x" * 2001
    browser.getControl(name="form.send").click()
    assert browser.headers["status"].startswith("400")
    assert "The note may have at most 2000 characters, not 2001." in browser.contents
    assert inbox.envelopes == []
