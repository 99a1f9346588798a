"""English for those who ask for it (issue 15): a browser whose language is English gets
the product's pages in English, a REST client sending ``Accept-Language: en`` English
messages; German stays the default (test_browser_face.py walks the German pass).

Screenshots: var/screenshots/en-<view>.png.
"""

from browser_helpers import login
from pathlib import Path
from plone import api
from test_browser_face import users  # noqa: F401  (the fixture)
from test_browser_face import VIEWS

import pytest
import re
import requests


pytestmark = [pytest.mark.browser, pytest.mark.slow]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
# Words of the German interface (menus, buttons, states, labels); the demo's content
# (titles, texts) stays German and is not looked at.
GERMAN_UI_WORDS = [
    "Bearbeiten", "Inhalte", "Hinzufügen", "Zustand", "Speichern", "Abbrechen", "Abmelden",
    "Fristen", "Termine", "Mein Überblick", "Mitgliederbereich", "Netzwerke", "Aktionen",
    "Entwurf", "In Kraft", "Veröffentlicht", "Suche", "Startseite", "Unterzeichnen",
    "Kündigung erfassen", "Versionsgeschichte", "Teilnehmende", "Anmeldeschluss",
    "Kündigungsfrist", "Laufzeit", "Jahre", "Monate", "Protokoll schreiben", "Zurück",
    "Zeichnungsberechtigte", "Mitglieder und Rollen", "Fristenübersicht", "Barrierefreiheit",
    "Benutzername", "Passwort", "Anmelden",
]  # fmt: skip
# The demo's German content that contains such words (action items of its minutes).
DEMO_CONTENT = [
    "Entwurf des gemeinsamen Flyers",
    "Termine des AK Soziales",
    "Termine der Arbeitstreffen",
]
# The English walk: the main product views of each role (names from test_browser_face).
# The registration form is left out: its fields and button are the event's content (an
# EasyForm the network writes), German in the demo.
ENGLISH_VIEWS = [
    "start-anonymous", "network-anonymous", "login", "network", "agreement", "amendment",
    "deadlines", "meeting-series", "meeting", "minutes", "partner", "network-members",
    "workshop", "registrations", "my-registrations", "audit-log",
]  # fmt: skip


@pytest.fixture
def en_page(chromium, tmp_path):
    context = chromium.new_context(locale="en-US", timezone_id="Europe/Berlin")
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield page
    page.screenshot(path=str(tmp_path / "last.png"), full_page=True)
    context.close()


def german_words(text):
    for phrase in DEMO_CONTENT:
        text = text.replace(phrase, "")
    return [w for w in GERMAN_UI_WORDS if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", text)]


@pytest.mark.parametrize("role", ["anonymous", "coordinator", "editor", "member", "manager"])
def test_english_browser_gets_english(en_page, site_url, users, role):  # noqa: F811
    page = en_page
    if role != "anonymous":
        login(page, site_url, *users[role])
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    found = {}
    for name, view_role, path in VIEWS:
        if view_role != role or name not in ENGLISH_VIEWS:
            continue
        response = page.goto(f"{site_url}/{path}")
        page.wait_for_load_state("networkidle")
        page.screenshot(path=str(SCREENSHOTS / f"en-{name}.png"), full_page=True)
        if response.status != 200:
            found[name] = [f"HTTP {response.status}"]
            continue
        if page.evaluate("document.documentElement.lang") != "en":
            found.setdefault(name, []).append("html lang is not en")
        text = page.locator("body").first.inner_text()
        words = german_words(text)
        if words:
            found.setdefault(name, []).append(f"German: {words}")
    assert found == {}, "\n".join(f"{k}: {v}" for k, v in found.items())


def test_german_stays_the_default(page, site_url):
    page.goto(f"{site_url}/login")
    assert page.evaluate("document.documentElement.lang") == "de"
    assert "Anmelden" in page.locator("body").inner_text()


def test_rest_messages_follow_accept_language(site_url):
    url = f"{site_url}/@audit-log"
    for language, expected in (("en", "You may not read the audit log."), ("de", None)):
        response = requests.get(
            url, headers={"Accept": "application/json", "Accept-Language": language}, timeout=60
        )
        assert response.status_code == 401
        message = response.json()["error"]["message"]
        if expected:
            assert message == expected
        else:
            assert message != "You may not read the audit log."
            assert german_words(message) or "Protokoll" in message


def test_a_member_who_chose_english_gets_it_after_login(page, site_url, users, acceptance):  # noqa: F811
    """A German browser; the member chose English in the personal preferences."""
    import transaction

    username, password = users["coordinator"]
    transaction.begin()
    with api.env.adopt_roles(["Manager"]):
        api.user.get(username=username).setMemberProperties({"language": "en"})
    transaction.commit()
    try:
        login(page, site_url, username, password)
        page.goto(f"{site_url}/@@my-overview")
        page.wait_for_load_state("networkidle")
        assert page.evaluate("document.documentElement.lang") == "en"
        assert "My overview" in page.locator("body").inner_text()
    finally:
        transaction.begin()  # the server's writes (the login) since
        with api.env.adopt_roles(["Manager"]):
            api.user.get(username=username).setMemberProperties({"language": ""})
        transaction.commit()
