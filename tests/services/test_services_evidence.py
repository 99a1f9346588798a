"""The signed originals download from the URLs @signatures and @terminations advertise."""

from pathlib import Path

import base64
import pytest
import sys


sys.path.insert(0, str(Path(__file__).parent.parent / "security"))  # world.py


pytestmark = pytest.mark.slow

AGREEMENT = "oberhausen/neue-vereinbarung"
SIGNED = b"%PDF-1.4 signed original \x00\xff"
NOTICE = b"%PDF-1.4 notice letter"


def evidence(data, filename):
    return {
        "data": base64.b64encode(data).decode(),
        "encoding": "base64",
        "filename": filename,
        "content-type": "application/pdf",
    }


def uid(manager, path):
    return manager("GET", path).json()["UID"]


class TestEvidenceDownload:
    @pytest.fixture(autouse=True)
    def _setup(self, draft_for_signature, users, manager, anonymous):
        self.users = users
        self.manager = manager
        self.anonymous = anonymous
        self.jobcenter = uid(manager, "oberhausen/jobcenter-oberhausen")
        signatories = (
            ("jobcenter-oberhausen", "2026-02-01", "Unterschrift Jobcenter.pdf"),
            ("bfo", "2026-02-03", "bfo.pdf"),
        )
        for partner, day, filename in signatories:
            person = uid(manager, f"oberhausen/{partner}/geschaeftsfuehrung")
            response = manager(
                "POST",
                f"{AGREEMENT}/@signatures",
                json={"signatory": person, "date": day, "evidence": evidence(SIGNED, filename)},
            )
            assert response.status_code == 201, response.text
        listing = manager("GET", f"{AGREEMENT}/@signatures").json()
        self.signature = next(i for i in listing["items"] if i["party"] == self.jobcenter)
        self.url = self.signature["evidence"]["download"]

    def get(self, client, url):
        return client("GET", url, headers={"Accept": "*/*"}, allow_redirects=False)

    def test_advertised_url_downloads_the_signed_original(self):
        response = self.get(self.manager, self.url)
        assert response.status_code == 200, response.text
        assert response.content == SIGNED
        assert response.headers["Content-Type"].startswith("application/pdf")
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        disposition = response.headers["Content-Disposition"]
        assert disposition.startswith("attachment")
        assert "Unterschrift%20Jobcenter.pdf" in disposition

    @pytest.mark.parametrize("user", ["reader", "petra"])
    def test_network_members_download(self, user):
        response = self.get(self.users[user], self.url)
        assert response.status_code == 200, response.text
        assert response.content == SIGNED

    def test_outsider_does_not_download(self):
        response = self.get(self.users["outsider"], self.url)
        assert response.status_code in (401, 403, 302)
        assert SIGNED not in response.content

    def test_anonymous_does_not_download(self):
        response = self.get(self.anonymous, self.url)
        assert response.status_code in (401, 403, 302)
        if response.status_code == 302:
            assert "login" in response.headers["Location"]
        assert SIGNED not in response.content

    @pytest.mark.parametrize("tail", ["@@signature-evidence/unknown-party", "@@signature-evidence"])
    def test_unknown_party_is_404(self, tail):
        response = self.get(self.manager, f"{AGREEMENT}/{tail}")
        assert response.status_code == 404
        assert SIGNED not in response.content

    def test_download_is_audit_logged(self):
        assert self.get(self.users["reader"], self.url).status_code == 200
        log = self.manager("GET", "@audit-log", params={"action": "evidence_download"}).json()
        entries = [e for e in log["items"] if e["user_id"] == "reader"]
        assert entries, log
        assert entries[0]["details"]["party"] == self.jobcenter
        assert entries[0]["path"].endswith("/neue-vereinbarung")

    def test_notice_evidence_downloads_from_advertised_url(self):
        response = self.manager(
            "POST",
            f"{AGREEMENT}/@terminations",
            json={
                "kind": "notice",
                "party": self.jobcenter,
                "received_on": "2026-03-01",
                "written_form": True,
                "evidence": evidence(NOTICE, "kuendigung.pdf"),
            },
        )
        assert response.status_code == 201, response.text
        url = response.json()["evidence"]["download"]
        listed = self.manager("GET", f"{AGREEMENT}/@terminations").json()["items"][0]
        assert listed["evidence"]["download"] == url
        download = self.get(self.users["reader"], url)
        assert download.status_code == 200, download.text
        assert download.content == NOTICE
        assert "kuendigung.pdf" in download.headers["Content-Disposition"]
        assert download.headers["X-Content-Type-Options"] == "nosniff"
        refused = self.get(self.users["outsider"], url)
        assert refused.status_code in (401, 403, 302)
        assert NOTICE not in refused.content
        missing = self.get(self.manager, f"{AGREEMENT}/@@notice-evidence/nope")
        assert missing.status_code == 404
        log = self.manager("GET", "@audit-log", params={"action": "evidence_download"}).json()
        assert any(e["details"].get("notice") for e in log["items"])


class TestAmendmentEvidence:
    """Amendments keep signatures like agreements: their evidence downloads the same way."""

    def test_amendment_signature_evidence(self, world_functional):
        from datetime import date
        from kooperation.agreements.signatures import record_signature
        from plone import api
        from plone.namedfile.file import NamedBlobFile
        from world import objects
        from world import PASSWORD

        import requests
        import transaction

        functional = world_functional
        objs = objects(functional["portal"])
        amendment = objs["amendment_for_signature"]
        partner_c = objs["network"]["c"]
        with api.env.adopt_roles(["Manager"]):
            record_signature(
                amendment,
                partner_c["boss"].UID(),
                date(2021, 3, 1),
                "admin",
                True,
                evidence=NamedBlobFile(SIGNED, contentType="application/pdf", filename="c.pdf"),
            )
        transaction.commit()
        base = f"http://{functional['host']}:{functional['port']}/plone"

        def get(url, persona):
            return requests.get(
                url,
                auth=None if persona is None else (persona, PASSWORD),
                headers={"Accept": "application/json"},
                allow_redirects=False,
                timeout=60,
            )

        listing = get(f"{amendment.absolute_url()}/@signatures", "coordinator").json()
        items = listing.get("items", [])
        record = next(i for i in items if i.get("party") == partner_c.UID())
        url = record["evidence"]["download"]
        assert url.startswith(f"{base}/net/agreement-in_force/amendment-for_signature/")
        allowed = get(url, "staff_a")
        assert allowed.status_code == 200, allowed.text
        assert allowed.content == SIGNED
        assert "c.pdf" in allowed.headers["Content-Disposition"]
        for persona in ("outsider", None):
            refused = get(url, persona)
            assert refused.status_code in (302, 401, 403), (persona, refused.status_code)
            assert SIGNED not in refused.content
