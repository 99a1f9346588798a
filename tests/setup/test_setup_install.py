"""The add-on installs with its dependencies and its browser layer."""

from kooperation.interfaces import IKooperationLayer

import pytest


class TestSetupInstall:
    profile_id = "kooperation:default"

    @pytest.fixture(autouse=True)
    def _setup(self, portal):
        self.portal = portal

    def test_addon_installed(self, installer, package_name):
        assert installer.is_product_installed(package_name) is True

    def test_browserlayer_registered(self, browser_layers):
        assert IKooperationLayer in browser_layers

    def test_latest_version(self, profile_last_version):
        assert profile_last_version(self.profile_id) == "1009"

    @pytest.mark.parametrize("dependency", ["plone.restapi", "collective.easyform"])
    def test_dependency_installed(self, installer, dependency):
        assert installer.is_product_installed(dependency) is True

    def test_no_pending_upgrades(self, setup_tool):
        assert setup_tool.listUpgrades(self.profile_id) == []

    def test_uninstall_profile_hidden(self):
        from kooperation.setuphandlers import HiddenProfiles

        assert "kooperation:uninstall" in HiddenProfiles().getNonInstallableProfiles()
