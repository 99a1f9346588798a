"""GET @registrations and the coordinators' page list the event's registrations (they
are not in the portal catalog): rows and counts as the objects hold them, filtered and
batched; the event's page reads the seats and the waiting list off the claims."""

from datetime import datetime
from datetime import timedelta
from datetime import UTC
from kooperation.registrations import ledger
from kooperation.registrations.btrees import WideOIBTree
from kooperation.registrations.btrees import WideOOBTree
from kooperation.registrations.content.registration import Registration
from kooperation.registrations.form import parse
from kooperation.registrations.services.registrations.get import RegistrationsGet
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from registrations_helpers import body
from registrations_helpers import make_event
from zope.component import getMultiAdapter

import pytest


NOW = datetime(2026, 11, 25, 12, tzinfo=UTC)


class TestListing:
    @pytest.fixture(autouse=True)
    def _setup(self, net, http_request, portal):
        setRoles(portal, TEST_USER_ID, ["Manager"])
        self.request = http_request
        self.event = make_event(net)  # 3 seats, 2 on the waiting list
        self.a = net["a"].UID()
        partners = [self.a, "", self.a, "", "", ""]
        self.regs = [
            ledger.submit(
                self.event,
                parse(self.event, body(n, partner=p)),
                now=NOW + timedelta(seconds=n),
            ).registration
            for n, p in enumerate(partners)
        ]
        # 3 confirmed, 2 waiting, 1 refused (None); cancelling one promotes the first waiting.
        ledger.cancel(self.regs[1], now=NOW)

    def get(self, **form):
        self.request.form.clear()
        self.request.form.update(form)
        service = getMultiAdapter(
            (self.event, self.request), name="GET_application_json_@registrations"
        )
        assert isinstance(service, RegistrationsGet)
        return service.reply()

    def test_listed_in_order_filtered_by_state_and_partner(self):
        objs = ledger.objects(self.event)
        assert ledger.listed(self.event) == objs
        assert [o.getId() for o in ledger.listed(self.event, state="waiting")] == [
            self.regs[4].getId()
        ]
        assert [o.getId() for o in ledger.listed(self.event, partner=self.a)] == [
            self.regs[0].getId(),
            self.regs[2].getId(),
        ]
        assert [o.getId() for o in ledger.listed(self.event, partner="")] == [
            r.getId() for r in (self.regs[1], self.regs[3], self.regs[4])
        ]

    def test_figures_from_the_claims_as_the_counts_have_them(self, monkeypatch):
        counts = ledger.counts(self.event)
        monkeypatch.setattr(ledger, "objects", pytest.fail)  # no registration woken
        assert ledger.figures(self.event) == (
            counts.seats_taken,
            counts.by_state["waiting"],
        )
        assert ledger.figures(self.event) == (3, 1)

    def test_figures_of_an_event_without_claims_write_nothing(self):
        book = ledger.ledger(self.event)
        book.seats = None  # claims to be made again
        assert ledger.figures(self.event) == (3, 1)
        assert not book.ready  # the page's read made no claims

    def test_rows_and_counts_as_from_the_objects(self):
        expected = ledger.counts(self.event)
        reply = self.get()
        assert reply["counts"]["by_state"] == expected.by_state
        assert reply["counts"]["by_partner"] == expected.by_partner
        assert (reply["counts"]["total"], reply["counts"]["seats_taken"]) == (5, 3)
        assert [i["id"] for i in reply["items"]] == [r.getId() for r in self.regs[:5]]
        assert reply["items"][1]["state"] == "cancelled"
        assert reply["items"][3]["state"] == "confirmed"
        assert (reply["items"][4]["state"], reply["items"][4]["position"]) == ("waiting", 1)

    @pytest.mark.parametrize(
        ("form", "ids"),
        [
            ({"state": "waiting"}, [4]),
            ({"state": "confirmed"}, [0, 2, 3]),
            ({"partner": "A"}, [0, 2]),
            ({"partner": ""}, [1, 3, 4]),
            ({"partner": "A", "state": "cancelled"}, []),
            ({"b_size": "2"}, [0, 1]),
            ({"b_size": "2", "b_start": "4"}, [4]),
        ],
    )
    def test_filters_and_batches(self, form, ids):
        if form.get("partner") == "A":
            form["partner"] = self.a
        reply = self.get(**form)
        assert [i["id"] for i in reply["items"]] == [self.regs[n].getId() for n in ids]

    def test_a_bad_filter_is_a_bad_request(self):
        reply = self.get(state=["waiting", "confirmed"])
        assert self.request.response.getStatus() == 400
        assert reply["error"]["type"] == "BadRequest"

    def test_only_coordinators(self):
        setRoles(api.portal.get(), TEST_USER_ID, ["Member"])
        reply = self.get()
        assert "items" not in reply
        assert self.request.response.getStatus() in (401, 403)


class TestCoordinatorsView:
    @pytest.fixture(autouse=True)
    def _setup(self, net, http_request, portal):
        setRoles(portal, TEST_USER_ID, ["Manager"])
        self.event = make_event(net)
        self.a = net["a"].UID()
        self.regs = [
            ledger.submit(
                self.event,
                parse(self.event, body(n, partner=p)),
                now=NOW + timedelta(seconds=n),
            ).registration
            for n, p in enumerate([self.a, "", self.a, "", ""])
        ]

    def test_rows_and_counts(self):
        from kooperation.registrations.manage import rows

        assert [r["id"] for r in rows(self.event, state="waiting")] == [
            r.getId() for r in self.regs[3:]
        ]
        assert [r["id"] for r in rows(self.event, partner=self.a)] == [
            self.regs[0].getId(),
            self.regs[2].getId(),
        ]
        assert {r["partner_title"] for r in rows(self.event, partner=self.a)} == {"Jobcenter"}
        assert len(rows(self.event, partner="")) == 5  # the form's "all partners"
        assert len(rows(self.event, state=["x"], partner=["y"])) == 5  # junk: no filter
        counts = self.event.restrictedTraverse("@@registrations").counts()
        assert (counts["seats_taken"], counts["capacity"]) == (3, 3)
        assert counts["total"][:2] == [3, 2]  # Registered, Waiting list
        assert {p["partner"] for p in counts["partners"]} == {"Jobcenter", "–"}


def test_registrations_stay_out_of_the_catalog(portal, net):
    """Not at submission, not after a change of state: names and addresses are case data
    that no site search finds, and each catalogued registration wrote ~110 index objects
    that concurrent registrations collided on."""
    from kooperation.registrations.interfaces import IRegistration
    from Products.CMFCore.indexing import processQueue

    event = make_event(net, id="lean", capacity=1)
    with api.env.adopt_roles(["Manager"]):
        first = ledger.submit(event, parse(event, body(1, fullname="Zoe Quaxley"))).registration
        ledger.submit(event, parse(event, body(2, fullname="Ida Quaxley")))
        ledger.cancel(first, deadline=False)  # promotes the second
    processQueue()
    catalog = api.portal.get_tool("portal_catalog")
    assert not catalog.unrestrictedSearchResults(SearchableText="Quaxley")
    assert not catalog.unrestrictedSearchResults(portal_type="Registration")
    assert not catalog.unrestrictedSearchResults(object_provides=IRegistration.__identifier__)
    assert catalog.unrestrictedSearchResults(UID=event.UID())  # the event is


def test_events_and_their_claims_get_wide_trees(net):
    """See tests/registrations/test_registrations_btrees.py."""
    event = make_event(net, id="wide")
    assert isinstance(event._tree, WideOOBTree)
    assert isinstance(event._mt_index[Registration.meta_type], WideOIBTree)
    book = ledger.ledger(event)
    assert isinstance(book.emails, WideOOBTree)
    assert isinstance(book.quota_seats, WideOOBTree)


def test_an_event_with_registrations_can_be_deleted(net):
    """Its registrations have no catalog entry and no integer id to take along."""
    event = make_event(net, id="gone")
    with api.env.adopt_roles(["Manager"]):
        for n in range(3):
            ledger.submit(event, parse(event, body(n)))
        api.content.delete(obj=event, check_linkintegrity=True)
    assert "gone" not in net
    catalog = api.portal.get_tool("portal_catalog")
    assert not catalog.unrestrictedSearchResults(path="/".join(net.getPhysicalPath()) + "/gone")
