"""Validity rules over REST: the shapes of the extraction JSON; contradictions are 400."""

import pytest


pytestmark = pytest.mark.slow


class TestRulesOverRest:
    @pytest.fixture(autouse=True)
    def _setup(self, manager, draft_agreement):
        self.manager = manager
        self.path = draft_agreement

    def test_rules_as_the_extraction_json_gives_them(self):
        rules = {
            "effective_rule": "fixed_date",
            "effective_date": "2026-01-01",
            "initial_term": {"value": 2, "unit": "years"},
            "end_date": None,
            "renewal_term": {"value": 1, "unit": "years"},
            "notice_period": {"value": 3, "unit": "months"},
            "notice_anchor": "end_of_term",
            "written_form_amendments": True,
            "written_form_termination": False,
        }
        response = self.manager("PATCH", self.path, json=rules)
        assert response.status_code == 204, response.text
        data = self.manager("GET", self.path).json()
        assert data["effective_date"] == "2026-01-01"
        assert data["initial_term"] == {"value": 2, "unit": "years"}
        assert data["written_form_termination"] is False

    def test_notice_longer_than_the_term_is_400_in_german(self):
        response = self.manager(
            "PATCH",
            self.path,
            json={
                "initial_term": {"value": 1, "unit": "years"},
                "notice_period": {"value": 2, "unit": "years"},
            },
        )
        assert response.status_code == 400, response.text
        assert (
            "Die Kündigungsfrist (2 Jahre) muss kürzer sein als die Laufzeit (1 Jahr)."
            in (response.json()["message"])
        )

    @pytest.mark.parametrize(
        "body",
        [
            {"initial_term": {"value": "zwölf", "unit": "months"}},
            {"notice_period": 6},
            {"notice_anchor": "zu Ostern"},
            {"effective_date": "20.05.2015"},
            {"parties": ["not-a-partner"]},
            {"written_form_amendments": "ja"},
        ],
    )
    def test_wrong_types_are_400(self, body):
        response = self.manager("PATCH", self.path, json=body)
        assert response.status_code == 400, response.text
