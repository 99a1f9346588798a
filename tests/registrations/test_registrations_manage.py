"""Coordinators' list, counts, check-in and exports; staff's "meine Anmeldungen"."""

from datetime import datetime
from datetime import UTC
from kooperation.registrations import ledger
from kooperation.registrations import manage
from kooperation.registrations.form import parse
from kooperation.registrations.manage import rows
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from registrations_helpers import body
from registrations_helpers import make_event

import csv
import io
import lxml.html
import pytest


NOW = datetime(2026, 11, 25, 12, tzinfo=UTC)


class TestCoordinators:
    @pytest.fixture(autouse=True)
    def _setup(self, net, http_request, portal):
        setRoles(portal, TEST_USER_ID, ["Manager"])
        self.net = net
        self.request = http_request
        self.event = make_event(net)
        self.a = net["a"].UID()
        for n, partner in ((1, self.a), (2, self.a), (3, ""), (4, "")):
            ledger.submit(
                self.event,
                parse(self.event, body(n, partner=partner, dietary="=HYPERLINK(1)")),
                now=NOW,
            )

    def test_filters_and_counts(self):
        assert len(rows(self.event, state="waiting")) == 1
        assert {r["partner_title"] for r in rows(self.event, partner=self.a)} == {"Jobcenter"}
        view = self.event.restrictedTraverse("@@registrations")
        counts = view.counts()
        assert counts["seats_taken"] == 3
        assert [p["partner"] for p in counts["partners"]] == ["–", "Jobcenter"]
        html = view()
        assert "Person 1" in html
        assert "registrations.xlsx" in html

    def test_check_in_on_the_day(self):
        # All four share NOW, so their order is by (random) id: take a confirmed one.
        obj = next(o for o in ledger.objects(self.event) if api.content.get_state(o) == "confirmed")
        view = self.event.restrictedTraverse("@@registrations")
        view.handle({"action": "attended", "ids": [obj.getId()]})
        assert api.content.get_state(obj) == "confirmed"  # before the day: refused
        ledger.check_in(obj, now=datetime(2026, 12, 10, 9, tzinfo=UTC))
        assert api.content.get_state(obj) == "attended"

    def test_csv_neutralises_formulas(self):
        data = self.event.restrictedTraverse("@@registrations.csv")()
        table = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
        assert table[0][:5] == ["id", "state", "position", "name", "email"]
        assert {row[7] for row in table[1:]} == {"'=HYPERLINK(1)"}
        assert len(table) == 5

    def test_xlsx_neutralises_formulas_and_keeps_numbers(self):
        from openpyxl import load_workbook

        data = self.event.restrictedTraverse("@@registrations.xlsx")()
        sheet = load_workbook(io.BytesIO(data)).active
        values = list(sheet.iter_rows(values_only=True))
        assert values[0][0] == "id"
        assert {row[7] for row in values[1:]} == {"'=HYPERLINK(1)"}
        assert [row[2] for row in values[1:] if row[1] == "waiting"] == [1]


def test_the_registrations_page_has_the_page_width(net, http_request, portal):
    """No portlet columns beside its tables (the event's own page has both)."""
    setRoles(portal, TEST_USER_ID, ["Manager"])
    event = make_event(net)
    page = event.restrictedTraverse("@@view")()
    assert "portal-column-one" in page
    assert "portal-column-two" in page
    page = event.restrictedTraverse("@@registrations")()
    assert "portal-column-one" not in page
    assert "portal-column-two" not in page


def test_the_registrations_page_reads_the_registrations_and_titles_once(
    net, http_request, portal, monkeypatch
):
    setRoles(portal, TEST_USER_ID, ["Manager"])
    event = make_event(net)
    for n in (1, 2):
        ledger.submit(event, parse(event, body(n)), now=NOW)
    calls = {"objects": 0, "titles": 0}

    def counted(name, real):
        def call(*args, **kwargs):
            calls[name] += 1
            return real(*args, **kwargs)

        return call

    monkeypatch.setattr(ledger, "objects", counted("objects", ledger.objects))
    monkeypatch.setattr(manage, "partner_titles", counted("titles", manage.partner_titles))
    page = event.restrictedTraverse("@@registrations")()
    assert "person2@example.org" in page
    assert calls == {"objects": 1, "titles": 1}


class TestMine:
    def test_staff_see_and_cancel_their_own(self, net, http_request, portal):
        event = make_event(net)
        api.user.create(email="s@example.org", username="staffer", password="secret-pw-0815")
        with api.env.adopt_user(username="staffer"):
            mine = ledger.submit(
                event, parse(event, body(1)), now=NOW, owner="staffer"
            ).registration
        ledger.submit(event, parse(event, body(2)), now=NOW)
        with api.env.adopt_user(username="staffer"):
            view = portal.restrictedTraverse("@@my-registrations")
            found = view.rows()
            assert [r["uid"] for r in found] == [mine.UID()]
            view.cancel(mine.UID())
        assert api.content.get_state(mine) == "cancelled"

    def test_the_page_heads_its_columns_and_shows_a_waiting_place_only_while_waiting(
        self, net, http_request, portal
    ):
        event = make_event(net, capacity=1)
        api.user.create(email="s@example.org", username="staffer", password="secret-pw-0815")
        for n in (1, 2):
            ledger.submit(event, parse(event, body(n)), now=NOW, owner="staffer")
        with api.env.adopt_user(username="staffer"):
            page = lxml.html.fromstring(portal.restrictedTraverse("@@my-registrations")())
        table = page.get_element_by_id("my-registrations")
        heads = [th.text_content().strip() for th in table.iter("th")]
        assert heads == [
            "Veranstaltung",
            "Beginn",
            "Status",
            "Platz auf der Warteliste",
            "Aktionen",
        ]
        rows = [[td.text_content().strip() for td in tr.iter("td")][:4] for tr in table.iter("tr")]
        assert sorted(rows[1:]) == [
            ["Jahresfortbildung 2026", "10.12.2026 09:00", "Angemeldet", ""],
            ["Jahresfortbildung 2026", "10.12.2026 09:00", "Warteliste", "1"],
        ]
        assert page.get_element_by_id("no-registrations", None) is None

    def test_nothing_registered_shows_what_is_open(self, net, http_request, portal):
        event = make_event(net)
        closed = make_event(net, id="closed")
        with api.env.adopt_roles(["Manager"]):
            api.content.transition(obj=closed, transition="close_registration")
        api.user.create(email="s@example.org", username="staffer", password="secret-pw-0815")
        api.user.grant_roles(username="staffer", obj=net, roles=["Reader"])
        with api.env.adopt_user(username="staffer"):
            page = lxml.html.fromstring(portal.restrictedTraverse("@@my-registrations")())
        assert page.get_element_by_id("my-registrations", None) is None
        empty = page.get_element_by_id("no-registrations")
        assert "Sie sind zu keiner Veranstaltung angemeldet." in empty.text_content()
        links = [(a.get("href"), a.getparent().text_content().split()) for a in empty.iter("a")]
        assert links == [
            (event.absolute_url(), ["Jahresfortbildung", "2026", "10.12.2026", "09:00"])
        ]


class TestApproval:
    def test_coordinators_record_approval_and_guardian_consent(self, net, http_request, portal):
        setRoles(portal, TEST_USER_ID, ["Manager"])
        event = make_event(net, approval=True)
        obj = ledger.submit(event, parse(event, body(1)), now=NOW).registration
        assert (api.content.get_state(obj), obj.awaiting) == ("pending", ["approval"])
        view = event.restrictedTraverse("@@registrations")
        view.handle({"action": "consent", "ids": [obj.getId()]})  # not what it awaits
        assert api.content.get_state(obj) == "pending"
        view.handle({"action": "approval", "ids": obj.getId()})
        assert (api.content.get_state(obj), obj.awaiting) == ("confirmed", [])


class TestEventPage:
    def test_the_page_shows_seats_and_the_way_to_the_form(self, net, http_request, portal):
        setRoles(portal, TEST_USER_ID, ["Manager"])
        event = make_event(net)
        ledger.submit(event, parse(event, body(1)), now=NOW)
        html = event.restrictedTraverse("@@view")()
        assert 'id="register-link"' in html
        assert f"{event.absolute_url()}/anmeldung" in html
        assert 'id="registrations-link"' in html
        assert "2 / 3" in html


class TestMailAll:
    def test_one_mail_per_active_registrant(self, net, http_request, portal, monkeypatch):
        from kooperation.registrations import mails

        setRoles(portal, TEST_USER_ID, ["Manager"])
        api.portal.set_registry_record("plone.email_from_address", "k@example.org")
        event = make_event(net)
        objs = [ledger.submit(event, parse(event, body(n)), now=NOW).registration for n in range(4)]
        ledger.cancel(objs[0], now=NOW)
        sent = []
        monkeypatch.setattr(mails, "queue", sent.append)
        view = event.restrictedTraverse("@@registrations")
        view.handle({"action": "mail_all", "subject": "Raumänderung", "text": "Raum 2"})
        assert sorted(m["To"] for m in sent) == [f"person{n}@example.org" for n in (1, 2, 3)]
        assert {m["Subject"] for m in sent} == {"Raumänderung"}
        view.handle({"action": "mail_all", "subject": "", "text": "x"})
        assert len(sent) == 3
