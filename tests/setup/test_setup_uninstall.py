"""Uninstalling removes what the add-on installed."""

from kooperation.interfaces import IKooperationLayer

import pytest


class TestSetupUninstall:
    @pytest.fixture(autouse=True)
    def _uninstalled(self, uninstalled):
        pass

    def test_addon_uninstalled(self, installer, package_name):
        assert installer.is_product_installed(package_name) is False

    def test_browserlayer_removed(self, browser_layers):
        assert IKooperationLayer not in browser_layers
