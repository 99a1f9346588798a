"""What one registration writes: every object written is a chance to collide with a
registration at the same moment, and on RelStorage one object that every other instance
must load again. The registration, its claims and its entry in the event's folder; not the
catalog, not the event, not the intid utility."""

from datetime import datetime
from datetime import UTC
from kooperation.registrations import ledger
from kooperation.registrations.form import parse
from kooperation.testing import create_network
from plone import api
from Products.CMFCore.indexing import processQueue
from registrations_helpers import body
from registrations_helpers import make_event
from zope.component import getUtility
from zope.intid.interfaces import IIntIds

import transaction


NOW = datetime(2026, 11, 25, 12, tzinfo=UTC)
# 7 today: the registration, the seats and addresses of the claims, the event folder's
# tree, count and meta_type index; with room for bucket splits. Catalogued and with an
# integer id, it was 145.
MOST_WRITTEN = 10


def written(connection):
    processQueue()  # the catalog's queue is processed at commit: before counting
    return list(connection._registered_objects) + list(connection._added.values())


def test_a_registration_writes_only_its_own_and_its_claims(functional):
    portal = functional["portal"]
    net = create_network(portal, [("a", "Jobcenter")])
    event = make_event(net, capacity=50, waiting_list=50)
    transaction.commit()
    for n in range(3):
        with api.env.adopt_roles(["Manager"]):
            outcome = ledger.submit(event, parse(event, body(n)), now=NOW)
        assert outcome.state == "confirmed"
        objects = written(portal._p_jar)
        assert len(objects) <= MOST_WRITTEN, sorted(type(o).__name__ for o in objects)
        assert event not in objects
        assert not [o for o in objects if o in _intid_trees()]
        transaction.commit()


def _intid_trees():
    intids = getUtility(IIntIds)
    return [intids.ids, intids.refs]
