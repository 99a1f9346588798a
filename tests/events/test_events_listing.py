"""GET @registrations reads the catalog: the same rows and counts as the objects, the
registrations of one batch page woken only."""

from datetime import datetime
from datetime import timedelta
from datetime import UTC
from events_helpers import body
from events_helpers import make_event
from kooperation.events import registrations
from kooperation.events.form import parse
from kooperation.events.services.registrations.get import RegistrationsGet
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
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
            registrations.submit(
                self.event,
                parse(self.event, body(n, partner=p)),
                now=NOW + timedelta(seconds=n),
            ).registration
            for n, p in enumerate(partners)
        ]
        # 3 confirmed, 2 waiting, 1 refused (None); cancelling one promotes the first waiting.
        registrations.cancel(self.regs[1], now=NOW)

    def get(self, **form):
        self.request.form.clear()
        self.request.form.update(form)
        service = getMultiAdapter(
            (self.event, self.request), name="GET_application_json_@registrations"
        )
        assert isinstance(service, RegistrationsGet)
        return service.reply()

    def test_brains_carry_order_state_partner_and_position(self):
        objs = registrations.objects(self.event)
        found = registrations.brains(self.event)
        assert [b.getId for b in found] == [o.getId() for o in objs]
        assert [
            (b.review_state, b.registration_partner, b.registration_position) for b in found
        ] == [(api.content.get_state(o), o.partner, o.position) for o in objs]
        assert [b.registration_position for b in found if b.review_state == "waiting"] == [1]

    def test_rows_and_counts_as_from_the_objects(self, monkeypatch):
        expected = registrations.counts(self.event)
        # The listing must not wake every registration.
        monkeypatch.setattr(registrations, "objects", pytest.fail)
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
            registrations.submit(
                self.event,
                parse(self.event, body(n, partner=p)),
                now=NOW + timedelta(seconds=n),
            ).registration
            for n, p in enumerate([self.a, "", self.a, "", ""])
        ]

    def test_rows_and_counts_from_brains(self, monkeypatch):
        from kooperation.events.manage import rows

        monkeypatch.setattr(registrations, "objects", pytest.fail)
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


def test_registrations_are_indexed_lean(portal, net):
    """No names in the full-text indexes; a short object_provides (each entry is one set
    every new registration writes)."""
    from kooperation.events.interfaces import IRegistration
    from Products.CMFCore.indexing import processQueue
    from Products.CMFCore.interfaces import IContentish

    event = make_event(net, id="lean")
    with api.env.adopt_roles(["Manager"]):
        obj = registrations.submit(
            event, parse(event, body(1, fullname="Zoe Quaxley"))
        ).registration
    processQueue()
    catalog = api.portal.get_tool("portal_catalog")
    rid = catalog._catalog.uids["/".join(obj.getPhysicalPath())]
    data = catalog.getIndexDataForRID(rid)
    assert IRegistration.__identifier__ in data["object_provides"]
    assert IContentish.__identifier__ in data["object_provides"]
    assert len(data["object_provides"]) <= 7
    assert not catalog.unrestrictedSearchResults(SearchableText="Quaxley")
    assert not catalog.unrestrictedSearchResults(Title="Quaxley")
    found = catalog.unrestrictedSearchResults(object_provides=IRegistration.__identifier__)
    assert [b.getId for b in found] == [obj.getId()]
