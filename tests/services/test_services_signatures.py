"""POST/GET <agreement>/@signatures over HTTP: 201, 400, 401, 403 — never 500."""

import base64
import pytest


pytestmark = pytest.mark.slow

PATH = "oberhausen/neue-vereinbarung/@signatures"


def signatory(manager, partner, person):
    return manager("GET", f"oberhausen/{partner}/{person}").json()["UID"]


class TestSignaturesService:
    @pytest.fixture(autouse=True)
    def _setup(self, draft_for_signature, users, manager, anonymous):
        self.users = users
        self.manager = manager
        self.anonymous = anonymous
        self.petra = signatory(manager, "jobcenter-oberhausen", "geschaeftsfuehrung")
        self.bfo = signatory(manager, "bfo", "geschaeftsfuehrung")

    def test_anonymous_401(self):
        response = self.anonymous(
            "POST", PATH, json={"signatory": self.petra, "date": "2026-02-01"}
        )
        assert response.status_code == 401

    @pytest.mark.parametrize("user", ["reader", "outsider"])
    def test_without_the_right_401(self, user):
        # Neither signs nor records signatures anywhere: "kooperation: Submit signatures"
        # (ZCML) is missing, the publisher answers 401.
        response = self.users[user](
            "POST", PATH, json={"signatory": self.petra, "date": "2026-02-01"}
        )
        assert response.status_code == 401
        assert response.json()["type"] == "Unauthorized"
        assert self.manager("GET", PATH).json()["complete"] is False

    def test_signatory_signs_herself(self):
        response = self.users["petra"](
            "POST",
            PATH,
            json={"signatory": self.petra, "date": "2026-02-01", "place": "Oberhausen"},
        )
        assert response.status_code == 201, response.text
        data = response.json()
        assert data["signatory_name"] == "Petra Demo"
        assert data["on_behalf"] is False
        assert data["review_state"] == "for_signature"

    def test_signatory_cannot_sign_for_someone_else(self):
        response = self.users["petra"](
            "POST", PATH, json={"signatory": self.bfo, "date": "2026-02-01"}
        )
        assert response.status_code == 400
        assert "eigene Unterschrift" in response.json()["error"]["message"]

    @pytest.mark.parametrize(
        ("body", "field"),
        [
            ({"signatory": 42, "date": "2026-02-01"}, "signatory"),
            ({"date": "2026-02-01"}, "signatory"),
            ({"signatory": "PETRA", "date": "01.02.2026"}, "date"),
            ({"signatory": "PETRA", "date": None}, "date"),
            ({"signatory": "PETRA", "date": "2026-02-01", "place": ["x"]}, "place"),
            ({"signatory": "PETRA", "date": "2026-02-01", "colour": "blue"}, "colour"),
            ({"signatory": "PETRA", "date": "2026-02-01", "evidence": "scan"}, "evidence"),
            ({"signatory": "PETRA", "date": "2026-02-01", "evidence": {"data": "!!"}}, "evidence"),
            ({"signatory": "unknown-uid", "date": "2026-02-01"}, "signatory"),
            ({"signatory": "PETRA", "date": "2026-01-14"}, "date"),
        ],
    )
    def test_bad_input_is_400(self, body, field):
        body = {k: (self.petra if v == "PETRA" else v) for k, v in body.items()}
        response = self.users["petra"]("POST", PATH, json=body)
        assert response.status_code == 400, response.text
        assert response.json()["error"]["field"] == field
        assert response.json()["error"]["message"]

    def test_body_not_an_object(self):
        response = self.users["petra"]("POST", PATH, json=["a"])
        assert response.status_code == 400

    def test_coordinator_records_on_behalf_and_last_signature_enters_into_force(self):
        pdf = base64.b64encode(b"%PDF-1.4 signed page").decode()
        evidence = {
            "data": pdf,
            "encoding": "base64",
            "filename": "scan.pdf",
            "content-type": "application/pdf",
        }
        first = self.manager(
            "POST", PATH, json={"signatory": self.petra, "date": "2026-02-01", "evidence": evidence}
        )
        assert first.status_code == 201, first.text
        assert first.json()["on_behalf"] is True
        assert first.json()["evidence"]["filename"] == "scan.pdf"
        second = self.manager(
            "POST", PATH, json={"signatory": self.bfo, "date": "2026-02-03", "evidence": evidence}
        )
        assert second.status_code == 201, second.text
        assert second.json()["review_state"] == "in_force"
        assert second.json()["entered_into_force"] is True
        listing = self.manager("GET", PATH).json()
        assert listing["complete"] is True
        deadlines = self.manager("GET", "oberhausen/neue-vereinbarung/@deadlines").json()
        assert deadlines["in_force_since"] == "2026-02-03"
        # signing after it is in force is refused as a wrong state, not an error page
        third = self.manager(
            "POST", PATH, json={"signatory": self.petra, "date": "2026-02-04", "evidence": evidence}
        )
        assert third.status_code == 409, third.text
        assert third.json()["error"]["type"] == "Conflict"
