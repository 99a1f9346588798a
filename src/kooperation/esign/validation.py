"""Validate the PAdES signatures of a PDF, offline, with pyHanko (no Zope).

For each signature of the file: integrity (hash and signature value), what it covers
(the whole file, or later revisions that only add signatures, form fields and validation
data: pyHanko's difference analysis), the signing time (a timestamp's, else the time the
signer claims), the signer's certificate chain to a configured trust anchor and its
revocation status *at the signing time* (with the revocation data the document carries:
its DSS and the signatures' archived revocation info; nothing is fetched), and whether the
signature is qualified: a certificate that declares itself qualified for electronic
signatures with the key in a QSCD (ETSI EN 319 412-5 QcStatements), issued by a CA that
the site lists as a qualified trust service (or that an EU trusted list, loaded into a
``TSPRegistry``, names). The result is plain data (``DocumentReport``), read by the form
rule, the report page and the report PDF.
"""

from asn1crypto import pem
from asn1crypto import x509
from dataclasses import dataclass
from dataclasses import field
from datetime import datetime
from datetime import UTC
from io import BytesIO
from kooperation.esign.messages import EsignPhrase
from pyhanko.pdf_utils.misc import PdfReadError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.ades import qualified_asn1
from pyhanko.sign.general import find_cms_attribute_iter
from pyhanko.sign.general import NonexistentAttributeError
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.dss import DocumentSecurityStore
from pyhanko.sign.validation.dss import NoDSSFoundError
from pyhanko.sign.validation.generic_cms import extract_tst_data_iter
from pyhanko.sign.validation.qualified.assess import QualificationAssessor
from pyhanko.sign.validation.qualified.q_status import QcPrivateKeyManagementType
from pyhanko.sign.validation.qualified.tsp import BaseServiceInformation
from pyhanko.sign.validation.qualified.tsp import CA_QC_URI
from pyhanko.sign.validation.qualified.tsp import CAServiceInformation
from pyhanko.sign.validation.qualified.tsp import QcCertType
from pyhanko.sign.validation.qualified.tsp import TSPRegistry
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext
from zoneinfo import ZoneInfo

import hashlib
import logging
import re


logger = logging.getLogger("kooperation.esign")

assert qualified_asn1  # registers the QcStatements extension with asn1crypto

LOCAL_ZONE = ZoneInfo("Europe/Berlin")
# Later revisions that leave the signed content as it was (pyHanko's ModificationLevel).
PERMITTED_LATER = {"NONE", "LTA_UPDATES", "FORM_FILLING"}
EOF_MARKER = re.compile(rb"%%EOF[ \t]*(\r\n|\r|\n)?")


def load_certificates(data):
    """The certificates of a PEM bundle (any number of blocks) or of one DER file."""
    if isinstance(data, str):
        data = data.encode("ascii", "ignore")
    data = data or b""
    if pem.detect(data):
        return [
            x509.Certificate.load(der)
            for kind, _headers, der in pem.unarmor(data, multiple=True)
            if kind == "CERTIFICATE"
        ]
    return [x509.Certificate.load(data)] if data.strip() else []


def _common_name(name):
    """A Name as people read it: its common name, else the whole name."""
    return name.native.get("common_name") or name.human_friendly


def fingerprint(cert):
    return hashlib.sha256(cert.dump()).hexdigest()


@dataclass(frozen=True)
class TrustSettings:
    """What the site trusts: anchors for the chains, and the CAs it knows as qualified.

    ``qualified_cas`` plays the part of an EU trusted list's "CA/QC" services: a CA
    certificate listed there vouches for the QcStatements of the certificates it issues.
    ``registry`` may add a ``TSPRegistry`` built from a trusted list (``trusted_list``).
    """

    anchors: tuple = ()
    qualified_cas: tuple = ()
    registry: object = None

    @classmethod
    def from_pem(cls, anchors="", qualified_cas="", registry=None):
        return cls(
            anchors=tuple(load_certificates(anchors)),
            qualified_cas=tuple(load_certificates(qualified_cas)),
            registry=registry,
        )

    def tsp_registry(self):
        registry = self.registry or TSPRegistry()
        for cert in self.qualified_cas:
            base = BaseServiceInformation(
                service_type=CA_QC_URI,
                service_name=_common_name(cert.subject),
                valid_from=cert.not_valid_before,
                valid_until=None,
                provider_certs=(cert,),
                additional_info_certificate_type=frozenset(),
                other_additional_info=frozenset(),
            )
            registry.register_ca(
                CAServiceInformation(
                    base_info=base, qualifications=frozenset(), expired_certs_revocation_info=None
                )
            )
        return registry


def trusted_list(xml, signer_certs, registry=None):
    """A ``TSPRegistry`` from an ETSI TS 119 612 trusted list (e.g. the German one, saved
    beforehand), its XML signature checked against ``signer_certs``; and the errors."""
    from pyhanko.sign.validation.qualified.eutl_parse import trust_list_to_registry

    return trust_list_to_registry(xml, list(signer_certs), registry)


@dataclass(frozen=True)
class CertificateInfo:
    common_name: str
    given_name: str
    surname: str
    organization: str
    organizational_unit: str
    country: str
    serial_number: str  # the subject's serialNumber attribute (e.g. a personal id)
    issuer: str
    serial: str  # the certificate's serial number (hex)
    not_before: datetime
    not_after: datetime
    sha256: str

    @classmethod
    def of(cls, cert):
        subject = cert.subject.native

        def text(key):
            value = subject.get(key) or ""
            return ", ".join(value) if isinstance(value, list) else str(value)

        return cls(
            common_name=text("common_name"),
            given_name=text("given_name"),
            surname=text("surname"),
            organization=text("organization_name"),
            organizational_unit=text("organizational_unit_name"),
            country=text("country_name"),
            serial_number=text("serial_number"),
            issuer=_common_name(cert.issuer),
            serial=format(cert.serial_number, "x"),
            not_before=cert.not_valid_before,
            not_after=cert.not_valid_after,
            sha256=fingerprint(cert),
        )

    @property
    def name(self):
        if self.given_name or self.surname:
            return " ".join(part for part in (self.given_name, self.surname) if part)
        return self.common_name

    def as_json(self):
        return {
            "name": self.name,
            "common_name": self.common_name,
            "organization": self.organization or None,
            "organizational_unit": self.organizational_unit or None,
            "country": self.country or None,
            "issuer": self.issuer,
            "serial": self.serial,
            "not_before": self.not_before.isoformat(),
            "not_after": self.not_after.isoformat(),
            "sha256": self.sha256,
        }


@dataclass(frozen=True)
class Check:
    """One thing checked: ``ok`` True, False, or None (could not be checked)."""

    key: str
    ok: bool | None
    phrase: EsignPhrase

    def as_json(self, translate=str):
        return {"check": self.key, "ok": self.ok, "text": translate(self.phrase)}


@dataclass(frozen=True)
class SignatureReport:
    field_name: str
    signer: CertificateInfo
    signing_time: datetime | None
    time_source: str  # "timestamp" | "claimed" | "none"
    intact: bool
    coverage: str  # "entire_file" | "permitted_later" | "changed"
    chain_ok: bool
    revocation: str  # "good" | "revoked" | "unknown"
    qualified: bool
    content_hash: str  # sha256 of the document as it was before the first signature
    checks: tuple = ()
    tsa: str = ""

    @property
    def valid(self):
        """Integrity, content, chain and revocation hold at the signing time."""
        return (
            self.intact
            and self.coverage != "changed"
            and self.chain_ok
            and self.revocation == "good"
            and self.signing_time is not None
        )

    @property
    def level(self):
        if not self.valid:
            return "invalid"
        return "qualified" if self.qualified else "advanced"

    @property
    def verdict(self):
        return EsignPhrase(f"esign_verdict_{self.level}")

    @property
    def signing_day(self):
        """The calendar day of signing in Germany."""
        if self.signing_time is None:
            return None
        return self.signing_time.astimezone(LOCAL_ZONE).date()

    def as_json(self, translate=str):
        return {
            "field": self.field_name,
            "signer": self.signer.as_json(),
            "signing_time": self.signing_time.isoformat() if self.signing_time else None,
            "time_source": self.time_source,
            "timestamp_authority": self.tsa or None,
            "level": self.level,
            "verdict": translate(self.verdict),
            "qualified": self.qualified and self.valid,
            "intact": self.intact,
            "coverage": self.coverage,
            "chain_ok": self.chain_ok,
            "revocation": self.revocation,
            "content_hash": self.content_hash,
            "checks": [check.as_json(translate) for check in self.checks],
        }


@dataclass(frozen=True)
class DocumentReport:
    sha256: str
    size: int
    signatures: tuple = ()
    error: EsignPhrase | None = None
    not_checked: tuple = field(default_factory=tuple)
    validated_at: datetime | None = None

    def as_json(self, translate=str):
        return {
            "sha256": self.sha256,
            "size": self.size,
            "error": translate(self.error) if self.error else None,
            "signatures": [report.as_json(translate) for report in self.signatures],
            "not_checked": [translate(phrase) for phrase in self.not_checked],
            "validated_at": self.validated_at.isoformat() if self.validated_at else None,
        }


def _revision_ends(data):
    return [match.end() for match in EOF_MARKER.finditer(data)]


def _timestamp_time(sig):
    for tst in extract_tst_data_iter(sig.signer_info, signed=False):
        info = tst["encap_content_info"]["content"].parsed
        return info["gen_time"].native
    return None


def _archived_revinfo(sig):
    crls, ocsps = [], []
    try:
        for archive in find_cms_attribute_iter(
            sig.signer_info["signed_attrs"], "adobe_revocation_info_archival"
        ):
            crls.extend(archive["crl"] or ())
            ocsps.extend(archive["ocsp"] or ())
    except (NonexistentAttributeError, KeyError, ValueError):
        pass
    return crls, ocsps


def _contexts(reader, sig, settings, moment, revocation_mode="hard-fail"):
    certs, crls, ocsps = [], [], []
    try:
        dss = DocumentSecurityStore.read_dss(reader)
    except NoDSSFoundError:
        dss = None
    if dss is not None:
        certs.extend(dss.load_certs())
        for ref in dss.crls:
            crls.append(ref.get_object().data)
        for ref in dss.ocsps:
            ocsps.append(ref.get_object().data)
    archived_crls, archived_ocsps = _archived_revinfo(sig)
    crls.extend(archived_crls)
    ocsps.extend(archived_ocsps)
    common = {
        "trust_roots": list(settings.anchors),
        "other_certs": certs,
        "crls": crls,
        "ocsps": ocsps,
        "allow_fetching": False,
        "retroactive_revinfo": True,
    }
    signer = ValidationContext(moment=moment, revocation_mode=revocation_mode, **common)
    stamps = ValidationContext(revocation_mode="soft-fail", **common)
    return signer, stamps


def _coverage(status):
    if status.coverage == SignatureCoverageLevel.ENTIRE_FILE:
        return "entire_file", None
    level = status.modification_level
    if status.coverage == SignatureCoverageLevel.ENTIRE_REVISION and (
        level is not None and level.name in PERMITTED_LATER
    ):
        return "permitted_later", level.name
    return "changed", level.name if level is not None else None


def _qualification(settings, status, moment):
    """(qualified, phrase)."""
    path = status.validation_path
    if path is None:
        return False, None
    result = QualificationAssessor(settings.tsp_registry()).check_entity_cert_qualified(
        path, moment
    )
    statements = {
        item["statement_id"].native for item in qualified_asn1.get_qc_statements(path.leaf)
    }
    if "qc_compliance" not in statements:
        return False, EsignPhrase("esign_check_not_qualified_statements")
    if result.service_definition is None or not result.status.qualified:
        return False, EsignPhrase("esign_check_not_qualified_service")
    if result.status.qc_type != QcCertType.QC_ESIGN:
        return False, EsignPhrase("esign_check_not_esign", {"type": result.status.qc_type.value})
    if result.status.qc_key_security == QcPrivateKeyManagementType.UNKNOWN:
        return False, EsignPhrase("esign_check_qualified_no_qscd")
    service = result.service_definition.base_info.service_name
    return True, EsignPhrase("esign_check_qualified", {"service": service})


def _chain_problem(status):
    indication = status.trust_problem_indic
    name = getattr(indication, "name", "") or ""
    return name


def _validate_one(reader, sig, settings, content_hash, now):
    checks = []
    stamped = _timestamp_time(sig)
    claimed = sig.self_reported_timestamp
    moment = stamped or claimed or now
    signer_context, stamp_context = _contexts(reader, sig, settings, moment)
    status = validate_pdf_signature(
        sig, signer_validation_context=signer_context, ts_validation_context=stamp_context
    )
    signer = CertificateInfo.of(status.signing_cert)
    intact = bool(status.intact and status.valid)
    checks.append(
        Check(
            "integrity",
            intact,
            EsignPhrase("esign_check_integrity" if intact else "esign_check_integrity_failed"),
        )
    )
    coverage, _level = _coverage(status)
    if coverage == "entire_file":
        checks.append(Check("coverage", True, EsignPhrase("esign_check_coverage_file")))
    elif coverage == "permitted_later":
        checks.append(Check("coverage", True, EsignPhrase("esign_check_coverage_later")))
    else:
        checks.append(Check("coverage", False, EsignPhrase("esign_check_coverage_changed")))
    tsa = ""
    signing_time = None
    time_source = "none"
    if stamped is not None:
        stamp = status.timestamp_validity
        if stamp is not None and stamp.intact and stamp.valid and stamp.trusted:
            signing_time, time_source = stamped, "timestamp"
            tsa = CertificateInfo.of(stamp.signing_cert).name
            local = stamped.astimezone(LOCAL_ZONE)
            checks.append(
                Check(
                    "time",
                    True,
                    EsignPhrase("esign_check_time_timestamp", {"time": local, "tsa": tsa}),
                )
            )
        else:
            checks.append(Check("time", False, EsignPhrase("esign_check_timestamp_invalid")))
    elif claimed is not None:
        signing_time, time_source = claimed, "claimed"
        local = claimed.astimezone(LOCAL_ZONE)
        checks.append(Check("time", None, EsignPhrase("esign_check_time_claimed", {"time": local})))
    else:
        checks.append(Check("time", False, EsignPhrase("esign_check_time_missing")))
    revocation = "unknown"
    chain_ok = False
    problem = _chain_problem(status)
    if status.revoked:
        details = status.revocation_details
        revocation = "revoked"
        checks.append(
            Check(
                "revocation",
                False,
                EsignPhrase(
                    "esign_check_revoked",
                    {
                        "date": details.revocation_date.astimezone(LOCAL_ZONE),
                        "reason": details.revocation_reason.human_friendly,
                    },
                ),
            )
        )
    elif status.trusted:
        chain_ok, revocation = True, "good"
        anchor = status.validation_path.trust_anchor if status.validation_path else None
        anchor_name = getattr(getattr(anchor, "authority", None), "name", None)
        anchor_name = _common_name(anchor_name) if anchor_name is not None else ""
        checks.append(
            Check("chain", True, EsignPhrase("esign_check_chain", {"anchor": anchor_name}))
        )
        checks.append(Check("revocation", True, EsignPhrase("esign_check_revocation")))
    elif problem in ("TRY_LATER", "REVOCATION_OUT_OF_BOUNDS_NO_POE") or _holds_without_revocation(
        reader, sig, settings, moment
    ):
        chain_ok = True  # the chain itself holds; its revocation status is unknown
        checks.append(Check("revocation", None, EsignPhrase("esign_check_revocation_unknown")))
    else:
        reason = _chain_reason(problem, signer, moment)
        checks.append(
            Check("chain", False, EsignPhrase("esign_check_chain_failed", {"reason": reason}))
        )
    qualified, phrase = _qualification(settings, status, moment)
    if phrase is not None:
        checks.append(Check("qualified", qualified, phrase))
    return SignatureReport(
        field_name=sig.field_name,
        signer=signer,
        signing_time=signing_time,
        time_source=time_source,
        intact=intact,
        coverage=coverage,
        chain_ok=chain_ok,
        revocation=revocation,
        qualified=qualified,
        content_hash=content_hash,
        checks=tuple(checks),
        tsa=tsa,
    )


def _holds_without_revocation(reader, sig, settings, moment):
    """Does the chain hold when revocation is not asked (then only that is unknown)?"""
    signer_context, stamp_context = _contexts(reader, sig, settings, moment, "soft-fail")
    status = validate_pdf_signature(
        sig, signer_validation_context=signer_context, ts_validation_context=stamp_context
    )
    return bool(status.trusted) and not status.revoked


def _chain_reason(problem, signer, moment):
    if moment is not None and (moment < signer.not_before or moment > signer.not_after):
        return (
            f"certificate valid {signer.not_before:%d.%m.%Y} – {signer.not_after:%d.%m.%Y}, "
            f"signed {moment.astimezone(LOCAL_ZONE):%d.%m.%Y}"
        )
    if problem == "NO_CERTIFICATE_CHAIN_FOUND":
        return "no chain to a configured trust anchor"
    return problem.replace("_", " ").lower() or "unknown"


def validate_pdf(data, settings, now=None):
    """The ``DocumentReport`` of the PDF bytes ``data`` under ``settings``."""
    now = now or datetime.now(UTC)
    digest = hashlib.sha256(data).hexdigest()
    not_checked = (
        (EsignPhrase("esign_not_checked_trusted_list"),) if settings.registry is None else ()
    )

    def failed(msgid):
        return DocumentReport(digest, len(data), error=EsignPhrase(msgid), validated_at=now)

    try:
        reader = PdfFileReader(BytesIO(data), strict=False)
        if reader.encrypted:
            return failed("esign_error_encrypted")
        signatures = list(reader.embedded_regular_signatures)
    except (PdfReadError, ValueError, KeyError, TypeError, IndexError):
        logger.info("not a readable PDF", exc_info=True)
        return failed("esign_error_not_pdf")
    if not signatures:
        return failed("esign_error_no_signature")
    signatures.sort(key=lambda sig: sig.signed_revision)
    ends = _revision_ends(data)
    base = signatures[0].signed_revision - 1
    if len(ends) == reader.xrefs.total_revisions and base >= 0:
        content_hash = hashlib.sha256(data[: ends[base]]).hexdigest()
    else:  # linearised or unusual files: the bytes signed by the first signature
        first = signatures[0].byte_range
        content_hash = hashlib.sha256(data[: first[0] + first[1]]).hexdigest()
    reports = tuple(_validate_one(reader, sig, settings, content_hash, now) for sig in signatures)
    return DocumentReport(digest, len(data), reports, not_checked=not_checked, validated_at=now)
