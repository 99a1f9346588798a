"""find_deadlines: the one catalog query behind the dashboard, CSV, iCal and REST."""

from dashboard_data import WINDOW
from datetime import date
from datetime import timedelta
from kooperation.common.errors import KooperationError
from kooperation.dashboard.query import deadline_row
from kooperation.dashboard.query import DEFAULT_STATES
from kooperation.dashboard.query import find_deadlines
from kooperation.dashboard.query import parse_filters
from kooperation.deadlines import shift_months
from plone import api
from plone.app.testing import login
from plone.app.testing import logout
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from Products.ZCatalog.CatalogBrains import AbstractCatalogBrain

import kooperation.agreements.deadlines
import pytest


def ids(brains):
    return [brain.getId for brain in brains]


class TestIndexedDates:
    """The table of conftest holds: the dates come from the indexes as of INDEX_DAY."""

    @pytest.fixture(autouse=True)
    def _setup(self, portal, agreements):
        self.catalog = api.portal.get_tool("portal_catalog")

    @pytest.mark.parametrize(
        ("agreement_id", "notice", "term_end", "spheres"),
        [
            ("alpha", "2026-05-31", "2026-08-31", ("SGB II", "SGB VIII")),
            ("beta", "2026-11-30", "2026-05-31", ("SGB III", "SGB VIII")),
            ("gamma", "2026-10-31", "2026-11-30", ("SGB II", "SGB III")),
            ("delta", "2026-12-31", "2026-03-31", ("SGB II", "SGB III")),
            ("eta", "2026-05-31", "2026-08-31", ("SGB II", "SGB VIII")),
            ("zeta", None, "2026-05-31", ("SGB III", "SGB VIII")),
        ],
    )
    def test_indexed(self, agreement_id, notice, term_end, spheres):
        (brain,) = self.catalog.unrestrictedSearchResults(getId=agreement_id)
        assert brain.notice_deadline == notice
        assert brain.term_end == term_end
        assert tuple(brain.legal_spheres) == spheres


class TestFindDeadlines:
    @pytest.fixture(autouse=True)
    def _setup(self, portal, agreements):
        setRoles(portal, TEST_USER_ID, ["Manager"])
        self.portal = portal
        self.net = agreements["net"]
        self.agreements = agreements

    def find(self, context=None, **filters):
        return ids(find_deadlines(context or self.net, **{**WINDOW, **filters}))

    def uid(self, partner_id):
        return self.net[partner_id].UID()

    def test_window_of_the_network(self):
        # Sorted by the next date that calls for action (next_deadline), then title.
        assert self.find() == ["delta", "alpha", "beta", "zeta"]

    @pytest.mark.parametrize("limit", [1, 2, 3, 4, 10])
    def test_a_page_is_the_head_of_the_sorted_list(self, limit):
        """The page path (walking next_deadline) gives what the catalog sort gives."""
        brains = find_deadlines(self.net, limit=limit, **WINDOW)
        assert brains.actual_result_count == 4
        assert ids(brains[:limit]) == ["delta", "alpha", "beta", "zeta"][:limit]

    def test_without_record_ids_the_catalog_sorts(self, monkeypatch):
        import kooperation.dashboard.query as query

        monkeypatch.setattr(query, "first_in_order", lambda *args: None)
        assert ids(find_deadlines(self.net, limit=2, **WINDOW)[:2]) == ["delta", "alpha"]

    def test_notice_deadline_or_term_end_in_window(self):
        rows = {row["uid"]: row for row in map(deadline_row, find_deadlines(self.net, **WINDOW))}
        alpha = rows[self.agreements["alpha"].UID()]
        assert alpha["notice_deadline"] == date(2026, 5, 31)  # in the window
        assert alpha["term_end"] == date(2026, 8, 31)  # after it
        beta = rows[self.agreements["beta"].UID()]
        assert beta["notice_deadline"] == date(2026, 11, 30)  # after it
        assert beta["term_end"] == date(2026, 5, 31)  # in the window

    def test_notice_given_only_term_end_counts(self):
        row = deadline_row(find_deadlines(self.net, **WINDOW, review_state=["terminated"])[0])
        assert row["title"] == "Delta"
        assert row["notice_deadline"] is None
        assert row["term_end"] == date(2026, 3, 31)
        # eta: notice deadline 31.05. in the window, but notice is given; term end 31.08.
        assert "eta" not in self.find()
        assert "eta" in self.find(start=date(2026, 8, 1), end=date(2026, 8, 31))

    def test_window_ends_are_included(self):
        day = date(2026, 5, 31)
        assert self.find(start=day, end=day) == ["alpha", "beta", "zeta"]
        assert self.find(start=date(2026, 6, 1), end=date(2026, 7, 31)) == []
        assert self.find(start=date(2026, 3, 31), end=date(2026, 3, 31)) == ["delta"]

    def test_later_window(self):
        found = self.find(start=date(2026, 8, 1), end=date(2026, 12, 31))
        assert found == ["alpha", "beta", "eta", "gamma"]

    @pytest.mark.parametrize(
        ("partner", "expected"),
        [
            ("a", ["delta", "alpha"]),
            ("b", ["alpha", "beta", "zeta"]),
            ("c", ["delta", "beta", "zeta"]),
        ],
    )
    def test_partner(self, partner, expected):
        assert self.find(partner=self.uid(partner)) == expected

    def test_unknown_partner(self):
        assert self.find(partner="0" * 32) == []

    @pytest.mark.parametrize(
        ("states", "expected"),
        [
            (["in_force"], ["alpha", "beta"]),
            (["terminated"], ["delta"]),
            (["for_signature"], ["zeta"]),
            (["in_force", "for_signature"], ["alpha", "beta", "zeta"]),
            (["draft"], []),
        ],
    )
    def test_state(self, states, expected):
        assert self.find(review_state=states) == expected

    def test_one_state_as_a_string(self):
        assert self.find(review_state="terminated") == ["delta"]

    @pytest.mark.parametrize(
        ("sphere", "expected"),
        [
            ("SGB II", ["delta", "alpha"]),
            ("SGB III", ["delta", "beta", "zeta"]),
            ("SGB VIII", ["alpha", "beta", "zeta"]),
            ("Schulrecht", []),
        ],
    )
    def test_legal_sphere(self, sphere, expected):
        assert self.find(legal_sphere=sphere) == expected

    def test_filters_combine(self):
        found = self.find(partner=self.uid("c"), review_state=["in_force"], legal_sphere="SGB III")
        assert found == ["beta"]

    def test_site_root_sees_all_networks(self):
        assert "omega" not in self.find()
        assert self.find(self.portal) == ["delta", "alpha", "beta", "omega", "zeta"]
        assert self.find(self.portal, legal_sphere="Schulrecht") == ["omega"]

    def test_partner_context_lists_its_agreements(self):
        assert self.find(self.net["a"]) == ["delta", "alpha"]
        # A partner asked for as well: both must be parties.
        assert self.find(self.net["a"], partner=self.uid("b")) == ["alpha"]
        assert self.find(self.agreements["net2"]["x"]) == ["omega"]

    def test_default_states(self):
        assert DEFAULT_STATES == ("for_signature", "in_force", "terminated")

    def test_end_before_start(self):
        with pytest.raises(KooperationError) as error:
            find_deadlines(self.net, start=date(2026, 2, 1), end=date(2026, 1, 31))
        assert error.value.field == "end"

    def test_rows_from_metadata(self):
        (brain,) = find_deadlines(
            self.net, **WINDOW, review_state=["in_force"], partner=self.uid("a")
        )
        row = deadline_row(brain, today=date(2026, 5, 1))
        assert row == {
            "uid": self.agreements["alpha"].UID(),
            "title": "Alpha",
            "url": self.agreements["alpha"].absolute_url(),
            "review_state": "in_force",
            "notice_deadline": date(2026, 5, 31),
            "term_end": date(2026, 8, 31),
            "earliest_end": date(2026, 8, 31),
            "parties": ("Partner A", "Partner B"),
            "days_left": 30,
        }


class TestNoObjectsWoken:
    @pytest.fixture(autouse=True)
    def _setup(self, portal, agreements, monkeypatch):
        setRoles(portal, TEST_USER_ID, ["Manager"])
        self.net = agreements["net"]

        def refuse(*args, **kwargs):
            raise AssertionError("an object was woken or a deadline computed on the fly")

        monkeypatch.setattr(AbstractCatalogBrain, "getObject", refuse)
        monkeypatch.setattr(AbstractCatalogBrain, "_unrestrictedGetObject", refuse)
        monkeypatch.setattr(kooperation.agreements.deadlines, "compute", refuse)

    def test_query_and_rows(self):
        rows = [deadline_row(brain) for brain in find_deadlines(self.net, **WINDOW)]
        assert [row["title"] for row in rows] == ["Delta", "Alpha", "Beta", "Zeta"]

    def test_views_exports_and_service(self, layer_request):
        from kooperation.dashboard.export import DeadlinesCSV
        from kooperation.dashboard.export import DeadlinesICal
        from kooperation.dashboard.service import DeadlinesGet

        layer_request.form.update({"start": "2026-02-01", "end": "2026-07-31"})
        html = api.content.get_view("deadlines", self.net, layer_request)()
        assert "Alpha" in html
        assert b"Alpha" in DeadlinesCSV(self.net, layer_request)()
        assert b"Alpha" in DeadlinesICal(self.net, layer_request)()
        service = DeadlinesGet()
        service.context, service.request = self.net, layer_request
        assert [i["title"] for i in service.reply()["items"]] == ["Delta", "Alpha", "Beta", "Zeta"]


class TestPermissions:
    """The test user owns what it created; others see what their roles let them."""

    @pytest.fixture(autouse=True)
    def _setup(self, portal, agreements):
        self.portal = portal
        self.net = agreements["net"]
        with api.env.adopt_roles(["Manager"]):
            api.user.create(email="m@example.org", username="member", password="secret-pw-123")
            api.user.create(email="r@example.org", username="reader", password="secret-pw-123")
            api.user.grant_roles(username="reader", obj=self.net, roles=["Reader"])
            self.net.reindexObjectSecurity()  # the catalog learns of the local role

    def test_member_without_roles_sees_nothing(self):
        login(self.portal, "member")
        assert list(find_deadlines(self.portal, **WINDOW)) == []

    def test_reader_of_one_network(self):
        login(self.portal, "reader")
        assert ids(find_deadlines(self.portal, **WINDOW)) == ["delta", "alpha", "beta", "zeta"]

    def test_anonymous_sees_nothing(self):
        logout()
        assert list(find_deadlines(self.portal, **WINDOW)) == []
        assert list(find_deadlines(self.net, **WINDOW)) == []


class TestDefaultWindow:
    """Without start and end: today to 12 months later (indexed as of today)."""

    @pytest.fixture(autouse=True)
    def _setup(self, portal):
        from dashboard_data import make_agreement
        from dashboard_data import make_network
        from kooperation.deadlines import Period

        setRoles(portal, TEST_USER_ID, ["Manager"])
        self.today = date.today()
        self.net = make_network(portal, "heute", "ab")
        # Fixed start two months ago, 6 months, no renewal: ends in about 4 months.
        self.soon = make_agreement(
            self.net,
            "bald",
            "Bald",
            "ab",
            self.today - timedelta(days=1),
            "in_force",
            {
                "effective_rule": "fixed_date",
                "effective_date": shift_months(self.today, -2),
                "initial_term": Period(6, "months"),
                "renewal_term": None,
            },
        )
        # Fixed start far ahead: its dates lie beyond the default window.
        self.later = make_agreement(
            self.net,
            "spaeter",
            "Später",
            "ab",
            self.today - timedelta(days=1),
            "for_signature",
            {
                "effective_rule": "fixed_date",
                "effective_date": self.today + timedelta(days=800),
                "initial_term": Period(6, "months"),
                "renewal_term": None,
            },
        )

    def test_default_window(self):
        assert ids(find_deadlines(self.net)) == ["bald"]
        filters = parse_filters({})
        assert filters.start == self.today
        assert filters.end == shift_months(self.today, 12)
        assert ids(find_deadlines(self.net, **filters.query())) == ["bald"]

    def test_days_left(self):
        (brain,) = find_deadlines(self.net)
        row = deadline_row(brain)
        assert row["term_end"] > self.today
        assert row["days_left"] == (row["term_end"] - self.today).days

    def test_months(self):
        assert ids(find_deadlines(self.net, **parse_filters({"months": "1"}).query())) == []
        assert ids(find_deadlines(self.net, **parse_filters({"months": "6"}).query())) == ["bald"]


class TestParseFilters:
    TODAY = date(2026, 11, 22)

    def parse(self, **form):
        return parse_filters(form, today=self.TODAY)

    def test_defaults(self):
        filters = self.parse()
        assert (filters.start, filters.end) == (self.TODAY, date(2027, 11, 22))
        assert filters.review_state == DEFAULT_STATES
        assert filters.partner is None
        assert filters.legal_sphere is None
        assert filters.query_string() == ""

    def test_values(self):
        filters = self.parse(
            start="2026-02-01",
            end="2026-07-31",
            partner="abc",
            review_state=["in_force", "terminated"],
            legal_sphere="SGB II",
        )
        assert filters.query() == {
            "start": date(2026, 2, 1),
            "end": date(2026, 7, 31),
            "partner": "abc",
            "review_state": ("in_force", "terminated"),
            "legal_sphere": "SGB II",
        }
        assert filters.query_string() == (
            "start=2026-02-01&end=2026-07-31&partner=abc"
            "&review_state=in_force&review_state=terminated&legal_sphere=SGB+II"
        )

    def test_comma_separated_states(self):
        assert self.parse(review_state="in_force,ended").review_state == ("in_force", "ended")

    def test_months(self):
        assert self.parse(months="3").end == date(2027, 2, 22)
        assert self.parse(start="2026-01-31", months="1").end == date(2026, 2, 28)
        assert self.parse(months="3", end="2026-12-01").end == date(2026, 12, 1)

    @pytest.mark.parametrize(
        ("form", "field"),
        [
            ({"start": "2026-13-01"}, "start"),
            ({"end": "gestern"}, "end"),
            ({"start": "2026-02-01", "end": "2026-01-31"}, "end"),
            ({"months": "zwölf"}, "months"),
            ({"months": "0"}, "months"),
            ({"months": "121"}, "months"),
            ({"review_state": "published"}, "review_state"),
            ({"legal_sphere": "SGB XII"}, "legal_sphere"),
            ({"partner": ["a", "b"]}, "partner"),
            ({"start": ["2026-01-01", "2026-02-01"]}, "start"),
        ],
    )
    def test_bad_input(self, form, field):
        with pytest.raises(KooperationError) as error:
            self.parse(**form)
        assert error.value.field == field
