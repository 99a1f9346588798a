"""The sentences of the electronic-form core (catalog id, English default); see ``Phrase``."""

from dataclasses import dataclass
from kooperation.common.phrases import Phrase
from typing import ClassVar


MESSAGES = {
    # what was checked, one line each in the report
    "esign_check_integrity": "The signed bytes are unchanged (hash and signature value).",
    "esign_check_integrity_failed": "The signature value does not match the signed bytes.",
    "esign_check_coverage_file": "The signature covers the whole document.",
    "esign_check_coverage_later": "Later additions are only signatures, form fields or "
    "validation data; the signed content is unchanged.",
    "esign_check_coverage_changed": "The document was changed after this signature: "
    "the content signed here is not the content of the file.",
    "esign_check_time_timestamp": "Signing time ${time} from a timestamp of ${tsa}.",
    "esign_check_time_claimed": "Signing time ${time} as claimed by the signer (no timestamp: "
    "not proven).",
    "esign_check_time_missing": "The signature names no signing time.",
    "esign_check_timestamp_invalid": "The timestamp is not valid or its authority is not trusted.",
    "esign_check_chain": "Certificate chain to the trust anchor ${anchor}, valid at the "
    "signing time.",
    "esign_check_chain_failed": "The certificate chain is not valid at the signing time: ${reason}",
    "esign_check_revocation": "Not revoked at the signing time (revocation data in the document).",
    "esign_check_revoked": "The certificate was revoked on ${date} (${reason}), before the "
    "signature.",
    "esign_check_revocation_unknown": "Revocation status at the signing time could not be "
    "determined offline: the document carries no revocation data for this certificate.",
    "esign_check_qualified": "Qualified electronic signature: qualified certificate "
    "(QcCompliance, for electronic signatures) of a qualified trust service (${service}), "
    "key in a qualified signature creation device (QcSSCD).",
    "esign_check_qualified_no_qscd": "Qualified certificate, but the key is not declared to "
    "lie in a qualified signature creation device: an advanced signature, not a qualified one.",
    "esign_check_not_qualified_statements": "The certificate does not declare itself "
    "qualified (no QcCompliance statement): an advanced or simple signature.",
    "esign_check_not_qualified_service": "The issuing authority is not listed as a "
    "qualified trust service in the configured trust anchors.",
    "esign_check_not_esign": "The qualified certificate is not for electronic signatures "
    "(${type}), e.g. a seal of an organisation.",
    "esign_not_checked_trusted_list": "The EU trusted lists were not consulted (offline); "
    "qualified status according to the trust anchors configured for this site.",
    # verdicts
    "esign_verdict_qualified": "Qualified electronic signature",
    "esign_verdict_advanced": "Valid signature, but not a qualified electronic signature",
    "esign_verdict_invalid": "Invalid signature",
    "esign_error_not_pdf": "The file is not a readable PDF document.",
    "esign_error_no_signature": "The PDF carries no electronic signature.",
    "esign_error_encrypted": "The PDF is encrypted; upload it without a password.",
    # the form rule and the matching of signers (form.py)
    "esign_form_met": "The written form is met: every party has signed, by hand or with a "
    "qualified electronic signature over identical content.",
    "esign_form_missing": "The written form is not met yet: ${parties} has not signed.",
    "esign_form_not_qualified": "The written form is not met: the electronic signature of "
    "${name} for ${party} is not a qualified electronic signature (§ 126a BGB). "
    "Sign again with a qualified electronic signature, or by hand on paper.",
    "esign_form_content_differs": "The written form is not met: the electronic signatures "
    "are not over identical content (§ 126a (2) BGB); ${party} signed another version "
    "of the document.",
    "esign_match_none": "${name} (certificate) is not entitled to sign for any party of "
    "this document on ${date}: not counted.",
    "esign_match_party": "${name} signs for ${party}.",
    "esign_match_signed": "${party} has already signed: this signature is not counted again.",
    "esign_not_counted_invalid": "Not counted: the signature is not valid.",
}


@dataclass(frozen=True)
class EsignPhrase(Phrase):
    MESSAGES: ClassVar[dict] = MESSAGES
