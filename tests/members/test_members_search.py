"""Listings through @search with our indexes and metadata (no object is woken)."""

from plone.restapi.search.handler import SearchHandler

import pytest


class TestSearch:
    @pytest.fixture(autouse=True)
    def _setup(self, demo_portal):
        self.portal = demo_portal
        self.request = demo_portal.REQUEST

    def _search(self, metadata_fields=(), **query):
        self.request.form.clear()
        # The serializer reads the metadata fields from the request, as over HTTP.
        self.request.form["metadata_fields"] = list(metadata_fields)
        return SearchHandler(self.portal, self.request).search(query)

    def test_reports_by_quarter_with_member_title(self):
        from plone import api

        with api.env.adopt_roles(["Member"]):
            result = self._search(
                portal_type="Report", report_period="2018-Q4", metadata_fields=["member_title"]
            )
        (item,) = result["items"]
        assert item["member_title"] == "Kreis Offenbach"
        assert item["@id"].endswith("/kreis-offenbach/bericht-2018-q4")

    def test_projects_by_date_and_legal_sphere(self):
        result = self._search(
            portal_type="Project",
            project_dates={"query": ["2021-01-01", "2022-12-31"], "range": "min:max"},
            legal_spheres="SGB VIII",
            sort_on="sortable_title",
        )
        assert [item["title"] for item in result["items"]] == [
            "JUGEND STÄRKEN im Quartier",
            "RoOF – Richtig orientiert im Kreis Offenbach",
        ]

    def test_measures_with_their_places(self):
        result = self._search(
            portal_type="Measure", metadata_fields=["measure_places", "open_to_refugees"]
        )
        assert result["items_total"] == 15
        refugees = [item["open_to_refugees"] for item in result["items"]]
        assert refugees.count(True) == 13
