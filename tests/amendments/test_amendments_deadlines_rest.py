"""Deadlines across amendments that change the rules (issue 22), over real HTTP.

The seed agreement (in force 20.05.2015, one year, renewed by one year, notice six
months before the end of the term) is amended once; ``@deadlines`` and
``@terminations`` answer with the rules in force on each day, not today's rules.
"""

from amendments_helpers import add_amendment
from amendments_helpers import build_agreement
from amendments_helpers import build_network
from amendments_helpers import sign
from amendments_helpers import to_signature
from amendments_helpers import uid
from datetime import date
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD

import pytest
import requests
import transaction


pytestmark = pytest.mark.slow

ALL3 = ("jobcenter", "bfo", "zib")

# rule changes, day of effect, day of the last signature
RENEWAL_TWO_YEARS = ({"renewal_term": {"value": 2, "unit": "years"}}, date(2017, 1, 1))
NOTICE_THREE_MONTHS = ({"notice_period": {"value": 3, "unit": "months"}}, date(2017, 3, 1))
FIXED_END = (
    {"initial_term": None, "end_date": "2019-12-31", "renewal_term": None},
    date(2018, 3, 1),
)
UNLIMITED_YEAR_END = (
    {
        "initial_term": None,
        "renewal_term": None,
        "notice_period": {"value": 3, "unit": "months"},
        "notice_anchor": "end_of_year",
    },
    date(2018, 5, 20),
)


@pytest.fixture
def amended(functional):
    """Build the seed agreement with one effective amendment; return a REST caller."""
    portal = functional["portal"]
    base = f"http://{functional['host']}:{functional['port']}/plone"

    def build(change):
        rules, effective = change
        network = build_network(portal)
        agreement = build_agreement(network)
        amendment = add_amendment(
            agreement,
            id="aenderung-1",
            title="1. Änderung",
            rules=rules,
            effective_rule="fixed_date",
            fixed_date=effective,
        )
        to_signature(amendment)
        sign(amendment, network, ALL3, date(effective.year - 1, 12, 1))
        assert amendment.effective_on == effective
        path = "/".join(agreement.getPhysicalPath()[2:])
        party = uid(network, "jobcenter")
        transaction.commit()

        def call(method, view, **kwargs):
            response = requests.request(
                method,
                f"{base}/{path}/{view}",
                headers={"Accept": "application/json", "Accept-Language": "de"},
                auth=(SITE_OWNER_NAME, SITE_OWNER_PASSWORD),
                timeout=60,
                **kwargs,
            )
            assert response.status_code < 300, response.text
            return response.json()

        call.party = party
        return call

    return build


def deadlines(call, day):
    return call("GET", f"@deadlines?date={day}")


def notice(call, received):
    body = {"kind": "notice", "party": call.party, "received_on": received, "written_form": True}
    return call("POST", "@terminations", json=body)


class TestRenewalChangedToTwoYears:
    def test_after_the_amendment_the_terms_last_two_years(self, amended):
        data = deadlines(amended(RENEWAL_TWO_YEARS), "2020-01-01")
        assert data["current_term_start"] == "2019-05-20"
        assert data["current_term_end"] == "2021-05-19"
        assert data["notice_deadline"] == "2020-11-19"
        assert data["earliest_end"] == "2021-05-19"
        assert data["earliest_end_notice_deadline"] == "2020-11-19"
        assert (
            "Seit der 1. Änderung vom 01.01.2017 verlängert sich die Vereinbarung um 2 Jahre."
            in data["explanation"]
        )

    def test_before_the_amendment_the_old_deadline_applied(self, amended):
        data = deadlines(amended(RENEWAL_TWO_YEARS), "2016-10-01")
        assert data["current_term_start"] == "2016-05-20"
        assert data["current_term_end"] == "2017-05-19"
        assert data["notice_deadline"] == "2016-11-19"
        assert data["earliest_end"] == "2017-05-19"
        assert data["next_renewal"] == "2017-05-20"


class TestNoticePeriodShortened:
    def test_the_deadline_of_the_old_period_has_passed(self, amended):
        data = deadlines(amended(NOTICE_THREE_MONTHS), "2017-01-15")
        assert data["current_term_end"] == "2017-05-19"
        assert data["notice_deadline"] == "2016-11-19"
        assert data["earliest_end"] == "2018-05-19"
        assert data["earliest_end_notice_deadline"] == "2018-02-19"

    def test_a_notice_before_the_amendment_is_judged_by_the_old_period(self, amended):
        data = notice(amended(NOTICE_THREE_MONTHS), "2017-02-10")
        assert data["timely"] is False
        assert data["end"] == "2018-05-19"
        assert "19.11.2016" in data["explanation"]


class TestFixedEndLater:
    def test_the_renewals_before_it_stay(self, amended):
        data = deadlines(amended(FIXED_END), "2016-12-01")
        assert data["current_term_start"] == "2016-05-20"
        assert data["current_term_end"] == "2017-05-19"
        assert data["next_renewal"] == "2017-05-20"
        assert data["notice_deadline"] == "2016-11-19"
        assert data["final_end"] == "2019-12-31"

    def test_the_term_running_on_its_day_ends_on_the_fixed_date(self, amended):
        data = deadlines(amended(FIXED_END), "2018-06-01")
        assert data["current_term_start"] == "2017-05-20"
        assert data["current_term_end"] == "2019-12-31"
        assert data["next_renewal"] is None
        assert data["final_end"] == "2019-12-31"


class TestSwitchToUnlimited:
    def test_a_notice_before_the_switch_ends_the_running_term(self, amended):
        data = notice(amended(UNLIMITED_YEAR_END), "2017-09-15")
        assert data["end"] == "2018-05-19"
        assert data["timely"] is True

    def test_after_the_switch_notice_goes_to_the_end_of_the_year(self, amended):
        data = deadlines(amended(UNLIMITED_YEAR_END), "2018-08-01")
        assert data["current_term_start"] == "2018-05-20"
        assert data["current_term_end"] is None
        assert data["earliest_end"] == "2018-12-31"
        assert data["earliest_end_notice_deadline"] == "2018-09-30"
