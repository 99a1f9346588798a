"""The members' area over HTTP on the demo site: @places, pages, CSV, PDF, rights."""

from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD

import pytest
import requests


pytestmark = pytest.mark.slow

MEMBER = "weinheimer-initiative/kreis-offenbach"
OWNER = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)


@pytest.fixture
def http(acceptance):
    base = f"http://{acceptance['host']}:{acceptance['port']}/plone"

    def call(path, auth=None, json=True, **kwargs):
        headers = {"Accept": "application/json"} if json else {}
        return requests.get(f"{base}/{path}", headers=headers, auth=auth, timeout=60, **kwargs)

    return call


def test_places_for_everyone_from_published_measures(http):
    response = http(f"{MEMBER}/@places?date=2018-11-15")
    assert response.status_code == 200
    data = response.json()
    assert data["total"]["planned"] == 219
    assert data["total"]["free"] == 31
    assert data["legal_spheres"]["SGB VIII"]["planned"] == 130
    assert data["legal_spheres"]["SGB II"]["planned"] == 89
    assert http("@places?date=2018-11-15").json()["total"]["planned"] == 219


@pytest.mark.parametrize("bad", ["2018-11-31", "x", "15.13.2018"])
def test_places_bad_date_is_400(http, bad):
    response = http(f"{MEMBER}/@places", params={"date": bad})
    assert response.status_code == 400
    assert response.json()["error"]["field"] == "date"


def test_report_is_for_members_only(http):
    report = f"{MEMBER}/bericht-2018-q4"
    assert http(report).status_code == 401
    data = http(report, auth=OWNER).json()
    assert data["@type"] == "Report"
    assert data["year"] == 2018
    quarter = data["quarter"]  # a Choice: plone.restapi gives token and title
    assert (quarter["token"] if isinstance(quarter, dict) else quarter) in ("4", 4)
    assert len(data["projects"]) == 4
    assert len(data["measures"]) == 15
    assert http(f"{report}/@@report.pdf", auth=OWNER, json=False).content.startswith(b"%PDF")


def test_pages_and_csv(http):
    assert "219" in http(f"{MEMBER}/@@member?date=2018-11-15", json=False).text
    page = http(f"{MEMBER}/@@places-dashboard", json=False)
    assert page.status_code == 200
    assert "<svg" in page.text
    csv = http(f"{MEMBER}/@@places.csv", json=False)
    assert csv.headers["Content-Type"].startswith("text/csv")
    assert "31.12.2018" in csv.text
    assert http("@@members-area", json=False, allow_redirects=False).status_code in (302, 401)
    area = http("@@members-area", auth=OWNER, json=False)
    assert "Bericht 4. Quartal 2018" in area.text
