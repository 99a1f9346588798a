"""Helpers of the event tests (importable as ``events_helpers`` from this folder)."""

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
