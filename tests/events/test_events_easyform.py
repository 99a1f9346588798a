"""The TTW registration form: created with every event, its action registers."""

from collective.easyform.config import FORM_ERROR_MARKER
from events_helpers import make_event
from plone import api

import pytest


class TestForm:
    @pytest.fixture(autouse=True)
    def _setup(self, net, http_request):
        self.net = net
        self.request = http_request
        self.event = make_event(net)

    def test_every_event_gets_its_form_with_the_default_fields(self):
        form = self.event["anmeldung"]
        assert form.portal_type == "EasyForm"
        for name in ("fullname", "email", "partner", "dietary", "consent"):
            assert f'name="{name}"' in form.fields_model
        assert "kooperation.events.easyform.Register" in form.actions_model
        youth = make_event(self.net, "YouthConference", id="jk", title="Jugendkonferenz")
        assert 'name="birth_date"' in youth["anmeldung"].fields_model
        assert 'name="guardian_consent"' in youth["anmeldung"].fields_model
        assert api.content.get_state(youth["anmeldung"]) == "published"

    def test_the_form_action_registers(self):
        from kooperation.events import registrations
        from kooperation.events.easyform import Register

        form = self.event["anmeldung"]
        from collective.easyform.api import get_actions

        action = get_actions(form)["register"]
        assert isinstance(action, Register)
        fields = {
            "fullname": "Anna Muster",
            "email": "anna@example.org",
            "partner": self.net["a"].UID(),
            "organisation": "",
            "dietary": "vegetarisch",
            "consent": True,
        }
        assert action.onSuccess(fields, self.request) is None
        (obj,) = registrations.objects(self.event)
        assert (obj.fullname, obj.partner) == ("Anna Muster", self.net["a"].UID())
        assert obj.answers == {"dietary": "vegetarisch"}
        errors = action.onSuccess(fields, self.request)
        assert list(errors) == [FORM_ERROR_MARKER]  # shown above the form
        assert "bereits angemeldet" in errors[FORM_ERROR_MARKER]
        errors = action.onSuccess({**fields, "email": "x", "consent": False}, self.request)
        assert set(errors) == {"email", "consent"}
