"""Reminder settings: defaults until registered, the control panel registers and edits them."""

from jobs_helpers import set_settings
from kooperation.jobs.settings import DEFAULT_REMINDER_DAYS
from kooperation.jobs.settings import ensure_registered
from kooperation.jobs.settings import get_settings
from kooperation.jobs.settings import IReminderSettings
from kooperation.jobs.settings import settings_registered
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.registry.interfaces import IRegistry
from plone.testing.zope import Browser
from zope.component import getUtility

import pytest
import transaction


PREFIX = IReminderSettings.__identifier__


class TestGetSettings:
    def test_defaults_while_not_registered(self, portal):
        registry = getUtility(IRegistry)
        for name in IReminderSettings.names():
            del registry.records[f"{PREFIX}.{name}"]
        assert not settings_registered()
        settings = get_settings()
        assert settings.reminder_days == DEFAULT_REMINDER_DAYS == (90, 30, 7)
        assert settings.coordinator_emails == ()
        assert settings.sender_name == ""
        assert ensure_registered() is True
        assert ensure_registered() is False

    def test_registered_by_the_profile_with_defaults(self, portal):
        assert ensure_registered() is False
        registry = getUtility(IRegistry)
        assert registry[f"{PREFIX}.reminder_days"] == [90, 30, 7]
        assert registry[f"{PREFIX}.coordinator_emails"] == []
        assert get_settings().reminder_days == (90, 30, 7)

    def test_registering_again_keeps_the_values(self, portal):
        set_settings(reminder_days=[14])
        registry = getUtility(IRegistry)
        del registry.records[f"{PREFIX}.sender_name"]
        assert ensure_registered() is True
        assert registry[f"{PREFIX}.reminder_days"] == [14]

    def test_cleaned(self, portal):
        set_settings(
            reminder_days=[7, 30, 7, 90],
            coordinator_emails=[" zentrale@example.org ", "kaputt"],
            sender_name="  Koordination ",
        )
        settings = get_settings()
        assert settings.reminder_days == (90, 30, 7)
        assert settings.coordinator_emails == ("zentrale@example.org",)
        assert settings.sender_name == "Koordination"

    def test_out_of_range_days_are_refused(self, portal):
        from zope.schema.interfaces import ValidationError

        ensure_registered()
        with pytest.raises(ValidationError):
            api.portal.set_registry_record("reminder_days", [0, 30], interface=IReminderSettings)
        with pytest.raises(ValidationError):
            api.portal.set_registry_record("reminder_days", [367], interface=IReminderSettings)


class TestControlPanel:
    @pytest.fixture
    def browser(self, functional):
        browser = Browser(functional["app"])
        browser.handleErrors = False
        browser.addHeader("Authorization", f"Basic {SITE_OWNER_NAME}:{SITE_OWNER_PASSWORD}")
        browser.addHeader("Accept-Language", "de")
        return browser

    @pytest.fixture
    def url(self, functional):
        return functional["portal"].absolute_url() + "/@@kooperation-reminder-settings"

    def registry(self, functional):
        transaction.begin()  # see what the browser committed
        return functional["portal"].portal_registry

    def test_shows_the_defaults_in_german(self, functional, browser, url):
        browser.open(url)
        assert "Erinnerungen an Kündigungsfristen" in browser.contents
        assert "Erinnerungen (Tage vor Ablauf der Kündigungsfrist)" in browser.contents
        assert browser.getControl(name="form.widgets.reminder_days").value == "90\n30\n7"
        assert self.registry(functional)[f"{PREFIX}.reminder_days"] == [90, 30, 7]

    def test_save(self, functional, browser, url):
        browser.open(url)
        browser.getControl(name="form.widgets.reminder_days").value = "60\n14"
        browser.getControl(
            name="form.widgets.coordinator_emails"
        ).value = "koordination@example.org\nleitung@example.org"
        browser.getControl(name="form.widgets.sender_name").value = "Koordinierungsstelle"
        browser.getControl(name="form.buttons.save").click()
        registry = self.registry(functional)
        assert registry[f"{PREFIX}.reminder_days"] == [60, 14]
        assert registry[f"{PREFIX}.coordinator_emails"] == [
            "koordination@example.org",
            "leitung@example.org",
        ]
        assert registry[f"{PREFIX}.sender_name"] == "Koordinierungsstelle"

    @pytest.mark.parametrize(
        ("name", "value", "error"),
        [
            ("form.widgets.coordinator_emails", "gut@example.org\nkaputt", "Keine E-Mail-Adresse"),
            ("form.widgets.reminder_days", "30\n400", "400"),
            ("form.widgets.reminder_days", "dreißig", "dreißig"),
        ],
    )
    def test_invalid_input_is_refused(self, functional, browser, url, name, value, error):
        browser.open(url)
        browser.getControl(name=name).value = value
        browser.getControl(name="form.buttons.save").click()
        assert error in browser.contents
        registry = self.registry(functional)
        assert registry[f"{PREFIX}.reminder_days"] == [90, 30, 7]
        assert registry[f"{PREFIX}.coordinator_emails"] == []

    def test_only_for_those_who_manage_the_portal(self, functional, url):
        """cmf.ManagePortal ('Manage portal'): Managers, not editors, not anonymous."""
        with api.env.adopt_roles(["Manager"]):
            for name, roles in (("chefin", ["Manager"]), ("editor", ["Editor", "Reviewer"])):
                api.user.create(username=name, email=f"{name}@example.org", password="pw-123456")
                api.user.grant_roles(username=name, roles=roles)
        transaction.commit()
        browsers = {}
        for name in ("chefin", "editor", None):
            browser = browsers[name] = Browser(functional["app"])
            if name:
                browser.addHeader("Authorization", f"Basic {name}:pw-123456")
            browser.open(url)
        assert "form.widgets.reminder_days" in browsers["chefin"].contents
        assert "insufficient-privileges" in browsers["editor"].url
        assert "/login?came_from=" in browsers[None].url
        for name in ("editor", None):
            assert "form.widgets.reminder_days" not in browsers[name].contents
