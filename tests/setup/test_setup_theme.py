"""Every page is themed: Barceloneta on every host name, the product's stylesheet after it.

New sites get it from the site creation and kooperation:default's dependency, existing
sites from upgrade step 1002.
"""

from kooperation.sitesetup import create_site
from kooperation.upgrades import PROFILE
from kooperation.upgrades import run_upgrades
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.theming.utils import getCurrentTheme
from plone.base.utils import get_installer
from plone.testing.zope import login

import pytest


THEMING = "plone.app.theming.interfaces.IThemeSettings"
BUNDLE = "plone.bundles/kooperation"


def assert_themed(site):
    assert get_installer(site).is_product_installed("plonetheme.barceloneta")
    assert getCurrentTheme() == "barceloneta"
    assert api.portal.get_registry_record(f"{THEMING}.enabled") is True
    # Plone's default leaves 127.0.0.1 unthemed, the very address `make start` serves.
    assert api.portal.get_registry_record(f"{THEMING}.hostnameBlacklist") == []
    assert api.portal.get_registry_record(f"{BUNDLE}.csscompilation") == (
        "++plone++kooperation/kooperation.css"
    )
    assert api.portal.get_registry_record(f"{BUNDLE}.enabled") is True
    assert api.portal.get_registry_record(f"{BUNDLE}.depends") == "all"


class TestThemeOnANewSite:
    def test_test_fixture(self, portal):
        assert_themed(portal)

    def test_created_site(self, app, repo):
        login(app.acl_users, SITE_OWNER_NAME)
        site = create_site(app, repo / "profiles" / "empty", site_id="themed")
        assert_themed(site)

    def test_stylesheet_is_a_plone_resource(self, portal):
        from plone.resource.utils import queryResourceDirectory

        folder = queryResourceDirectory("plone", "kooperation")
        assert ".kooperation-state" in folder.readFile("kooperation.css").decode()


class TestUpgrade1002:
    @pytest.fixture(autouse=True)
    def _setup(self, portal):
        self.portal = portal
        self.setup = api.portal.get_tool("portal_setup")

    def test_unthemed_site_of_1001_is_themed(self):
        # A site as 1001 made it: no Barceloneta, theming off, 127.0.0.1 unthemed.
        api.portal.set_registry_record(f"{THEMING}.enabled", False)
        api.portal.set_registry_record(f"{THEMING}.hostnameBlacklist", ["127.0.0.1"])
        registry = api.portal.get_tool("portal_registry")
        registry[f"{THEMING}.currentTheme"] = None
        del registry.records[f"{BUNDLE}.csscompilation"]
        self.setup.setLastVersionForProfile("plonetheme.barceloneta:default", "unknown")
        self.setup.setLastVersionForProfile(PROFILE, "1001")

        ok, message = run_upgrades(self.setup)

        assert ok, message
        assert_themed(self.portal)

    def test_upgrade_keeps_an_enabled_theme(self):
        self.setup.setLastVersionForProfile(PROFILE, "1001")
        assert run_upgrades(self.setup)[0]
        assert_themed(self.portal)
