"""A person logs in and sees the demo network in German."""

from browser_helpers import login
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD

import pytest


pytestmark = [pytest.mark.browser, pytest.mark.slow]


class TestBrowserDemo:
    def login(self, page, site_url):
        login(page, site_url, SITE_OWNER_NAME, SITE_OWNER_PASSWORD)

    def test_anonymous_sees_published_network_not_the_draft(self, page, site_url):
        page.goto(f"{site_url}/oberhausen")
        assert page.locator("html").get_attribute("lang") == "de"
        assert "Netzwerk Quartier Oberhausen-Innenstadt" in page.locator("h1").inner_text()
        assert "Kooperationserklärung vom 20.05.2015" not in page.content()
        assert page.get_by_role("link", name="Anmelden").count() >= 1

    def test_login_and_read_the_agreement_in_german(self, page, site_url):
        self.login(page, site_url)
        page.goto(f"{site_url}/oberhausen")
        page.get_by_role("link", name="Kooperationserklärung vom 20.05.2015").first.click()
        page.wait_for_load_state("networkidle")
        assert page.locator("h1").inner_text() == "Kooperationserklärung vom 20.05.2015"
        body = page.locator("#content-core").inner_text()
        assert "Die Erklärung tritt mit dem Tag der Unterzeichnung in Kraft." in body
        assert page.locator("#agreement-state").inner_text() == "In Kraft"
        assert "In Kraft seit 20.05.2015." in page.locator("#agreement-deadlines").inner_text()
        parties = page.locator("#agreement-parties").inner_text()
        # Three signed in 2015; Stadt Oberhausen signed the 1st amendment it joined by.
        assert parties.count("unterschrieben") == 4
        assert "noch nicht unterschrieben" not in parties
        assert "Stadt Oberhausen, Bereich Bildung und Jugend" in parties
        assert "beigetreten durch 1. Änderung: Beitritt der Stadt Oberhausen" in parties
        rules = page.locator("#agreement-rules").inner_text()
        assert "6 Monate zum Ende der Laufzeit" in rules
        # Plone's own UI is German too, and a signed agreement cannot be edited.
        toolbar = page.locator("#edit-zone").inner_text()
        assert "Inhalte" in toolbar
        assert "Bearbeiten" not in toolbar
