"""1007: registrations leave the portal catalog (issue 19).

A catalogued registration wrote about 110 index objects, which every registration at the
same moment wrote too and every other RelStorage instance had to reload. Registrations
are now listed from their event (``kooperation.registrations.ledger``); this step takes
the ones a site has out of the catalog and removes the index and columns only they used.
Registrations also get no integer id any more (nothing relates to one); the ids they
have go. Events get wide trees for their folder entries and the addresses and quota
seats of their claims (``kooperation.registrations.btrees``).
"""

from five.intid.keyreference import KeyReferenceToPersistent
from kooperation import logger
from kooperation.registrations import ledger
from kooperation.registrations.btrees import wide
from kooperation.registrations.btrees import widen
from kooperation.registrations.content.registration import Registration
from kooperation.upgrades import registration_events
from plone import api
from zope.component import getAllUtilitiesRegisteredFor
from zope.intid.interfaces import IIntIds


INDEXES = ("registration_partner",)
COLUMNS = ("registration_partner", "registration_position", "registration_order")


def upgrade(setup):
    catalog = api.portal.get_tool("portal_catalog")
    paths = [
        brain.getPath() for brain in catalog.unrestrictedSearchResults(portal_type="Registration")
    ]
    for path in paths:
        catalog.uncatalog_object(path)
    for name in INDEXES:
        if name in catalog.indexes():
            catalog.delIndex(name)
    for name in COLUMNS:
        if name in catalog.schema():
            catalog.delColumn(name)
    events = intids = 0
    utilities = getAllUtilitiesRegisteredFor(IIntIds)
    for event in registration_events():
        book = ledger.ledger(event)  # claims of events that had none yet
        book.emails = wide(book.emails)
        book.quota_seats = wide(book.quota_seats)
        widen(event, Registration.meta_type)
        events += 1
        for obj in ledger.objects(event):
            key = KeyReferenceToPersistent(obj)
            for utility in utilities:
                if utility.queryId(key) is not None:
                    utility.unregister(key)
                    intids += 1
    logger.info(
        "1007: %s registrations out of the catalog, %s integer ids removed; %s events",
        len(paths),
        intids,
        events,
    )
