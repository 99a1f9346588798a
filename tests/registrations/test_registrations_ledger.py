"""The registration service on real content: seats, waiting list, promotion, ledger."""

from datetime import datetime
from datetime import UTC
from kooperation.registrations import ledger
from kooperation.registrations.form import parse
from plone import api
from registrations_helpers import assert_claims_match
from registrations_helpers import body
from registrations_helpers import make_event

import pytest


NOW = datetime(2026, 11, 25, 12, tzinfo=UTC)


def submit(event, n, **extra):
    return ledger.submit(event, parse(event, body(n, **extra)), now=NOW)


class TestSubmit:
    @pytest.fixture(autouse=True)
    def _setup(self, net):
        self.event = make_event(net)

    def test_seats_then_waiting_list_then_refused(self):
        outcomes = [submit(self.event, n) for n in range(7)]
        assert [o.state for o in outcomes] == ["confirmed"] * 3 + ["waiting"] * 2 + ["refused"] * 2
        assert [o.registration.position for o in outcomes[3:5]] == [1, 2]
        states = sorted(api.content.get_state(o) for o in ledger.objects(self.event))
        assert states == ["confirmed"] * 3 + ["waiting"] * 2

    def test_the_claims_follow_every_write(self):
        outcomes = [submit(self.event, n) for n in range(5)]  # 3 seats, 2 waiting
        assert_claims_match(self.event)
        submit(self.event, 1)  # duplicate: refused, claims nothing
        ledger.cancel(outcomes[0].registration, now=NOW)  # the first waiting moves up
        assert_claims_match(self.event)
        ledger.cancel(outcomes[4].registration, now=NOW)  # leaves the waiting list
        assert_claims_match(self.event)
        book = ledger.ledger(self.event)
        assert book.seats_held() == 3
        assert list(book.waiting) == []
        # the address of a cancelled registration may register again
        assert submit(self.event, 0).state == "waiting"
        assert_claims_match(self.event)

    def test_no_claim_is_shared_between_two_seats(self):
        for n in range(3):
            submit(self.event, n)
        book = ledger.ledger(self.event)
        assert dict(book.seats).keys() == {0, 1, 2}  # the seat numbers, all taken
        assert len(set(book.seats.values())) == 3
        assert not hasattr(type(book), "_p_resolveConflict")
        assert not hasattr(type(book.waiting), "_p_resolveConflict")

    def test_a_deleted_registration_gives_its_claims_back(self):
        outcomes = [submit(self.event, n) for n in range(4)]
        with api.env.adopt_roles(["Manager"]):
            api.content.delete(outcomes[3].registration)
            api.content.delete(outcomes[0].registration)
        assert_claims_match(self.event)
        assert submit(self.event, 9).state == "confirmed"

    def test_a_registration_added_around_the_service_renews_the_claims(self):
        """An import or a fixture adds registrations as content: the claims are made
        again from them (the address counts as registered, the seat as held)."""
        submit(self.event, 1)
        with api.env.adopt_roles(["Manager"]):
            api.content.create(
                container=self.event,
                type="Registration",
                id="imported",
                email="person7@example.org",
            )
        assert not ledger.ledger(self.event).emails.get("person9@example.org")
        assert "person7@example.org" in ledger.ledger(self.event).emails
        assert submit(self.event, 7).decision.reason == "registration_refused_duplicate"
        assert_claims_match(self.event)
        with api.env.adopt_roles(["Manager"]):  # one without an address
            api.content.create(container=self.event, type="Registration", id="bare")
        assert submit(self.event, 8).state == "waiting"  # 3 seats: person 1, imported, bare
        assert_claims_match(self.event)

    def test_an_event_without_claims_gets_them_from_its_registrations(self):
        """Events from before the claims (their ledger held only the secret)."""
        outcomes = [submit(self.event, n) for n in range(5)]
        book = ledger.ledger(self.event)
        secret = book.secret
        for name in ("seats", "quota_seats", "emails", "waiting"):
            delattr(book, name)
        assert ledger.ledger(self.event).secret == secret
        assert_claims_match(self.event)
        assert submit(self.event, 1).decision.reason == "registration_refused_duplicate"
        assert submit(self.event, 7).decision.reason == "registration_refused_full"
        change = ledger.cancel(outcomes[1].registration, now=NOW)
        assert [p.getId() for p in change.promoted] == [outcomes[3].registration.getId()]
        assert_claims_match(self.event)

    def test_duplicate_email_is_refused(self):
        submit(self.event, 1)
        again = ledger.submit(
            self.event, parse(self.event, body(2, email=" PERSON1@example.org ")), now=NOW
        )
        assert again.decision.reason == "registration_refused_duplicate"
        assert len(ledger.objects(self.event)) == 1

    def test_closed_when_the_workflow_is_not_open(self):
        with api.env.adopt_roles(["Manager"]):
            api.content.transition(obj=self.event, transition="close_registration")
        outcome = submit(self.event, 1)
        assert outcome.decision.reason == "registration_refused_closed"
        assert ledger.objects(self.event) == []

    def test_cancel_promotes_the_first_waiting(self):
        outcomes = [submit(self.event, n) for n in range(5)]
        change = ledger.cancel(outcomes[0].registration, now=NOW)
        assert api.content.get_state(outcomes[0].registration) == "cancelled"
        assert [p.getId() for p in change.promoted] == [outcomes[3].registration.getId()]
        assert api.content.get_state(outcomes[3].registration) == "confirmed"
        assert outcomes[4].registration.position == 1
        assert ledger.counts(self.event).seats_taken == 3

    def test_approval_keeps_the_seat_pending(self):
        self.event.approval = True
        first = submit(self.event, 1).registration
        assert api.content.get_state(first) == "pending"
        ledger.approve(first)
        assert api.content.get_state(first) == "confirmed"

    def test_purge_keeps_counts(self):
        for n in range(4):
            submit(self.event, n)
        day = ledger.settings(self.event).purge_day
        assert ledger.purge_due(self.event, day) != ()
        objs = ledger.objects(self.event)
        assert {o.email for o in objs} == {""}
        assert {o.fullname for o in objs} == {""}
        assert ledger.counts(self.event).by_state["confirmed"] == 3
        assert ledger.counts(self.event).by_state["waiting"] == 1

    def test_registrant_owns_and_sees_only_their_own(self, portal):
        api.user.create(email="s@example.org", username="staffer", password="secret-pw-0815")
        with api.env.adopt_user(username="staffer"):
            mine = ledger.submit(
                self.event, parse(self.event, body(1)), now=NOW, owner="staffer"
            ).registration
        other = submit(self.event, 2).registration
        with api.env.adopt_user(username="staffer"):
            assert api.user.has_permission("View", obj=mine)
            assert not api.user.has_permission("View", obj=other)
            assert api.user.has_permission("kooperation: Cancel registration", obj=mine)


class TestYouthConference:
    @pytest.fixture(autouse=True)
    def _setup(self, net):
        self.net = net
        self.event = make_event(
            net, "YouthConference", id="jugendkonferenz", title="Jugendkonferenz"
        )

    def _walk_to_open(self):
        with api.env.adopt_roles(["Manager"]):
            api.content.transition(obj=self.event, transition="start_consultation")
            self.event.partner_decisions = {
                self.net["a"].UID(): {"decision": "consent"},
                self.net["b"].UID(): {"decision": "consent"},
            }
            api.content.transition(obj=self.event, transition="decide")
            api.content.transition(obj=self.event, transition="open_registration")

    def test_decide_needs_every_partners_consent(self):
        with api.env.adopt_roles(["Manager"]):
            api.content.transition(obj=self.event, transition="start_consultation")
            self.event.partner_decisions = {self.net["a"].UID(): {"decision": "consent"}}
            with pytest.raises(api.exc.InvalidParameterError):
                api.content.transition(obj=self.event, transition="decide")
            assert self.event.restrictedTraverse("@@conference-status").missing() == ["Jugendamt"]

    def test_under_16_without_consent_is_pending(self):
        self._walk_to_open()
        young = submit(self.event, 1, birth_date="2011-01-01")
        assert young.state == "pending"
        assert young.registration.awaiting == ["consent"]
        older = submit(self.event, 2, birth_date="2010-12-10")  # 16 on the first day
        assert older.state == "confirmed"
        with_consent = submit(self.event, 3, birth_date="2012-05-05", guardian_consent=True)
        assert with_consent.state == "confirmed"
        ledger.approve(young.registration, "consent")
        assert api.content.get_state(young.registration) == "confirmed"
