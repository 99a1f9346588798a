"""A partner's management confirms a person the coordinator entered; only then it counts."""

from browser_helpers import login
from browser_helpers import network_user
from kooperation.workspace import confirm_person
from kooperation.workspace import group_ids
from pathlib import Path
from plone import api

import pytest
import transaction


pytestmark = [pytest.mark.browser, pytest.mark.slow]

SHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"


@pytest.fixture
def proposed(acceptance):
    """Petra manages the Jobcenter's people; the coordinator proposes Markus as staff."""
    portal = acceptance["portal"]
    jobcenter = portal["oberhausen"]["jobcenter-oberhausen"]
    with api.env.adopt_roles(["Manager"]):
        for user in ("gf-jobcenter-t", "neu-u25-t"):
            api.user.create(email=f"{user}@example.org", username=user, password=f"{user}-pw-123")
        petra = jobcenter["geschaeftsfuehrung"]
        petra.user_id = "gf-jobcenter-t"
        petra.partner_admin = True
        confirm_person(petra, by="test")
    network_user(portal, "coordinators", "koord-t", "koord-pw-123", "k@example.org", "Kim")
    with api.env.adopt_user(username="koord-t"):
        markus = jobcenter["teamleitung-u25"]
        markus.user_id = "neu-u25-t"
        from zope.event import notify
        from zope.lifecycleevent import ObjectModifiedEvent

        notify(ObjectModifiedEvent(markus))
    transaction.commit()
    return markus.absolute_url(), group_ids(jobcenter)["staff"]


def test_the_partner_confirms_what_the_network_proposed(page, site_url, proposed):
    url, staff_group = proposed
    SHOTS.mkdir(parents=True, exist_ok=True)
    # The coordinator sees that the entry waits, but cannot confirm it himself.
    login(page, site_url, "koord-t", "koord-pw-123")
    page.goto(url)
    box = page.locator("#person-confirmation")
    assert "Wartet auf die Bestätigung durch den Partner" in box.inner_text()
    assert "Benutzer im Portal" in box.inner_text()
    assert page.locator("#person-confirmation a.btn").count() == 0
    assert "Bestätigen kann: Petra Demo" in box.inner_text()  # whom to ask
    page.screenshot(path=str(SHOTS / "confirm-1-coordinator-sees-pending.png"), full_page=True)
    page.goto(f"{site_url}/logout")
    # Petra, the Jobcenter's management, confirms.
    login(page, site_url, "gf-jobcenter-t", "gf-jobcenter-t-pw-123")
    page.goto(url)
    page.screenshot(path=str(SHOTS / "confirm-2-partner-admin-sees-pending.png"), full_page=True)
    page.click("#person-confirmation a.btn")
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").inner_text().startswith("Für den Partner bestätigen")
    page.fill("#confirm-note", "Neue Teamleitung ab 01.12.2026")
    page.screenshot(path=str(SHOTS / "confirm-3-form.png"), full_page=True)
    page.click("button[name='form.confirm']")
    page.wait_for_load_state("networkidle")
    assert "bestätigt" in page.locator(".portalMessage, .alert").first.inner_text()
    assert "Wartet" not in page.locator("#person-confirmation").inner_text()
    page.screenshot(path=str(SHOTS / "confirm-4-confirmed.png"), full_page=True)
    transaction.begin()
    assert "neu-u25-t" in api.group.get(groupname=staff_group).getMemberIds()
