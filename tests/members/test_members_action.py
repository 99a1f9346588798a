"""The portal tab to the members' area: for logged-in users only; uninstall removes it."""

from plone import api
from plone.app.testing import login
from plone.app.testing import logout
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import TEST_USER_NAME

import pytest


@pytest.fixture
def portal(integration):
    """The add-on's site without the member of conftest.py: the tab needs no content."""
    return integration["portal"]


def _tab_urls(portal):
    actions = api.portal.get_tool("portal_actions")
    return [
        info["url"] for info in actions.listActionInfos(object=portal, categories=("portal_tabs",))
    ]


class TestMembersAreaTab:
    @pytest.fixture(autouse=True)
    def _setup(self, portal):
        self.portal = portal
        self.url = f"{portal.absolute_url()}/@@members-area"

    def test_action_installed(self):
        action = api.portal.get_tool("portal_actions")["portal_tabs"]["members-area"]
        assert action.url_expr == "string:${portal_url}/@@members-area"
        assert action.i18n_domain == "kooperation"

    def test_logged_in_user_sees_the_tab(self):
        login(self.portal, TEST_USER_NAME)
        assert self.url in _tab_urls(self.portal)

    def test_anonymous_does_not(self):
        logout()
        assert self.url not in _tab_urls(self.portal)

    def test_page_behind_the_tab_renders(self):
        login(self.portal, TEST_USER_NAME)
        html = self.portal.restrictedTraverse("@@members-area")()
        assert "documentFirstHeading" in html
        assert "Mitgliederbereich" in html or "Members' area" in html


class TestMembersAreaTabUninstalled:
    @pytest.fixture(autouse=True)
    def _uninstalled(self, uninstalled, portal):
        self.portal = portal

    def test_tab_removed(self):
        login(self.portal.aq_parent, SITE_OWNER_NAME)
        assert "members-area" not in api.portal.get_tool("portal_actions")["portal_tabs"]
