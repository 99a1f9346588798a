"""Steps of the daily job: the reminder the day before an event, and deleting the
personal data of registrations once the event's retention period is over.

Neither step wakes every event of the site: each asks the catalog for the few events it
can concern (``start`` around tomorrow; ``end`` at least the minimum retention ago and
not yet marked ``IRegistrationsPurged``) and checks the exact day on the event."""

from DateTime import DateTime
from datetime import timedelta
from kooperation.registrations import ledger
from kooperation.registrations import mails
from kooperation.registrations.interfaces import IRegistrationsPurged
from kooperation.registrations.settings import IRegistrationSettings
from plone import api
from zope.interface import alsoProvides


REMIND = ("confirmed", "pending")

# No event keeps personal data for fewer days after its end than the settings allow.
MIN_RETENTION_DAYS = IRegistrationSettings["retention_days"].min or 0
PURGED = IRegistrationsPurged.__identifier__


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


def retention_can_have_ended(day):
    """An ``end`` query for the events whose retention period can be over on ``day``
    (ended at least the minimum retention ago; a day wider for time zones, the exact day
    is checked on the event), leaving out those already purged."""
    latest = day - timedelta(days=MIN_RETENTION_DAYS) + timedelta(days=2)
    return {
        "end": {"query": DateTime(latest.isoformat()), "range": "max"},
        "object_provides": {"not": PURGED},
    }


def _remind(event):
    sent = 0
    for obj in ledger.objects(event):
        due = obj.email and not getattr(obj, "reminded", False)
        if due and api.content.get_state(obj) in REMIND and mails.send_reminder(obj):
            obj.reminded = True
            sent += 1
    return sent


def remind(run):
    """Participants of events that start tomorrow get one reminder each."""
    tomorrow = run.today + timedelta(days=1)
    for event in events(**starting_around(tomorrow)):
        if ledger.settings(event).day != tomorrow:
            continue
        sent = run.guarded(
            "registration_reminders", event.absolute_url_path(), lambda e=event: _remind(e)
        )
        if sent:
            run.count("registration reminders sent", sent)


def _purge(event, day):
    """Purge the event's registrations and mark the event, so it is not asked for again."""
    done = ledger.purge_due(event, day)
    alsoProvides(event, IRegistrationsPurged)
    event.reindexObject(idxs=["object_provides"])
    return done


def purge(run):
    """From event end + retention days on, the personal data go; states and counts stay.
    Each event is purged once, then marked (``IRegistrationsPurged``) and left alone."""
    for event in events(**retention_can_have_ended(run.today)):
        if ledger.settings(event).purge_day > run.today:
            continue
        done = run.guarded(
            "registration_purge",
            event.absolute_url_path(),
            lambda e=event: _purge(e, run.today),
        )
        if done:
            run.count("registrations purged", len(done))
