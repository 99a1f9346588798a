"""Search, listings, iCal feeds, exports and REST listings leak nothing.

A case note and a draft agreement live in the network; over real HTTP, every
persona asks every listing we have. Their titles appear exactly for those the
security matrix lets see them.
"""

from plone import api
from world import objects
from world import PASSWORD
from world import PERSONAS

import pytest
import requests


pytestmark = pytest.mark.slow

CASE_TITLE = "Fall Kevin M."
DRAFT_TITLE = "Vereinbarung draft"
SEES_CASE = {"staff_a", "staff_b", "signatory_a"}
SEES_DRAFT = {"staff_a", "staff_b", "staff_c", "editor", "coordinator", "signatory_a", "manager"}

LISTINGS = [
    "@search?SearchableText=Kevin",
    "@search?SearchableText=Vereinbarung",
    "@search?portal_type=CaseNote&fullobjects=1",
    "@search?portal_type=Agreement&b_size=100",
    "@@search?SearchableText=Kevin",
    "@@search?SearchableText=Vereinbarung",
    "net",
    "net/a/intern",
    "net/@@folder_contents",
    "net/@deadlines",
    "@deadlines",
    "net/@@deadlines",
    "@@deadlines",
    "net/@@deadlines.csv",
    "@@deadlines.csv",
    "net/@@deadlines.ics",
    "net/a/@@deadlines.ics",
    "@@deadlines.ics",
    "@@my-signatures",
    "net/@@site-map",
    "@navigation?expand.navigation.depth=4",
]


@pytest.fixture
def functional(world_functional):
    """The functional layer over the world (world.py), built once instead of by each test."""
    return world_functional


@pytest.fixture
def world(functional):
    portal = functional["portal"]
    objs = objects(portal)
    return objs


def fetch(base, persona, path, as_json):
    auth = None if persona == "anonymous" else (persona, PASSWORD)
    headers = {"Accept": "application/json"} if as_json else {}
    response = requests.get(f"{base}/{path}", auth=auth, headers=headers, timeout=60)
    return response.text


class TestNothingLeaks:
    def test_titles_appear_only_for_those_who_may_see_them(self, functional, world):
        base = f"http://{functional['host']}:{functional['port']}/plone"
        seen_case, seen_draft = set(), set()
        for persona in PERSONAS:
            for path in LISTINGS:
                for as_json in (True, False):
                    text = fetch(base, persona, path, as_json)
                    if CASE_TITLE in text:
                        seen_case.add((persona, path))
                    if DRAFT_TITLE in text:
                        seen_draft.add(persona)
        leaked = {(p, path) for p, path in seen_case if p not in SEES_CASE}
        assert leaked == set()
        # The case note is found in its area by those who may see it, never by search.
        assert {p for p, path in seen_case} == SEES_CASE
        assert {path for p, path in seen_case if "search" in path.lower()} <= {
            "@search?portal_type=CaseNote&fullobjects=1"
        }
        assert seen_draft == SEES_DRAFT

    def test_case_note_text_is_not_in_the_full_text_index(self, functional, world):
        catalog = api.portal.get_tool("portal_catalog")
        brains = catalog.unrestrictedSearchResults(SearchableText="Kevin")
        assert [b.portal_type for b in brains] == []
