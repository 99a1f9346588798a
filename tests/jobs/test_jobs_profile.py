"""The add-on's profiles register the reminder settings and their control panel, and
uninstalling removes both."""

from kooperation.jobs.settings import get_settings
from kooperation.jobs.settings import settings_registered
from plone import api


CONFIGLET = "kooperation-reminder-settings"


def configlets():
    control_panel = api.portal.get_tool("portal_controlpanel")
    return {action.getId(): action for action in control_panel.listActions()}


def test_installed(portal):
    assert settings_registered()
    assert get_settings().reminder_days == (90, 30, 7)
    configlet = configlets()[CONFIGLET]
    assert configlet.category == "Products"
    assert configlet.permissions == ("Manage portal",)


def test_uninstalled(portal, installer, package_name):
    with api.env.adopt_roles(["Manager"]):
        installer.uninstall_product(package_name)
    assert not settings_registered()
    assert CONFIGLET not in configlets()
    # Reading falls back to the defaults rather than failing.
    assert get_settings().reminder_days == (90, 30, 7)
