"""Worked cases of the registration rules: outcomes, refusals, cancellation, check-in."""

from datetime import date
from datetime import datetime
from datetime import timedelta
from datetime import UTC
from kooperation.registrations.rules import age_on
from kooperation.registrations.rules import approve
from kooperation.registrations.rules import cancel
from kooperation.registrations.rules import check_in
from kooperation.registrations.rules import counts
from kooperation.registrations.rules import decide
from kooperation.registrations.rules import Event
from kooperation.registrations.rules import promote
from kooperation.registrations.rules import register
from kooperation.registrations.rules import Registration
from kooperation.registrations.rules import RegistrationError
from kooperation.registrations.rules import Submission

import pytest


START = datetime(2026, 6, 10, 9, 0)
OPENS = datetime(2026, 3, 1, 0, 0)
NOW = datetime(2026, 4, 1, 12, 0)


def event(**kw):
    settings = {"start": START, "capacity": 2, "waiting_list": 2, "opens": OPENS}
    settings.update(kw)
    return Event(**settings)


def sub(n, partner="", **kw):
    return Submission(id=f"r{n}", email=f"p{n}@example.org", created=NOW, partner=partner, **kw)


def fill(ev, submissions, now=NOW):
    regs = ()
    decisions = []
    for s in submissions:
        decision, regs = register(ev, regs, s, now)
        decisions.append(decision)
    return decisions, regs


class TestOutcomes:
    def test_confirm_then_wait_then_full(self):
        decisions, regs = fill(event(), [sub(i) for i in range(5)])
        assert [(d.outcome, d.position) for d in decisions] == [
            ("confirmed", None),
            ("confirmed", None),
            ("waiting", 1),
            ("waiting", 2),
            ("refused", None),
        ]
        assert decisions[4].reason == "registration_refused_full"
        assert decisions[3].text == "You are on the waiting list at position 2."
        assert len(regs) == 4  # the refused one is not stored

    @pytest.mark.parametrize(
        ("now", "closed"),
        [
            (OPENS - timedelta(seconds=1), True),
            (OPENS, False),
            (datetime(2026, 5, 31, 23, 59), False),
            (datetime(2026, 6, 1, 0, 0), False),  # closes inclusive
            (datetime(2026, 6, 1, 0, 1), True),
        ],
    )
    def test_window(self, now, closed):
        ev = event(closes=datetime(2026, 6, 1, 0, 0))
        decision = decide(ev, (), sub(1), now)
        assert (decision.reason == "registration_refused_closed") is closed
        assert decision.refused is closed

    def test_closes_by_default_at_event_start(self):
        assert decide(event(), (), sub(1), START).outcome == "confirmed"
        assert decide(event(), (), sub(1), START + timedelta(minutes=1)).refused

    @pytest.mark.parametrize("email", ["p0@example.org", "  P0@Example.ORG ", "p0@EXAMPLE.org\n"])
    def test_duplicate_email_is_refused(self, email):
        _, regs = fill(event(), [sub(0)])
        again = Submission(id="x", email=email, created=NOW)
        decision, after = register(event(), regs, again, NOW)
        assert decision.reason == "registration_refused_duplicate"
        assert after == regs

    def test_duplicate_of_waiting_is_refused_and_cancelled_may_register_again(self):
        ev = event()
        _, regs = fill(ev, [sub(i) for i in range(3)])
        again = Submission("r2b", "p2@example.org", NOW)
        assert decide(ev, regs, again, NOW).reason == "registration_refused_duplicate"
        regs = cancel(ev, regs, "r0", NOW).registrations
        decision = decide(ev, regs, Submission("r0b", "P0@example.org", NOW), NOW)
        assert decision.outcome == "waiting"  # r2 moved up, the seat is gone again

    def test_approval_holds_the_seat(self):
        ev = event(approval=True, capacity=1)
        decisions, regs = fill(ev, [sub(1), sub(2)])
        assert [d.outcome for d in decisions] == ["pending", "waiting"]
        assert decisions[0].reason == "registration_pending_approval"
        change = approve(ev, regs, "r1")
        assert change.registration.state == "confirmed"
        assert change.registration.awaiting == ()
        assert counts(change.registrations).seats_taken == 1

    def test_promoted_from_waiting_still_needs_approval(self):
        ev = event(approval=True, capacity=1)
        _, regs = fill(ev, [sub(1), sub(2)])
        change = cancel(ev, regs, "r1", NOW)
        assert [(p.id, p.state) for p in change.promoted] == [("r2", "pending")]

    def test_approve_what_is_not_awaited_is_an_error(self):
        _, regs = fill(event(), [sub(1)])
        with pytest.raises(RegistrationError) as info:
            approve(event(), regs, "r1")
        assert info.value.msgid == "error_approve_state"


class TestQuotas:
    def test_quota_reached_waits(self):
        ev = event(capacity=3, quotas={"ZIB": 1})
        decisions, regs = fill(ev, [sub(1, "ZIB"), sub(2, "ZIB"), sub(3, "Stadt")])
        assert [d.outcome for d in decisions] == ["confirmed", "waiting", "confirmed"]

    def test_quota_reached_refuses(self):
        ev = event(capacity=3, quotas={"ZIB": 1}, quota_full="refuse")
        decisions, _ = fill(ev, [sub(1, "ZIB"), sub(2, "ZIB")])
        assert decisions[1].reason == "registration_refused_quota"

    def test_promotion_skips_a_partner_at_its_quota(self):
        ev = event(capacity=2, waiting_list=3, quotas={"ZIB": 1})
        _, regs = fill(ev, [sub(1, "ZIB"), sub(2, "Stadt"), sub(3, "ZIB"), sub(4, "Stadt")])
        change = cancel(ev, regs, "r2", NOW)  # Stadt's seat: ZIB's r3 may not take it
        assert [p.id for p in change.promoted] == ["r4"]
        waiting = [(r.id, r.position) for r in change.registrations if r.state == "waiting"]
        assert waiting == [("r3", 1)]

    def test_raising_capacity_fills_from_the_waiting_list(self):
        ev = event(capacity=1, waiting_list=3)
        _, regs = fill(ev, [sub(i) for i in range(4)])
        promoted, regs = promote(event(capacity=3, waiting_list=3), regs)
        assert [p.id for p in promoted] == ["r1", "r2"]
        assert [(r.id, r.position) for r in regs if r.state == "waiting"] == [("r3", 1)]


class TestAge:
    @pytest.mark.parametrize(
        ("born", "day", "age", "why"),
        [
            (date(2010, 6, 10), date(2026, 6, 10), 16, "16 from the start of the birthday"),
            (date(2010, 6, 11), date(2026, 6, 10), 15, "birthday tomorrow"),
            (date(2008, 2, 29), date(2024, 2, 29), 16, "leap year: the birthday itself"),
            (date(2008, 2, 29), date(2025, 2, 28), 16, "common year: not 17 on 28 Feb"),
            (date(2008, 2, 29), date(2025, 3, 1), 17, "common year: 17 on 1 March"),
            (date(2004, 2, 29), date(2020, 2, 28), 15, "leap year: 28 Feb is the day before"),
        ],
    )
    def test_age_on(self, born, day, age, why):
        assert age_on(born, day) == age, why

    # 16 years after a leap year is a leap year again, except across 2100 (no leap year).
    @pytest.mark.parametrize(
        ("day", "age"),
        [(date(2100, 2, 28), 15), (date(2100, 3, 1), 16)],
    )
    def test_born_29_february_is_16_on_1_march_in_a_common_year(self, day, age):
        assert age_on(date(2084, 2, 29), day) == age

    def _conference(self, start):
        return event(start=start, opens=None, min_age_without_consent=16, capacity=5)

    def test_under_16_without_consent_is_pending_until_consent(self):
        ev = self._conference(datetime(2026, 2, 28, 10, 0))
        young = sub(1, birth_date=date(2010, 3, 1))
        decision, regs = register(ev, (), young, NOW.replace(month=1))
        assert decision.outcome == "pending"
        assert decision.awaiting == ("consent",)
        assert "under 16" in decision.text
        assert approve(ev, regs, "r1", "consent").registration.state == "confirmed"

    @pytest.mark.parametrize(
        ("start", "outcome"),
        [(datetime(2100, 2, 28, 10), "pending"), (datetime(2100, 3, 1, 10), "confirmed")],
    )
    def test_born_29_february(self, start, outcome):
        ev = event(start=start, opens=None, min_age_without_consent=16)
        person = sub(1, birth_date=date(2084, 2, 29))
        assert decide(ev, (), person, datetime(2100, 1, 1)).outcome == outcome

    def test_under_16_with_consent_and_over_16_are_confirmed(self):
        ev = self._conference(START)
        with_consent = sub(1, birth_date=date(2012, 1, 1), guardian_consent=True)
        assert decide(ev, (), with_consent, NOW).outcome == "confirmed"
        assert decide(ev, (), sub(2, birth_date=date(2010, 6, 10)), NOW).outcome == "confirmed"

    def test_consent_and_approval_both_awaited(self):
        ev = event(min_age_without_consent=16, approval=True)
        decision, regs = register(ev, (), sub(1, birth_date=date(2012, 1, 1)), NOW)
        assert decision.awaiting == ("approval", "consent")
        change = approve(ev, regs, "r1", "consent")
        assert change.registration.state == "pending"
        assert approve(ev, change.registrations, "r1").registration.state == "confirmed"

    @pytest.mark.parametrize("born", [None, "2010-01-01", date(2027, 1, 1)])
    def test_birth_date_required_and_plausible(self, born):
        with pytest.raises(RegistrationError) as info:
            decide(self._conference(START), (), sub(1, birth_date=born), NOW)
        assert info.value.field == "birth_date"


class TestCancelAndCheckIn:
    def test_cancel_promotes_first_waiting_and_renumbers(self):
        ev = event(waiting_list=3)
        _, regs = fill(ev, [sub(i) for i in range(5)])
        change = cancel(ev, regs, "r0", NOW)
        assert change.registration.state == "cancelled"
        assert [(p.id, p.state) for p in change.promoted] == [("r2", "confirmed")]
        assert [(r.id, r.position) for r in change.registrations if r.state == "waiting"] == [
            ("r3", 1),
            ("r4", 2),
        ]

    def test_cancel_waiting_renumbers_without_promotion(self):
        ev = event(waiting_list=3)
        _, regs = fill(ev, [sub(i) for i in range(5)])
        change = cancel(ev, regs, "r3", NOW)
        assert change.promoted == ()
        assert [(r.id, r.position) for r in change.registrations if r.state == "waiting"] == [
            ("r2", 1),
            ("r4", 2),
        ]

    def test_cancel_after_deadline_only_by_coordinator(self):
        ev = event(cancel_until=datetime(2026, 6, 1))
        _, regs = fill(ev, [sub(1)])
        late = datetime(2026, 6, 1, 0, 1)
        with pytest.raises(RegistrationError) as info:
            cancel(ev, regs, "r1", late)
        assert info.value.msgid == "error_cancel_deadline"
        assert "01.06.2026 00:00" in str(info.value)
        assert cancel(ev, regs, "r1", late, deadline=False).registration.state == "cancelled"

    def test_cancel_twice_and_unknown(self):
        _, regs = fill(event(), [sub(1)])
        regs = cancel(event(), regs, "r1", NOW).registrations
        with pytest.raises(RegistrationError, match="state cancelled cannot be cancelled"):
            cancel(event(), regs, "r1", NOW)
        with pytest.raises(RegistrationError, match="no registration nope"):
            cancel(event(), regs, "nope", NOW)

    def test_check_in_only_from_the_event_day(self):
        ev = event(waiting_list=1)
        _, regs = fill(ev, [sub(1), sub(2), sub(3)])
        with pytest.raises(RegistrationError) as info:
            check_in(ev, regs, "r1", datetime(2026, 6, 9, 23, 59))
        assert info.value.msgid == "error_check_in_day"
        change = check_in(ev, regs, "r1", datetime(2026, 6, 10, 7, 0))
        assert change.registration.state == "attended"
        later = datetime(2026, 6, 11)
        regs = check_in(ev, change.registrations, "r2", later, attended=False).registrations
        assert counts(regs).by_state["no_show"] == 1
        with pytest.raises(RegistrationError, match="state waiting"):
            check_in(ev, regs, "r3", later)


class TestCounts:
    def test_counts_per_partner_and_state(self):
        ev = event(capacity=2, waiting_list=2, approval=False)
        _, regs = fill(ev, [sub(1, "ZIB"), sub(2, "Stadt"), sub(3, "ZIB"), sub(4)])
        regs = cancel(ev, regs, "r2", NOW).registrations
        result = counts(regs)
        assert result.total == 4
        assert result.seats_taken == 2
        assert result.by_state == {
            "confirmed": 2,
            "waiting": 1,
            "pending": 0,
            "cancelled": 1,
            "attended": 0,
            "no_show": 0,
        }
        assert result.by_partner["ZIB"]["confirmed"] == 2
        assert result.by_partner["Stadt"]["cancelled"] == 1
        assert result.by_partner[""]["waiting"] == 1


class TestBadInput:
    @pytest.mark.parametrize(
        ("settings", "name"),
        [
            ({"capacity": -1}, "capacity"),
            ({"capacity": 1.5}, "capacity"),
            ({"waiting_list": True}, "waiting_list"),
            ({"quotas": {"ZIB": -1}}, "quotas"),
            ({"quota_full": "maybe"}, "quota_full"),
            ({"start": date(2026, 6, 10)}, "start"),
            ({"end": datetime(2026, 6, 9)}, "end"),
            ({"closes": datetime(2026, 2, 1)}, "closes"),
            ({"min_age_without_consent": 0}, "min_age_without_consent"),
            ({"retention_days": None}, "retention_days"),
        ],
    )
    def test_settings(self, settings, name):
        with pytest.raises(RegistrationError) as info:
            event(**settings)
        assert info.value.field == name
        assert info.value.msgid == "error_registration_setting"

    def test_mixed_time_zones(self):
        from datetime import UTC

        with pytest.raises(RegistrationError, match="time zone"):
            event(end=datetime(2026, 6, 11, tzinfo=UTC))

    @pytest.mark.parametrize("email", ["", "no-at-sign", None, 42])
    def test_email(self, email):
        with pytest.raises(RegistrationError) as info:
            decide(event(), (), Submission("x", email, NOW), NOW)
        assert info.value.field == "email"

    @pytest.mark.parametrize(
        "now", [date(2026, 4, 1), "2026-04-01", datetime(2026, 4, 1, tzinfo=UTC)]
    )
    def test_now(self, now):
        _, regs = fill(event(), [sub(1)])
        for call in (
            lambda: decide(event(), (), sub(2), now),
            lambda: cancel(event(), regs, "r1", now),
            lambda: check_in(event(), regs, "r1", now),
        ):
            with pytest.raises(RegistrationError) as info:
                call()
            assert info.value.field == "now"

    def test_submission_id_and_created(self):
        _, regs = fill(event(), [sub(1)])
        with pytest.raises(RegistrationError, match="already used"):
            decide(event(), regs, Submission("r1", "other@example.org", NOW), NOW)
        with pytest.raises(RegistrationError) as info:
            decide(event(), (), Submission("x", "a@b.de", "yesterday"), NOW)
        assert info.value.field == "created"

    def test_approve_only_pending_or_waiting(self):
        ev = event(approval=True)
        _, regs = fill(ev, [sub(1)])
        regs = cancel(ev, regs, "r1", NOW).registrations
        with pytest.raises(RegistrationError, match="does not await approval"):
            approve(ev, regs, "r1")

    def test_registration_state_and_position(self):
        with pytest.raises(RegistrationError):
            Registration("x", "a@b.de", NOW, state="lost")
        with pytest.raises(RegistrationError):
            Registration("x", "a@b.de", NOW, state="waiting")


class TestLimits:
    @pytest.mark.parametrize("name", ["capacity", "waiting_list"])
    def test_more_than_max_seats_is_a_setting_error(self, name):
        from kooperation.registrations.rules import MAX_SEATS

        assert event(**{name: MAX_SEATS}) is not None
        with pytest.raises(RegistrationError) as info:
            event(**{name: MAX_SEATS + 1})
        assert info.value.field == name


class TestTally:
    def test_deciding_on_a_tally_is_deciding_on_the_registrations(self):
        from kooperation.registrations.rules import decide_on
        from kooperation.registrations.rules import tally

        ev = event(capacity=2, waiting_list=2, quotas={"ZIB": 1})
        _, regs = fill(ev, [sub(1, "ZIB"), sub(2), sub(3)])
        for new in (sub(4, "ZIB"), sub(5)):
            assert decide(ev, regs, new, NOW) == decide_on(ev, tally(regs), new, NOW)
