"""1006: registrations under a rush (issue 19).

* The catalog sorts registrations on the metadata column ``registration_order``; the
  index of that name took every new registration at its end, where concurrent ones
  conflicted. The index goes, the column comes and is filled.
* Registrations leave the full-text indexes (``SearchableText``, ``Title``,
  ``Description``): names are case data, and the lexicon would keep them. Their
  ``object_provides`` holds their own and five general interfaces, not 26.
* Every workshop and youth conference gets its seat ledger's claims (seat numbers,
  quota seats, addresses, waiting list) from its registrations now, not in the first
  rush after the upgrade.
"""

from kooperation import logger
from kooperation.registrations import ledger
from kooperation.upgrades import registration_events
from plone import api


def upgrade(setup):
    catalog = api.portal.get_tool("portal_catalog")
    if "registration_order" in catalog.indexes():
        catalog.delIndex("registration_order")
    if "registration_order" not in catalog.schema():
        catalog.addColumn("registration_order")
    count = 0
    for brain in catalog.unrestrictedSearchResults(portal_type="Registration"):
        obj = brain._unrestrictedGetObject()
        obj.reindexObject(idxs=["SearchableText", "Title", "Description", "object_provides"])
        count += 1
    events = 0
    for event in registration_events():
        ledger.ledger(event)
        events += 1
    logger.info(
        "1006: registration_order is a column; %s registrations reindexed; claims of %s events",
        count,
        events,
    )
