"""The demo site profile holds the network and the report of the two seed documents."""

from plone import api

import pytest


class TestDemoProfile:
    @pytest.fixture(autouse=True)
    def _setup(self, demo_portal):
        self.portal = demo_portal

    def test_oberhausen_network_is_published(self):
        network = self.portal["oberhausen"]
        assert network.Title() == "Netzwerk Quartier Oberhausen-Innenstadt"
        assert api.content.get_state(network) == "published"

    def test_agreement_text_is_complete(self, demo_profile):
        source = demo_profile / "sources" / "000_kooperationserklaerung_oberhausen_2015.txt"
        html = self.portal["oberhausen"]["kooperationserklaerung-2015"].text.raw
        for heading in ("I. Präambel", "V. Datenschutz", "VII. Gültigkeit der Vereinbarung"):
            assert heading in source.read_text()
            assert heading in html
        assert "Stand: 20.05.2015" in html

    def test_agreement_is_in_force_and_not_public(self):
        doc = self.portal["oberhausen"]["kooperationserklaerung-2015"]
        assert api.content.get_state(doc) == "in_force"
        with api.env.adopt_roles(["Anonymous"]):
            assert not api.user.has_permission("View", obj=doc)

    def test_agreement_of_seed_000(self):
        from datetime import date
        from kooperation.agreements.deadlines import deadlines_for
        from kooperation.agreements.signatures import signatures

        network = self.portal["oberhausen"]
        agreement = network["kooperationserklaerung-2015"]
        # The 2015 parties, then Stadt Oberhausen, which joined by the 1st amendment (2016).
        parties = ("jobcenter-oberhausen", "bfo", "zib", "stadt-oberhausen")
        assert [network[p].UID() for p in parties] == list(agreement.parties)
        assert agreement.intended_parties == []
        records = signatures(agreement)
        assert len(records) == 3
        assert {r.date for r in records.values()} == {date(2015, 5, 20)}
        assert all(r.evidence is not None and r.on_behalf for r in records.values())
        result = deadlines_for(agreement, date(2015, 6, 1))
        assert result.in_force_since == date(2015, 5, 20)
        assert result.current_term_end == date(2016, 5, 19)
        assert result.notice_deadline == date(2015, 11, 19)

    def test_written_by_the_network_s_people_not_the_admin(self):
        from kooperation.meetings.corrections import versions

        network = self.portal["oberhausen"]
        minutes = network["runder-tisch-arbeitsmarkt"]["2026-09-15"]["protokoll"]
        assert network.listCreators() == ("koordination",)
        assert network["kooperationserklaerung-2015"].listCreators() == ("koordination",)
        assert minutes.listCreators() == ("redaktion",)
        assert [v["by"] for v in versions(minutes)] == ["redaktion"]
        report = self.portal["weinheimer-initiative"]["kreis-offenbach"]["bericht-2018-q4"]
        assert report.listCreators() == ("kreis-offenbach",)

    def test_report_of_kreis_offenbach(self):
        report = self.portal["weinheimer-initiative"]["kreis-offenbach"]["bericht-2018-q4"]
        assert "219 Maßnahmenplätzen (130 SGB VIII, 89 SGB II, 31 Plätze frei" in report.text.raw

    def test_catalog_finds_demo_content_by_german_words(self):
        with api.env.adopt_roles(["Manager"]):
            brains = api.content.find(SearchableText="Jugendberatungsbüro")
        assert "bericht-2018-q4" in [b.getId for b in brains]


class TestDemoCatalog:
    @pytest.fixture(autouse=True)
    def _setup(self, demo_portal):
        self.portal = demo_portal

    def test_deadline_indexes_as_of_today(self):
        from datetime import date
        from kooperation.agreements.deadlines import deadlines_for

        agreement = self.portal["oberhausen"]["kooperationserklaerung-2015"]
        result = deadlines_for(agreement, date.today())
        with api.env.adopt_roles(["Manager"]):
            (brain,) = api.content.find(portal_type="Agreement")
        assert brain.deadline_status == "in_force"
        assert brain.notice_deadline == result.earliest_end_notice_deadline.isoformat()
        assert brain.term_end == result.current_term_end.isoformat()
        expected = min(result.earliest_end_notice_deadline, result.current_term_end)
        assert brain.next_deadline == expected.isoformat()
        assert brain.next_deadline >= date.today().isoformat()


class TestDemoWorkspace:
    def test_network_and_partner_groups(self, demo_portal):
        from kooperation.workspace import group_ids

        network = demo_portal["oberhausen"]
        assert set(group_ids(network)) == {"members", "editors", "coordinators"}
        for partner_id in ("jobcenter-oberhausen", "bfo", "zib", "stadt-oberhausen"):
            partner = network[partner_id]
            assert api.content.get_state(partner) == "published"
            assert partner["intern"].portal_type == "PartnerArea"
            assert set(group_ids(partner)) == {"staff", "signatories", "admins"}
        person = network["bfo"]["geschaeftsfuehrung"]
        assert api.content.get_state(person) == "internal"


class TestDemoAmendments:
    def test_one_effective_one_waiting_for_a_signature(self, demo_portal):
        from kooperation.agreements.signatures import missing_parties
        from kooperation.agreements.signatures import signatures

        agreement = demo_portal["oberhausen"]["kooperationserklaerung-2015"]
        first = agreement["1-aenderung-2016"]
        second = agreement["2-aenderung-2026"]
        assert api.content.get_state(first) == "effective"
        assert len(signatures(first)) == 4
        assert api.content.get_state(second) == "for_signature"
        zib = demo_portal["oberhausen"]["zib"].UID()
        assert missing_parties(second) == [zib]
        # The first changed the text in force; the second changes nothing yet.
        assert "4. Mitwirkung der Stadt Oberhausen" in agreement.text.raw
        assert "31. März" not in agreement.text.raw
        assert "§ 80 SGB VIII" in agreement.legal_bases
