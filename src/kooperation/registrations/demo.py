"""Demo content of the events (site profiles): registrations and the partners' decisions,
which the generic loader cannot create as fields because they go through the rules."""

from datetime import datetime
from datetime import UTC
from kooperation.registrations import ledger
from kooperation.registrations.form import parse


def apply(event, spec):
    """``spec`` (``@path`` already resolved to UIDs): ``registrations`` (form bodies,
    registered in order without mails) and ``partner_decisions`` (list of
    ``{"partner": uid, "decision": "consent"|"withheld", "by": ..., "date": ...}``)."""
    decisions = {}
    for record in spec.get("partner_decisions", ()):
        record = dict(record)
        decisions[record.pop("partner")] = record
    if decisions:
        event.partner_decisions = decisions
    for n, body in enumerate(spec.get("registrations", ())):
        now = datetime(2026, 11, 2, 9, tzinfo=UTC).replace(minute=n)
        ledger.submit(event, parse(event, body), now=now)
