"""1006 and 1007: registrations under a rush. A site of 1005 has its registrations in the
catalog (with an index and columns of their own) and ledgers that hold only the token
secret; after the two steps the registrations are out of the catalog, the index and
columns are gone, and every event has its claims."""

from BTrees.OIBTree import OIBTree
from BTrees.OOBTree import OOBTree
from datetime import datetime
from datetime import UTC
from five.intid.keyreference import KeyReferenceToPersistent
from kooperation.registrations import ledger
from kooperation.registrations.btrees import WideOIBTree
from kooperation.registrations.btrees import WideOOBTree
from kooperation.registrations.content.registration import Registration
from kooperation.registrations.form import parse
from kooperation.testing import create_network
from kooperation.upgrades import v1006
from kooperation.upgrades import v1007
from plone import api
from zope.component import getUtility
from zope.intid.interfaces import IIntIds

import sys


sys.path.insert(0, __file__.rsplit("/", 2)[0] + "/registrations")
from registrations_helpers import assert_claims_match  # noqa: E402
from registrations_helpers import body  # noqa: E402
from registrations_helpers import make_event  # noqa: E402


NOW = datetime(2026, 11, 25, 12, tzinfo=UTC)


def test_a_site_of_1005_loses_the_catalogued_registrations_and_gets_the_claims(portal):
    net = create_network(portal, [("a", "Jobcenter")])
    event = make_event(net, capacity=2, waiting_list=2)
    with api.env.adopt_roles(["Manager"]):
        for n in range(4):
            ledger.submit(event, parse(event, body(n)), now=NOW)
    catalog = api.portal.get_tool("portal_catalog")
    # as 1005 left it: catalogued registrations, their index, no column, ledgers with
    # the secret only
    catalog.addIndex("registration_order", "FieldIndex")
    catalog.addIndex("registration_partner", "FieldIndex")
    catalog.addColumn("registration_partner")
    catalog.addColumn("registration_position")
    intids = getUtility(IIntIds)
    for obj in ledger.objects(event):
        catalog.catalog_object(obj, "/".join(obj.getPhysicalPath()))
        intids.register(KeyReferenceToPersistent(obj))
    assert len(catalog.unrestrictedSearchResults(portal_type="Registration")) == 4
    book = ledger.ledger(event)
    for name in ("seats", "quota_seats", "emails", "waiting"):
        delattr(book, name)
    # and stock trees in the folder, as events made before 1007 have
    event._tree = OOBTree(event._tree)
    event._mt_index[Registration.meta_type] = OIBTree(event._mt_index[Registration.meta_type])
    ids = sorted(event.objectIds())
    with api.env.adopt_roles(["Manager"]):
        v1006.upgrade(api.portal.get_tool("portal_setup"))
        v1007.upgrade(api.portal.get_tool("portal_setup"))
    assert not catalog.unrestrictedSearchResults(portal_type="Registration")
    assert not catalog.unrestrictedSearchResults(SearchableText="Person")  # no names
    for obj in ledger.objects(event):
        assert intids.queryId(KeyReferenceToPersistent(obj)) is None
    for name in ("registration_order", "registration_partner"):
        assert name not in catalog.indexes()
    for name in v1007.COLUMNS:
        assert name not in catalog.schema()
    assert ledger.ledger(event).ready
    assert_claims_match(event)
    book = ledger.ledger(event)
    assert isinstance(book.emails, WideOOBTree)
    assert isinstance(book.quota_seats, WideOOBTree)
    assert isinstance(event._tree, WideOOBTree)
    assert isinstance(event._mt_index[Registration.meta_type], WideOIBTree)
    assert sorted(event.objectIds()) == ids
    assert set(event._mt_index[Registration.meta_type].keys()) >= {
        o.getId() for o in ledger.objects(event)
    }
    assert [o.getId() for o in ledger.listed(event)] == [o.getId() for o in ledger.objects(event)]
    assert ledger.counts(event).by_state["confirmed"] == 2
