"""POST <network>/@import-agreement and the browser views over HTTP (real WSGI server)."""

from conftest import corpus_pdf
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD

import base64
import hostile
import pytest
import re
import requests
import transaction


pytestmark = pytest.mark.slow


class Client:
    def __init__(self, base, auth=None):
        self.base = base
        self.auth = auth
        self.session = requests.Session()

    def __call__(self, method, path, **kwargs):
        headers = {"Accept": "application/json", **kwargs.pop("headers", {})}
        url = path if path.startswith("http") else f"{self.base}/{path.lstrip('/')}"
        return self.session.request(
            method, url, headers=headers, auth=self.auth, timeout=120, **kwargs
        )


@pytest.fixture
def site_url(acceptance):
    return f"http://{acceptance['host']}:{acceptance['port']}/plone"


@pytest.fixture
def manager(site_url):
    return Client(site_url, (SITE_OWNER_NAME, SITE_OWNER_PASSWORD))


@pytest.fixture
def reader(acceptance, site_url):
    with api.env.adopt_roles(["Manager"]):
        api.user.create(email="r@example.org", username="leser", password="secret-pw-123")
        api.user.grant_roles(
            username="leser", obj=acceptance["portal"]["oberhausen"], roles=["Reader"]
        )
    transaction.commit()
    return Client(site_url, ("leser", "secret-pw-123"))


def upload(client, data, name="vereinbarung.pdf"):
    return client(
        "POST", "oberhausen/@import-agreement", files={"file": (name, data, "application/pdf")}
    )


class TestRest:
    def test_multipart_creates_a_draft(self, manager):
        response = upload(manager, corpus_pdf("07_kiel_24_months_renewal_12"))
        assert response.status_code == 201, response.text
        data = response.json()
        assert data["created"] is True
        assert data["review_state"] == "draft"
        assert data["extraction"]["initial_term"] == {"value": 24, "unit": "months"}
        assert data["extraction"]["notice_anchor"] == "end_of_term"
        assert "Laufzeit" in data["extraction"]["evidence"]["initial_term"]
        draft = manager("GET", data["@id"]).json()
        assert draft["title"].startswith("Vereinbarung über die Zusammenarbeit")
        # nothing entered the deadline engine yet
        assert draft["initial_term"] is None
        again = upload(manager, corpus_pdf("07_kiel_24_months_renewal_12"), "copy.pdf")
        assert again.status_code == 200
        assert again.json()["@id"] == data["@id"]
        assert again.json()["created"] is False

    def test_base64_json(self, manager):
        body = {
            "file": {
                "data": base64.b64encode(corpus_pdf("03_weinheim_framework_unlimited")).decode(),
                "encoding": "base64",
                "filename": "weinheim.pdf",
                "content-type": "application/pdf",
            }
        }
        response = manager("POST", "oberhausen/@import-agreement", json=body)
        assert response.status_code == 201, response.text
        assert response.json()["extraction"]["notice_anchor"] == "end_of_year"

    @pytest.mark.parametrize(
        ("data", "status", "code", "german"),
        [
            (b"GIF89a not a pdf", 422, "not_pdf", "Die Datei ist kein PDF."),
            (b"%PDF-1.7\n1 0 obj <<", 422, "truncated", "unvollständig"),
            (hostile.many_pages(301), 422, "too_many_pages", "mehr als 300 Seiten"),
        ],
    )
    def test_unreadable_files_are_422_in_german(self, manager, data, status, code, german):
        response = upload(manager, data)
        assert response.status_code == status, response.text
        error = response.json()["error"]
        assert error["code"] == code
        assert german in error["message"]

    def test_bomb_is_422(self, manager):
        response = upload(manager, hostile.bomb(256))
        assert response.status_code == 422
        assert response.json()["error"]["code"] == "stream_too_large"

    def test_too_large_is_413(self, manager, monkeypatch):
        monkeypatch.setenv("KOOPERATION_PDF_FILE_MB", "0.001")
        response = upload(manager, corpus_pdf("01_oberhausen_seed"))
        assert response.status_code == 413
        assert "0.001 MB" in response.json()["error"]["message"]

    @pytest.mark.parametrize(
        "body",
        [
            {"file": "not an object"},
            {"file": {"data": "%%% not base64 %%%"}},
            {"something": "else"},
        ],
    )
    def test_bad_requests_are_400(self, manager, body):
        response = manager("POST", "oberhausen/@import-agreement", json=body)
        assert response.status_code == 400, response.text

    def test_missing_file_is_400(self, manager):
        response = manager("POST", "oberhausen/@import-agreement", data={"x": "y"})
        assert response.status_code == 400

    def test_anonymous_and_reader_401(self, site_url, reader):
        # "kooperation: Import agreements" (ZCML): the publisher refuses both.
        anonymous = Client(site_url)
        assert upload(anonymous, corpus_pdf("01_oberhausen_seed")).status_code == 401
        assert upload(reader, corpus_pdf("01_oberhausen_seed")).status_code == 401


class TestReviewOverRest:
    @pytest.fixture(autouse=True)
    def _imported(self, manager, reader):
        # the reader first: its commit must not race the server's import
        response = upload(manager, corpus_pdf("01_oberhausen_seed"))
        assert response.status_code == 201, response.text
        self.url = response.json()["@id"]

    def test_get_the_proposal(self, manager):
        data = manager("GET", f"{self.url}/@import-agreement").json()
        assert data["confirmed"] is False
        assert data["extraction"]["notice_period"] == {"value": 6, "unit": "months"}
        assert "halbes Jahr" in data["extraction"]["evidence"]["notice_period"]

    def test_confirm_with_a_correction(self, manager):
        response = manager(
            "POST",
            f"{self.url}/@import-agreement",
            json={"notice_period": {"value": 3, "unit": "months"}},
        )
        assert response.status_code == 200, response.text
        assert response.json()["confirmed"] is True
        agreement = manager("GET", self.url).json()
        assert agreement["notice_period"] == {"value": 3, "unit": "months"}
        assert agreement["renewal_term"] == {"value": 1, "unit": "years"}

    @pytest.mark.parametrize(
        ("body", "message"),
        [
            ({"notice_period": {"value": 2, "unit": "years"}}, "muss kürzer sein"),
            ({"notice_anchor": "zu Ostern"}, "notice_anchor"),
            ({"written_form_termination": "ja"}, "written_form_termination"),
            ({"title": "x"}, "effective_rule"),
        ],
    )
    def test_wrong_rules_are_400(self, manager, body, message):
        response = manager("POST", f"{self.url}/@import-agreement", json=body)
        assert response.status_code == 400, response.text
        assert message in response.json()["error"]["message"]
        assert manager("GET", self.url).json()["notice_period"] is None

    def test_permissions_and_not_imported(self, manager, site_url, reader):
        anonymous = Client(site_url)
        assert anonymous("POST", f"{self.url}/@import-agreement", json={}).status_code == 401
        assert reader("POST", f"{self.url}/@import-agreement", json={}).status_code == 401
        other = manager("GET", "oberhausen/kooperationserklaerung-2015/@import-agreement")
        assert other.status_code == 404


class TestBrowser:
    def test_network_links_to_the_import(self, manager, reader):
        page = manager("GET", "oberhausen", headers={"Accept": "text/html"})
        assert 'id="pdfimport-link"' in page.text
        assert "Vereinbarung aus PDF importieren" in page.text
        page = reader("GET", "oberhausen", headers={"Accept": "text/html"})
        assert page.status_code == 200
        assert 'id="pdfimport-link"' not in page.text

    def test_upload_review_confirm(self, manager, site_url):
        page = manager("GET", "oberhausen/@@import-agreement", headers={"Accept": "text/html"})
        assert page.status_code == 200
        token = re.search(r'name="_authenticator" value="([^"]+)"', page.text).group(1)
        response = manager(
            "POST",
            "oberhausen/@@import-agreement",
            headers={"Accept": "text/html"},
            data={"_authenticator": token, "form.buttons.import": "import"},
            files={"file": ("seed.pdf", corpus_pdf("01_oberhausen_seed"), "application/pdf")},
        )
        assert response.status_code == 200
        assert response.url.endswith("/@@import-review")
        assert "ein halbes Jahr vorher" in response.text  # evidence beside the value
        assert "6 Monate" in response.text
        token = re.search(r'name="_authenticator" value="([^"]+)"', response.text).group(1)
        form = {
            "_authenticator": token,
            "form.buttons.confirm": "confirm",
            "effective_rule": "on_signature",
            "initial_term.value": "1",
            "initial_term.unit": "years",
            "renewal_term.value": "1",
            "renewal_term.unit": "years",
            "notice_period.value": "2",
            "notice_period.unit": "years",
            "notice_anchor": "end_of_term",
            "written_form_amendments": "1",
        }
        refused = manager("POST", response.url, headers={"Accept": "text/html"}, data=form)
        assert refused.status_code == 400
        assert "muss kürzer sein als die Laufzeit" in refused.text
        form["notice_period.value"] = "6"
        form["notice_period.unit"] = "months"
        confirmed = manager("POST", response.url, headers={"Accept": "text/html"}, data=form)
        assert confirmed.status_code == 200
        data = manager("GET", response.url.rsplit("/@@", 1)[0]).json()
        assert data["notice_period"] == {"value": 6, "unit": "months"}
        assert data["written_form_termination"] is False

    def test_upload_without_token_is_refused(self, manager):
        response = manager(
            "POST",
            "oberhausen/@@import-agreement",
            headers={"Accept": "text/html"},
            data={"form.buttons.import": "import"},
            files={"file": ("seed.pdf", corpus_pdf("01_oberhausen_seed"), "application/pdf")},
        )
        assert response.status_code == 403

    def test_error_shown_in_the_form(self, manager):
        page = manager("GET", "oberhausen/@@import-agreement", headers={"Accept": "text/html"})
        token = re.search(r'name="_authenticator" value="([^"]+)"', page.text).group(1)
        response = manager(
            "POST",
            "oberhausen/@@import-agreement",
            headers={"Accept": "text/html"},
            data={"_authenticator": token, "form.buttons.import": "import"},
            files={"file": ("x.pdf", b"no pdf at all", "application/pdf")},
        )
        assert response.status_code == 422
        assert "Die Datei ist kein PDF." in response.text
