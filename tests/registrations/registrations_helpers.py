"""Helpers of the event tests (importable as ``registrations_helpers`` from this folder)."""

from datetime import datetime
from datetime import timedelta
from plone import api

import pytz


# Aware, as plone.app.event stores them (pytz, the portal's time zone).
START = pytz.timezone("Europe/Berlin").localize(datetime(2026, 12, 10, 9, 0))


def make_event(net, portal_type="Workshop", id="workshop", **settings):
    """An event open for registration (dates in the portal's time zone, Europe/Berlin)."""
    values = {
        "title": "Jahresfortbildung 2026",
        "start": START,
        "end": START + timedelta(hours=7),
        "capacity": 3,
        "waiting_list": 2,
        "retention_days": 30,
    }
    values.update(settings)
    with api.env.adopt_roles(["Manager"]):
        event = api.content.create(container=net, type=portal_type, id=id, **values)
        if portal_type == "Workshop":
            api.content.transition(obj=event, transition="open_registration")
    return event


def body(n, **extra):
    data = {
        "fullname": f"Person {n}",
        "email": f"person{n}@example.org",
        "consent": True,
    }
    data.update(extra)
    return data


def assert_claims_match(event):
    """The seat ledger's claims are what the registration objects say."""
    from kooperation.registrations import ledger
    from kooperation.registrations import rules

    regs = ledger.current(event)
    book = ledger.ledger(event)
    holders = sorted(r.id for r in regs if r.state in rules.SEAT_STATES)
    assert sorted(v for v in book.seats.values() if v) == holders
    assert all(0 <= k < max(event.capacity, len(holders)) for k, v in book.seats.items() if v)
    assert list(book.waiting) == [r.id for r in rules.waiting(regs)]
    assert [r.position for r in rules.waiting(regs)] == list(range(1, len(book.waiting) + 1))
    registered = {r.key: r.id for r in regs if r.state != "cancelled" and not r.purged and r.email}
    assert dict(book.emails.items()) == registered
    quotas = ledger.quotas(event)
    held = sorted(r.id for r in regs if r.state in rules.SEAT_STATES and r.partner in quotas)
    assert sorted(book.quota_seats.values()) == held
