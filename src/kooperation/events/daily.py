"""Steps of the daily job: the reminder the day before an event, and deleting the
personal data of registrations once the event's retention period is over."""

from DateTime import DateTime
from datetime import timedelta
from kooperation.events import mails
from kooperation.events import registrations
from plone import api


REMIND = ("confirmed", "pending")


def events(**query):
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(portal_type=["Workshop", "YouthConference"], **query)
    for brain in brains:
        yield brain._unrestrictedGetObject()


def starting_around(day):
    """A ``start`` query a day wider on each side than ``day`` (time zones); the exact
    day is checked on the event, so only a handful of events are woken."""
    bounds = [
        DateTime((day - timedelta(days=1)).isoformat()),
        DateTime((day + timedelta(days=2)).isoformat()),
    ]
    return {"start": {"query": bounds, "range": "min:max"}}


def _remind(event):
    sent = 0
    for obj in registrations.objects(event):
        due = obj.email and not getattr(obj, "reminded", False)
        if due and api.content.get_state(obj) in REMIND and mails.send_reminder(obj):
            obj.reminded = True
            sent += 1
    return sent


def remind(run):
    """Participants of events that start tomorrow get one reminder each."""
    tomorrow = run.today + timedelta(days=1)
    for event in events(**starting_around(tomorrow)):
        if registrations.settings(event).day != tomorrow:
            continue
        sent = run.guarded(
            "registration_reminders", event.absolute_url_path(), lambda e=event: _remind(e)
        )
        if sent:
            run.count("registration reminders sent", sent)


def purge(run):
    """From event end + retention days on, the personal data go; states and counts stay."""
    for event in events():
        if registrations.settings(event).purge_day > run.today:
            continue
        done = run.guarded(
            "registration_purge",
            event.absolute_url_path(),
            lambda e=event: registrations.purge_due(e, run.today),
        )
        if done:
            run.count("registrations purged", len(done))
