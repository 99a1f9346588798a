"""1006: registrations under a rush: the sort column, no names in the full-text indexes,
claims for events of 1005 (whose ledger held only the token secret)."""

from datetime import datetime
from datetime import UTC
from kooperation.events import registrations
from kooperation.events.form import parse
from kooperation.testing import create_network
from kooperation.upgrades.v1006 import upgrade
from plone import api

import sys


sys.path.insert(0, __file__.rsplit("/", 2)[0] + "/events")
from events_helpers import assert_claims_match  # noqa: E402
from events_helpers import body  # noqa: E402
from events_helpers import make_event  # noqa: E402


NOW = datetime(2026, 11, 25, 12, tzinfo=UTC)


def test_a_site_of_1005_gets_the_column_and_the_claims(portal):
    net = create_network(portal, [("a", "Jobcenter")])
    event = make_event(net, capacity=2, waiting_list=2)
    with api.env.adopt_roles(["Manager"]):
        for n in range(4):
            registrations.submit(event, parse(event, body(n)), now=NOW)
    catalog = api.portal.get_tool("portal_catalog")
    # as 1005 left it: the index, no column, a ledger with the secret only
    catalog.delColumn("registration_order")
    catalog.addIndex("registration_order", "FieldIndex")
    book = registrations.ledger(event)
    for name in ("seats", "quota_seats", "emails", "waiting"):
        delattr(book, name)
    with api.env.adopt_roles(["Manager"]):
        upgrade(api.portal.get_tool("portal_setup"))
    assert "registration_order" not in catalog.indexes()
    assert "registration_order" in catalog.schema()
    ordered = registrations.brains(event)
    assert [b.getId for b in ordered] == [o.getId() for o in registrations.objects(event)]
    assert all(b.registration_order for b in ordered)
    assert not catalog.unrestrictedSearchResults(SearchableText="Person")  # no names
    assert registrations.ledger(event).ready
    assert_claims_match(event)
