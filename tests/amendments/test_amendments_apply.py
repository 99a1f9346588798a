"""The seed agreement amended twice in the portal: nothing changes until every party signed;
then the text, parties and rules change from the effective date, with a version each."""

from amendments_helpers import add_amendment
from amendments_helpers import sign
from amendments_helpers import to_signature
from amendments_helpers import uid
from amendments_scenario import FIRST
from amendments_scenario import SECOND
from datetime import date
from kooperation.agreements.deadlines import deadlines_for
from kooperation.agreements.validity import IValidityRules
from kooperation.amendments.model import version_on
from kooperation.amendments.texts import AmendmentError
from kooperation.amendments.texts import section_map
from kooperation.common.errors import KooperationError
from kooperation.deadlines import Period
from plone import api

import pytest


ALL3 = ("jobcenter", "bfo", "zib")


def first(agreement):
    return add_amendment(
        agreement,
        id="aenderung-1",
        title="1. Änderung",
        changes=[c.to_json() for c in FIRST.changes],
        legal_bases_added=list(FIRST.legal_bases_added),
    )


def second(agreement, network):
    return add_amendment(
        agreement,
        id="aenderung-2",
        title="2. Änderung",
        changes=[c.to_json() for c in SECOND.changes],
        parties_joining=[uid(network, "stadt")],
        rules={"notice_period": {"value": 3, "unit": "months"}},
        effective_rule="fixed_date",
        fixed_date=date(2017, 1, 1),
    )


def vii(html):
    return section_map(html)["VII"].text


class TestTwoAmendments:
    @pytest.fixture(autouse=True)
    def _setup(self, agreement, network):
        self.agreement = agreement
        self.network = network
        self.one = to_signature(first(agreement))
        sign(self.one, network, ALL3, date(2016, 3, 1))
        self.two = to_signature(second(agreement, network))
        sign(self.two, network, ("jobcenter", "bfo", "zib", "stadt"), date(2016, 12, 12))

    def test_both_are_effective_and_applied(self):
        assert api.content.get_state(self.one) == "effective"
        assert self.one.effective_on == date(2016, 3, 1)
        assert self.two.effective_on == date(2017, 1, 1)
        assert self.one.applied_on
        assert self.two.applied_on

    def test_the_fourth_party_had_to_sign_the_second(self):
        assert set(self.two.parties) == {uid(self.network, p) for p in (*ALL3, "stadt")}
        assert set(self.one.parties) == {uid(self.network, p) for p in ALL3}

    @pytest.mark.parametrize(
        ("day", "parties", "notice", "amended", "four_in_text"),
        [
            (date(2015, 5, 20), 3, 6, False, False),
            (date(2016, 2, 29), 3, 6, False, False),
            (date(2016, 3, 1), 3, 6, True, False),
            (date(2016, 12, 31), 3, 6, True, False),
            (date(2017, 1, 1), 4, 3, True, True),
        ],
    )
    def test_text_and_rules_on_five_dates(self, day, parties, notice, amended, four_in_text):
        version = version_on(self.agreement, day)
        assert len(version.fields.parties) == parties
        assert version.fields.rules.notice_period == Period(notice, "months")
        assert ("jährlichen gemeinsamen Bericht" in version.html) is amended
        assert ("drei Monate" in vii(version.html)) is four_in_text
        assert ("VIII. Beitritt" in version.html) is four_in_text
        assert ("§ 13 SGB VIII" in version.fields.legal_bases) is amended

    def test_before_entry_into_force_there_is_no_text(self):
        with pytest.raises(AmendmentError) as info:
            version_on(self.agreement, date(2015, 5, 19))
        assert info.value.field == "date"

    def test_the_agreement_holds_todays_version(self):
        obj = self.agreement
        assert uid(self.network, "stadt") in obj.parties
        assert obj.intended_parties == []
        assert IValidityRules(obj).notice_period == Period(3, "months")
        assert "drei Monate" in vii(obj.text.raw)
        # still in force: the joined party signed the amendment, not the agreement
        assert deadlines_for(obj, date(2026, 1, 1)).status == "in_force"
        assert api.content.get_state(obj) == "in_force"

    def test_each_application_is_a_version_naming_the_amendment(self):
        repository = api.portal.get_tool("portal_repository")
        with api.env.adopt_roles(["Manager"]):
            history = repository.getHistoryMetadata(self.agreement)
            comments = [
                history.retrieve(i)["metadata"]["sys_metadata"]["comment"]
                for i in range(history.getLength(countPurged=False))
            ]
        assert "1. Änderung vom 01.03.2016" in comments
        assert "2. Änderung vom 01.01.2017" in comments

    def test_stand_names_the_last_amendment(self):
        version = version_on(self.agreement, date(2026, 1, 1))
        assert str(version.stand) == (
            "Version of 01.01.2017, last amended by 2. Änderung of 12.12.2016."
        )


class TestMissingSignature:
    def test_two_of_three_signatures_change_nothing(self, agreement, network):
        before_text = agreement.text.raw
        before_bases = list(agreement.legal_bases)
        one = to_signature(first(agreement))
        sign(one, network, ("jobcenter", "bfo"), date(2016, 3, 1))
        assert api.content.get_state(one) == "for_signature"
        assert one.effective_on is None
        assert agreement.text.raw == before_text
        assert agreement.legal_bases == before_bases
        version = version_on(agreement, date(2026, 1, 1))
        assert "jährlichen gemeinsamen Bericht" not in version.html

    def test_a_fixed_date_before_the_last_signature_is_refused(self, agreement, network):
        two = to_signature(second(agreement, network))
        with pytest.raises(KooperationError) as info:
            sign(two, network, ("jobcenter",), date(2017, 1, 2))
        assert info.value.field == "date"

    def test_a_draft_cannot_be_signed(self, agreement, network):
        one = first(agreement)
        with pytest.raises(KooperationError) as info:
            sign(one, network, ("jobcenter",), date(2016, 3, 1))
        assert info.value.msgid == "error_amendment_not_for_signature"

    def test_a_non_party_cannot_sign(self, agreement, network):
        one = to_signature(first(agreement))
        with pytest.raises(KooperationError) as info:
            sign(one, network, ("stadt",), date(2016, 3, 1))
        assert info.value.msgid == "error_signatory_not_party"

    def test_a_later_fixed_date_waits_for_the_daily_job(self, agreement, network):
        from kooperation.amendments.apply import apply_due

        one = first(agreement)
        one.effective_rule = "fixed_date"
        one.fixed_date = date(2099, 1, 1)
        to_signature(one)
        sign(one, network, ALL3, date(2016, 3, 1))
        assert api.content.get_state(one) == "effective"
        assert one.applied_on is None
        assert "jährlichen gemeinsamen Bericht" not in agreement.text.raw
        assert apply_due(agreement, date(2098, 12, 31)) == []
        assert apply_due(agreement, date(2099, 1, 1)) == [one]
        assert "jährlichen gemeinsamen Bericht" in agreement.text.raw
