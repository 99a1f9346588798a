"""Notices: the preview (what recording would do) and withdrawing a mistaken notice.

The seed agreement is in force since 20.05.2015 and renews by a year unless notice
reaches the others six months before the term ends (deadline 19.11. for 19.05.).
"""

from amendments_helpers import uid
from datetime import date
from datetime import timedelta
from kooperation.agreements.deadlines import deadlines_for
from kooperation.amendments import terminations
from kooperation.amendments.terminations import cancellation_outcome
from kooperation.amendments.terminations import notice_outcome
from kooperation.amendments.terminations import outcome_text
from kooperation.amendments.terminations import record_cancellation
from kooperation.amendments.terminations import record_notice
from kooperation.amendments.terminations import records
from kooperation.amendments.terminations import withdraw
from kooperation.amendments.terminations import withdrawal_refused
from kooperation.audit import get_log
from kooperation.common.errors import KooperationError
from plone import api

import pytest


def last_deadline(today):
    """The last 19.11. before ``today``: a notice received the day after is late."""
    year = today.year if today > date(today.year, 11, 19) else today.year - 1
    return date(year, 11, 19)


@pytest.fixture
def german(agreement):
    request = agreement.REQUEST
    request.set("LANGUAGE", "de")
    return request


class TestPreview:
    @pytest.fixture(autouse=True)
    def _setup(self, agreement, network, german):
        self.agreement = agreement
        self.network = network
        self.request = german

    def text(self, outcome):
        return outcome_text(outcome, self.request)

    def test_a_timely_notice(self):
        outcome = notice_outcome(self.agreement, uid(self.network, "bfo"), date(2015, 10, 1), True)
        assert self.text(outcome) == "fristgerecht — endet am 19.05.2016"

    def test_a_late_notice(self):
        outcome = notice_outcome(self.agreement, uid(self.network, "bfo"), date(2015, 11, 20), True)
        assert self.text(outcome) == "verspätet — endet frühestens am 19.05.2017"

    def test_without_written_form(self):
        outcome = notice_outcome(self.agreement, uid(self.network, "bfo"), date(2015, 10, 1), False)
        assert self.text(outcome) == "nicht wirksam — die Schriftform fehlt"

    def test_only_for_this_party(self):
        outcome = notice_outcome(
            self.agreement, uid(self.network, "zib"), date(2015, 10, 1), True, "others_continue"
        )
        text = self.text(outcome)
        assert text.startswith("fristgerecht — endet für ")
        assert "19.05.2016" in text
        assert "die anderen bleiben gebunden" in text

    def test_cancellation(self):
        outcome = cancellation_outcome(self.agreement, date(2015, 9, 1), date(2015, 12, 31))
        assert self.text(outcome) == "einvernehmliche Aufhebung — endet am 31.12.2015"

    def test_the_preview_stores_nothing(self):
        notice_outcome(self.agreement, uid(self.network, "bfo"), date(2015, 10, 1), True)
        assert list(records(self.agreement)) == []
        assert api.content.get_state(self.agreement) == "in_force"

    def test_the_record_is_the_preview(self):
        party = uid(self.network, "bfo")
        outcome = notice_outcome(self.agreement, party, date(2015, 10, 1), True)
        record = record_notice(self.agreement, party, date(2015, 10, 1), True)
        assert {key: record[key] for key in outcome} == outcome

    @pytest.mark.parametrize(
        ("party", "received", "field"),
        [
            (None, date(2015, 10, 1), "party"),
            ("stadt", date(2015, 10, 1), "party"),
            ("bfo", date.today() + timedelta(days=1), "received_on"),
            ("bfo", None, "received_on"),
        ],
    )
    def test_bad_input_names_its_field(self, party, received, field):
        party = uid(self.network, party) if party else None
        with pytest.raises(KooperationError) as info:
            notice_outcome(self.agreement, party, received, True)
        assert info.value.field == field


class TestWithdraw:
    @pytest.fixture(autouse=True)
    def _setup(self, agreement, network, german):
        self.agreement = agreement
        self.bfo = uid(network, "bfo")
        self.zib = uid(network, "zib")
        self.received = last_deadline(date.today()) + timedelta(days=1)

    def late_notice(self, party=None):
        with api.env.adopt_roles(["Manager"]):
            return record_notice(self.agreement, party or self.bfo, self.received, True)

    def test_a_late_notice_ends_it_in_a_year_and_a_half(self):
        record = self.late_notice()
        assert not record["timely"]
        assert record["end"] == date(self.received.year + 2, 5, 19)
        assert api.content.get_state(self.agreement) == "terminated"
        assert deadlines_for(self.agreement).final_end == record["end"]

    def test_withdrawing_restores_state_and_deadlines(self):
        before = deadlines_for(self.agreement)
        record = self.late_notice()
        with api.env.adopt_roles(["Manager"]):
            withdraw(self.agreement, record["id"], "  Falsche Partei erfasst  ")
        assert api.content.get_state(self.agreement) == "in_force"
        after = deadlines_for(self.agreement)
        assert after.final_end is None
        assert after.next_renewal == before.next_renewal
        assert record["withdrawn"]["reason"] == "Falsche Partei erfasst"
        assert terminations.ending(self.agreement) is None
        assert len(records(self.agreement)) == 1  # kept, marked withdrawn

    def test_the_withdrawal_is_audit_logged(self):
        record = self.late_notice()
        with api.env.adopt_roles(["Manager"]):
            withdraw(self.agreement, record["id"], "Versehen")
        entry = next(get_log().entries(action="notice_withdrawn"))
        assert entry.details["reason"] == "Versehen"
        assert entry.details["notice"] == record["id"]

    def test_a_reason_is_required(self):
        record = self.late_notice()
        with pytest.raises(KooperationError) as info:
            withdraw(self.agreement, record["id"], "   ")
        assert info.value.field == "reason"
        assert api.content.get_state(self.agreement) == "terminated"

    def test_not_twice(self):
        record = self.late_notice()
        with api.env.adopt_roles(["Manager"]):
            withdraw(self.agreement, record["id"], "Versehen")
        with pytest.raises(KooperationError) as info:
            withdraw(self.agreement, record["id"], "Versehen")
        assert info.value.field == "state"

    def test_not_once_a_later_record_relies_on_it(self):
        first = self.late_notice()
        second = self.late_notice(self.zib)
        refused = withdrawal_refused(self.agreement, first)
        assert refused is not None
        assert refused.field == "state"
        assert withdrawal_refused(self.agreement, second) is None

    def test_not_on_or_after_its_last_day(self):
        record = self.late_notice()
        assert (
            withdrawal_refused(self.agreement, record, today=record["end"] - timedelta(1)) is None
        )
        refused = withdrawal_refused(self.agreement, record, today=record["end"])
        assert refused is not None
        assert refused.field == "state"

    def test_not_once_the_agreement_ended(self):
        with api.env.adopt_roles(["Manager"]):
            record = record_cancellation(self.agreement, date(2015, 9, 1), date(2015, 12, 31))
        assert api.content.get_state(self.agreement) == "ended"
        refused = withdrawal_refused(self.agreement, record)
        assert refused is not None
        assert refused.field == "state"

    def test_a_notice_without_written_form_can_be_withdrawn_any_time(self):
        with api.env.adopt_roles(["Manager"]):
            record = record_notice(self.agreement, self.bfo, date(2015, 10, 1), False)
        assert withdrawal_refused(self.agreement, record) is None

    def test_an_unknown_id(self):
        with pytest.raises(KooperationError) as info:
            withdraw(self.agreement, "nope", "Versehen")
        assert info.value.field == "notice"
