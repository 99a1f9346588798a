"""Event settings (issue 16): inconsistent dates and capacities are refused with a
German message at the field, in the add and edit forms and in REST (one rule set:
``kooperation.registrations.settings.settings_problems``)."""

from datetime import datetime
from datetime import timedelta
from kooperation.interfaces import IKooperationLayer
from kooperation.registrations.settings import settings_problems
from plone import api
from plone.app.testing import login
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.app.testing import TEST_USER_NAME
from plone.restapi.interfaces import IDeserializeFromJson
from zExceptions import BadRequest
from zope.component import getMultiAdapter
from zope.i18n import translate
from zope.interface import alsoProvides

import pytest
import pytz


BERLIN = pytz.timezone("Europe/Berlin")
START = BERLIN.localize(datetime(2027, 2, 18, 9, 0))
END = START + timedelta(hours=7)


def _fields(problems):
    return [name for name, _message in problems]


def _de(message):
    return translate(message, target_language="de")


class TestRules:
    """The pure rules (aware datetimes: no portal needed)."""

    def test_consistent_settings_have_no_problem(self):
        values = {
            "capacity": 30,
            "quotas": {"uid-a": 10},
            "registration_opens": START - timedelta(days=30),
            "registration_closes": START - timedelta(days=7),
            "cancel_until": START,
        }
        assert settings_problems(values, START, END, taken=6) == []

    @pytest.mark.parametrize(
        ("values", "start", "end", "taken", "field"),
        [
            ({}, START, START - timedelta(hours=1), 0, "IEventBasic.end"),
            (
                {
                    "registration_opens": START - timedelta(days=3),
                    "registration_closes": START - timedelta(days=5),
                },
                START,
                END,
                0,
                "registration_closes",
            ),
            (
                {"registration_closes": START + timedelta(hours=1)},
                START,
                END,
                0,
                "registration_closes",
            ),
            (
                {"registration_opens": START + timedelta(days=1)},
                START,
                END,
                0,
                "registration_opens",
            ),
            ({"cancel_until": END + timedelta(days=1)}, START, END, 0, "cancel_until"),
            ({"capacity": 3}, START, END, 6, "capacity"),
            ({"capacity": 30, "quotas": {"uid-a": -1}}, START, END, 0, "quotas"),
            ({"capacity": 30, "quotas": {"uid-a": 31}}, START, END, 0, "quotas"),
        ],
    )
    def test_a_broken_rule_names_its_field(self, values, start, end, taken, field):
        assert _fields(settings_problems(values, start, end, taken)) == [field]

    def test_the_capacity_message_says_what_to_do(self):
        ((_name, message),) = settings_problems({"capacity": 3}, START, END, taken=6)
        assert message.mapping == {"taken": 6}
        assert "waiting list" in message.default

    def test_the_closing_message_gives_the_start_in_german(self):
        values = {"registration_closes": START + timedelta(hours=1)}
        ((_name, message),) = settings_problems(values, START, END, taken=0)
        assert message.mapping == {"start": "18.02.2027 09:00"}

    def test_capacity_equal_to_the_seats_taken_is_fine(self):
        assert settings_problems({"capacity": 6}, START, END, taken=6) == []


def _form(view):
    return getattr(view, "form_instance", view)


def _errors(form):
    data, errors = form.extractData()
    return {
        (error.widget.__name__ if error.widget is not None else ""): _de(error.message)
        for error in errors
    }


class TestForms:
    """The demo's workshop: 18.02.2027 09:00–16:00, 30 seats, 4 confirmed registrations."""

    @pytest.fixture(autouse=True)
    def _setup(self, demo):
        self.portal = demo["portal"]
        self.request = demo["request"]
        alsoProvides(self.request, IKooperationLayer)
        self.request["LANGUAGE"] = "de"
        setRoles(self.portal, TEST_USER_ID, ["Manager"])
        login(self.portal, TEST_USER_NAME)
        self.network = self.portal["oberhausen"]
        self.workshop = self.network["fortbildung-2027"]

    def _edit(self, **fields):
        self.request.form.clear()
        view = self.workshop.restrictedTraverse("@@edit")
        self.request["PUBLISHED"] = view  # the rows of "Seats per partner" ask it
        form = _form(view)
        form.update()
        # the form as it was shown, with the given fields changed
        self.request.form.update(
            {
                widget.name: widget.value
                for manager in [form.widgets] + [g.widgets for g in form.groups]
                for widget in manager.values()
            }
        )
        self.request.form.update(fields)
        form = _form(self.workshop.restrictedTraverse("@@edit"))
        form.update()
        return form

    def test_capacity_below_the_confirmed_registrations_is_refused_at_its_field(self):
        form = self._edit(**{"form.widgets.capacity": "3"})
        errors = _errors(form)
        assert list(errors) == ["capacity"], errors
        assert "Es sind bereits 4 Plätze belegt" in errors["capacity"]
        assert "Warteliste" in errors["capacity"]

    def test_saving_a_capacity_below_the_registrations_changes_nothing(self):
        self._edit(**{"form.widgets.capacity": "3", "form.buttons.save": "Speichern"})
        assert self.workshop.capacity == 30

    def test_registration_closing_after_the_start_is_refused(self):
        form = self._edit(**{"form.widgets.registration_closes": "2027-02-18T12:00"})
        errors = _errors(form)
        assert list(errors) == ["registration_closes"], errors
        assert "18.02.2027 09:00" in errors["registration_closes"]

    def test_moving_the_start_later_with_the_closing_date_is_fine(self):
        form = self._edit(
            **{
                "form.widgets.IEventBasic.start": "2027-03-18T09:00",
                "form.widgets.IEventBasic.end": "2027-03-18T16:00",
                "form.widgets.registration_closes": "2027-03-11T12:00",
            }
        )
        assert _errors(form) == {}

    def test_end_before_start_is_shown_at_the_end(self):
        form = self._edit(**{"form.widgets.IEventBasic.end": "2027-02-17T16:00"})
        errors = _errors(form)
        assert list(errors) == ["IEventBasic.end"], errors

    def test_a_partner_quota_above_the_capacity_is_refused(self):
        partner = api.content.find(context=self.network, portal_type="Partner")[0]
        form = self._edit(
            **{
                "form.widgets.quotas.count": "1",
                "form.widgets.quotas.key.0": [partner.UID],
                "form.widgets.quotas.key.0-empty-marker": "1",
                "form.widgets.quotas.0": "31",
            }
        )
        errors = _errors(form)
        assert "quotas" in errors, errors
        assert "31" in errors["quotas"]

    def test_the_add_form_checks_against_the_start_it_is_given(self):
        self.request.form.clear()
        self.request.form.update(
            {
                "form.widgets.IBasic.title": "Fortbildung 2028",
                "form.widgets.IEventBasic.start": "2028-02-18T09:00",
                "form.widgets.IEventBasic.end": "2028-02-18T16:00",
                "form.widgets.capacity": "20",
                "form.widgets.waiting_list": "5",
                "form.widgets.retention_days": "90",
                "form.widgets.quota_full": ["wait"],
                "form.widgets.registration_closes": "2028-02-19T09:00",
            }
        )
        form = _form(self.network.restrictedTraverse("++add++Workshop"))
        form.update()
        errors = _errors(form)
        assert list(errors) == ["registration_closes"], errors


class TestRest:
    """PATCH runs the schema's invariant: 400 with the German message, nothing stored."""

    @pytest.fixture(autouse=True)
    def _setup(self, demo):
        self.portal = demo["portal"]
        self.request = demo["request"]
        self.request["LANGUAGE"] = "de"
        setRoles(self.portal, TEST_USER_ID, ["Manager"])
        login(self.portal, TEST_USER_NAME)
        self.workshop = self.portal["oberhausen"]["fortbildung-2027"]

    def _patch(self, data):
        deserializer = getMultiAdapter((self.workshop, self.request), IDeserializeFromJson)
        with pytest.raises(BadRequest) as raised:
            deserializer(data=data)
        return " ".join(str(error["message"]) for error in raised.value.args[0])

    def test_capacity_below_the_registrations(self):
        message = self._patch({"capacity": 3})
        assert "Es sind bereits 4 Plätze belegt" in message

    def test_closing_after_the_start(self):
        message = self._patch({"registration_closes": "2027-02-18T12:00:00"})
        assert "18.02.2027 09:00" in message

    def test_quota_above_the_capacity(self):
        partner = [
            o for o in self.portal["oberhausen"].objectValues() if o.portal_type == "Partner"
        ]
        message = self._patch({"quotas": {partner[0].UID(): 31}})
        assert "31" in message

    def test_a_valid_change_is_accepted(self):
        deserializer = getMultiAdapter((self.workshop, self.request), IDeserializeFromJson)
        deserializer(data={"capacity": 12})
        assert self.workshop.capacity == 12

    @pytest.mark.parametrize("field", ["capacity", "waiting_list"])
    def test_more_than_the_largest_event_is_refused(self, field):
        """10,000 seats or waiting places at most (registration.MAX_SEATS): the seat
        numbers of the claims are made up front, 10**40 of them would never end."""
        message = self._patch({field: 10**40})
        assert message
        assert getattr(self.workshop, field) < 10**40
        message = self._patch({field: 10001})
        assert "10000" in message.replace(".", "") or "groß" in message
