"""The dashboard over HTTP on the demo site (real WSGI server)."""

from datetime import date
from kooperation.deadlines import shift_months
from plone import api

import csv
import icalendar
import io
import pytest


pytestmark = pytest.mark.slow

AGREEMENT = "oberhausen/kooperationserklaerung-2015"
TITLE = "Kooperationserklärung vom 20.05.2015"
HTML = {"Accept": "text/html"}


@pytest.fixture
def demo_dates(acceptance):
    """The demo agreement's indexed dates (as of the day the layer was set up)."""
    catalog = api.portal.get_tool("portal_catalog")
    (brain,) = catalog.unrestrictedSearchResults(getId="kooperationserklaerung-2015")
    return {"notice_deadline": brain.notice_deadline, "term_end": brain.term_end}


class TestRest:
    def test_network(self, manager, demo_dates):
        response = manager("GET", "oberhausen/@deadlines")
        assert response.status_code == 200
        data = response.json()
        today = date.today()
        assert data["start"] == today.isoformat()
        assert data["end"] == shift_months(today, 12).isoformat()
        (item,) = data["items"]
        assert item["title"] == TITLE
        assert item["@id"].endswith(f"/plone/{AGREEMENT}")
        assert item["review_state"] == "in_force"
        assert item["notice_deadline"] == demo_dates["notice_deadline"]
        assert item["term_end"] == demo_dates["term_end"]
        assert item["parties"] == [
            "Jobcenter Oberhausen",
            "Beschäftigungsförderung Oberhausen gGmbH",
            "ZIB Bildungsoffensive – die kurbel",
            # joined by the 1st amendment of 2016
            "Stadt Oberhausen, Bereich Bildung und Jugend",
        ]

    def test_site(self, manager):
        data = manager("GET", "@deadlines").json()
        assert [item["title"] for item in data["items"]] == [TITLE]

    def test_filters(self, manager, acceptance):
        network = acceptance["portal"]["oberhausen"]
        zib = network["zib"].UID()
        # A partner that is no party of the demo agreement lists nothing.
        assert (
            manager("GET", f"@deadlines?partner={network['bfo']['intern'].UID()}").json()["items"]
            == []
        )
        assert len(manager("GET", f"@deadlines?partner={zib}").json()["items"]) == 1
        assert manager("GET", "@deadlines?review_state=terminated").json()["items"] == []
        assert manager("GET", "@deadlines?legal_sphere=Schulrecht").json()["items"] == []
        assert len(manager("GET", "@deadlines?legal_sphere=SGB%20II").json()["items"]) == 1
        past = manager("GET", "@deadlines?start=2015-01-01&end=2015-12-31").json()
        assert past["items"] == []  # the indexes hold the upcoming dates only

    def test_agreement_service_still_answers(self, manager):
        data = manager("GET", f"{AGREEMENT}/@deadlines?date=2015-06-01").json()
        assert data["notice_deadline"] == "2015-11-19"
        assert data["@id"].endswith(f"{AGREEMENT}/@deadlines")

    @pytest.mark.parametrize(
        ("query", "field"),
        [
            ("start=2026-13-01", "start"),
            ("end=gestern", "end"),
            ("start=2027-02-01&end=2027-01-31", "end"),
            ("b_size=viele", "b_size"),
            ("b_size=-5", "b_size"),
            ("b_start=zwei", "b_start"),
            ("review_state=published", "review_state"),
            ("legal_sphere=SGB%20XII", "legal_sphere"),
            ("start=2026-01-01&start=2026-02-01", "start"),
        ],
    )
    def test_bad_input_is_400(self, manager, query, field):
        response = manager("GET", f"oberhausen/@deadlines?{query}")
        assert response.status_code == 400
        error = response.json()["error"]
        assert error["type"] == "BadRequest"
        assert error["field"] == field
        assert error["message"]

    def test_bad_date_message_is_german(self, manager):
        response = manager("GET", "@deadlines?start=20.05.2015")
        assert "JJJJ-MM-TT" in response.json()["error"]["message"]

    def test_anonymous_sees_nothing_internal(self, anonymous):
        for path in ("@deadlines", "oberhausen/@deadlines"):
            response = anonymous("GET", path)
            assert response.status_code == 200
            assert response.json()["items"] == []
            assert response.json()["items_total"] == 0

    def test_reader_and_outsider(self, users):
        assert len(users["reader"]("GET", "@deadlines").json()["items"]) == 1
        assert users["outsider"]("GET", "@deadlines").json()["items"] == []


class TestClassicUI:
    def test_dashboard(self, manager):
        response = manager("GET", "oberhausen/@@deadlines", headers=HTML)
        assert response.status_code == 200
        assert TITLE in response.text
        assert 'id="deadlines-table"' in response.text
        assert "In Kraft" in response.text

    def test_site_dashboard(self, manager):
        response = manager("GET", "@@deadlines?months=24", headers=HTML)
        assert response.status_code == 200
        assert TITLE in response.text

    def test_csv(self, manager, demo_dates):
        response = manager("GET", "oberhausen/@@deadlines.csv", headers={"Accept": "*/*"})
        assert response.status_code == 200
        assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
        assert response.content.startswith(b"\xef\xbb\xbf")
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
        assert rows[1][0] == TITLE
        assert rows[1][4] == date.fromisoformat(demo_dates["term_end"]).strftime("%d.%m.%Y")

    def test_ical(self, manager, demo_dates):
        response = manager("GET", "oberhausen/zib/@@deadlines.ics", headers={"Accept": "*/*"})
        assert response.status_code == 200
        assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
        calendar = icalendar.Calendar.from_ical(response.content)
        starts = sorted(e.decoded("dtstart").isoformat() for e in calendar.walk("VEVENT"))
        expected = [demo_dates["term_end"]]
        if demo_dates["notice_deadline"] <= shift_months(date.today(), 12).isoformat():
            expected.append(demo_dates["notice_deadline"])
        assert starts == sorted(expected)

    def test_anonymous_ical_is_empty(self, anonymous):
        response = anonymous("GET", "@@deadlines.ics", headers={"Accept": "*/*"})
        assert response.status_code == 200
        assert icalendar.Calendar.from_ical(response.content).walk("VEVENT") == []

    def test_my_signatures(self, users, draft_for_signature):
        response = users["petra"]("GET", "@@my-signatures", headers=HTML)
        assert response.status_code == 200
        assert "Neue Vereinbarung" in response.text
        assert "/plone/oberhausen/neue-vereinbarung/@@sign" in response.text
        other = users["reader"]("GET", "@@my-signatures", headers=HTML)
        assert "Neue Vereinbarung" not in other.text
