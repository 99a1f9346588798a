"""The pure core: PDFs signed with pyHanko against the certomancer PKI, validated offline."""

from datetime import timedelta
from esign_pki import change_text
from esign_pki import simple_pdf
from kooperation.esign.validation import TrustSettings
from kooperation.esign.validation import validate_pdf

import pytest
import socket


@pytest.fixture(autouse=True)
def _offline(monkeypatch):
    """No network at run time: any connection attempt fails the test."""

    def refuse(*args, **kwargs):
        raise AssertionError("network access during validation")

    monkeypatch.setattr(socket.socket, "connect", refuse)


def checks(report):
    return {check.key: check.ok for check in report.checks}


class TestOneSignature:
    def test_qualified_signature_is_valid_and_qualified(self, pki, trust):
        when = pki.now - timedelta(hours=2)
        report = validate_pdf(pki.sign(simple_pdf(), "anna", when=when), trust)
        assert report.error is None
        (signature,) = report.signatures
        assert signature.level == "qualified"
        assert signature.valid
        assert signature.qualified
        assert signature.signing_time == when
        assert signature.time_source == "timestamp"
        assert signature.signer.name == "Anna Berger"
        assert signature.signer.organization == "Jobcenter Mülheim an der Ruhr"
        assert checks(signature) == {
            "integrity": True,
            "coverage": True,
            "time": True,
            "chain": True,
            "revocation": True,
            "qualified": True,
        }
        assert signature.coverage == "permitted_later"  # the DSS added after signing
        assert signature.as_json()["qualified"] is True

    def test_simple_signature_is_valid_but_not_qualified(self, pki, trust):
        (signature,) = validate_pdf(pki.sign(simple_pdf(), "anna-simple"), trust).signatures
        assert signature.valid
        assert not signature.qualified
        assert signature.level == "advanced"
        assert checks(signature)["qualified"] is False
        assert "QcCompliance" in str(signature.checks[-1].phrase)

    def test_qualified_certificate_without_qscd_is_not_a_qes(self, pki, trust):
        (signature,) = validate_pdf(pki.sign(simple_pdf(), "anna-no-qscd"), trust).signatures
        assert signature.level == "advanced"
        assert "qualified signature creation device" in str(signature.checks[-1].phrase)

    def test_qualified_ca_not_configured_is_not_qualified(self, pki):
        only_root = TrustSettings.from_pem(pki.pem("root"), "")
        (signature,) = validate_pdf(pki.sign(simple_pdf(), "anna"), only_root).signatures
        assert signature.valid
        assert signature.level == "advanced"

    def test_expired_certificate_at_signing_time_is_refused(self, pki, trust):
        (signature,) = validate_pdf(pki.sign(simple_pdf(), "anna-expired"), trust).signatures
        assert signature.level == "invalid"
        assert checks(signature)["chain"] is False
        assert "certificate valid" in str(signature.checks[-2].phrase)

    def test_revoked_certificate_at_signing_time_is_refused(self, pki, trust):
        (signature,) = validate_pdf(pki.sign(simple_pdf(), "anna-revoked"), trust).signatures
        assert signature.level == "invalid"
        assert signature.revocation == "revoked"
        assert checks(signature)["revocation"] is False

    def test_revoked_after_signing_is_valid(self, pki, trust):
        """Revoked since ten days: a signature of eleven days ago stands (today's CRL and
        OCSP response name the revocation, after the signing time)."""
        when = pki.now - timedelta(days=11)
        signed = pki.sign(simple_pdf(), "anna-revoked", when=when, revinfo_at=pki.now)
        (signature,) = validate_pdf(signed, trust).signatures
        assert signature.revocation == "good"
        assert signature.level == "qualified"

    def test_without_revocation_data_it_is_not_counted(self, pki, trust):
        signed = pki.sign(simple_pdf(), "anna", revinfo=False)
        (signature,) = validate_pdf(signed, trust).signatures
        assert signature.revocation == "unknown"
        assert signature.level == "invalid"
        assert checks(signature)["revocation"] is None  # could not be checked offline

    def test_untrusted_root_is_refused(self, pki):
        nobody = TrustSettings.from_pem("", "")
        (signature,) = validate_pdf(pki.sign(simple_pdf(), "anna"), nobody).signatures
        assert signature.level == "invalid"
        assert not signature.chain_ok


class TestSeveralSignatures:
    def test_two_parties_in_one_file_over_identical_content(self, pki, trust):
        pdf = simple_pdf()
        signed = pki.sign(pki.sign(pdf, "anna"), "bernd")
        report = validate_pdf(signed, trust)
        assert [s.signer.name for s in report.signatures] == ["Anna Berger", "Bernd Cramer"]
        assert {s.level for s in report.signatures} == {"qualified"}
        assert len({s.content_hash for s in report.signatures}) == 1

    def test_one_file_per_party_has_the_same_content_hash(self, pki, trust):
        pdf = simple_pdf()
        first = validate_pdf(pki.sign(pdf, "anna"), trust).signatures[0]
        second = validate_pdf(pki.sign(pdf, "bernd"), trust).signatures[0]
        other = validate_pdf(pki.sign(simple_pdf("Anderer Text"), "clara"), trust).signatures[0]
        assert first.content_hash == second.content_hash
        assert other.content_hash != first.content_hash

    def test_document_changed_after_the_first_signature_is_refused(self, pki, trust):
        changed = pki.sign(change_text(pki.sign(simple_pdf(), "anna")), "bernd")
        first, second = validate_pdf(changed, trust).signatures
        assert first.coverage == "changed"
        assert first.level == "invalid"
        assert checks(first)["coverage"] is False
        assert second.level == "qualified"  # the second signed the changed text as it is


class TestNotASignedPdf:
    @pytest.mark.parametrize(
        ("data", "msgid"),
        [
            (b"no pdf at all", "esign_error_not_pdf"),
            (simple_pdf(), "esign_error_no_signature"),
        ],
    )
    def test_error(self, trust, data, msgid):
        report = validate_pdf(data, trust)
        assert report.error.msgid == msgid
        assert report.signatures == ()
