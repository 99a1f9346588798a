"""Registration as people expect it: a prefilled form that names the event, the deadline
said on the event page, and a cancellation that asks first."""

from datetime import datetime
from datetime import timedelta
from kooperation.interfaces import IKooperationLayer
from plone import api
from plone.app.testing import login
from plone.app.testing import logout
from zope.interface import alsoProvides

import pytest
import re


EVENT = "oberhausen/fortbildung-2027"


@pytest.fixture
def portal(demo_portal):
    alsoProvides(demo_portal.REQUEST, IKooperationLayer)
    return demo_portal


def render(portal, path, user=None):
    request = portal.REQUEST
    request.form.clear()
    if user:
        login(portal, user)
    else:
        logout()
    try:
        obj = portal.unrestrictedTraverse(path)
        return obj.restrictedTraverse("@@view" if "anmeldung" not in path else "")()
    finally:
        logout()


def form_html(portal, user=None):
    from collective.easyform.browser.view import EasyFormFormWrapper  # noqa: F401

    form = portal.unrestrictedTraverse(f"{EVENT}/anmeldung")
    request = portal.REQUEST
    if user:
        login(portal, user)
    else:
        logout()
    try:
        view = api.content.get_view("view", form, request)
        return view()
    finally:
        logout()


def value_of(html, name):
    match = re.search(rf'<input[^>]*name="form\.widgets\.{name}"[^>]*>', html)
    assert match, name
    found = re.search(r'value="([^"]*)"', match.group(0))
    return found.group(1) if found else ""


class TestForm:
    def test_prefilled_for_a_logged_in_user(self, portal):
        html = form_html(portal, "jobcenter-u25")
        assert value_of(html, "fullname") == "Markus Beispiel"
        assert value_of(html, "email") == "u25@jobcenter.example"
        uid = portal["oberhausen"]["jobcenter-oberhausen"].UID()
        assert re.search(rf'<option[^>]*value="{uid}"[^>]*selected', html) or re.search(
            rf'<option[^>]*selected[^>]*value="{uid}"', html
        )

    def test_empty_for_an_anonymous_visitor(self, portal):
        with api.env.adopt_roles(["Manager"]):  # the workshop's form is for the network
            html = form_html(portal)
        assert "Markus Beispiel" not in html

    def test_the_heading_names_the_event(self, portal):
        form = portal.unrestrictedTraverse(f"{EVENT}/anmeldung")
        assert form.Title() == "Anmeldung: Gemeinsame Fortbildung 2027: Übergänge gestalten"


class TestEventPage:
    def page(self, portal):
        login(portal, "jobcenter-u25")
        try:
            event = portal.unrestrictedTraverse(EVENT)
            return api.content.get_view("view", event, portal.REQUEST)()
        finally:
            logout()

    def test_open_shows_the_deadline_and_the_form(self, portal):
        html = self.page(portal)
        assert 'id="register-link"' in html
        assert "Anmeldeschluss: 11.02.2027 23:59" in html

    def test_after_the_deadline_no_form(self, portal):
        event = portal.unrestrictedTraverse(EVENT)
        event.registration_closes = datetime.now() - timedelta(days=2)
        html = self.page(portal)
        assert 'id="register-link"' not in html
        day = (datetime.now() - timedelta(days=2)).strftime("%d.%m.%Y")
        assert f"Anmeldeschluss war am {day}" in html


class TestCancel:
    def test_cancelling_asks_first(self, portal):
        from kooperation.registrations import service

        event = portal.unrestrictedTraverse(EVENT)
        login(portal, "jobcenter-u25")
        try:
            outcome = service.register(
                event,
                {
                    "fullname": "Markus Beispiel",
                    "email": "u25@jobcenter.example",
                    "consent": True,
                },
            )
            obj = outcome.registration
            request = portal.REQUEST
            request.method = "POST"
            view = api.content.get_view("my-registrations", portal, request)
            request.form.update({"uid": obj.UID(), "_authenticator": view.authenticator()})
            html = view()
            assert 'id="confirm-cancel"' in html
            assert "wirklich stornieren" in html
            assert api.content.get_state(obj) == "confirmed"
            request.form["confirmed"] = "1"
            api.content.get_view("my-registrations", portal, request)()
            assert api.content.get_state(obj) == "cancelled"
        finally:
            request.method = "GET"
            logout()
