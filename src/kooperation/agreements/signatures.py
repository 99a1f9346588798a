"""Signatures of the parties, kept on the signed object (agreement, later amendments).

One record per party. The record keeps name and function of the signatory as they
were when signing, so that the evidence survives a person leaving the partner.
"""

from Acquisition import aq_base
from datetime import date
from datetime import datetime
from kooperation import _
from kooperation.agreements.events import SignatureRecorded
from kooperation.common.errors import KooperationError
from kooperation.interfaces import IPartner
from kooperation.interfaces import IPerson
from persistent import Persistent
from persistent.mapping import PersistentMapping
from plone import api
from zope.annotation.interfaces import IAnnotations
from zope.event import notify


ANNOTATION_KEY = "kooperation.signatures"
# What a signature changes in the catalog (metadata is updated with them).
SIGNATURE_INDEXES = [
    "notice_deadline",
    "term_end",
    "next_deadline",
    "deadline_dates",
    "deadline_status",
    "modified",
]
MAX_EVIDENCE_BYTES = 25 * 1024 * 1024


class Signature(Persistent):
    """The signature of one party.

    ``form`` is "written" (signed by hand: recorded by the signatory, or on behalf with
    the scan of the original) or "electronic" (a qualified electronic signature in an
    uploaded PDF, § 126a BGB: ``kooperation.esign``), which then keeps the validation
    report (``validation``), the time of signing from its timestamp (``signed_at``) and
    the hash of the signed content (``content_hash``). Records made before kept none of
    these and read as written.
    """

    form = "written"
    validation = None
    signed_at = None
    content_hash = None

    def __init__(self, **values):
        self.party = values["party"]  # partner UID
        self.party_title = values["party_title"]
        self.signatory = values["signatory"]  # person UID
        self.signatory_name = values["signatory_name"]
        self.function = values.get("function") or ""
        self.place = values.get("place") or ""
        self.date = values["date"]
        self.evidence = values.get("evidence")  # NamedBlobFile or None
        self.qes_reference = values.get("qes_reference") or ""
        self.on_behalf = bool(values.get("on_behalf"))
        self.recorded_by = values["recorded_by"]
        self.recorded_at = values["recorded_at"]
        if values.get("form") == "electronic":
            self.form = "electronic"
            self.validation = values.get("validation")
            self.signed_at = values.get("signed_at")
            self.content_hash = values.get("content_hash")

    def as_json(self, base_url):
        evidence = None
        if self.evidence is not None:
            evidence = {
                "filename": self.evidence.filename,
                "content-type": self.evidence.contentType,
                "size": self.evidence.getSize(),
                "download": f"{base_url}/@@signature-evidence/{self.party}",
            }
        return {
            "party": self.party,
            "party_title": self.party_title,
            "signatory": self.signatory,
            "signatory_name": self.signatory_name,
            "function": self.function,
            "place": self.place,
            "date": self.date.isoformat(),
            "evidence": evidence,
            "qes_reference": self.qes_reference or None,
            "on_behalf": self.on_behalf,
            "recorded_by": self.recorded_by,
            "recorded_at": self.recorded_at.isoformat(timespec="seconds"),
            "form": self.form,
            "signed_at": self.signed_at.isoformat() if self.signed_at else None,
            "validation_report": self.validation_json(base_url),
        }

    def validation_json(self, base_url):
        """The electronic signature's validation report: summary and where to read it."""
        if not self.validation:
            return None
        upload = self.validation.get("upload")
        return {
            **dict(self.validation),
            "report": f"{base_url}/@@esignature-report?upload={upload}",
            "pdf": f"{base_url}/@@esignature-report-pdf?upload={upload}",
        }


def form_of(record, base_url):
    """The form of ``record`` for a page: {"form": "written"|"electronic", "report": url}."""
    if record is None:
        return {"form": None, "report": None}
    report = record.validation_json(base_url)
    return {"form": record.form, "report": report["report"] if report else None}


def signatures(obj):
    """The signature records of ``obj`` by party UID (read-only use)."""
    return IAnnotations(obj).get(ANNOTATION_KEY, {})


def _storage(obj):
    annotations = IAnnotations(obj)
    if ANNOTATION_KEY not in annotations:
        annotations[ANNOTATION_KEY] = PersistentMapping()
    return annotations[ANNOTATION_KEY]


def concluding_parties(obj):
    """The parties whose signatures conclude ``obj``: its parties, or for an agreement
    amended since, those that signed it (a party that joined signed the amendment)."""
    return getattr(aq_base(obj), "concluding_parties", None) or obj.parties or ()


def joined_by_amendment(agreement):
    """{party UID: (amendment, signature record)} for the parties that joined ``agreement``
    later: they signed the effective amendment that made them a party, not the agreement."""
    joined = {}
    for amendment in agreement.objectValues():
        if getattr(amendment, "portal_type", None) != "Amendment":
            continue
        if api.content.get_state(amendment, default=None) != "effective":
            continue
        records = signatures(amendment)
        for uid in getattr(amendment, "parties_joining", None) or ():
            if uid in records:
                joined[uid] = (amendment, records[uid])
    return joined


def missing_parties(obj):
    done = signatures(obj)
    return [uid for uid in concluding_parties(obj) if uid not in done]


def last_signature_date(obj):
    """The day the last party signed, or None while a party has not signed."""
    parties = concluding_parties(obj)
    done = signatures(obj)
    if not parties or any(uid not in done for uid in parties):
        return None
    return max(done[uid].date for uid in parties)


def _person(uid):
    person = api.content.get(UID=uid) if uid else None
    if person is None or not IPerson.providedBy(person):
        raise KooperationError(
            "signatory",
            _("error_signatory_unknown", default="No person with this id is known as a signatory."),
        )
    return person


def check_signature(obj, signatory_uid, day, user_id, may_record_on_behalf, today=None):
    """Validate a signature before it is recorded; return (person, partner, on_behalf).

    Raises KooperationError with the reason.
    """
    today = today or date.today()
    check_signing = getattr(aq_base(obj), "check_signing", None)  # amendments: their own rules
    if check_signing is not None:
        check_signing(obj, day)
    if api.content.get_state(obj) != "for_signature":
        raise KooperationError(
            "state",
            _(
                "error_not_for_signature",
                default="Only an agreement in the state 'For signature' can be signed.",
            ),
        )
    if not isinstance(day, date) or isinstance(day, datetime):
        raise KooperationError(
            "date", _("error_signature_date", default="The date of signing is missing.")
        )
    if day > today:
        raise KooperationError(
            "date",
            _(
                "error_signature_in_future",
                default="The date of signing (${date}) lies in the future.",
                mapping={"date": day},
            ),
        )
    text_date = getattr(obj, "text_date", None)
    if text_date and day < text_date:
        raise KooperationError(
            "date",
            _(
                "error_signature_before_text",
                default="The date of signing (${date}) lies before the version date "
                "of the text (${text_date}).",
                mapping={"date": day, "text_date": text_date},
            ),
        )
    person = _person(signatory_uid)
    partner = person.__parent__
    if not IPartner.providedBy(partner) or partner.UID() not in (obj.parties or ()):
        raise KooperationError(
            "signatory",
            _(
                "error_signatory_not_party",
                default="${name} does not sign for a party of this agreement.",
                mapping={"name": person.Title()},
            ),
        )
    if partner.UID() in signatures(obj):
        raise KooperationError(
            "signatory",
            _(
                "error_party_signed",
                default="${party} has already signed.",
                mapping={"party": partner.Title()},
            ),
        )
    if not person.may_sign_on(day):
        raise KooperationError(
            "signatory",
            _(
                "error_not_entitled",
                default="${name} is not entitled to sign for ${party} on ${date}.",
                mapping={"name": person.Title(), "party": partner.Title(), "date": day},
            ),
        )
    own = person.acts_as(user_id)  # the partner confirmed this login
    if not own and not may_record_on_behalf:
        raise KooperationError(
            "signatory",
            _("error_sign_for_yourself", default="You can only record your own signature."),
        )
    return person, partner, not own


def record_signature(obj, signatory_uid, day, user_id, may_record_on_behalf, **details):
    """Check and store the signature; return the record."""
    person, partner, on_behalf = check_signature(
        obj, signatory_uid, day, user_id, may_record_on_behalf
    )
    electronic = details.get("form") == "electronic"
    if electronic:
        on_behalf = False  # the qualified signature is the signatory's own act
    evidence = details.get("evidence")
    if on_behalf and evidence is None and not details.get("qes_reference"):
        raise KooperationError(
            "evidence",
            _(
                "error_on_behalf_needs_evidence",
                default="A signature recorded on behalf needs the signed original as evidence.",
            ),
        )
    if evidence is not None and evidence.getSize() > MAX_EVIDENCE_BYTES:
        raise KooperationError(
            "evidence",
            _(
                "error_evidence_too_large",
                default="The evidence file is larger than ${size} MB.",
                mapping={"size": MAX_EVIDENCE_BYTES // (1024 * 1024)},
            ),
        )
    record = Signature(
        party=partner.UID(),
        party_title=partner.Title(),
        signatory=person.UID(),
        signatory_name=person.Title(),
        function=details.get("function") or person.position,
        place=details.get("place"),
        date=day,
        evidence=evidence,
        qes_reference=details.get("qes_reference"),
        on_behalf=on_behalf,
        recorded_by=user_id,
        recorded_at=datetime.now(),
        form="electronic" if electronic else "written",
        validation=details.get("validation"),
        signed_at=details.get("signed_at"),
        content_hash=details.get("content_hash"),
    )
    _storage(obj)[partner.UID()] = record
    obj.reindexObject(idxs=SIGNATURE_INDEXES)
    notify(SignatureRecorded(obj, record))
    return record


def signatures_json(obj):
    """Per party: signed or not, by whom, when."""
    done = signatures(obj)
    joined = joined_by_amendment(obj)
    base = obj.absolute_url()
    items = []
    for uid in obj.parties or ():
        record = done.get(uid)
        if record is not None:
            items.append({"signed": True, **record.as_json(base)})
            continue
        if uid in joined:
            amendment, record = joined[uid]
            items.append(
                {
                    "signed": True,
                    **record.as_json(amendment.absolute_url()),
                    "joined_by": amendment.absolute_url(),
                }
            )
            continue
        partner = api.content.get(UID=uid)
        items.append(
            {
                "signed": False,
                "party": uid,
                "party_title": partner.Title() if partner is not None else None,
            }
        )
    return {"items": items, "missing": missing_parties(obj), "complete": not missing_parties(obj)}
