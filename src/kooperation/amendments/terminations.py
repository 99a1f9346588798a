"""Terminations (Kündigung) and mutual cancellations (Aufhebungsvertrag) of an agreement.

Kept on the agreement as records, one per notice or cancellation. A notice without
the written form the agreement demands (§ 59 (2) SGB X) is recorded but not
effective. An effective notice that ends the agreement for all moves it to
'terminated'; its last day comes from the deadline engine (``notice_effect``), judged
by the rules in force on the day the notice was received (``model.rule_history``). With
more than two parties a notice may instead end only the notifying party's
participation; the agreement continues between the others.

Before a notice or cancellation is recorded, ``notice_outcome`` / ``cancellation_outcome``
compute what recording it would do (the forms' preview); ``record_notice`` and
``record_cancellation`` store exactly that. A mistaken record can be withdrawn
(``withdraw``) while nobody relied on it: see ``withdrawal_refused`` for the rule.
"""

from datetime import date
from datetime import datetime
from kooperation import _
from kooperation.agreements.notice import INotices
from kooperation.agreements.notice import OPEN_STATES
from kooperation.agreements.signatures import last_signature_date
from kooperation.amendments.model import rule_history
from kooperation.audit import log_event
from kooperation.common.errors import KooperationError
from kooperation.common.errors import render
from kooperation.deadlines import notice_effect
from kooperation.interfaces import IAgreement
from persistent.list import PersistentList
from persistent.mapping import PersistentMapping
from plone import api
from zope.annotation.interfaces import IAnnotations
from zope.component import adapter
from zope.interface import implementer

import uuid


ANNOTATION_KEY = "kooperation.terminations"
ENDS_FOR = ("all", "others_continue")
SIGNATURE_INDEXES = ["notice_deadline", "term_end", "next_deadline", "deadline_dates"]


REASON_MAX = 2000


def records(agreement):
    """Notices and cancellations of ``agreement``, oldest first (read-only use).

    Withdrawn ones stay (with ``withdrawn``: by, at, reason) so that the history shows them.
    """
    return IAnnotations(agreement).get(ANNOTATION_KEY, ())


def active(agreement):
    """The records that were not withdrawn."""
    return [record for record in records(agreement) if not record.get("withdrawn")]


def find(agreement, record_id):
    """The record with ``record_id`` or None."""
    for record in records(agreement):
        if record["id"] == record_id:
            return record
    return None


def _storage(agreement):
    annotations = IAnnotations(agreement)
    if ANNOTATION_KEY not in annotations:
        annotations[ANNOTATION_KEY] = PersistentList()
    return annotations[ANNOTATION_KEY]


def ending(agreement):
    """(last day, "notice" | "cancellation") that ends the whole agreement, or None."""
    ends = [
        (record["end"], "cancellation" if record["kind"] == "cancellation" else "notice")
        for record in active(agreement)
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


def notice_outcome(agreement, party, received_on, written_form, ends_for="all"):
    """What recording this notice would store (nothing is stored): the form's preview.

    Raises KooperationError on the field at fault, as ``record_notice`` does.
    """
    _check_open(agreement)
    parties = list(agreement.parties or ())
    partner = api.content.get(UID=party) if isinstance(party, str) and party else None
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
    return {
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
    }


def record_notice(agreement, party, received_on, written_form, ends_for="all", evidence=None):
    """Record a party's notice; return the record (with its end and explanation)."""
    outcome = notice_outcome(agreement, party, received_on, written_form, ends_for)
    record = _store(agreement, {**outcome, "evidence": evidence})
    _after(agreement, record, "notice")
    return record


def cancellation_outcome(agreement, concluded_on, ends_on):
    """What recording this mutual cancellation would store (the form's preview)."""
    _check_open(agreement)
    _check_day(concluded_on, "concluded_on")
    if not isinstance(ends_on, date) or isinstance(ends_on, datetime):
        raise KooperationError(
            "ends_on",
            _(
                "error_date_missing",
                default="The date '${field}' is missing.",
                mapping={"field": "ends_on"},
            ),
        )
    if ends_on < concluded_on:
        raise KooperationError(
            "ends_on",
            _(
                "error_cancellation_before_conclusion",
                default="The agreement cannot end before the cancellation was concluded.",
            ),
        )
    return {
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
    }


def record_cancellation(agreement, concluded_on, ends_on, evidence=None):
    """A mutual cancellation (Aufhebungsvertrag) signed by all parties, ending on ``ends_on``."""
    outcome = cancellation_outcome(agreement, concluded_on, ends_on)
    record = _store(agreement, {**outcome, "evidence": evidence})
    _after(agreement, record, "cancellation")
    return record


def outcome_message(record):
    """The one-line verdict of a (previewed or stored) record as a catalog message.

    "fristgerecht — endet am 19.05.2016", "verspätet — endet frühestens am 19.05.2017",
    "nicht wirksam — die Schriftform fehlt", for a cancellation "endet am …".
    """
    end = record["end"]
    if record["kind"] == "cancellation":
        return _(
            "outcome_cancellation",
            default="mutual cancellation — ends on ${end}",
            mapping={"end": end},
        )
    if record["form_missing"]:
        return _(
            "outcome_form_missing",
            default="not effective — the written form is missing",
        )
    if end is None:
        return _("outcome_no_end", default="not effective — the agreement has no end to give")
    party_only = record["ends_for"] == "others_continue"
    if record["timely"]:
        if party_only:
            return _(
                "outcome_timely_party",
                default="on time — ends for ${party} on ${end}; the others continue",
                mapping={"end": end, "party": record["party_title"]},
            )
        return _("outcome_timely", default="on time — ends on ${end}", mapping={"end": end})
    if party_only:
        return _(
            "outcome_late_party",
            default="late — ends for ${party} on ${end} at the earliest; the others continue",
            mapping={"end": end, "party": record["party_title"]},
        )
    return _("outcome_late", default="late — ends on ${end} at the earliest", mapping={"end": end})


def outcome_text(record, request):
    """``outcome_message`` in the request's language, dates as 19.05.2016."""

    message = outcome_message(record)
    return render(message, message.default, message.mapping, request)


def withdrawal_refused(agreement, record, today=None):
    """Why ``record`` may not be withdrawn (a KooperationError on "state"), or None.

    The rule: a notice or cancellation may be withdrawn while nobody can have relied on
    it, that is while the agreement is still open (in force or under notice), before the
    day it ends for the party (its last day has not come; a record that ends nothing, e.g.
    one without the written form, any time), and as long as no later notice or
    cancellation was recorded (a later record was judged with this one in place).
    """
    today = today or date.today()
    if api.content.get_state(agreement) not in OPEN_STATES:
        return KooperationError(
            "state",
            _(
                "error_withdraw_not_open",
                default="The agreement has ended; its notices can no longer be withdrawn.",
            ),
        )
    if record.get("withdrawn"):
        return KooperationError(
            "state",
            _("error_withdraw_already", default="This notice has already been withdrawn."),
        )
    if record["end"] is not None and record["effective"] and today >= record["end"]:
        return KooperationError(
            "state",
            _(
                "error_withdraw_ended",
                default="The agreement ended on ${end} for this notice; it can no longer "
                "be withdrawn.",
                mapping={"end": record["end"]},
            ),
        )
    stored = list(records(agreement))
    position = next(i for i, other in enumerate(stored) if other["id"] == record["id"])
    later = [other for other in stored[position + 1 :] if not other.get("withdrawn")]
    if later:
        return KooperationError(
            "state",
            _(
                "error_withdraw_later_record",
                default="A later notice or cancellation (received on ${date}) relies on this "
                "one; withdraw that one first.",
                mapping={"date": later[-1]["received_on"]},
            ),
        )
    return None


def may_withdraw(agreement, record, today=None):
    return withdrawal_refused(agreement, record, today) is None


def withdraw(agreement, record_id, reason, today=None):
    """Withdraw a mistaken notice or cancellation; return the record.

    Checks, in this order: the record exists (KooperationError on "notice"), the rule of
    ``withdrawal_refused`` ("state", 409 in REST), the reason (required, 400). The
    agreement returns to its state and deadlines before the record; the audit trail
    names who withdrew it and why.
    """
    record = find(agreement, record_id) if isinstance(record_id, str) else None
    if record is None:
        raise KooperationError(
            "notice", _("error_notice_unknown", default="There is no such notice.")
        )
    refused = withdrawal_refused(agreement, record, today)
    if refused is not None:
        raise refused
    reason = reason.strip() if isinstance(reason, str) else ""
    if not reason:
        raise KooperationError(
            "reason",
            _("error_withdraw_reason", default="Please give the reason for the withdrawal."),
        )
    if len(reason) > REASON_MAX:
        raise KooperationError(
            "reason",
            _(
                "error_withdraw_reason_long",
                default="The reason is longer than ${max} characters.",
                mapping={"max": REASON_MAX},
            ),
        )
    record["withdrawn"] = PersistentMapping(
        {"by": api.user.get_current().getId(), "at": datetime.now(), "reason": reason}
    )
    agreement._v_kooperation_deadlines = None
    if api.content.get_state(agreement) == "terminated" and not any(
        other["kind"] == "notice" and other["effective"] and other["ends_for"] == "all"
        for other in active(agreement)
    ):
        with api.env.adopt_roles(["Manager"]):
            api.content.transition(obj=agreement, transition="withdraw_notice")
    agreement.reindexObject(idxs=[*SIGNATURE_INDEXES, "review_state", "deadline_status"])
    log_event(
        "notice_withdrawn",
        obj=agreement,
        notice=record["id"],
        kind=record["kind"],
        party=record.get("party"),
        party_title=record.get("party_title"),
        received_on=record["received_on"].isoformat(),
        end=record["end"].isoformat() if record["end"] else None,
        reason=reason,
    )
    return record


def record_json(agreement, record, request):
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
        "withdrawn": _withdrawn_json(record.get("withdrawn")),
    }


def _withdrawn_json(withdrawn):
    if not withdrawn:
        return None
    return {
        "by": withdrawn["by"],
        "at": withdrawn["at"].isoformat(timespec="seconds"),
        "reason": withdrawn["reason"],
    }


# Messages rendered from stored msgids, spelled out for the catalog.
MESSAGES = (
    _(
        "notice_form_missing",
        default="The agreement demands the written form for a notice: this notice is "
        "recorded but not effective.",
    ),
)


@implementer(INotices)
@adapter(IAgreement)
class Notices:
    """The notices of an agreement for the agreements' forms (``agreements/notice.py``)."""

    def __init__(self, agreement):
        self.agreement = agreement

    def records(self):
        return records(self.agreement)

    def outcome(self, kind, **data):
        if kind == "cancellation":
            return cancellation_outcome(self.agreement, data["concluded_on"], data["ends_on"])
        return notice_outcome(
            self.agreement,
            data["party"],
            data["received_on"],
            data["written_form"],
            data.get("ends_for", "all"),
        )

    def record(self, kind, evidence=None, **data):
        if kind == "cancellation":
            return record_cancellation(
                self.agreement, data["concluded_on"], data["ends_on"], evidence
            )
        return record_notice(
            self.agreement,
            data["party"],
            data["received_on"],
            data["written_form"],
            data.get("ends_for", "all"),
            evidence,
        )

    def verdict(self, record, request):
        return outcome_text(record, request)

    def explanation(self, record, request):
        return " ".join(
            render(msgid, default, mapping, request)
            for msgid, default, mapping in record["explanation"]
        )

    def refused(self, record):
        return withdrawal_refused(self.agreement, record)

    def withdraw(self, record_id, reason):
        return withdraw(self.agreement, record_id, reason)
