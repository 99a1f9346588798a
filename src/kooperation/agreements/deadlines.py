"""The deadline engine applied to a stored agreement."""

from datetime import date
from kooperation.agreements.signatures import last_signature_date
from kooperation.agreements.validity import IValidityRules
from kooperation.common.errors import render
from kooperation.deadlines import compute
from kooperation.interfaces import IAgreementHistory

import datetime


DEADLINE_KEYS = (
    "in_force_since",
    "current_term_start",
    "current_term_end",
    "next_renewal",
    "notice_deadline",
    "earliest_end",
    "earliest_end_notice_deadline",
)


def agreement_rules(agreement):
    """The rules as stored today (the latest applied version)."""
    return IValidityRules(agreement).rules


def rule_history(agreement):
    """The original rules and each effective amendment's, with the day it takes effect.

    The one source of rules for deadlines, notices, indexers, dashboard, reminders
    and iCal: the engine picks the rules in force on each day from it.
    """
    return IAgreementHistory(agreement).rule_history()


def rules_on(agreement, day=None):
    """The rules in force on ``day`` (default today)."""
    return rule_history(agreement).rules_on(day or date.today())


def deadlines_for(agreement, day=None):
    """The engine's result for ``agreement`` on ``day`` (default today).

    Memoised on the object for the same inputs (rule history, last signature, day),
    so that the indexers of one reindex compute it once.
    """
    end = IAgreementHistory(agreement).ending() or (
        None,
        "notice",
    )  # an effective notice or cancellation
    key = (rule_history(agreement), last_signature_date(agreement), day or date.today(), *end)
    cached = getattr(agreement, "_v_kooperation_deadlines", None)
    if cached is not None and cached[0] == key:
        return cached[1]
    result = compute(*key)
    agreement._v_kooperation_deadlines = (key, result)
    return result


def explanation(deadlines, request):
    return " ".join(render(p.msgid, p.default, p.mapping, request) for p in deadlines.explanation)


def deadlines_json(agreement, request, day=None):
    """The @deadlines answer: ISO dates, null where a date does not exist."""
    result = deadlines_for(agreement, day)
    data = {"date": result.day.isoformat(), "status": result.status}
    for key in (*DEADLINE_KEYS, "final_end"):
        value = getattr(result, key)
        data[key] = value.isoformat() if isinstance(value, datetime.date) else None
    data["explanation"] = explanation(result, request)
    return data
