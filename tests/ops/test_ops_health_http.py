"""``GET /@health`` over real HTTP: anonymous, fast, and nothing private in it."""

from datetime import datetime
from datetime import timedelta
from kooperation.jobs.daily import record_last_run
from kooperation.jobs.daily import run_daily
from plone import api

import json
import pytest
import requests
import time
import transaction


@pytest.fixture
def health(functional):
    portal = functional["portal"]
    return portal, f"http://{functional['host']}:{functional['port']}/plone/@health"


def get(url):
    return requests.get(url, headers={"Accept": "application/json"}, timeout=30)


def test_anonymous_gets_the_state_fast(health):
    portal, url = health
    get(url)  # warm up the first request of the server thread
    started = time.monotonic()
    response = get(url)
    elapsed = time.monotonic() - started
    assert response.status_code == 200, response.text
    assert response.headers["Cache-Control"] == "no-store"
    body = response.json()
    assert body["database"]["state"] == "ok"
    assert body["daily_job"] == {"state": "never", "age_hours": None}
    assert body["status"] == "degraded"  # the daily job never ran
    assert elapsed < 1.0


def test_after_a_good_daily_run_it_is_ok(health):
    portal, url = health
    with api.env.adopt_roles(["Manager"]):
        run_daily(portal)
    transaction.commit()
    body = get(url).json()
    assert body["status"] == "ok"
    assert body["daily_job"]["state"] == "ok"
    assert body["daily_job"]["age_hours"] < 0.1


def test_a_failed_run_is_reported_without_its_error_text(health):
    portal, url = health
    secret = "/srv/geheim/vereinbarung-jobcenter: SMTPRecipientsRefused max@example.org"
    started = datetime.now() - timedelta(hours=3)
    summary = {"date": started.date().isoformat(), "errors": [secret]}
    record_last_run(portal, started, started, summary)
    transaction.commit()
    response = get(url)
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert body["daily_job"] == {"state": "failed", "age_hours": 3.0}
    text = json.dumps(body)
    for private in ("geheim", "example.org", "SMTP", "/srv"):
        assert private not in text
    # states, ages and counts only: the whole shape is fixed
    assert set(body) == {"status", "database", "daily_job", "mail"}


def test_a_private_site_still_answers_anonymously(health):
    portal, url = health
    with api.env.adopt_roles(["Manager"]):
        portal.manage_permission("View", ["Manager"], acquire=False)
    transaction.commit()
    response = get(url)
    assert response.status_code == 200
    assert response.json()["database"]["state"] == "ok"


def test_a_load_balancer_without_accept_header_uses_the_view(health):
    portal, url = health
    response = requests.get(url.replace("@health", "@@health"), timeout=30)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("application/json")
    assert response.headers["Cache-Control"] == "no-store"
    assert response.json()["database"]["state"] == "ok"


def test_the_mail_queue_is_counted(health, tmp_path):
    portal, url = health
    for sub in ("new", "cur", "tmp"):
        (tmp_path / sub).mkdir()
    for n in range(2):
        (tmp_path / "new" / f"mail-{n}").write_text("Subject: Einladung\n\nHallo")
    portal.MailHost.smtp_queue = True
    portal.MailHost.smtp_queue_directory = str(tmp_path)
    transaction.commit()
    assert get(url).json()["mail"] == {"state": "ok", "pending": 2}
    # a queue folder that is not a maildir: unknown, and the path is not shown
    portal.MailHost.smtp_queue_directory = str(tmp_path / "new" / "mail-0")
    transaction.commit()
    response = get(url)
    assert response.json()["mail"] == {"state": "unknown", "pending": None}
    assert str(tmp_path) not in response.text
