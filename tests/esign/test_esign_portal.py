"""In the portal: an amendment signed with qualified electronic signatures, by upload.

The seed agreement of three partners (in force since 2015) gets its first amendment;
the partners' signatories are the people the test PKI issued certificates to.
"""

from datetime import date
from datetime import timedelta
from esign_pki import change_text
from esign_pki import simple_pdf
from kooperation.agreements.signatures import signatures
from kooperation.agreements.signatures import signatures_json
from kooperation.common.errors import KooperationError
from kooperation.esign import portal as esign
from kooperation.esign.validation import LOCAL_ZONE
from kooperation.testing import create_network
from pathlib import Path
from plone import api

import json
import pytest
import sys


sys.path.insert(0, str(Path(__file__).parents[1] / "amendments"))
from amendments_helpers import add_amendment  # noqa: E402
from amendments_helpers import build_agreement  # noqa: E402
from amendments_helpers import sign  # noqa: E402
from amendments_helpers import to_signature  # noqa: E402
from amendments_scenario import FIRST  # noqa: E402


PARTNERS = (
    ("jobcenter", "Jobcenter Mülheim an der Ruhr"),
    ("bfo", "Stadt Mülheim an der Ruhr"),
    ("zib", "Agentur für Arbeit Oberhausen"),
    ("stadt", "Stadt Oberhausen"),
)
SIGNATORIES = {"jobcenter": "Anna Berger", "bfo": "Bernd Cramer", "zib": "Clara Dietz"}


def configure_trust(pki):
    from kooperation.esign.settings import ensure_registered
    from kooperation.esign.settings import IEsignSettings

    ensure_registered()
    prefix = IEsignSettings.__identifier__
    api.portal.set_registry_record(f"{prefix}.trust_anchors", pki.pem("root").decode())
    api.portal.set_registry_record(f"{prefix}.qualified_cas", pki.pem("qca").decode())


@pytest.fixture
def amendment(portal, pki):
    configure_trust(pki)
    network = create_network(
        portal, PARTNERS, boss_title=lambda pid, title: SIGNATORIES.get(pid, f"Leitung {title}")
    )
    agreement = build_agreement(network)
    obj = add_amendment(
        agreement,
        id="aenderung-1",
        title="1. Änderung",
        changes=[c.to_json() for c in FIRST.changes],
        legal_bases_added=list(FIRST.legal_bases_added),
    )
    return to_signature(obj)


def upload(obj, data, filename="signed.pdf"):
    with api.env.adopt_roles(["Manager"]):
        return esign.upload(obj, data, filename, "admin")


def counted(item):
    return [outcome["counted"] for outcome in item["outcomes"]]


def notes(item):
    return " ".join(" ".join(outcome["notes"]) for outcome in item["outcomes"])


class TestElectronicForm:
    @pytest.fixture(autouse=True)
    def _setup(self, amendment, pki):
        self.amendment = amendment
        self.pki = pki
        self.network = amendment.__parent__.__parent__
        self.pdf = simple_pdf("1. Änderung der Kooperationserklärung")

    def party(self, pid):
        return self.network[pid].UID()

    def test_all_parties_qualified_make_it_effective_on_the_last_signing_time(self):
        now = self.pki.now
        times = {"anna": now - timedelta(hours=3), "bernd": now - timedelta(hours=2)}
        times["clara"] = now - timedelta(minutes=30)
        signed = self.pdf
        for label in ("anna", "bernd", "clara"):
            signed = self.pki.sign(signed, label, when=times[label])
        item = upload(self.amendment, signed)
        assert counted(item) == [True, True, True], notes(item)
        assert api.content.get_state(self.amendment) == "effective"
        last_day = times["clara"].astimezone(LOCAL_ZONE).date()
        assert self.amendment.effective_on == last_day
        records = signatures(self.amendment)
        assert {r.form for r in records.values()} == {"electronic"}
        record = records[self.party("zib")]
        assert record.signed_at == times["clara"]
        assert record.on_behalf is False
        assert record.evidence.filename == "signed.pdf"
        # the JSON of the signatures: form and validation report per signature
        data = signatures_json(self.amendment)
        entry = next(i for i in data["items"] if i["party"] == self.party("zib"))
        assert entry["form"] == "electronic"
        assert entry["validation_report"]["level"] == "qualified"
        assert entry["validation_report"]["report"].endswith(f"upload={item['id']}")
        json.dumps(data)
        assert esign.status_json(self.amendment)["written_form_met"] is True
        # the audit log
        from kooperation.audit import query

        _total, entries = query(action="sign")
        assert {e.details["form"] for e in entries} >= {"electronic"}
        _total, entries = query(action="esignature_upload")
        assert entries[0].details["signatures"][0]["level"] == "qualified"

    def test_one_file_per_party(self):
        for label in ("anna", "bernd", "clara"):
            item = upload(self.amendment, self.pki.sign(self.pdf, label), f"{label}.pdf")
            assert counted(item) == [True], notes(item)
        assert api.content.get_state(self.amendment) == "effective"

    def test_a_simple_signature_does_not_meet_the_written_form(self):
        signed = self.pki.sign(self.pki.sign(self.pdf, "anna-simple"), "bernd")
        item = upload(self.amendment, signed)
        assert counted(item) == [False, True]
        assert "keine qualifizierte elektronische Signatur" in notes(item)
        assert self.party("jobcenter") not in signatures(self.amendment)
        status = esign.status_json(self.amendment)
        assert status["written_form_met"] is False
        assert api.content.get_state(self.amendment) == "for_signature"

    def test_changed_after_the_first_signature_is_refused(self):
        signed = self.pki.sign(change_text(self.pki.sign(self.pdf, "anna")), "bernd")
        item = upload(self.amendment, signed)
        assert counted(item) == [False, True]
        assert item["report"]["signatures"][0]["coverage"] == "changed"
        coverage = item["report"]["signatures"][0]["checks"][1]
        assert coverage["ok"] is False
        assert "Das Dokument wurde nach dieser Signatur geändert" in coverage["text"]

    def test_other_content_than_the_first_electronic_signature_is_refused(self):
        upload(self.amendment, self.pki.sign(self.pdf, "anna"))
        item = upload(self.amendment, self.pki.sign(simple_pdf("Andere Fassung"), "bernd"))
        assert counted(item) == [False]
        assert self.party("bfo") not in signatures(self.amendment)

    def test_signer_not_entitled_that_day_is_not_counted(self):
        person = self.network["zib"]["boss"]
        person.signing_until = date.today() - timedelta(days=1)
        item = upload(self.amendment, self.pki.sign(self.pdf, "clara"))
        assert counted(item) == [False]
        assert item["outcomes"][0]["party"] is None
        assert "für keine Partei dieses Dokuments zeichnungsberechtigt" in notes(item)

    def test_a_stranger_is_shown_and_not_counted(self):
        item = upload(self.amendment, self.pki.sign(self.pdf, "mallory"))
        assert counted(item) == [False]
        assert item["report"]["signatures"][0]["signer"]["name"] == "Mallory Fremd"

    def test_hybrid_paper_and_electronic_concludes_it(self):
        sign(self.amendment, self.network, ("jobcenter", "bfo"), date.today())
        assert api.content.get_state(self.amendment) == "for_signature"
        item = upload(self.amendment, self.pki.sign(self.pdf, "clara"))
        assert counted(item) == [True]
        assert api.content.get_state(self.amendment) == "effective"
        forms = {uid: r.form for uid, r in signatures(self.amendment).items()}
        assert forms == {
            self.party("jobcenter"): "written",
            self.party("bfo"): "written",
            self.party("zib"): "electronic",
        }
        assert esign.status_json(self.amendment)["written_form_met"] is True

    @pytest.mark.parametrize("label", ["anna-expired", "anna-revoked"])
    def test_expired_or_revoked_at_signing_time_is_refused(self, label):
        item = upload(self.amendment, self.pki.sign(self.pdf, label))
        assert counted(item) == [False]
        assert item["report"]["signatures"][0]["level"] == "invalid"
        assert "Nicht gezählt: Die Signatur ist nicht gültig." in notes(item)
        assert signatures(self.amendment) == {}

    def test_not_a_signed_pdf_is_a_user_error(self):
        with pytest.raises(KooperationError) as raised:
            upload(self.amendment, self.pdf)
        assert raised.value.field == "file"
        assert esign.uploads(self.amendment) == ()


class TestPagesAndService:
    @pytest.fixture(autouse=True)
    def _setup(self, amendment, pki):
        self.amendment = amendment
        self.pki = pki
        self.pdf = simple_pdf("1. Änderung der Kooperationserklärung")

    def test_report_page_and_pdf(self):
        item = upload(self.amendment, self.pki.sign(self.pki.sign(self.pdf, "anna"), "anna-simple"))
        request = self.amendment.REQUEST
        request.form["upload"] = item["id"]
        with api.env.adopt_roles(["Manager"]):
            html = self.amendment.restrictedTraverse("@@esignature-report")()
            data = self.amendment.restrictedTraverse("@@esignature-report-pdf")()
            original = self.amendment.restrictedTraverse("@@esignature-file")()
        assert "Prüfbericht" in html
        assert "Qualifizierte elektronische Signatur" in html
        assert "Gültige Signatur, aber keine qualifizierte elektronische Signatur" in html
        assert "Zertifikatskette bis zum Vertrauensanker Kooperation Test Root CA" in html
        assert data.startswith(b"%PDF")
        assert b"<pdfaid:part>2</pdfaid:part>" in data
        assert original.startswith(b"%PDF")

    def test_post_and_get_esignatures(self):
        from zope.component import getMultiAdapter

        def service(method):
            return getMultiAdapter(
                (self.amendment, request), name=f"{method}_application_json_@esignatures"
            )

        import base64

        request = self.amendment.REQUEST
        signed = self.pki.sign(self.pdf, "bernd")
        body = {"file": {"data": base64.b64encode(signed).decode(), "filename": "bernd.pdf"}}
        request["BODY"] = json.dumps(body).encode()
        request.environ["REQUEST_METHOD"] = "POST"
        request.environ["CONTENT_TYPE"] = "application/json"
        with api.env.adopt_roles(["Manager"]):
            data = service("POST").reply()
        assert request.response.getStatus() == 201, data
        assert data["counted"] == 1
        assert data["outcomes"][0]["counted"] is True
        assert data["report"]["signatures"][0]["level"] == "qualified"
        assert data["written_form_met"] is False  # two parties still missing
        assert data["review_state"] == "for_signature"
        json.dumps(data)
        request.environ["REQUEST_METHOD"] = "GET"
        with api.env.adopt_roles(["Manager"]):
            listing = service("GET").reply()
        assert [item["filename"] for item in listing["items"]] == ["bernd.pdf"]
        assert "Es fehlt die Unterschrift von" in listing["messages"][0]


class TestSettings:
    def test_upgrade_registers_the_records_and_the_configlet(self, portal):
        from kooperation.esign.settings import IEsignSettings
        from kooperation.esign.settings import trust_settings
        from kooperation.upgrades.v1005 import upgrade_esign_settings

        with api.env.adopt_roles(["Manager"]):
            upgrade_esign_settings(api.portal.get_tool("portal_setup"))
        prefix = IEsignSettings.__identifier__
        assert api.portal.get_registry_record(f"{prefix}.trust_anchors") == ""
        configlets = api.portal.get_tool("portal_controlpanel").listActions()
        assert "kooperation-esign-settings" in [c.getId() for c in configlets]
        assert trust_settings().anchors == ()

    def test_control_panel_in_german(self, portal, pki):
        configure_trust(pki)
        request = portal.REQUEST
        request["LANGUAGE"] = "de"
        with api.env.adopt_roles(["Manager"]):
            html = portal.restrictedTraverse("@@kooperation-esign-settings")()
        assert "Vertrauensanker (PEM)" in html
        assert "Qualifizierte Vertrauensdienste (PEM)" in html
        from kooperation.esign.settings import trust_settings

        settings = trust_settings()
        assert [c.subject.native["common_name"] for c in settings.anchors] == [
            "Kooperation Test Root CA"
        ]
