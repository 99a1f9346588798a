"""Consent or objection of each party to an amendment in consultation ("im gegenseitigen
Einvernehmen"), kept on the amendment like the signatures: one record per party.

A consent is given to a wording. Each record keeps a fingerprint of what the amendment
says (``CONSENTED_FIELDS``); when a coordinator edits the amendment afterwards, by form
or REST, the records given to the earlier wording are discarded and the audit log says
so (``consents_voided``): the parties must decide on the new wording.
"""

from datetime import datetime
from kooperation import _
from kooperation.audit import log_event
from kooperation.common.errors import KooperationError
from kooperation.interfaces import IPerson
from persistent.mapping import PersistentMapping
from plone import api
from zope.annotation.interfaces import IAnnotations
from zope.globalrequest import getRequest

import hashlib
import json


ANNOTATION_KEY = "kooperation.consents"
DECISIONS = ("consent", "objection")
MAX_COMMENT_CHARS = 2000
# What a party consents to; the rationale, title and description may change freely.
CONSENTED_FIELDS = (
    "changes",
    "parties_joining",
    "parties_leaving",
    "rules",
    "legal_bases_added",
    "legal_bases_removed",
    "target_groups_added",
    "target_groups_removed",
    "effective_rule",
    "fixed_date",
)


def wording_fingerprint(obj):
    """A hash of what the amendment says (its ``CONSENTED_FIELDS``)."""
    data = {name: getattr(obj, name, None) for name in CONSENTED_FIELDS}
    text = json.dumps(data, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def void_outdated_consents(obj, event=None):
    """Subscriber (amendment modified): drop decisions given to an earlier wording."""
    records = IAnnotations(obj).get(ANNOTATION_KEY)
    if not records:
        return
    current = wording_fingerprint(obj)
    # records from before fingerprints (no "wording") cannot be judged and are kept
    outdated = [
        party for party, record in records.items() if record.get("wording") not in (None, current)
    ]
    if not outdated:
        return
    titles = [records[party].get("party_title", party) for party in outdated]
    for party in outdated:
        del records[party]
    log_event("consents_voided", obj=obj, parties=", ".join(titles), count=len(titles))
    request = getRequest()
    if request is not None:
        api.portal.show_message(
            _(
                "msg_consents_voided",
                default="The wording changed: the decisions of ${parties} were given to the "
                "earlier wording and are void. The parties decide again.",
                mapping={"parties": ", ".join(titles)},
            ),
            request=request,
            type="warning",
        )


def consents(obj):
    """The consent records of ``obj`` by party UID (read-only use)."""
    return IAnnotations(obj).get(ANNOTATION_KEY, {})


def record_json(record):
    """A consent record for REST: the fingerprint of the wording stays inside."""
    return {
        **{key: value for key, value in record.items() if key != "wording"},
        "recorded_at": record["recorded_at"].isoformat(timespec="seconds"),
    }


def consents_json(obj):
    done = consents(obj)
    items = []
    for uid in obj.parties:
        record = done.get(uid)
        if record is not None:
            items.append(record_json(record))
            continue
        partner = api.content.get(UID=uid)
        items.append(
            {
                "party": uid,
                "party_title": partner.Title() if partner is not None else None,
                "decision": None,
            }
        )
    return items


def own_parties(obj, user_id):
    """The parties of ``obj`` for which ``user_id`` is an entitled signatory."""
    result = []
    for uid in obj.parties if user_id else ():
        partner = api.content.get(UID=uid)
        persons = partner.objectValues() if partner is not None else ()
        if any(
            IPerson.providedBy(person) and person.acts_as(user_id) and person.grant().may_sign
            for person in persons
        ):
            result.append(uid)
    return result


def consent_parties(obj, user_id):
    """The parties for which ``user_id`` (the current user) may record a decision now:
    none outside consultation or without kooperation: Record consent, every party for a
    coordinator (Review portal content), else the parties the user signs for."""
    if api.content.get_state(obj) != "consultation" or not api.user.has_permission(
        "kooperation: Record consent", obj=obj
    ):
        return []
    if api.user.has_permission("Review portal content", obj=obj):
        return list(obj.parties)
    return own_parties(obj, user_id)


def missing_consents(obj):
    """The parties of ``obj`` that have neither consented nor objected."""
    done = consents(obj)
    return [uid for uid in obj.parties if uid not in done]


def record_consent(obj, party, decision, comment, user_id, for_any_party):
    """Store a party's consent or objection; ``for_any_party``: coordinators record for others."""
    if api.content.get_state(obj) != "consultation":
        raise KooperationError(
            "state",
            _(
                "error_not_in_consultation",
                default="Consent is recorded only while the amendment is in consultation.",
            ),
        )
    if decision not in DECISIONS:
        raise KooperationError(
            "decision",
            _("error_decision", default="The decision is 'consent' or 'objection'."),
        )
    if not isinstance(party, str) or party not in obj.parties:
        raise KooperationError(
            "party",
            _("error_consent_not_party", default="Only a party of the amendment can consent."),
        )
    if not for_any_party and party not in own_parties(obj, user_id):
        raise KooperationError(
            "party",
            _(
                "error_consent_own_party",
                default="You can record the consent only of a party you sign for.",
            ),
        )
    if comment is not None and (not isinstance(comment, str) or len(comment) > MAX_COMMENT_CHARS):
        raise KooperationError(
            "comment",
            _(
                "error_text_field",
                default="'${field}' must be a text of at most ${limit} characters.",
                mapping={"field": "comment", "limit": MAX_COMMENT_CHARS},
            ),
        )
    partner = api.content.get(UID=party)
    annotations = IAnnotations(obj)
    if ANNOTATION_KEY not in annotations:
        annotations[ANNOTATION_KEY] = PersistentMapping()
    record = PersistentMapping(
        {
            "party": party,
            "party_title": partner.Title() if partner is not None else party,
            "decision": decision,
            "comment": comment or "",
            "recorded_by": user_id,
            "recorded_at": datetime.now(),
            "wording": wording_fingerprint(obj),
        }
    )
    annotations[ANNOTATION_KEY][party] = record
    log_event(
        "amendment_" + decision,
        obj=obj,
        party=party,
        party_title=record["party_title"],
        comment=record["comment"][:500],
    )
    return record
