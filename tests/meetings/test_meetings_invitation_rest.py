"""POST <meeting>/@send-invitation over HTTP against the real WSGI server, mail by real SMTP.

The service does what the form @@send-invitation does: the partner holding the
invitation duty or a coordinator sends; others get 403, anonymous visitors 401.
"""

from datetime import datetime
from kooperation.meetings.invitation import sent_invitation
from kooperation.meetings.reminders import due_for

import pytest
import requests
import transaction


PASSWORD = "pw-0815x"


@pytest.fixture
def http(mail_table, functional):
    url = f"http://{functional['host']}:{functional['port']}/plone/net/rt/m1/@send-invitation"

    def call(user=None, **kwargs):
        auth = (user, PASSWORD) if user else None
        return requests.post(
            url, auth=auth, headers={"Accept": "application/json"}, timeout=60, **kwargs
        )

    return call


def _meeting(t):
    transaction.begin()
    return t["portal"]["net"]["rt"]["m1"]


def _change(t, **values):
    meeting = _meeting(t)
    for name, value in values.items():
        setattr(meeting, name, value)
    transaction.commit()


def test_coordinator_sends_the_invitation(http, mail_table, inbox):
    before = datetime.now().replace(microsecond=0)
    response = http("coordinator", json={"note": "Bitte Zahlen mitbringen."})
    assert response.status_code == 200, response.text
    data = response.json()
    assert data["sent_to"] == 2
    assert data["by"] == "coordinator"
    assert datetime.fromisoformat(data["sent"]) >= before
    (message,) = inbox.wait_for(1)
    assert inbox.envelopes[0].rcpt_tos == ["anna.a@example.org", "bert.a@example.org"]
    assert message["Subject"] == "Invitation: Sitzung 1, 02.03.2026, 10:00–12:00"
    assert message["Reply-To"] == "coordinator@example.org"
    assert "Bitte Zahlen mitbringen." in message.get_body(("plain",)).get_content()
    (part,) = [p for p in message.iter_attachments() if p.get_content_type() == "text/calendar"]
    assert part.get_param("method") == "REQUEST"

    meeting = _meeting(mail_table)
    record = sent_invitation(meeting)
    assert record["sent_by"] == "coordinator"
    assert record["sent_at"].isoformat() == data["sent"]
    assert len(record["recipients"]) == 2
    # the duty is done: no invitation reminder any more
    assert not [r for r in due_for(meeting, meeting.start.date()) if r.duty == "invitation"]


def test_the_note_is_optional(http, inbox):
    response = http("coordinator")  # no body at all
    assert response.status_code == 200, response.text
    assert http("coordinator", json={}).status_code == 200
    assert http("coordinator", json={"note": None}).status_code == 200
    assert len(inbox.wait_for(3)) == 3


def test_who_may_send(http, mail_table, inbox):
    # Partner C holds the invitation duty: staff of A and B may not, anonymous must log in.
    response = http("staff_b", json={"note": "x"})
    assert response.status_code == 403
    assert response.json()["error"]["message"] == (
        "Only the partner holding the invitation duty or a coordinator may send the invitation."
    )
    assert http("staff_a").status_code == 403
    assert http(None).status_code == 401
    assert sent_invitation(_meeting(mail_table)) is None
    # Once partner A holds the duty, its staff send it.
    holders = dict(_meeting(mail_table).duty_holders, invitation=mail_table["uids"]["a"])
    _change(mail_table, duty_holders=holders)
    response = http("staff_a")
    assert response.status_code == 200, response.text
    assert response.json()["by"] == "staff_a"
    assert http("staff_b").status_code == 403
    assert len(inbox.wait_for(1)) == 1


@pytest.mark.parametrize(
    ("kwargs", "field", "text"),
    [
        ({"json": {"note": 42}}, "note", "The note must be a text."),
        ({"json": {"note": ["a"]}}, "note", "The note must be a text."),
        (
            {"json": {"note": "x" * 2001}},
            "note",
            "The note may have at most 2000 characters, not 2001.",
        ),
        ({"json": {"note": "x", "cc": "me"}}, "cc", "Unknown field 'cc'."),
        ({"json": ["note"]}, "body", "The body must be a JSON object."),
        ({"data": "{note"}, "body", "The body must be a JSON object."),
    ],
)
def test_bad_input_is_400(http, mail_table, inbox, kwargs, field, text):
    response = http("coordinator", **kwargs)
    assert response.status_code == 400, response.text
    error = response.json()["error"]
    assert (error["field"], error["message"]) == (field, text)
    assert sent_invitation(_meeting(mail_table)) is None
    assert inbox.envelopes == []


def test_a_note_of_2000_characters_goes_out(http, inbox):
    response = http("coordinator", json={"note": "x" * 2000})
    assert response.status_code == 200, response.text
    (message,) = inbox.wait_for(1)
    assert "x" * 2000 in message.get_body(("plain",)).get_content()


def test_nobody_to_write_to_is_400(http, mail_table, inbox):
    _change(mail_table, invited=[mail_table["uids"]["c"]])  # partner C has nobody
    response = http("coordinator")
    assert response.status_code == 400
    assert response.json()["error"]["field"] == "recipients"
    assert inbox.envelopes == []


@pytest.mark.parametrize("year", [2020, 2099])
def test_past_and_future_meetings_like_the_form(http, mail_table, inbox, year):
    # The form sends for a meeting in the past as well (send_invitation does not compare
    # the date with today); REST follows it.
    meeting = _meeting(mail_table)
    _change(
        mail_table,
        start=meeting.start.replace(year=year),
        end=meeting.end.replace(year=year),
    )
    response = http("coordinator")
    assert response.status_code == 200, response.text
    (message,) = inbox.wait_for(1)
    assert f"02.03.{year}" in message["Subject"]


def test_without_a_sender_address_the_answer_is_409_and_nothing_is_recorded(
    http, mail_table, inbox
):
    from plone import api

    transaction.begin()
    api.portal.set_registry_record("plone.email_from_address", "")
    transaction.commit()
    response = http("coordinator")
    assert response.status_code == 409, response.text
    error = response.json()["error"]
    assert (error["type"], error["field"]) == ("Conflict", "sender")
    assert "sender address" in error["message"] or "Absenderadresse" in error["message"]
    assert sent_invitation(_meeting(mail_table)) is None
    assert inbox.envelopes == []
