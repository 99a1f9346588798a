"""What the REST API, the EasyForm action and the views call: a registration write plus
the mails it causes (queued, so they leave only when the transaction commits)."""

from kooperation.events import mails
from kooperation.events import registrations
from kooperation.jobs.reminders import network_of
from kooperation.registration import MESSAGES
from plone import api
from ZODB.POSException import ConflictError

import random
import time
import transaction


ATTEMPTS = 12


def partner_uids(event):
    network = network_of(event)
    if network is None:
        return set()
    catalog = api.portal.get_tool("portal_catalog")
    path = "/".join(network.getPhysicalPath())
    return {b.UID for b in catalog.unrestrictedSearchResults(portal_type="Partner", path=path)}


def current_user_id():
    if api.user.is_anonymous():
        return None
    return api.user.get_current().getId()


def register(event, data, now=None):
    """Submit; tell the registrant (and the coordinators, if wished)."""
    outcome = registrations.submit(event, data, now=now, owner=current_user_id())
    if outcome.registration is not None:
        mails.send_state(outcome.registration)
        mails.notify_coordinators(outcome.registration)
    return outcome


def _tell_promoted(change):
    for obj in change.promoted:
        mails.send_state(obj, promoted=True)


def cancel(obj, now=None, deadline=True):
    change = registrations.cancel(obj, now=now, deadline=deadline)
    mails.send_cancelled(obj)
    _tell_promoted(change)
    return change


def approve(obj, what="approval"):
    change = registrations.approve(obj, what)
    if api.content.get_state(obj) == "confirmed":
        mails.send_state(obj)
    return change


def message(decision):
    return MESSAGES[decision.reason]


def committed(action, attempts=ATTEMPTS):
    """Run ``action`` and commit, again on a conflict (with a growing random pause).

    For the REST writes and the cancellation link: under a burst on two instances, the
    seat ledger's conflicts can outlast Zope's three retries and end as 500. Retrying here
    decides again on the committed state every time, as Zope's retry would, only longer.
    """
    for attempt in range(attempts):
        try:
            result = action()
            transaction.commit()
            return result
        except ConflictError:
            transaction.abort()
            if attempt == attempts - 1:
                raise
            time.sleep(random.uniform(0, min(0.02 * 2**attempt, 1.0)))
            transaction.begin()
    return None
