"""Issue 14, holes 1-4 and 6: only a partner makes its own people; no back door.

Every test drives the real server over HTTP as the persona that tries the back door,
and checks both the answer and that nothing was gained.
"""

from datetime import date
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from world import objects
from world import PASSWORD

import pytest
import requests
import transaction


pytestmark = pytest.mark.slow

CASE_TITLE = "Fall Kevin M."
ROOT = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)


@pytest.fixture
def functional(world_functional):
    """The functional layer over the world (world.py), built once instead of by each test."""
    return world_functional


@pytest.fixture
def world(functional):
    objs = objects(functional["portal"])
    return objs


@pytest.fixture
def base(functional):
    return f"http://{functional['host']}:{functional['port']}/plone"


def auth(persona):
    return ROOT if persona == "root" else (persona, PASSWORD)


def call(method, url, persona, body=None, **kw):
    headers = {"Accept": "application/json"}
    if body is not None:
        headers["Content-Type"] = "application/json"
    return requests.request(
        method, url, json=body, auth=auth(persona), headers=headers, timeout=60, **kw
    )


def can_read(url, persona):
    response = requests.get(url, auth=auth(persona), timeout=60, allow_redirects=False)
    return response.status_code == 200 and "require_login" not in response.text


def fresh(obj):
    transaction.begin()
    return api.content.get(UID=obj.UID())


class TestOnlyThePartnerMakesItsPeople:
    """Hole 1: a coordinator or a site manager cannot make themselves a partner's staff."""

    @pytest.mark.parametrize("persona", ["coordinator", "manager"])
    def test_a_proposed_person_grants_nothing(self, base, world, persona):
        area_url = world["area"].absolute_url()
        note_url = world["case_note"].absolute_url()
        response = call(
            "POST",
            f"{base}/net/a",
            persona,
            {"@type": "Person", "title": "Ich", "user_id": persona},
        )
        assert response.status_code == 201, response.text
        assert not can_read(area_url, persona)
        assert not can_read(note_url, persona)
        person = call("GET", response.json()["@id"] + "/@confirmation", persona).json()
        assert person["pending"] == ["user_id"]
        assert person["effective"]["user_id"] is None

    def test_a_partner_admin_confirms_and_then_it_counts(self, base, world):
        response = call(
            "POST",
            f"{base}/net/a",
            "coordinator",
            {"@type": "Person", "title": "Neu", "user_id": "staff_c"},
        )
        url = response.json()["@id"]
        assert not can_read(world["area"].absolute_url(), "staff_c")
        # Not the coordinator, not a site manager: only partner A's administrator.
        for persona in ("coordinator", "manager"):
            refused = call("POST", f"{url}/@confirmation", persona, {})
            assert refused.status_code == 403, (persona, refused.text)
        # Staff of the partner lack the right altogether.
        assert call("POST", f"{url}/@confirmation", "staff_a", {}).status_code in (401, 403)
        confirmed = call("POST", f"{url}/@confirmation", "signatory_a", {})
        assert confirmed.status_code == 200, confirmed.text
        assert confirmed.json()["pending"] == []
        assert can_read(world["area"].absolute_url(), "staff_c")

    def test_nobody_confirms_their_own_entry(self, base, world):
        response = call(
            "POST",
            f"{base}/net/a",
            "signatory_a",
            {"@type": "Person", "title": "Ich nochmal", "user_id": "signatory_a", "may_sign": True},
        )
        url = response.json()["@id"]
        refused = call("POST", f"{url}/@confirmation", "signatory_a", {})
        assert refused.status_code == 403

    def test_changing_a_confirmed_login_takes_effect_only_after_confirmation(self, base, world):
        url = world["person"].absolute_url()  # staff_a's confirmed entry
        patched = call("PATCH", url, "coordinator", {"user_id": "coordinator"})
        assert patched.status_code == 204
        assert not can_read(world["area"].absolute_url(), "coordinator")
        # The change is a proposal; the old login is suspended until the partner decides.
        assert not can_read(world["area"].absolute_url(), "staff_a")

    @pytest.mark.parametrize("persona", ["manager", "root"])
    def test_the_partner_groups_cannot_be_joined_directly(self, base, world, persona):
        from kooperation.workspace import group_ids

        staff_group = group_ids(world["partner"])["staff"]
        response = call(
            "PATCH", f"{base}/@groups/{staff_group}", persona, {"users": {"manager": True}}
        )
        assert response.status_code in (400, 403), response.text
        assert not can_read(world["area"].absolute_url(), "manager")


class TestNoSignatureByTheBackDoor:
    """Hole 2: a coordinator cannot forge a party's own signature."""

    def test_a_self_made_signatory_signs_only_on_behalf(self, base, world):
        agreement = world["agreement_for_signature"]
        created = call(
            "POST",
            f"{base}/net/c",
            "coordinator",
            {
                "@type": "Person",
                "title": "Falsche Chefin",
                "user_id": "coordinator",
                "may_sign": True,
                "signing_from": "2010-01-01",
            },
        )
        assert created.status_code == 201
        signed = call(
            "POST",
            f"{agreement.absolute_url()}/@signatures",
            "coordinator",
            {"signatory": created.json()["UID"], "date": date.today().isoformat()},
        )
        assert signed.status_code == 400, signed.text
        agreement = fresh(agreement)
        from kooperation.agreements.signatures import signatures

        assert world["network"]["c"].UID() not in signatures(agreement)

    def test_a_borrowed_entry_signs_only_on_behalf(self, base, world):
        """The boss's confirmed authority does not pass to a login written into the entry."""
        agreement = world["agreement_for_signature"]
        boss = world["network"]["c"]["boss"]
        patched = call("PATCH", boss.absolute_url(), "coordinator", {"user_id": "coordinator"})
        assert patched.status_code == 204
        signed = call(
            "POST",
            f"{agreement.absolute_url()}/@signatures",
            "coordinator",
            {"signatory": boss.UID(), "date": date.today().isoformat()},
        )
        assert signed.status_code == 400, signed.text
        assert "evidence" in signed.text


class TestCaseNotesStayWithThePartners:
    """Hole 3 and 4: no Owner, no root, no title in audit, privacy export, sharing or catalog."""

    VIEWS = ("", "/@@view", "/@@edit", "/@@versions_history_form", "/@breadcrumbs", "/@@sharing")

    @pytest.fixture
    def root_note(self, world, functional):
        """A case note whose Owner is the Zope root user (as after the demo loader)."""
        partner = world["partner"]
        with api.env.adopt_user(username="staff_a"):
            note = api.content.create(
                container=partner["intern"],
                type="CaseNote",
                title="Fall Max M.",
                partners=[partner.UID()],
                legal_basis="consent",
                legal_basis_details="Einwilligung",
            )
        note.manage_setLocalRoles(SITE_OWNER_NAME, ["Owner"])
        note.reindexObjectSecurity()
        transaction.commit()
        return note

    def test_the_root_user_reads_no_case_note(self, world, root_note):
        for note in (root_note, world["case_note"]):
            for view in self.VIEWS:
                response = requests.get(
                    note.absolute_url() + view,
                    auth=ROOT,
                    headers={"Accept": "application/json"} if view.startswith("/@b") else {},
                    timeout=60,
                    allow_redirects=False,
                )
                assert response.status_code in (302, 401, 403), (note.getId(), view)
                assert "Fall M" not in response.text
                assert "Kevin" not in response.text

    def test_the_author_who_left_reads_no_more(self, base, world):
        url = world["case_note"].absolute_url()
        assert can_read(url, "staff_a")
        handover = call("PATCH", world["person"].absolute_url(), "coordinator", {"user_id": None})
        assert handover.status_code == 204
        assert not can_read(url, "staff_a")

    def test_no_title_in_audit_privacy_sharing_or_catalog(self, base, world):
        for persona, path in [
            ("manager", "@@audit-log"),
            ("manager", "@personal-data/staff_a"),
            ("root", "@personal-data/staff_a"),
            ("root", "@@audit-log"),
        ]:
            response = requests.get(f"{base}/{path}", auth=auth(persona), timeout=60)
            assert "Kevin" not in response.text, (persona, path)
        transaction.begin()
        catalog = api.portal.get_tool("portal_catalog")
        assert not [p for p in catalog._catalog.uids if "kevin" in p.lower()]
        brains = catalog.unrestrictedSearchResults(portal_type="CaseNote")
        assert [b.Title for b in brains] == ["Fallbesprechung (vertraulich)"]

    def test_nobody_shares_a_case_note_or_the_internal_area(self, base, world):
        for obj in (world["case_note"], world["area"]):
            for persona in ("manager", "root", "staff_a"):
                response = call(
                    "POST",
                    obj.absolute_url() + "/@sharing",
                    persona,
                    {"entries": [{"id": "outsider", "type": "user", "roles": {"Reader": True}}]},
                )
                assert response.status_code in (401, 403), (obj.getId(), persona, response.text)
        assert not can_read(world["case_note"].absolute_url(), "outsider")

    @pytest.mark.parametrize("persona", ["manager", "root"])
    def test_managers_do_not_read_the_internal_area(self, world, persona):
        assert not can_read(world["area"].absolute_url(), persona)


class TestEditorsDoNotShare:
    """Hole 6: an editor cannot share the network with outsiders."""

    def test_editor_sharing_is_refused(self, base, world):
        response = call(
            "POST",
            f"{base}/net/@sharing",
            "editor",
            {"entries": [{"id": "outsider", "type": "user", "roles": {"Reader": True}}]},
        )
        assert response.status_code in (401, 403), response.text
        assert not can_read(world["agreement_draft"].absolute_url(), "outsider")

    def test_the_coordinator_still_shares(self, base, world):
        response = call(
            "POST",
            f"{base}/net/@sharing",
            "coordinator",
            {"entries": [{"id": "outsider", "type": "user", "roles": {"Reader": True}}]},
        )
        assert response.status_code == 204, response.text
