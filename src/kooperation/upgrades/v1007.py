"""1007: registrations leave the portal catalog (issue 19).

A catalogued registration wrote about 110 index objects, which every registration at the
same moment wrote too and every other RelStorage instance had to reload. Registrations
are now listed from their event (``kooperation.events.registrations``); this step takes
the ones a site has out of the catalog and removes the index and columns only they used.
"""

from kooperation import logger
from kooperation.events import registrations
from plone import api


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
    events = 0
    for event in registrations.events():
        registrations.ledger(event)  # claims of events that had none yet
        events += 1
    logger.info("1007: %s registrations out of the catalog; %s events", len(paths), events)
