"""The Zope side of the electronic form: an uploaded signed PDF becomes signatures.

``upload`` validates the PDF (``validation``), keeps it with its report beside the
agreement or amendment (annotation ``kooperation.esign.uploads``) and records, through
``kooperation.agreements.signatures.record_signature``, a signature of form "electronic"
for every signature that is valid and qualified, whose signer is entitled to sign for a
party on the day of signing and that is over the content the other electronic
signatures signed. Every other signature is shown in the report and not counted. The
last party's signature makes an amendment effective (its subscriber) and an agreement
ready to enter into force, as a written signature does.
"""

from datetime import datetime
from kooperation import _
from kooperation.agreements.signatures import concluding_parties
from kooperation.agreements.signatures import record_signature
from kooperation.agreements.signatures import signatures
from kooperation.audit import log_event
from kooperation.common.errors import KooperationError
from kooperation.common.phrases import interpolate
from kooperation.esign.form import Candidate
from kooperation.esign.form import ELECTRONIC
from kooperation.esign.form import match_signer
from kooperation.esign.form import PartySignature
from kooperation.esign.form import written_form
from kooperation.esign.messages import EsignPhrase
from kooperation.esign.settings import trust_settings
from kooperation.esign.validation import validate_pdf
from persistent.list import PersistentList
from persistent.mapping import PersistentMapping
from plone import api
from plone.namedfile.file import NamedBlobFile
from zope.annotation.interfaces import IAnnotations
from zope.globalrequest import getRequest
from zope.i18n import translate as zope_translate

import uuid


ANNOTATION_KEY = "kooperation.esign.uploads"
MAX_BYTES = 25 * 1024 * 1024


def message(phrase):
    """An ``EsignPhrase`` as a catalog message, its values as people read them."""
    mapping = {key: interpolate("${v}", {"v": value}) for key, value in phrase.mapping.items()}
    return _(phrase.msgid, default=phrase.default, mapping=mapping)


def translate(phrase, request=None):
    """An ``EsignPhrase`` in the language of the request."""
    return zope_translate(message(phrase), context=request if request is not None else getRequest())


def uploads(obj):
    """The uploads of ``obj``, oldest first (read-only use)."""
    return IAnnotations(obj).get(ANNOTATION_KEY, ())


def get_upload(obj, upload_id):
    for item in uploads(obj):
        if item["id"] == upload_id:
            return item
    return None


def _storage(obj):
    annotations = IAnnotations(obj)
    if ANNOTATION_KEY not in annotations:
        annotations[ANNOTATION_KEY] = PersistentList()
    return annotations[ANNOTATION_KEY]


def _candidates(obj, day):
    found = []
    for party_uid in obj.parties or ():
        partner = api.content.get(UID=party_uid)
        if partner is None:
            continue
        for person in partner.objectValues():
            if getattr(person, "portal_type", None) != "Person":
                continue
            found.append(
                Candidate(
                    uid=person.UID(),
                    name=person.Title(),
                    party=party_uid,
                    party_title=partner.Title(),
                    entitled=bool(day) and person.may_sign_on(day),
                )
            )
    return found


def party_signatures(obj):
    """The recorded signatures of ``obj`` as the form rule sees them."""
    result = []
    for party, record in signatures(obj).items():
        electronic = getattr(record, "form", "written") == ELECTRONIC
        validation = getattr(record, "validation", None) or {}
        result.append(
            PartySignature(
                party=party,
                form=ELECTRONIC if electronic else "written",
                qualified=bool(validation.get("qualified")) if electronic else False,
                content_hash=getattr(record, "content_hash", None),
                name=record.signatory_name,
                party_title=record.party_title,
            )
        )
    return result


def form_status(obj):
    """The written form of ``obj`` (``form.FormResult``)."""
    parties = tuple(concluding_parties(obj))
    titles = {}
    for uid in parties:
        partner = api.content.get(UID=uid)
        titles[uid] = partner.Title() if partner is not None else uid
    return written_form(parties, party_signatures(obj), titles)


def _summary(upload_id, report):
    return {
        "upload": upload_id,
        "level": report.level,
        "qualified": report.level == "qualified",
        "signer": report.signer.name,
        "organization": report.signer.organization or None,
        "certificate_serial": report.signer.serial,
        "certificate_issuer": report.signer.issuer,
        "signing_time": report.signing_time.isoformat() if report.signing_time else None,
        "time_source": report.time_source,
    }


def _electronic_hashes(obj):
    return {
        record.content_hash
        for record in signatures(obj).values()
        if getattr(record, "form", "written") == ELECTRONIC and record.content_hash
    }


def upload(obj, data, filename, user_id, request=None):
    """Validate ``data`` and record what counts; return the stored upload (a mapping)."""
    if len(data) > MAX_BYTES:
        raise KooperationError(
            "file",
            _(
                "error_evidence_too_large",
                default="The evidence file is larger than ${size} MB.",
                mapping={"size": MAX_BYTES // (1024 * 1024)},
            ),
        )
    report = validate_pdf(data, trust_settings())
    if report.error is not None:
        raise KooperationError("file", message(report.error))
    upload_id = uuid.uuid4().hex[:12]
    blob = NamedBlobFile(
        data=data, contentType="application/pdf", filename=filename or "signed.pdf"
    )
    outcomes = []
    for item in report.signatures:
        outcome = {"field": item.field_name, "counted": False, "party": None, "person": None}
        notes = []
        day = item.signing_day
        person, phrase = match_signer(
            item.signer.name, item.signer.organization, _candidates(obj, day), day
        )
        notes.append(phrase)
        if person is not None:
            outcome["party"], outcome["person"] = person.party, person.uid
        if not item.valid:
            notes.append(EsignPhrase("esign_not_counted_invalid"))
        elif item.level != "qualified":
            notes.append(
                EsignPhrase(
                    "esign_form_not_qualified",
                    {
                        "name": item.signer.name,
                        "party": person.party_title if person else item.signer.organization,
                    },
                )
            )
        elif person is not None:
            done = signatures(obj)
            hashes = _electronic_hashes(obj)
            if person.party in done:
                notes.append(EsignPhrase("esign_match_signed", {"party": person.party_title}))
            elif hashes and item.content_hash not in hashes:
                notes.append(
                    EsignPhrase("esign_form_content_differs", {"party": person.party_title})
                )
            else:
                try:
                    record_signature(
                        obj,
                        person.uid,
                        day,
                        user_id,
                        True,
                        evidence=blob,
                        form=ELECTRONIC,
                        validation=_summary(upload_id, item),
                        signed_at=item.signing_time,
                        content_hash=item.content_hash,
                        function=None,
                    )
                    outcome["counted"] = True
                except KooperationError as error:
                    outcome["error"] = error.message(request or getRequest())
        outcome["notes"] = [translate(note, request) for note in notes]
        outcomes.append(outcome)
    stored = PersistentMapping(
        id=upload_id,
        filename=blob.filename,
        file=blob,
        report=report.as_json(lambda phrase: translate(phrase, request)),
        outcomes=outcomes,
        uploaded_by=user_id,
        uploaded_at=datetime.now(),
    )
    _storage(obj).append(stored)
    log_event(
        "esignature_upload",
        obj=obj,
        upload=upload_id,
        filename=blob.filename,
        sha256=report.sha256,
        signatures=[
            {
                "signer": item.signer.name,
                "level": item.level,
                "signing_time": item.signing_time.isoformat() if item.signing_time else None,
                "counted": outcome["counted"],
            }
            for item, outcome in zip(report.signatures, outcomes, strict=True)
        ],
    )
    return stored


def upload_json(obj, item, request=None):
    base = obj.absolute_url()
    return {
        "id": item["id"],
        "filename": item["filename"],
        "uploaded_by": item["uploaded_by"],
        "uploaded_at": item["uploaded_at"].isoformat(timespec="seconds"),
        "counted": sum(1 for outcome in item["outcomes"] if outcome["counted"]),
        "outcomes": [dict(outcome) for outcome in item["outcomes"]],
        "report": dict(item["report"]),
        "report_page": f"{base}/@@esignature-report?upload={item['id']}",
        "report_pdf": f"{base}/@@esignature-report-pdf?upload={item['id']}",
        "download": f"{base}/@@esignature-file?upload={item['id']}",
    }


def status_json(obj, request=None):
    result = form_status(obj)
    return {
        "written_form_met": result.met,
        "messages": [translate(message, request) for message in result.messages],
        "missing": list(result.missing),
        "insufficient": list(result.insufficient),
    }


def may_upload(obj, has_right):
    """Whoever may sign the document or record signatures for it (for signature)."""
    return any(
        has_right(obj, permission, ("for_signature",))
        for permission in ("kooperation: Sign", "kooperation: Record signature on behalf")
    )
