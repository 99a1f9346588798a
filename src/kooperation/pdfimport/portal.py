"""The Plone side of the PDF import: a draft Agreement from a PDF, and confirming its rules.

The extraction (pure, sandboxed) gives text, sections and fields with evidence. Here it
becomes a draft Agreement in a network: title, kind, matched parties, legal bases, the
body text, the original PDF as a File inside it (indexed with the extracted text, so the
full-text search finds its words without converting the PDF again). The validity rules
are only stored as a proposal; they reach the deadline engine when a coordinator
confirms them (``confirm_rules``).
"""

from Acquisition import aq_base
from BTrees.OOBTree import OOBTree
from datetime import date
from kooperation import _
from kooperation.agreements.validity import IValidityRules
from kooperation.agreements.validity import RULE_FIELDS
from kooperation.agreements.validity import rules_from
from kooperation.deadlines import ANCHORS
from kooperation.deadlines import EFFECTIVE_RULES
from kooperation.deadlines import Period
from kooperation.deadlines import UNITS
from kooperation.deadlines import validate_rules
from kooperation.interfaces import IPartner
from kooperation.pdfimport import extract
from kooperation.pdfimport import ExtractionError
from kooperation.pdfimport import public
from persistent.mapping import PersistentMapping
from plone import api
from plone.app.textfield.value import RichTextValue
from plone.dexterity.utils import addContentToContainer
from plone.dexterity.utils import createContent
from plone.i18n.normalizer.interfaces import IIDNormalizer
from plone.indexer import indexer
from plone.namedfile.file import NamedBlobFile
from zope.annotation.interfaces import IAnnotations
from zope.component import queryUtility
from zope.i18nmessageid import Message
from zope.interface import alsoProvides
from zope.interface import Interface

import hashlib
import re


ANNOTATION = "kooperation.pdfimport"
AGREEMENT_KINDS = ("vereinbarung", "erklaerung", "rahmen", "ziel", "other")


class IImportedPDF(Interface):
    """Marks the original PDF of an imported agreement (its text is indexed as extracted)."""


# Messages of ExtractionError codes, in the catalog (the pure package keeps English ones).
ERROR_MESSAGES = {
    "not_pdf": _("error_pdfimport_not_pdf", default="The file is not a PDF."),
    "truncated": _(
        "error_pdfimport_truncated", default="The PDF is truncated (its end is missing)."
    ),
    "corrupt": _("error_pdfimport_corrupt", default="The PDF is damaged and cannot be read."),
    "encrypted": _(
        "error_pdfimport_encrypted",
        default="The PDF is encrypted; upload a copy without password protection.",
    ),
    "too_large": _(
        "error_pdfimport_too_large", default="The file is larger than the limit of ${limit} MB."
    ),
    "too_many_pages": _(
        "error_pdfimport_too_many_pages", default="The PDF has more than ${limit} pages."
    ),
    "timeout": _(
        "error_pdfimport_timeout",
        default="Reading the PDF took longer than the limit of ${limit} seconds.",
    ),
    "memory": _(
        "error_pdfimport_memory",
        default="Reading the PDF needed more memory than the limit of ${limit} MB.",
    ),
    "stream_too_large": _(
        "error_pdfimport_stream_too_large",
        default="The PDF contains a stream that inflates beyond ${limit} MB.",
    ),
    "no_text": _(
        "error_pdfimport_no_text",
        default="The PDF has no text layer and could not be read by OCR.",
    ),
    "failed": _("error_pdfimport_failed", default="Reading the PDF failed."),
}
NO_FILE_MESSAGE = _("error_pdfimport_no_file", default="Choose a PDF file to import.")

# HTTP status per error: the file is too large (413), or it is not a readable PDF (422).
STATUS = {"too_large": 413}


def error_message(error):
    """The catalog message of an ExtractionError."""
    message = ERROR_MESSAGES.get(error.code, ERROR_MESSAGES["failed"])
    return Message(message, mapping={k: str(v) for k, v in error.mapping.items()})


def error_status(error):
    return STATUS.get(error.code, 422)


# Parties ---------------------------------------------------------------------------------------

LEGAL_FORMS = re.compile(r"\b(?:ggmbh|gmbh|aör|aor|e\.?\s?v\.?|kdör|ag)\b", re.I)


def _tokens(text):
    text = LEGAL_FORMS.sub(" ", text.casefold())
    return {t for t in re.findall(r"[\wäöüß]+", text) if len(t) > 1 and t not in STOP}


STOP = {"der", "die", "das", "dem", "den", "des", "und", "für", "im", "in", "am", "von", "zu"}


def network_partners(network):
    """The partners in ``network``, in the order of their ids: from the catalog, so that
    the agreements beside them (hundreds in an archive) are not woken for each import."""
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(
        object_provides=IPartner.__identifier__,
        path={"query": "/".join(network.getPhysicalPath()), "depth": 1},
    )
    partners = (network._getOb(brain.getId, None) for brain in brains)
    return sorted(
        (obj for obj in partners if obj is not None and IPartner.providedBy(obj)),
        key=lambda obj: obj.getId(),
    )


def match_partner(name, partners):
    """The partner ``name`` refers to: same words, a short name in it, or all title words."""
    words = _tokens(name)
    if not words:
        return None
    best, best_score = None, 0.0
    for partner in partners:
        title = _tokens(partner.Title())
        short = (getattr(partner, "short_name", None) or "").casefold().strip()
        score = 0.0
        if title and title == words:
            score = 1.0
        elif short and short in words:
            score = 0.9
        elif title and (title <= words or words <= title) and len(min(title, words, key=len)) >= 2:
            score = 0.8
        elif title:
            score = len(title & words) / len(title | words)
            score = score if score >= 0.6 else 0.0
        if score > best_score:
            best, best_score = partner, score
    return best


def match_parties(names, partners):
    """(UIDs of the matched partners, names without a partner), in the text's order."""
    uids, unmatched = [], []
    for name in names or ():
        partner = match_partner(name, partners)
        if partner is None:
            unmatched.append(name)
        elif partner.UID() not in uids:
            uids.append(partner.UID())
    return uids, unmatched


# Import ----------------------------------------------------------------------------------------


def digest(data):
    return hashlib.sha256(data).hexdigest()


DIGESTS = "kooperation.pdfimport.digests"


def _scan(network):
    """{SHA-256: id} of the imported agreements in ``network``, read from the objects."""
    found = {}
    for obj_id, obj in network.objectItems():
        sha256 = getattr(aq_base(obj), "pdfimport_sha256", None)
        if sha256 and getattr(obj, "portal_type", None) == "Agreement":
            found.setdefault(sha256, obj_id)
    return found


def digest_index(network):
    """The network's index {SHA-256: id} of imported files (an OOBTree in an annotation).

    A lookup is one BTree access instead of waking every object in the network (a bulk
    import checked each file against all agreements: quadratic). Built from the objects
    the first time; ``import_pdf`` adds to it. An entry whose agreement was deleted or
    renamed is found stale by ``find_duplicate``, which then reads the objects again.
    """
    annotations = IAnnotations(network)
    index = annotations.get(DIGESTS)
    if index is None:
        index = annotations[DIGESTS] = OOBTree(_scan(network))
    return index


def known_digests(network):
    """The SHA-256 of every file imported into ``network``."""
    return set(digest_index(network).keys())


def _imported_from(obj, sha256):
    return (
        obj is not None
        and getattr(obj, "portal_type", None) == "Agreement"
        and getattr(aq_base(obj), "pdfimport_sha256", None) == sha256
    )


def find_duplicate(network, sha256):
    """The agreement in ``network`` imported from the same file, if any."""
    index = digest_index(network)
    obj_id = index.get(sha256)
    if obj_id is None:
        return None
    obj = network._getOb(obj_id, None)
    if _imported_from(obj, sha256):
        return obj
    # stale (deleted or renamed): read the objects, mend the index
    obj_id = _scan(network).get(sha256)
    if obj_id is None:
        del index[sha256]
        return None
    index[sha256] = obj_id
    return network._getOb(obj_id)


def _date(value):
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _free_id(container, title):
    """An id from the title, unique in ``container`` (no rename after creation: cheaper)."""
    base = queryUtility(IIDNormalizer).normalize(title, max_length=60) or "vereinbarung"
    candidate, number = base, 1
    while candidate in container.objectIds():
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def import_pdf(network, data, filename="agreement.pdf", limits=None, result=None, partners=None):
    """Create a draft Agreement from the PDF ``data`` in ``network``.

    Returns (agreement, extraction, created). A file imported before (same SHA-256)
    creates nothing and returns the earlier draft. Raises ExtractionError. ``result``:
    the extraction when it was run already (the bulk import extracts ahead).
    ``partners``: the network's partners when known (the bulk import reads them once: a
    catalog query per file would also index each draft at once instead of the batch's
    drafts together at the commit).
    """
    sha256 = digest(data)
    existing = find_duplicate(network, sha256)
    if existing is not None:
        return existing, proposal(existing)["extraction"], False
    if result is None:
        result = extract(data, limits)
    if partners is None:
        partners = network_partners(network)
    parties, unmatched = match_parties(result.get("parties"), partners)
    intended, unmatched_intended = match_parties(result.get("intended_parties"), partners)
    intended = [uid for uid in intended if uid not in parties]
    kind = result.get("kind") if result.get("kind") in AGREEMENT_KINDS else "other"
    title = result.get("title") or filename.rsplit(".", 1)[0]
    # Built outside the site and added once, with the original inside: one add event
    # (catalog, workflow, first version) for both, and no reindexing afterwards.
    agreement = createContent(
        "Agreement",
        title=title[:200],
        agreement_kind=kind,
        parties=parties,
        intended_parties=intended,
        legal_bases=list(result.get("legal_bases") or []),
        text=RichTextValue(result.get("html") or "", "text/html", "text/x-html-safe"),
        text_date=_date(result.get("date")),
    )
    agreement.id = _free_id(network, title)
    agreement.pdfimport_sha256 = sha256
    extraction = public(result)
    IAnnotations(agreement)[ANNOTATION] = PersistentMapping(
        {
            "extraction": extraction,
            "filename": filename,
            "sha256": sha256,
            "unmatched_parties": unmatched,
            "unmatched_intended_parties": unmatched_intended,
            "confirmed": False,
        }
    )
    original = createContent(
        "File",
        title=filename,
        file=NamedBlobFile(data=data, contentType="application/pdf", filename=filename),
    )
    original.id = "original.pdf"
    alsoProvides(original, IImportedPDF)
    original.pdfimport_text = result.get("text") or ""
    agreement._setObject("original.pdf", original, set_owner=0, suppress_events=True)
    agreement = addContentToContainer(network, agreement)
    digest_index(network)[sha256] = agreement.getId()
    return agreement, extraction, True


def proposal(agreement):
    """What the import stored on ``agreement`` (extraction, file, matches), or None."""
    return IAnnotations(agreement).get(ANNOTATION)


def is_pending(agreement):
    stored = proposal(agreement)
    return stored is not None and not stored["confirmed"]


# Rules -----------------------------------------------------------------------------------------


class RuleInputError(ValueError):
    """A rule value in the review form or request that is not of its shape."""

    def __init__(self, field, message):
        self.field = field
        super().__init__(message)


def proposed_rules(extraction):
    """The extraction's rule values as the review form starts with them (defaults where null)."""
    values = {name: extraction.get(name) for name in RULE_FIELDS}
    values["effective_rule"] = values["effective_rule"] or "on_signature"
    values["notice_anchor"] = values["notice_anchor"] or "end_of_term"
    for name in ("written_form_amendments", "written_form_termination"):
        if values[name] is None:
            values[name] = True
    return values


def parse_rules(values):
    """Rule values (JSON-like: ISO dates, {"value", "unit"}) as the behavior stores them."""
    parsed = {}
    if values.get("effective_rule") not in EFFECTIVE_RULES:
        raise RuleInputError("effective_rule", "effective_rule")
    parsed["effective_rule"] = values["effective_rule"]
    if values.get("notice_anchor") not in ANCHORS:
        raise RuleInputError("notice_anchor", "notice_anchor")
    parsed["notice_anchor"] = values["notice_anchor"]
    for name in ("effective_date", "end_date"):
        value = values.get(name)
        if value in (None, ""):
            parsed[name] = None
        else:
            day = _date(value) if isinstance(value, str) else None
            if day is None:
                raise RuleInputError(name, name)
            parsed[name] = day
    for name in ("initial_term", "renewal_term", "notice_period"):
        value = values.get(name)
        if value in (None, "", {}):
            parsed[name] = None
            continue
        if not isinstance(value, dict):
            raise RuleInputError(name, name)
        number, unit = value.get("value"), value.get("unit")
        if isinstance(number, str) and number.strip().isdigit():
            number = int(number)
        if number in (None, ""):
            parsed[name] = None
            continue
        if isinstance(number, bool) or not isinstance(number, int) or number < 1:
            raise RuleInputError(name, name)
        if unit not in UNITS:
            raise RuleInputError(name, name)
        parsed[name] = Period(number, unit)
    for name in ("written_form_amendments", "written_form_termination"):
        value = values.get(name)
        if value is not None and not isinstance(value, bool):
            raise RuleInputError(name, name)
        parsed[name] = bool(value)
    return parsed


def check_rules(parsed):
    """The engine's objections to ``parsed`` rules (RuleErrors); empty when they can apply."""

    class Data:
        pass

    data = Data()
    for name, value in parsed.items():
        setattr(data, name, value)
    return validate_rules(rules_from(data))


def confirm_rules(agreement, parsed):
    """Apply confirmed rules: from now on the deadline engine uses them."""
    rules = IValidityRules(agreement)
    for name in RULE_FIELDS:
        setattr(rules, name, parsed[name])
    stored = proposal(agreement)
    if stored is not None:
        stored["confirmed"] = True
        stored["confirmed_by"] = api.user.get_current().getId()
    agreement.reindexObject()


# Full-text index ------------------------------------------------------------------------------


@indexer(IImportedPDF)
def imported_pdf_searchable_text(obj):
    """Title, file name and the extracted text (OCR included): no second PDF conversion."""
    return " ".join(
        part
        for part in (obj.Title(), obj.Description(), getattr(obj, "pdfimport_text", ""))
        if part
    )


__all__ = ["ExtractionError", "import_pdf"]
