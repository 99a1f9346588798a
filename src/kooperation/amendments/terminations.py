"""Terminations (Kündigung) and mutual cancellations (Aufhebungsvertrag) of an agreement.

Kept on the agreement as records, one per notice or cancellation. A notice without
the written form the agreement demands (§ 59 (2) SGB X) is recorded but not
effective. An effective notice that ends the agreement for all moves it to
'terminated'; its last day comes from the deadline engine (``notice_effect``), judged
by the rules in force on the day the notice was received (``model.rule_history``). With
more than two parties a notice may instead end only the notifying party's
participation; the agreement continues between the others.
"""

from datetime import date
from datetime import datetime
from kooperation import _
from kooperation.agreements.signatures import last_signature_date
from kooperation.amendments.model import rule_history
from kooperation.audit import log_event
from kooperation.common.errors import KooperationError
from kooperation.deadlines import notice_effect
from persistent.list import PersistentList
from persistent.mapping import PersistentMapping
from plone import api
from zope.annotation.interfaces import IAnnotations

import uuid


ANNOTATION_KEY = "kooperation.terminations"
ENDS_FOR = ("all", "others_continue")
OPEN_STATES = ("in_force", "terminated")
SIGNATURE_INDEXES = ["notice_deadline", "term_end", "next_deadline", "deadline_dates"]


def records(agreement):
    """Notices and cancellations of ``agreement``, oldest first (read-only use)."""
    return IAnnotations(agreement).get(ANNOTATION_KEY, ())


def _storage(agreement):
    annotations = IAnnotations(agreement)
    if ANNOTATION_KEY not in annotations:
        annotations[ANNOTATION_KEY] = PersistentList()
    return annotations[ANNOTATION_KEY]


def ending(agreement):
    """(last day, "notice" | "cancellation") that ends the whole agreement, or None."""
    ends = [
        (record["end"], "cancellation" if record["kind"] == "cancellation" else "notice")
        for record in records(agreement)
        if record["effective"] and record["ends_for"] == "all" and record["end"] is not None
    ]
    return min(ends) if ends else None


def _check_open(agreement):
    if api.content.get_state(agreement) not in OPEN_STATES:
        raise KooperationError(
            "state",
            _(
                "error_not_in_force_for_notice",
                default="Only an agreement in force can be terminated or cancelled.",
            ),
        )


def _check_day(day, field):
    if not isinstance(day, date) or isinstance(day, datetime):
        raise KooperationError(
            field,
            _(
                "error_date_missing",
                default="The date '${field}' is missing.",
                mapping={"field": field},
            ),
        )
    if day > date.today():
        raise KooperationError(
            field,
            _(
                "error_date_in_future",
                default="The date ${date} lies in the future.",
                mapping={"date": day},
            ),
        )


def _store(agreement, record):
    record = PersistentMapping(
        {
            "id": uuid.uuid4().hex[:12],
            "recorded_by": api.user.get_current().getId(),
            "recorded_at": datetime.now(),
            **record,
        }
    )
    _storage(agreement).append(record)
    return record


def _after(agreement, record, action):
    """Workflow and indexes follow the record; the audit trail names it."""
    agreement._v_kooperation_deadlines = None
    if record["effective"] and record["ends_for"] == "all":
        with api.env.adopt_roles(["Manager"]):
            if api.content.get_state(agreement) == "in_force" and record["kind"] == "notice":
                api.content.transition(obj=agreement, transition="give_notice")
            view = agreement.restrictedTraverse("@@agreement-status")
            if view.has_ended():
                api.content.transition(obj=agreement, transition="expire")
    agreement.reindexObject(idxs=[*SIGNATURE_INDEXES, "review_state", "deadline_status"])
    log_event(
        action,
        obj=agreement,
        party=record.get("party"),
        party_title=record.get("party_title"),
        received_on=record["received_on"].isoformat(),
        end=record["end"].isoformat() if record["end"] else None,
        effective=record["effective"],
        ends_for=record["ends_for"],
    )


def record_notice(agreement, party, received_on, written_form, ends_for="all", evidence=None):
    """Record a party's notice; return the record (with its end and explanation)."""
    _check_open(agreement)
    parties = list(agreement.parties or ())
    partner = api.content.get(UID=party) if isinstance(party, str) else None
    if partner is None or party not in parties:
        raise KooperationError(
            "party",
            _("error_notice_not_party", default="Only a party of the agreement can give notice."),
        )
    _check_day(received_on, "received_on")
    if ends_for not in ENDS_FOR:
        raise KooperationError(
            "ends_for",
            _("error_ends_for", default="'ends_for' is 'all' or 'others_continue'."),
        )
    if ends_for == "others_continue" and len(parties) < 3:
        raise KooperationError(
            "ends_for",
            _(
                "error_others_cannot_continue",
                default="With two parties a notice ends the agreement for both.",
            ),
        )
    if not isinstance(written_form, bool):
        raise KooperationError(
            "written_form",
            _("error_written_form", default="Say whether the notice has the written form."),
        )
    history = rule_history(agreement)  # judged by the rules in force on the day of receipt
    effect = notice_effect(history, last_signature_date(agreement), received_on)
    form_missing = history.rules_on(received_on).written_form_termination and not written_form
    record = _store(
        agreement,
        {
            "kind": "notice",
            "party": party,
            "party_title": partner.Title(),
            "received_on": received_on,
            "written_form": written_form,
            "form_missing": form_missing,
            "effective": not form_missing and effect.end is not None,
            "ends_for": ends_for,
            "end": effect.end,
            "timely": effect.timely,
            "explanation": [(p.msgid, p.default, dict(p.mapping)) for p in effect.explanation],
            "evidence": evidence,
        },
    )
    _after(agreement, record, "notice")
    return record


def record_cancellation(agreement, concluded_on, ends_on, evidence=None):
    """A mutual cancellation (Aufhebungsvertrag) signed by all parties, ending on ``ends_on``."""
    _check_open(agreement)
    _check_day(concluded_on, "concluded_on")
    if not isinstance(ends_on, date) or ends_on < concluded_on:
        raise KooperationError(
            "ends_on",
            _(
                "error_cancellation_before_conclusion",
                default="The agreement cannot end before the cancellation was concluded.",
            ),
        )
    record = _store(
        agreement,
        {
            "kind": "cancellation",
            "party": None,
            "party_title": None,
            "received_on": concluded_on,
            "written_form": True,
            "form_missing": False,
            "effective": True,
            "ends_for": "all",
            "end": ends_on,
            "timely": True,
            "explanation": [],
            "evidence": evidence,
        },
    )
    _after(agreement, record, "cancellation")
    return record


def record_json(agreement, record, request):
    from kooperation.common.errors import render

    explanation = " ".join(
        render(msgid, default, mapping, request)
        for msgid, default, mapping in record["explanation"]
    )
    if record["form_missing"]:
        explanation = " ".join(
            part
            for part in (
                render(
                    "notice_form_missing",
                    "The agreement demands the written form for a notice: this notice is "
                    "recorded but not effective.",
                    {},
                    request,
                ),
                explanation,
            )
            if part
        )
    evidence = record.get("evidence")
    return {
        "id": record["id"],
        "kind": record["kind"],
        "party": record["party"],
        "party_title": record["party_title"],
        "received_on": record["received_on"].isoformat(),
        "written_form": record["written_form"],
        "effective": record["effective"],
        "ends_for": record["ends_for"],
        "end": record["end"].isoformat() if record["end"] else None,
        "timely": record["timely"],
        "explanation": explanation,
        "evidence": None
        if evidence is None
        else {
            "filename": evidence.filename,
            "content-type": evidence.contentType,
            "size": evidence.getSize(),
            "download": f"{agreement.absolute_url()}/@@notice-evidence/{record['id']}",
        },
        "recorded_by": record["recorded_by"],
        "recorded_at": record["recorded_at"].isoformat(timespec="seconds"),
    }


# Messages rendered from stored msgids, spelled out for the catalog.
MESSAGES = (
    _(
        "notice_form_missing",
        default="The agreement demands the written form for a notice: this notice is "
        "recorded but not effective.",
    ),
)
