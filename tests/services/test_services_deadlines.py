"""GET <agreement>/@deadlines and the deadlines in the agreement's JSON."""

import pytest


pytestmark = pytest.mark.slow

AGREEMENT = "oberhausen/kooperationserklaerung-2015"


class TestDeadlinesService:
    def test_seed_deadlines_on_a_day(self, manager):
        response = manager("GET", f"{AGREEMENT}/@deadlines?date=2015-06-01")
        assert response.status_code == 200
        data = response.json()
        assert data["in_force_since"] == "2015-05-20"
        assert data["current_term_start"] == "2015-05-20"
        assert data["current_term_end"] == "2016-05-19"
        assert data["notice_deadline"] == "2015-11-19"
        assert data["earliest_end"] == "2016-05-19"
        assert data["earliest_end_notice_deadline"] == "2015-11-19"
        assert (
            "Kündigung muss spätestens am 19.11.2015 zugegangen sein; "
            "die Vereinbarung endet dann am 19.05.2016." in data["explanation"]
        )

    def test_missed_deadline(self, manager):
        data = manager("GET", f"{AGREEMENT}/@deadlines?date=2015-11-20").json()
        assert data["notice_deadline"] == "2015-11-19"
        assert data["earliest_end"] == "2017-05-19"
        assert data["earliest_end_notice_deadline"] == "2016-11-19"

    def test_before_entry_into_force(self, manager):
        data = manager("GET", f"{AGREEMENT}/@deadlines?date=2015-05-01").json()
        assert data["status"] == "pending"

    @pytest.mark.parametrize("bad", ["2015-13-01", "gestern", "20.05.2015", "2015-02-30"])
    def test_bad_date_is_400(self, manager, bad):
        response = manager("GET", f"{AGREEMENT}/@deadlines?date={bad}")
        assert response.status_code == 400
        assert "JJJJ-MM-TT" in response.json()["error"]["message"]

    def test_agreement_json_carries_deadlines_and_signatures(self, manager):
        data = manager("GET", AGREEMENT).json()
        assert data["review_state"] == "in_force"
        assert data["deadlines"]["in_force_since"] == "2015-05-20"
        assert [s["signed"] for s in data["signatures"]] == [True, True, True, True]
        assert {s["party_title"] for s in data["signatures"]} == {
            "Jobcenter Oberhausen",
            "Beschäftigungsförderung Oberhausen gGmbH",
            "ZIB Bildungsoffensive – die kurbel",
            "Stadt Oberhausen, Bereich Bildung und Jugend",
        }
        # Stadt Oberhausen signed the 1st amendment by which it joined, in 2016.
        (stadt,) = [s for s in data["signatures"] if s.get("joined_by")]
        assert stadt["joined_by"].endswith("/1-aenderung-2016")
        assert stadt["date"] == "2016-03-01"
        assert data["initial_term"] == {"value": 1, "unit": "years"}
        assert data["notice_period"] == {"value": 6, "unit": "months"}
        assert data["effective_rule"]["token"] == "on_signature"

    def test_anonymous_cannot_read_agreements(self, anonymous):
        assert anonymous("GET", f"{AGREEMENT}/@deadlines").status_code == 401
