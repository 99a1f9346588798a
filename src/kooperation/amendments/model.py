"""Stored agreements and amendments as the pure data of ``texts``: Original, Amendment.

The agreement keeps its text and fields as they are in force today; once the first
amendment is applied, the original (as signed) is kept in an annotation so that the
text in force on any earlier day can still be computed.
"""

from Acquisition import aq_inner
from Acquisition import aq_parent
from datetime import date
from kooperation import _
from kooperation.agreements.signatures import last_signature_date
from kooperation.agreements.signatures import signatures
from kooperation.agreements.validity import IValidityRules
from kooperation.amendments import texts
from kooperation.common.errors import KooperationError
from kooperation.deadlines import in_force_since
from kooperation.deadlines import RuleHistory
from kooperation.deadlines import RuleVersion
from kooperation.interfaces import IAgreement
from plone import api
from zope.annotation.interfaces import IAnnotations

import logging


logger = logging.getLogger("kooperation.amendments")

ORIGINAL_KEY = "kooperation.amendments.original"
# Amendments that change (or have changed) the agreement.
EFFECTIVE_STATES = ("effective",)
OPEN_STATES = ("draft", "consultation", "for_signature")


def agreement_of(amendment):
    parent = aq_parent(aq_inner(amendment))
    return parent if IAgreement.providedBy(parent) else None


def amendments_of(agreement):
    """The amendments of ``agreement`` in their order in the folder."""
    return [obj for obj in agreement.objectValues() if obj.portal_type == "Amendment"]


def html_of(agreement):
    text = getattr(agreement, "text", None)
    return text.raw if text is not None else ""


def fields_of(agreement):
    """The structured fields of the agreement as stored now."""
    return texts.AgreementFields(
        parties=tuple(agreement.parties or ()),
        intended_parties=tuple(agreement.intended_parties or ()),
        rules=IValidityRules(agreement).rules,
        legal_bases=tuple(agreement.legal_bases or ()),
        target_groups=tuple(agreement.target_groups or ()),
    )


def original_of(agreement):
    """The agreement as signed (before any amendment was applied)."""
    stored = IAnnotations(agreement).get(ORIGINAL_KEY)
    if stored is not None:
        return texts.Original(
            html=stored["html"],
            fields=stored["fields"],
            in_force_since=stored["in_force_since"],
            text_date=stored["text_date"],
        )
    fields = fields_of(agreement)
    return texts.Original(
        html=html_of(agreement),
        fields=fields,
        in_force_since=in_force_since(fields.rules, last_signature_date(agreement)),
        text_date=agreement.text_date,
    )


def keep_original(agreement):
    """Store the original before the first amendment changes the agreement."""
    annotations = IAnnotations(agreement)
    if ORIGINAL_KEY in annotations:
        return
    original = original_of(agreement)
    annotations[ORIGINAL_KEY] = {
        "html": original.html,
        "fields": original.fields,
        "in_force_since": original.in_force_since,
        "text_date": original.text_date,
    }
    # The parties that concluded the agreement: their signatures put it in force.
    agreement.concluding_parties = tuple(original.fields.parties)


def _list(value):
    return tuple(value or ())


def amendment_data(obj, effective=None):
    """The pure Amendment of a stored one; ``effective`` overrides its day of effect."""
    signed = [record.date for record in signatures(obj).values()]
    effective = effective or obj.effective_on
    return texts.Amendment(
        id=obj.UID(),
        title=obj.Title(),
        effective=effective,
        dated=max(signed) if signed and effective else None,
        changes=tuple(obj.changes or ()),
        parties_joining=_list(obj.parties_joining),
        parties_leaving=_list(obj.parties_leaving),
        rules=dict(obj.rules or {}),
        legal_bases_added=_list(obj.legal_bases_added),
        legal_bases_removed=_list(obj.legal_bases_removed),
        target_groups_added=_list(obj.target_groups_added),
        target_groups_removed=_list(obj.target_groups_removed),
    )


def effective_amendments(agreement):
    """The amendments that every party signed, as pure data (applied or due later)."""
    return [
        amendment_data(obj)
        for obj in amendments_of(agreement)
        if api.content.get_state(obj) in EFFECTIVE_STATES and obj.effective_on is not None
    ]


def rule_history(agreement):
    """The agreement's rule versions for the deadline engine: the original rules, then
    each effective amendment's rule changes from the day it takes effect (issue 22).

    Read from the amendments' own fields (no text is consolidated), so that the
    indexers can ask for it cheaply. An amendment whose rules no longer fit the ones
    before it is left out (it could not have been signed that way).
    """
    original = original_of(agreement)
    rules = original.fields.rules
    versions = [RuleVersion(rules)]
    start = original.in_force_since
    changing = [
        obj
        for obj in amendments_of(agreement)
        if obj.rules
        and obj.effective_on is not None
        and (start is None or obj.effective_on >= start)
        and api.content.get_state(obj) in EFFECTIVE_STATES
    ]
    changing.sort(key=lambda obj: obj.effective_on)
    for obj in changing:
        try:
            rules = texts.rules_after(rules, dict(obj.rules))
        except texts.AmendmentError:
            logger.warning("rules of %s do not fit, left out", "/".join(obj.getPhysicalPath()))
            continue
        versions.append(RuleVersion(rules, obj.effective_on, obj.Title()))
    return RuleHistory(tuple(versions))


def version_on(agreement, day):
    """The consolidated Version in force on ``day``; AmendmentError before entry into force."""
    return texts.consolidate(original_of(agreement), effective_amendments(agreement), day)


def current_version(agreement):
    """The version in force today, or the latest one when it is not (yet) in force."""
    original = original_of(agreement)
    if original.in_force_since is None:
        return None
    all_versions = texts.versions(original, effective_amendments(agreement))
    today = date.today()
    current = all_versions[0]
    for version in all_versions:
        if version.valid_from <= today:
            current = version
    return current


def base_fields(amendment):
    """The fields of the version the amendment changes (latest known version)."""
    agreement = agreement_of(amendment)
    original = original_of(agreement)
    if original.in_force_since is None:
        return fields_of(agreement)
    others = [a for a in effective_amendments(agreement) if a.id != amendment.UID()]
    return texts.versions(original, others)[-1].fields


def base_version(amendment):
    """The Version the amendment changes, for its redline and document."""
    agreement = agreement_of(amendment)
    original = original_of(agreement)
    if original.in_force_since is None:
        return texts.Version(
            valid_from=date.today(),
            html=original.html,
            fields=original.fields,
            text_date=original.text_date,
        )
    data = amendment_data(amendment)
    return texts.base_version(original, effective_amendments(agreement), data)


def required_signers(amendment):
    """Every party of the version it changes and every party that joins by it."""
    agreement = agreement_of(amendment)
    if agreement is None:
        return ()
    return texts.signing_parties(base_fields(amendment), amendment_data(amendment))


def check_signing(amendment, day):
    """An amendment is signed only in 'for signature' and not after its fixed date."""
    if api.content.get_state(amendment) != "for_signature":
        raise KooperationError(
            "state",
            _(
                "error_amendment_not_for_signature",
                default="Only an amendment in the state 'For signature' can be signed.",
            ),
        )
    fixed = amendment.fixed_date if amendment.effective_rule == "fixed_date" else None
    if fixed is not None and isinstance(day, date) and day > fixed:
        raise KooperationError(
            "date",
            _(
                "error_effective_before_signature",
                default="The amendment is to take effect on ${effective}, before this "
                "signature of ${date}: an amendment takes effect only once every party "
                "has signed. Agree on a later date first.",
                mapping={"effective": fixed, "date": day},
            ),
        )
