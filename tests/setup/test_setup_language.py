"""A member's own language (personal preferences) is set at login (issue 15)."""

from kooperation.theme.language import COOKIE
from plone import api
from Products.PlonePAS.events import UserLoggedInEvent
from zope.event import notify
from zope.globalrequest import getRequest

import pytest


@pytest.fixture
def member(portal):
    with api.env.adopt_roles(["Manager"]):
        user = api.user.create(email="ewa@example.org", username="ewa", password="x" * 12)
    return user


def _login(member):
    request = getRequest()
    request.response.cookies.clear()
    notify(UserLoggedInEvent(member.getUser()))
    return request.response.cookies.get(COOKIE)


def test_the_chosen_language_is_set_at_login(member):
    member.setMemberProperties({"language": "en"})
    cookie = _login(member)
    assert cookie["value"] == "en"
    assert cookie.get("Path", cookie.get("path")) == "/"


def test_without_a_choice_the_browser_decides(portal, member):
    assert _login(member) is None


def test_a_language_the_site_does_not_offer_is_ignored(portal, member):
    member.setMemberProperties({"language": "fr"})
    assert _login(member) is None
