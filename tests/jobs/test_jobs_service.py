"""``@kooperation-daily`` on a real WSGI server: cron's way to run the job while the
server holds the FileStorage, with a real SMTP server receiving the reminder."""

from datetime import timedelta
from jobs_helpers import build_agreement
from jobs_helpers import build_network
from jobs_helpers import DEADLINE
from jobs_helpers import send_to
from jobs_helpers import sign_all
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD

import pytest
import requests
import transaction


TITLE = "Kooperationsvereinbarung Übergang"


@pytest.fixture
def url(acceptance, inbox):
    portal = acceptance["portal"]
    send_to(portal, inbox)
    sign_all(build_agreement(build_network(portal), title=TITLE))
    with api.env.adopt_roles(["Manager"]):
        api.user.create(username="editor", email="editor@example.org", password="pw-editor-1")
        api.user.grant_roles(username="editor", roles=["Editor", "Reviewer"])
    transaction.commit()
    return f"http://{acceptance['host']}:{acceptance['port']}/plone/@kooperation-daily"


def call(method, url, auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD), **kwargs):
    headers = {"Accept": "application/json", "Accept-Language": "de"}
    return requests.request(method, url, auth=auth, headers=headers, timeout=120, **kwargs)


def test_run_by_cron_and_last_run(url, inbox):
    assert call("GET", url).json() == {"last_run": None}
    day = DEADLINE - timedelta(days=30)
    response = call(
        "POST", url, json={"date": day.isoformat(), "site_url": "https://koop.example.org"}
    )
    assert response.status_code == 200, response.text
    summary = response.json()
    assert summary["ok"] is True
    assert summary["date"] == "2026-10-20"
    assert summary["errors"] == []
    assert summary["reminders_sent"] >= 1
    (message,) = [m for m in inbox.messages if TITLE in m["Subject"]]
    assert message["Subject"] == f"Kündigungsfrist in 30 Tagen: {TITLE}"
    assert "https://koop.example.org/net/agreement" in message.get_content()

    last = call("GET", url).json()["last_run"]
    assert last["date"] == "2026-10-20"
    assert last["ok"] is True
    assert last["summary"]["reminders_sent"] == summary["reminders_sent"]

    # Committed: the same day again sends nothing more.
    count = len(inbox.envelopes)
    again = call("POST", url, json={"date": day.isoformat()})
    assert again.status_code == 200
    assert again.json()["reminders_sent"] == 0
    assert len(inbox.envelopes) == count


def test_an_empty_body_runs_for_today(url):
    response = call("POST", url)
    assert response.status_code == 200, response.text
    from datetime import date

    assert response.json()["date"] == date.today().isoformat()


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({"date": "20.10.2026"}, "date", "ist kein Datum der Form JJJJ-MM-TT"),
        ({"date": 20261020}, "date", "ist kein Datum der Form JJJJ-MM-TT"),
        ({"site_url": "ftp://koop.example.org"}, "site_url", "ist keine http(s)-Adresse"),
        ({"site_url": ["https://x.org"]}, "site_url", "ist keine http(s)-Adresse"),
        ({"when": "today"}, "when", "Unbekanntes Feld"),
        ([1, 2], "body", "JSON-Objekt"),
    ],
)
def test_bad_bodies_are_400_and_run_nothing(url, inbox, body, field, message):
    response = call("POST", url, json=body)
    assert response.status_code == 400, response.text
    error = response.json()["error"]
    assert error["field"] == field
    assert message in error["message"]
    assert call("GET", url).json() == {"last_run": None}
    assert inbox.envelopes == []


def test_only_managers(url, inbox):
    """kooperation: Run daily job (Managers, Site Administrators): not anonymous, not
    editors. POST declares it in ZCML (the publisher answers 401), GET checks it in code."""
    editor = ("editor", "pw-editor-1")
    for auth, method, status in (
        (None, "POST", 401),
        (None, "GET", 401),
        (editor, "POST", 401),
        (editor, "GET", 403),
    ):
        response = call(method, url, auth=auth, json={})
        assert response.status_code == status, (auth, method, response.status_code)
    assert call("GET", url).json() == {"last_run": None}
    assert inbox.envelopes == []
