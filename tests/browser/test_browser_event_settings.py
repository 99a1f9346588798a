"""A coordinator lowers the workshop's seats below its confirmed registrations in the
edit form and is refused, in German, at the field; the seats stay as they were (issue 16).
The screenshots are kept under var/screenshots/event-settings-*.png."""

from browser_helpers import login
from browser_helpers import network_user
from pathlib import Path

import pytest
import transaction


pytestmark = [pytest.mark.browser, pytest.mark.slow]

SHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
WORKSHOP = "oberhausen/fortbildung-2027"
USER, PASSWORD = "koordination-ev", "Koord-0815-secret"


def _shot(page, step):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"event-settings-{step}.png"), full_page=True)


def test_capacity_below_the_registrations_is_refused(page, site_url, acceptance):
    portal = acceptance["portal"]
    network_user(
        portal, "coordinators", USER, PASSWORD, "koord-ev@example.org", "Karla Koordination"
    )
    login(page, site_url, USER, PASSWORD)
    page.goto(f"{site_url}/{WORKSHOP}/edit")
    page.locator(".autotoc-nav a", has_text="Anmeldung").click()
    _shot(page, "1-form")
    page.fill("#form-widgets-capacity", "3")
    page.click("#form-buttons-save")
    page.wait_for_load_state("networkidle")
    page.locator(".autotoc-nav a", has_text="Anmeldung").click()
    _shot(page, "2-refused")
    field = page.locator("#formfield-form-widgets-capacity")
    assert "Es sind bereits 4 Plätze belegt" in field.inner_text()
    assert "Warteliste" in field.inner_text()
    transaction.begin()
    assert portal["oberhausen"]["fortbildung-2027"].capacity == 30
