"""Classic UI: @@deadlines on a network and on the site, @@my-signatures."""

from datetime import date
from kooperation.agreements.signatures import record_signature
from kooperation.workspace import confirm_person
from lxml import html as lxml_html
from plone import api
from plone.app.testing import login
from plone.app.testing import logout
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from urllib.parse import parse_qs
from urllib.parse import urlsplit
from zExceptions import Unauthorized

import pytest


WINDOW_FORM = {"start": "2026-02-01", "end": "2026-07-31"}


def render(name, context, request, **form):
    request.form.clear()
    request.form.update(form)
    return lxml_html.fromstring(api.content.get_view(name, context, request)())


def table(doc):
    return [
        [cell.text_content().strip() for cell in row.findall("td")]
        for row in doc.xpath("//table[@id='deadlines-table']/tbody/tr")
    ]


class TestDeadlinesView:
    @pytest.fixture(autouse=True)
    def _setup(self, portal, agreements, layer_request):
        setRoles(portal, TEST_USER_ID, ["Manager"])
        self.portal = portal
        self.net = agreements["net"]
        self.request = layer_request

    def test_table(self):
        doc = render("deadlines", self.net, self.request, **WINDOW_FORM)
        rows = table(doc)
        assert [row[0] for row in rows] == ["Delta", "Alpha", "Beta", "Zeta"]
        delta, alpha, beta, zeta = rows
        assert alpha[1] == "Partner A, Partner B"
        assert alpha[2] == "In Kraft"
        assert alpha[3] == "31.05.2026"
        assert alpha[4] == "31.08.2026"
        assert int(alpha[5]) == (date(2026, 5, 31) - date.today()).days
        assert delta[2] == "Gekündigt"
        assert delta[3] == ""  # notice given: no notice deadline
        assert delta[4] == "31.03.2026"
        assert zeta[2] == "Zur Unterschrift"
        assert beta[3:5] == ["30.11.2026", "31.05.2026"]
        links = doc.xpath("//table[@id='deadlines-table']//a/@href")
        assert links[1] == self.net["alpha"].absolute_url()
        assert "01.02.2026" in doc.get_element_by_id("deadlines-period").text_content()

    def test_filters(self):
        doc = render(
            "deadlines",
            self.net,
            self.request,
            **WINDOW_FORM,
            partner=self.net["c"].UID(),
            review_state=["in_force", "for_signature"],
        )
        assert [row[0] for row in table(doc)] == ["Beta", "Zeta"]
        doc = render("deadlines", self.net, self.request, **WINDOW_FORM, legal_sphere="SGB II")
        assert [row[0] for row in table(doc)] == ["Delta", "Alpha"]

    def test_filter_form(self):
        doc = render(
            "deadlines",
            self.net,
            self.request,
            partner=self.net["b"].UID(),
            review_state="in_force",
            legal_sphere="SGB VIII",
            months="6",
        )
        form = doc.get_element_by_id("deadlines-filter")
        partners = form.xpath(".//select[@name='partner']/option")
        assert [o.get("value") for o in partners][:1] == [""]  # all partners
        assert [o.text for o in partners][1:] == ["Partner A", "Partner B", "Partner C"]
        assert form.xpath(".//select[@name='partner']/option[@selected]/@value") == [
            self.net["b"].UID()
        ]
        assert form.xpath(".//input[@name='review_state'][@checked]/@value") == ["in_force"]
        assert form.xpath(".//input[@name='review_state']/@value") == [
            "for_signature",
            "in_force",
            "terminated",
        ]
        assert form.xpath(".//select[@name='legal_sphere']/option[@selected]/@value") == [
            "SGB VIII"
        ]
        assert form.xpath(".//select[@name='months']/option[@selected]/@value") == ["6"]

    def test_partners_of_the_site(self):
        doc = render("deadlines", self.portal, self.request)
        options = doc.xpath("//select[@name='partner']/option/@value")[1:]
        assert len(options) == 5  # a, b, c and x, y of the other network

    def test_export_links_carry_the_filters(self):
        partner = self.net["c"].UID()
        doc = render(
            "deadlines",
            self.net,
            self.request,
            partner=partner,
            review_state=["in_force", "terminated"],
            legal_sphere="SGB III",
            months="6",
        )
        for link_id, name in (
            ("deadlines-csv", "deadlines.csv"),
            ("deadlines-ical", "deadlines.ics"),
        ):
            url = urlsplit(doc.get_element_by_id(link_id).get("href"))
            assert url.path.endswith(f"/net/@@{name}")
            assert parse_qs(url.query) == {
                "months": ["6"],
                "partner": [partner],
                "review_state": ["in_force", "terminated"],
                "legal_sphere": ["SGB III"],
            }

    def test_site_root(self):
        doc = render("deadlines", self.portal, self.request, **WINDOW_FORM)
        assert [row[0] for row in table(doc)] == ["Delta", "Alpha", "Beta", "Omega", "Zeta"]

    def test_bad_input_is_shown(self):
        doc = render("deadlines", self.net, self.request, start="01.02.2026")
        error = doc.get_element_by_id("deadlines-error").text_content()
        assert "JJJJ-MM-TT" in error
        assert table(doc) == []

    def test_empty(self):
        doc = render("deadlines", self.net, self.request, start="2026-06-01", end="2026-07-31")
        assert doc.get_element_by_id("deadlines-empty") is not None

    def test_anonymous_sees_no_agreements(self):
        logout()
        doc = render("deadlines", self.portal, self.request, **WINDOW_FORM)
        assert table(doc) == []


class TestMySignatures:
    @pytest.fixture(autouse=True)
    def _setup(self, portal, agreements, layer_request):
        self.portal = portal
        self.net = agreements["net"]
        self.request = layer_request
        with api.env.adopt_roles(["Manager"]):
            self.pending = api.content.create(
                container=self.net,
                type="Agreement",
                id="offen",
                title="Offene Vereinbarung",
                parties=[self.net[p].UID() for p in "abc"],
            )
            api.content.transition(obj=self.pending, transition="freeze_for_signature")
            record_signature(
                self.pending, self.net["a"]["boss"].UID(), date(2026, 1, 10), "boss-a", False
            )
            for name in ("boss-a", "boss-b", "boss-c", "nobody"):
                api.user.create(
                    email=f"{name}@example.org", username=name, password="secret-pw-123"
                )
                api.user.grant_roles(username=name, obj=self.net, roles=["Signatory", "Reader"])
            self.net.reindexObjectSecurity()

    def rows(self, user):
        login(self.portal, user)
        doc = render("my-signatures", self.portal, self.request)
        return [
            (
                row.findall("td")[0].text_content().strip(),
                row.findall("td")[1].text_content().strip(),
                row.xpath(".//a/@href"),
            )
            for row in doc.xpath("//table[@id='my-signatures']/tbody/tr")
        ]

    def test_signatory_of_a_party_that_has_not_signed(self):
        url = self.pending.absolute_url()
        assert self.rows("boss-b") == [("Offene Vereinbarung", "Partner B", [url, f"{url}/@@sign"])]

    def test_party_has_signed(self):
        assert self.rows("boss-a") == []

    def test_not_a_signatory(self):
        assert self.rows("nobody") == []
        doc = render("my-signatures", self.portal, self.request)
        assert doc.get_element_by_id("my-signatures-empty") is not None

    def test_not_entitled(self):
        self.net["c"]["boss"].may_sign = False
        assert self.rows("boss-c") == []
        self.net["c"]["boss"].may_sign = True
        self.net["c"]["boss"].signing_until = date(2020, 12, 31)
        assert self.rows("boss-c") == []

    def test_signatory_of_two_parties(self):
        self.net["c"]["boss"].user_id = "boss-b"
        confirm_person(self.net["c"]["boss"], by="test")
        assert self.rows("boss-b")[0][1] == "Partner B, Partner C"

    def test_agreements_in_force_are_not_listed(self):
        # alpha (in force) and zeta (for signature, all signed) name Partner B too.
        titles = [row[0] for row in self.rows("boss-b")]
        assert titles == ["Offene Vereinbarung"]

    def test_anonymous_must_log_in(self):
        logout()
        with pytest.raises(Unauthorized):
            render("my-signatures", self.portal, self.request)
