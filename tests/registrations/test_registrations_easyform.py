"""The TTW registration form: created with every event, its action registers."""

from collective.easyform.config import FORM_ERROR_MARKER
from plone import api
from registrations_helpers import make_event

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
        assert "kooperation.registrations.easyform.Register" in form.actions_model
        youth = make_event(self.net, "YouthConference", id="jk", title="Jugendkonferenz")
        assert 'name="birth_date"' in youth["anmeldung"].fields_model
        assert 'name="guardian_consent"' in youth["anmeldung"].fields_model
        # No state of its own (its rights are its event's: tests/security/test_security_matrix.py)
        assert api.content.get_state(youth["anmeldung"], default=None) is None
        assert api.content.get_state(form, default=None) is None

    def test_the_form_action_registers(self):
        from kooperation.registrations import ledger
        from kooperation.registrations.easyform import Register

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
        # Naming a partner: staff of that partner or a coordinator (issue 14).
        with api.env.adopt_roles(["Manager"]):
            assert action.onSuccess(fields, self.request) is None
        (obj,) = ledger.objects(self.event)
        assert (obj.fullname, obj.partner) == ("Anna Muster", self.net["a"].UID())
        assert obj.answers == {"dietary": "vegetarisch"}
        with api.env.adopt_roles(["Manager"]):
            errors = action.onSuccess(fields, self.request)
        assert list(errors) == [FORM_ERROR_MARKER]  # shown above the form
        assert "bereits angemeldet" in errors[FORM_ERROR_MARKER]
        errors = action.onSuccess({**fields, "email": "x", "consent": False}, self.request)
        assert set(errors) == {"email", "consent"}


def _fields(form):
    from collective.easyform.api import get_schema

    schema = get_schema(form)
    return {name: (schema[name].title, schema[name].description) for name in schema}


@pytest.fixture
def site_language(portal):
    """Set the site's default language for the test; the original comes back after it."""
    before = api.portal.get_registry_record("plone.default_language")

    def set_language(language):
        api.portal.set_registry_record("plone.default_language", language)

    yield set_language
    set_language(before)


def test_the_default_fields_are_messages_with_english_defaults():
    from kooperation.registrations import easyform
    from zope.i18nmessageid import Message

    all_rows = (
        easyform.FULLNAME,
        easyform.EMAIL,
        easyform.PARTNER,
        easyform.ORGANISATION,
        easyform.DIETARY,
        easyform.BIRTH_DATE,
        easyform.SCHOOL,
        easyform._guardian_consent(16),
        easyform.CONSENT,
    )
    for _name, _kind, title, description, _required, _extra in all_rows:
        assert isinstance(title, Message)
        assert title.domain == "kooperation"
        assert description is None or isinstance(description, Message)
    for message in (
        easyform.ACTION_TITLE,
        easyform.FORM_TITLE,
        easyform.SUBMIT_LABEL,
        easyform.THANKS_TITLE,
        easyform.THANKS_DESCRIPTION,
    ):
        assert isinstance(message, Message)
        assert message.domain == "kooperation"


def test_a_german_site_gets_the_form_in_german(net, site_language):
    from collective.easyform.api import get_actions
    from kooperation.registrations import easyform
    from zope.i18n import translate

    site_language("de")
    form = make_event(net)["anmeldung"]
    fields = _fields(form)
    assert list(fields) == ["fullname", "email", "partner", "organisation", "dietary", "consent"]
    assert fields["email"][0] == "E-Mail"
    assert fields["partner"][0] == "Partner"
    assert form.title == f"Anmeldung: {form.__parent__.Title()}"  # the heading names the event
    assert form.submitLabel == "Anmelden"
    # the texts of the catalog's German, whatever it says today
    for name, message in (("dietary", easyform.DIETARY[2]), ("consent", easyform.CONSENT[2])):
        assert fields[name][0] == translate(message, target_language="de")
    assert fields["consent"][1] == translate(easyform.CONSENT[3], target_language="de")
    assert form.thankstitle == translate(easyform.THANKS_TITLE, target_language="de")
    action = get_actions(form)["register"]
    assert action.title == translate(easyform.ACTION_TITLE, target_language="de")

    youth = make_event(net, "YouthConference", id="jk", min_age_without_consent=14)
    fields = _fields(youth["anmeldung"])
    assert fields["birth_date"][0] == "Geburtsdatum"
    assert fields["guardian_consent"][1] == translate(
        easyform._guardian_consent(14)[3], target_language="de"
    )
    assert "14" in fields["guardian_consent"][1]


def test_an_english_site_gets_the_form_in_english(net, site_language, http_request):
    from collective.easyform.api import get_actions
    from kooperation.registrations import ledger

    site_language("en")
    event = make_event(net)
    form = event["anmeldung"]
    fields = _fields(form)
    assert list(fields) == ["fullname", "email", "partner", "organisation", "dietary", "consent"]
    assert fields["email"] == (
        "E-mail",
        "We send the confirmation and the link to cancel to this address.",
    )
    assert fields["dietary"][0] == "Dietary needs / intolerances"
    assert fields["consent"] == (
        "I agree to the processing of my data for this event.",
        "Your data are used only to organise this event and are deleted "
        "after the retention period.",
    )
    assert form.title == f"Registration: {form.__parent__.Title()}"
    assert form.submitLabel == "Register"
    assert form.thankstitle == "Thank you for registering"
    assert form.thanksdescription == "Your registration has been saved."
    action = get_actions(form)["register"]
    assert action.title == "Save the registration"
    # the REST field names stay: the English form registers as the German one does
    data = {"fullname": "Ann Example", "email": "ann@example.org", "consent": True}
    assert action.onSuccess({**data, "dietary": "vegan"}, http_request) is None
    (obj,) = ledger.objects(event)
    assert (obj.email, obj.answers) == ("ann@example.org", {"dietary": "vegan"})

    youth = make_event(net, "YouthConference", id="jk", title="Youth conference")
    fields = _fields(youth["anmeldung"])
    assert list(fields) == [
        "fullname",
        "email",
        "birth_date",
        "school",
        "dietary",
        "guardian_consent",
        "consent",
    ]
    assert fields["birth_date"][0] == "Date of birth"
    assert fields["school"][0] == "School / institution"
    assert fields["guardian_consent"] == (
        "A guardian has given consent",
        "Needed for participants under 16.",
    )


def _anonymous_finds(obj):
    """What the catalog shows anonymous visitors (search, navigation, sitemap)."""
    from AccessControl.SecurityManagement import getSecurityManager
    from AccessControl.SecurityManagement import newSecurityManager
    from AccessControl.SecurityManagement import setSecurityManager
    from AccessControl.SpecialUsers import nobody

    before = getSecurityManager()
    newSecurityManager(None, nobody)
    try:
        return bool(api.content.find(UID=obj.UID()))
    finally:
        setSecurityManager(before)


def test_a_youth_conference_s_form_is_public_only_while_the_conference_is(net):
    """The form was published at creation: anonymous found "Anmeldung: <conference>"
    while the conference was still an idea, in consultation or decided."""
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(obj=net, transition="publish")
    conf = make_event(net, "YouthConference", id="jk", title="Jugendkonferenz")
    form = conf["anmeldung"]
    steps = ("start_consultation", "decide", "open_registration", "close_registration")
    seen = [_anonymous_finds(form)]
    with api.env.adopt_roles(["Manager"]):
        for step in steps:
            if step == "decide":
                conf.partner_decisions = {net[p].UID(): {"decision": "consent"} for p in ("a", "b")}
            api.content.transition(obj=conf, transition=step)
            seen.append(_anonymous_finds(form))
    assert seen == [False, False, False, True, True]
