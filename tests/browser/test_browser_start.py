"""Ways in: each role of the demo logs in, lands on Mein Überblick and reaches its daily
tasks in at most two clicks; an anonymous visitor finds what is public on the front page."""

from pathlib import Path
from plone import api

import pytest
import transaction


pytestmark = [pytest.mark.browser, pytest.mark.slow]

SHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
PASSWORD = "demo-browser-pw-1"
DENIED = ("Unzureichende Berechtigungen", "Insufficient Privileges", "Anmeldung erforderlich")

# role: the clicks from the start page (at most two) and what the last page must show.
TASKS = {
    "koordination": [
        (["#overview-tool-deadlines"], "/@@deadlines", "Kooperationserklärung"),
        (["#overview-tool-network-members"], "/@@network-members", "Koordination"),
        (["#overview-tool-registrations-fortbildung-2027"], "/@@registrations", "Petra Albers"),
    ],
    "zib-leitung": [
        (["#overview-signatures a"], "/2-aenderung-2026/@@sign", "Änderung"),
    ],
    "jobcenter-gf": [
        (["#overview-duties a"], "/2027-01-19", "Runder Tisch am 19.01.2027"),
    ],
    "jobcenter-u25": [
        (["#overview-open_events a"], "/fortbildung-2027/anmeldung", "Fortbildung 2027"),
        (["#overview-duties a"], "/2027-01-19", "Runder Tisch"),
    ],
    "redaktion": [
        (["#overview-tool-page-oberhausen", "#network-tools, h1"], "/oberhausen", "Oberhausen"),
    ],
    "kreis-offenbach": [
        (["#overview-tool-places-kreis-offenbach"], "/@@places-dashboard", "Kreis Offenbach"),
    ],
}


@pytest.fixture
def demo_logins(acceptance):
    portal = acceptance["portal"]
    with api.env.adopt_roles(["Manager"]):
        for login in TASKS:
            portal.acl_users.userSetPassword(login, PASSWORD)
    transaction.commit()
    return TASKS


def log_in_from_front_page(page, site_url, user):
    """As a person does it: the front page, "Anmelden", the form."""
    page.goto(site_url)
    page.click("#personaltools-login")
    page.wait_for_selector("#__ac_name")
    page.fill("#__ac_name", user)
    page.fill("#__ac_password", PASSWORD)
    page.click("#buttons-login")
    page.wait_for_load_state("networkidle")


@pytest.mark.parametrize("user", sorted(TASKS))
def test_each_role_reaches_its_tasks_in_two_clicks(page, site_url, demo_logins, user):
    SHOTS.mkdir(parents=True, exist_ok=True)
    log_in_from_front_page(page, site_url, user)
    assert page.url.endswith("/@@my-overview"), page.url
    assert page.locator("h1").inner_text() == "Mein Überblick"
    page.screenshot(path=str(SHOTS / f"start-{user}.png"), full_page=True)
    for clicks, url_end, expected in demo_logins[user]:
        page.goto(f"{site_url}/@@my-overview")
        assert len(clicks) <= 2
        for selector in clicks:
            page.locator(selector).first.click()
            page.wait_for_load_state("networkidle")
        assert url_end in page.url, (user, page.url)
        text = page.locator("body").inner_text()
        assert expected in text, (user, page.url)
        assert not any(denied in text for denied in DENIED), (user, page.url)
    page.screenshot(path=str(SHOTS / f"start-{user}-task.png"), full_page=True)


def test_tabs_hide_what_a_role_cannot_use(page, site_url, demo_logins):
    page.goto(site_url)
    tabs = page.locator("#portal-globalnav").inner_text()
    assert "Netzwerke" in tabs
    assert "Termine" in tabs
    assert "Fristen" not in tabs
    assert "Mein Überblick" not in tabs
    log_in_from_front_page(page, site_url, "jobcenter-u25")
    page.goto(f"{site_url}/oberhausen")
    assert page.locator("#network-tools").count() == 0  # no coordinator's tools for staff
    tabs = page.locator("#portal-globalnav").inner_text()
    assert "Fristen" in tabs
    assert "Mein Überblick" in tabs


def test_the_coordinator_finds_the_tools_on_the_network_page(page, site_url, demo_logins):
    log_in_from_front_page(page, site_url, "koordination")
    page.goto(f"{site_url}/oberhausen")
    tools = page.locator("#network-tools")
    assert "Fristen" in tools.inner_text()
    assert "Mitglieder und Rollen" in tools.inner_text()
    page.screenshot(path=str(SHOTS / "start-network-tools.png"), full_page=True)


def test_anonymous_front_page(page, site_url):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.goto(site_url)
    front = page.locator("#front-page")
    assert "Netzwerk Quartier Oberhausen-Innenstadt" in front.inner_text()
    assert "Runder Tisch am 19.01.2027" in front.inner_text()
    assert "Fortbildung" not in front.inner_text()
    page.screenshot(path=str(SHOTS / "start-front-anonymous.png"), full_page=True)
    page.click("#front-minutes a")
    page.wait_for_load_state("networkidle")
    assert "Protokoll vom 10.11.2026" in page.locator("h1").inner_text()


def test_staff_finds_the_form_prefilled(page, site_url, demo_logins):
    log_in_from_front_page(page, site_url, "jobcenter-u25")
    page.click("#overview-open_events a")
    page.wait_for_load_state("networkidle")
    assert "Fortbildung 2027" in page.locator("h1").inner_text()
    assert page.input_value("#form-widgets-fullname") == "Markus Beispiel"
    assert page.input_value("#form-widgets-email") == "u25@jobcenter.example"
    partner = page.locator("#form-widgets-partner option:checked").inner_text()
    assert partner == "Jobcenter Oberhausen"
    page.screenshot(path=str(SHOTS / "start-registration-prefilled.png"), full_page=True)


def test_cancelling_asks_first(page, site_url, acceptance, demo_logins):
    from kooperation.registrations import service
    from zope.component.hooks import setSite

    portal = acceptance["portal"]
    setSite(portal)
    event = portal["oberhausen"]["fortbildung-2027"]
    with api.env.adopt_user(username="jobcenter-u25"):
        body = {"fullname": "Markus Beispiel", "email": "u25@jobcenter.example", "consent": True}
        service.register(event, body)
    transaction.commit()
    log_in_from_front_page(page, site_url, "jobcenter-u25")
    page.goto(f"{site_url}/@@my-registrations")
    page.click("#my-registrations button")
    page.wait_for_load_state("networkidle")
    assert page.locator("#confirm-cancel").is_visible()
    assert "wirklich stornieren" in page.locator("#confirm-cancel").inner_text()
    page.screenshot(path=str(SHOTS / "start-cancel-question.png"), full_page=True)
    page.click("#confirm-cancel button[name=confirmed]")
    page.wait_for_load_state("networkidle")
    assert "Storniert" in page.locator("#my-registrations").inner_text()
