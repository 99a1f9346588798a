"""Round tables over HTTP on the demo site: @rotation, JSON, 400 for bad input, @workflow."""

from mailbox_helpers import use_real_mailhost
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD

import pytest
import requests
import transaction


pytestmark = pytest.mark.slow

SERIES = "oberhausen/runder-tisch-arbeitsmarkt"


@pytest.fixture
def http(acceptance):
    base = f"http://{acceptance['host']}:{acceptance['port']}/plone"

    def call(method, path, auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD), **kwargs):
        headers = {"Accept": "application/json"}
        return requests.request(
            method, f"{base}/{path}", headers=headers, auth=auth, timeout=60, **kwargs
        )

    return call


def test_rotation(http):
    response = http("GET", f"{SERIES}/@rotation?count=3")
    assert response.status_code == 200
    data = response.json()
    assert data["duties"] == ["topics", "invitation", "moderation", "minutes"]
    assert [m["held"] for m in data["meetings"]] == [True, True, False, False, False]
    assert len(data["tally"]) == 3
    assert "Jobcenter Oberhausen" in data["partners"].values()
    assert http("GET", f"{SERIES}/@rotation?count=0").status_code == 400
    assert http("GET", f"{SERIES}/@rotation", auth=None).status_code == 200  # published series


def test_meeting_serializes_fully(http):
    data = http("GET", f"{SERIES}/2027-01-19").json()
    assert data["@type"] == "Meeting"
    assert data["start"].startswith("2027-01-19")
    assert len(data["agenda"]) == 3
    assert set(data["duty_holders"]) == {"topics", "invitation", "moderation", "minutes"}
    minutes = http("GET", f"{SERIES}/2026-09-15/protokoll").json()
    assert minutes["action_items"][1]["done"] is False
    assert minutes["review_state"] == "published"


def test_bad_input_is_400_not_500(http):
    holders = {"minutes": "0123456789abcdef0123456789abcdef"}
    response = http(
        "POST",
        SERIES,
        json={
            "@type": "Meeting",
            "title": "Neu",
            "start": "2027-03-16T14:00:00+01:00",
            "end": "2027-03-16T15:00:00+01:00",
            "duty_holders": holders,
        },
    )
    assert response.status_code == 400
    assert "ist kein Mitglied dieses Gremiums" in response.json()["message"]  # German site
    response = http("PATCH", f"{SERIES}/2027-01-19", json={"duty_holders": holders})
    assert response.status_code == 400
    response = http(
        "POST",
        f"{SERIES}/2027-01-19",
        json={"@type": "Minutes", "title": "P", "action_items": [{"what": "Flyer"}]},
    )
    assert response.status_code == 400


def test_approved_minutes_are_locked(http):
    path = f"{SERIES}/2027-01-19"
    created = http("POST", path, json={"@type": "Minutes", "title": "Protokoll Januar"})
    assert created.status_code == 201
    url = created.json()["@id"].split("/plone/", 1)[1]
    for transition in ("circulate", "approve"):
        assert http("POST", f"{url}/@workflow/{transition}").status_code == 200
    assert http("PATCH", url, json={"title": "Geändert"}).status_code in (401, 403)


def test_correct_approved_minutes(http):
    path = f"{SERIES}/2026-09-15/protokoll"
    before = http("GET", path).json()["decisions"]
    response = http("POST", f"{path}/@correct", json={"decisions": ["neu"]})
    assert response.status_code == 400
    assert response.json()["error"]["field"] == "reason"
    assert http("POST", f"{path}/@correct", json={"reason": "x", "oops": 1}).status_code == 400
    assert http("POST", f"{path}/@correct", json={"reason": "x"}, auth=None).status_code == 401
    response = http(
        "POST", f"{path}/@correct", json={"reason": "Ergänzt", "decisions": [*before, "neu"]}
    )
    assert response.status_code == 200, response.text
    assert response.json()["version"] >= 1
    assert http("GET", path).json()["decisions"] == [*before, "neu"]


def test_series_due_days(http):
    data = http("GET", SERIES).json()
    assert (data["invitation_lead_days"], data["minutes_due_days"]) == (14, 14)
    response = http("PATCH", SERIES, json={"invitation_lead_days": 91})
    assert response.status_code == 400
    message = response.json()["message"]
    assert "invitation_lead_days" in message
    assert "Wert ist zu groß" in message  # German site, translated by zope.schema
    assert http("PATCH", SERIES, json={"minutes_due_days": 0}).status_code == 400
    response = http("PATCH", SERIES, json={"invitation_lead_days": 7, "minutes_due_days": 21})
    assert response.status_code == 204, response.text
    data = http("GET", SERIES).json()
    assert (data["invitation_lead_days"], data["minutes_due_days"]) == (7, 21)


def test_send_invitation_on_the_demo(http, acceptance, inbox):
    use_real_mailhost(acceptance["portal"], inbox)
    transaction.commit()
    path = f"{SERIES}/2027-01-19/@send-invitation"
    assert http("POST", path, json={"note": "Hallo"}, auth=None).status_code == 401
    response = http("POST", path, json={"note": 7})
    assert response.status_code == 400
    assert response.json()["error"]["field"] == "note"
    assert inbox.envelopes == []
    response = http("POST", path, json={"note": "Bitte Raum beachten."})
    assert response.status_code == 200, response.text
    data = response.json()
    assert data["by"] == SITE_OWNER_NAME
    assert data["sent_to"] == len(inbox.envelopes[0].rcpt_tos) > 0
    assert "Bitte Raum beachten." in inbox.messages[0].get_body(("plain",)).get_content()


def test_correct_action_items_of_approved_minutes(http):
    path = f"{SERIES}/2026-09-15/protokoll"
    items = http("GET", path).json()["action_items"]
    assert items[1]["done"] is False
    response = http(
        "POST", f"{path}/@correct", json={"reason": "x", "action_items": [{"index": 9}]}
    )
    assert response.status_code == 400
    assert response.json()["error"]["field"] == "action_items"
    response = http(
        "POST",
        f"{path}/@correct",
        json={
            "reason": "Erledigt gemeldet",
            "action_items": [{"index": 1, "done": True, "due": "2027-01-15"}],
        },
    )
    assert response.status_code == 200, response.text
    after = http("GET", path).json()["action_items"]
    assert after[1] == {**items[1], "done": True, "due": "2027-01-15"}
    assert after[0] == items[0]
