"""A test PKI made with certomancer, and PDFs signed with pyHanko against it; offline.

Root CA → a qualified issuing CA (its certificates carry the QcStatements of ETSI EN
319 412-5: QcCompliance, QcSSCD, QcType esign) with an OCSP responder and a CRL, and a
non-qualified issuing CA (plain certificates) with a CRL; a timestamp authority under
the root. Validity windows are relative to now, so the signatures are of today.
Revocation data (CRLs, OCSP responses made by certomancer's responders) go into the
signed PDF's DSS, as a signing tool does when it makes a PAdES-B-LT signature.
"""

from asn1crypto import pem
from certomancer.registry import CertomancerConfig
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from dataclasses import dataclass
from datetime import datetime
from datetime import timedelta
from datetime import UTC
from io import BytesIO
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields
from pyhanko.sign import signers
from pyhanko.sign.ades import qualified_asn1
from pyhanko.sign.timestamps.api import TimeStamper
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.authority import AuthorityWithCert
from pyhanko_certvalidator.fetchers.common_utils import format_ocsp_request
from pyhanko_certvalidator.registry import SimpleCertificateStore


assert qualified_asn1  # asn1crypto learns the qc_statements extension

ARCH = "kooperation-test"


@dataclass(frozen=True)
class Signer:
    given_name: str
    surname: str
    organization: str
    qualified: bool = True
    expired: bool = False
    revoked: bool = False
    qscd: bool = True


def _when(moment):
    return moment.strftime("%Y-%m-%dT%H:%M:%S+0000")


def _validity(start, end):
    return {"valid-from": _when(start), "valid-to": _when(end)}


def _ku(*uses):
    return {
        "id": "key_usage",
        "critical": True,
        "smart-value": {"schema": "key-usage", "params": list(uses)},
    }


def _crl(*repos):
    return {
        "id": "crl_distribution_points",
        "smart-value": {"schema": "crl-dist-url", "params": {"crl-repo-names": list(repos)}},
    }


def _ca(path_len=None):
    value = {"ca": True}
    if path_len is not None:
        value["path-len-constraint"] = path_len
    return {"id": "basic_constraints", "critical": True, "value": value}


def _qc_statements(qscd=True):
    statements = [{"statement_id": "qc_compliance"}]
    if qscd:
        statements.append({"statement_id": "qc_sscd"})
    statements.append({"statement_id": "qc_type", "statement_info": ["qct_esign"]})
    return {"id": "qc_statements", "value": statements}


class CertomancerTimeStamper(TimeStamper):
    """pyHanko asks certomancer's timestamp authority (in process, at a fixed time)."""

    def __init__(self, authority):
        super().__init__()
        self.authority = authority

    async def async_request_tsa_response(self, req):
        return self.authority.request_tsa_response(req)


class SigningPKI:
    """The PKI; ``sign`` signs a PDF as one of the ``signers`` (labels)."""

    def __init__(self, directory, signers_by_label, now=None):
        self.now = now or datetime.now(UTC).replace(microsecond=0)
        self.signers = dict(signers_by_label)
        labels = ["root", "qca", "sca", "qca-ocsp", "tsa", *self.signers]
        keys = {}
        for label in labels:
            key = ec.generate_private_key(ec.SECP256R1())
            path = directory / f"{label}.key.pem"
            path.write_bytes(
                key.private_bytes(
                    serialization.Encoding.PEM,
                    serialization.PrivateFormat.PKCS8,
                    serialization.NoEncryption(),
                )
            )
            keys[label] = {"path": path.name}
        now = self.now
        years = timedelta(days=365)
        entities = {
            "root": {"common-name": "Kooperation Test Root CA"},
            "qca": {"common-name": "Kooperation Test Qualified CA"},
            "sca": {"common-name": "Kooperation Test Simple CA"},
            "qca-ocsp": {"common-name": "Kooperation Test OCSP"},
            "tsa": {"common-name": "Kooperation Test TSA"},
        }
        certs = {
            "root": {
                "subject": "root",
                "subject-key": "root",
                "issuer": "root",
                "authority-key": "root",
                "validity": _validity(now - 10 * years, now + 20 * years),
                "extensions": [_ca(), _ku("digital_signature", "key_cert_sign", "crl_sign")],
            },
            "qca": {
                "issuer": "root",
                "validity": _validity(now - 5 * years, now + 10 * years),
                "extensions": [
                    _ca(0),
                    _ku("digital_signature", "key_cert_sign", "crl_sign"),
                    _crl("root"),
                ],
            },
            "qca-ocsp": {
                "issuer": "qca",
                "validity": _validity(now - 5 * years, now + 10 * years),
                "extensions": [
                    _ku("digital_signature"),
                    {"id": "extended_key_usage", "critical": True, "value": ["ocsp_signing"]},
                    {"id": "ocsp_no_check"},
                ],
            },
            "tsa": {
                "issuer": "root",
                "validity": _validity(now - 5 * years, now + 10 * years),
                "extensions": [
                    _ku("digital_signature"),
                    {"id": "extended_key_usage", "critical": True, "value": ["time_stamping"]},
                    _crl("root"),
                ],
            },
        }
        certs["sca"] = {**certs["qca"]}
        for label, signer in self.signers.items():
            entities[label] = {
                "common-name": f"{signer.given_name} {signer.surname}",
                "given-name": signer.given_name,
                "surname": signer.surname,
                "country-name": "DE",
            }
            if signer.organization:
                entities[label]["organization-name"] = signer.organization
            if signer.expired:
                validity = _validity(now - 3 * years, now - timedelta(days=30))
            else:
                validity = _validity(now - years, now + 2 * years)
            issuer = "qca" if signer.qualified else "sca"
            extensions = [
                _ku("digital_signature", "non_repudiation"),
                _crl(issuer),
            ]
            if signer.qualified:
                extensions.append(
                    {
                        "id": "authority_information_access",
                        "smart-value": {
                            "schema": "aia-urls",
                            "params": {"ocsp-responder-names": ["qca"]},
                        },
                    }
                )
                extensions.append(_qc_statements(signer.qscd))
            cert = {"issuer": issuer, "validity": validity, "extensions": extensions}
            if signer.revoked:
                cert["revocation"] = {
                    "revoked-since": _when(now - timedelta(days=10)),
                    "reason": "key_compromise",
                }
            certs[label] = cert
        config = {
            "external-url-prefix": "http://pki.invalid",
            "keysets": {ARCH: {"path-prefix": str(directory), "keys": keys}},
            "pki-architectures": {
                ARCH: {
                    "keyset": ARCH,
                    "entity-defaults": {"country-name": "DE"},
                    "entities": entities,
                    "certs": certs,
                    "services": {
                        "ocsp": {
                            "qca": {
                                "for-issuer": "qca",
                                "responder-cert": "qca-ocsp",
                                "signing-key": "qca-ocsp",
                            }
                        },
                        "crl-repo": {
                            name: {
                                "for-issuer": name,
                                "signing-key": name,
                                "simulated-update-schedule": "P7D",
                            }
                            for name in ("root", "qca", "sca")
                        },
                        "time-stamping": {"tsa": {"signing-key": "tsa", "signing-cert": "tsa"}},
                    },
                }
            },
        }
        self.arch = CertomancerConfig(config, key_search_dir=str(directory)).get_pki_arch(ARCH)

    def cert(self, label):
        return self.arch.get_cert(label)

    def pem(self, *labels):
        return b"".join(pem.armor("CERTIFICATE", self.cert(label).dump()) for label in labels)

    def revinfo(self, label, at):
        """CRLs of the chain and an OCSP response for a qualified signer, made at ``at``."""
        services = self.arch.service_registry
        signer = self.signers[label]
        issuer = "qca" if signer.qualified else "sca"
        crls = [services.get_crl("root", at_time=at), services.get_crl(issuer, at_time=at)]
        ocsps = []
        if signer.qualified:
            request = format_ocsp_request(
                self.cert(label),
                AuthorityWithCert(self.cert("qca")),
                certid_hash_algo="sha256",
                request_nonces=False,
            )
            ocsps.append(services.summon_responder("qca", at_time=at).build_ocsp_response(request))
        return crls, ocsps

    def sign(self, pdf, label, when=None, field_name=None, revinfo=True, revinfo_at=None):
        """``pdf`` (bytes) signed by ``label`` at ``when`` (a timestamp), with revocation data."""
        when = when or self.now - timedelta(minutes=5)
        signer = self.signers[label]
        issuer = "qca" if signer.qualified else "sca"
        chain = [self.cert(issuer), self.cert("root")]
        cms_signer = signers.SimpleSigner(
            signing_cert=self.cert(label),
            signing_key=self.arch.key_set.get_private_key(label),
            cert_registry=SimpleCertificateStore.from_certs(chain),
        )
        stamper = CertomancerTimeStamper(self.arch.service_registry.summon_timestamper("tsa", when))
        meta = signers.PdfSignatureMetadata(
            field_name=field_name or f"Signature-{label}",
            subfilter=fields.SigSeedSubFilter.PADES,
            md_algorithm="sha256",
        )
        writer = IncrementalPdfFileWriter(BytesIO(pdf), strict=False)
        out = signers.sign_pdf(writer, meta, signer=cms_signer, timestamper=stamper)
        signed = out.getvalue()
        if not revinfo:
            return signed
        crls, ocsps = self.revinfo(label, revinfo_at or when + timedelta(minutes=1))
        from pyhanko.sign.validation.dss import DocumentSecurityStore

        buffer = BytesIO(signed)
        writer = IncrementalPdfFileWriter(buffer, strict=False)
        DocumentSecurityStore.supply_dss_in_writer(
            writer,
            sig_contents=None,
            certs=[*chain, self.cert("tsa"), self.cert("qca-ocsp")],
            ocsps=ocsps,
            crls=crls,
        )
        final = BytesIO()
        writer.write(final)
        return final.getvalue()

    def validation_context(self):
        return ValidationContext(trust_roots=[self.cert("root")], allow_fetching=False)


def simple_pdf(text="Vereinbarung über die Zusammenarbeit"):
    """A small PDF to sign (reportlab), deterministic."""
    from reportlab.pdfgen import canvas

    buffer = BytesIO()
    page = canvas.Canvas(buffer, invariant=1)
    page.drawString(72, 720, text)
    page.showPage()
    page.save()
    return buffer.getvalue()


def change_text(pdf, text="Geänderter Text"):
    """An incremental update that replaces the page's content: the text is changed."""
    from pyhanko.pdf_utils import generic

    writer = IncrementalPdfFileWriter(BytesIO(pdf), strict=False)
    page_ref = writer.root["/Pages"]["/Kids"][0]
    page = page_ref.get_object()
    stream = generic.StreamObject(
        stream_data=f"BT /F1 12 Tf 72 700 Td ({text}) Tj ET".encode("latin-1")
    )
    page["/Contents"] = writer.add_object(stream)
    writer.update_container(page)
    out = BytesIO()
    writer.write(out)
    return out.getvalue()
