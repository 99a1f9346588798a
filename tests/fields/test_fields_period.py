"""PeriodField: schema validation, plone.restapi (de)serialization and the Classic UI widget."""

from kooperation.common.formatting import format_period
from kooperation.deadlines import Period
from kooperation.fields.period import IPeriodField
from kooperation.fields.period import IPeriodWidget
from kooperation.fields.period import PERIOD_SHAPE_MESSAGE
from kooperation.fields.period import PERIOD_UNIT_MESSAGE
from kooperation.fields.period import PERIOD_VALUE_MESSAGE
from kooperation.fields.period import PeriodDataConverter
from kooperation.fields.period import PeriodField
from kooperation.fields.period import PeriodFieldDeserializer
from kooperation.fields.period import PeriodFieldSerializer
from kooperation.fields.period import PeriodWidget
from kooperation.fields.testing import IPeriodTestSchema
from kooperation.fields.testing import SCHEMA
from plone.app.testing import setRoles
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD
from plone.app.testing import TEST_USER_ID
from plone.app.z3cform.interfaces import IPloneFormLayer
from plone.dexterity.fti import DexterityFTI
from plone.i18n.utility import LanguageBinding
from plone.restapi.interfaces import IFieldDeserializer
from plone.restapi.interfaces import IFieldSerializer
from plone.restapi.interfaces import ISerializeToJson
from plone.restapi.testing import RelativeSession
from plone.restapi.types.interfaces import IJsonSchemaProvider
from z3c.form.interfaces import DISPLAY_MODE
from z3c.form.interfaces import HIDDEN_MODE
from z3c.form.interfaces import IDataConverter
from z3c.form.interfaces import IFieldWidget
from z3c.form.interfaces import NO_VALUE
from zope.component import getMultiAdapter
from zope.i18n import translate
from zope.i18nmessageid import Message
from zope.interface import alsoProvides
from zope.schema.interfaces import RequiredMissing
from zope.schema.interfaces import ValidationError
from zope.schema.interfaces import WrongType

import ast
import json
import lxml.html
import pytest
import transaction


TYPE = "PeriodTestType"

SHAPE_EN = (
    'A period is {"value": <whole number ≥ 1>, "unit": "days", "weeks", "months" or "years"}.'
)
NUMBER_EN = "Enter a whole number of at least 1."
UNIT_EN = "Choose a unit: days, weeks, months or years."


def value_error_en(shown):
    return f"The value of a period must be a whole number of at least 1, not {shown}."


def unit_error_en(shown):
    return f'The unit of a period must be "days", "weeks", "months" or "years", not {shown}.'


def add_test_type(portal):
    """A Dexterity type whose schema has two optional PeriodFields (one with a default)."""
    fti = DexterityFTI(
        TYPE,
        title="Period test type",
        schema=SCHEMA,
        klass="plone.dexterity.content.Item",
        behaviors=("plone.basic",),
        global_allow=True,
    )
    portal.portal_types._setObject(TYPE, fti)
    return portal.portal_types[TYPE]


def english(request):
    """Make the request's language English, as Plone's language negotiation would."""
    binding = LanguageBinding()
    binding.LANGUAGE = binding.DEFAULT_LANGUAGE = "en"
    binding.LANGUAGE_LIST = ["en"]
    request["LANGUAGE_TOOL"] = binding
    request["LANGUAGE"] = "en"
    return request


def options(html):
    """(value, text, selected) of the unit select's options."""
    tree = lxml.html.fragment_fromstring(html, create_parent="div")
    return [
        (option.get("value"), option.text_content(), option.get("selected") == "selected")
        for option in tree.cssselect("select.period-unit option")
    ]


def number_input(html):
    tree = lxml.html.fragment_fromstring(html, create_parent="div")
    (element,) = tree.cssselect("input.period-value")
    return element


def submit(request, **values):
    """Put form values into the request as the publisher does (form and other)."""
    for name, value in values.items():
        request.form[name] = value
        request.set(name, value)


class TestField:
    @pytest.fixture(autouse=True)
    def _setup(self):
        self.field = PeriodField(__name__="term", title="Term", required=True)

    def test_provides_interface(self):
        assert IPeriodField.providedBy(self.field)

    def test_in_schema(self):
        assert IPeriodField.providedBy(IPeriodTestSchema["initial_term"])
        assert IPeriodTestSchema["notice_period"].default == Period(3, "months")

    @pytest.mark.parametrize(
        "period", [Period(1, "days"), Period(6, "months"), Period(2, "years"), Period(4, "weeks")]
    )
    def test_valid(self, period):
        assert self.field.validate(period) is None

    @pytest.mark.parametrize(
        "value", ["6 months", 6, {"value": 6, "unit": "months"}, (6, "months"), object()]
    )
    def test_wrong_type(self, value):
        with pytest.raises(WrongType):
            self.field.validate(value)

    def test_required_missing(self):
        with pytest.raises(RequiredMissing):
            self.field.validate(None)

    def test_optional_accepts_none(self):
        assert PeriodField(required=False).validate(None) is None


class TestFormatPeriod:
    @pytest.fixture(autouse=True)
    def _setup(self, portal, http_request):
        self.request = english(http_request)

    @pytest.mark.parametrize(
        ("period", "text"),
        [
            (Period(1, "days"), "1 day"),
            (Period(2, "days"), "2 days"),
            (Period(1, "weeks"), "1 week"),
            (Period(4, "weeks"), "4 weeks"),
            (Period(1, "months"), "1 month"),
            (Period(6, "months"), "6 months"),
            (Period(1, "years"), "1 year"),
            (Period(12, "years"), "12 years"),
        ],
    )
    def test_english(self, period, text):
        assert format_period(period, self.request) == text

    def test_none(self):
        assert format_period(None, self.request) == ""

    @pytest.mark.parametrize(
        ("period", "text"),
        [
            (Period(1, "days"), "1 Tag"),
            (Period(14, "days"), "14 Tage"),
            (Period(1, "weeks"), "1 Woche"),
            (Period(4, "weeks"), "4 Wochen"),
            (Period(1, "months"), "1 Monat"),
            (Period(6, "months"), "6 Monate"),
            (Period(1, "years"), "1 Jahr"),
            (Period(2, "years"), "2 Jahre"),
        ],
    )
    def test_german(self, period, text):
        self.request["LANGUAGE_TOOL"].LANGUAGE = "de"
        assert format_period(period, self.request) == text


class TestSerializer:
    @pytest.fixture(autouse=True)
    def _setup(self, portal, http_request):
        setRoles(portal, TEST_USER_ID, ["Manager"])
        add_test_type(portal)
        portal.invokeFactory(TYPE, "item", title="Item")
        self.item = portal["item"]
        self.request = http_request

    def serialize(self, name):
        field = IPeriodTestSchema[name]
        serializer = getMultiAdapter((field, self.item, self.request), IFieldSerializer)
        assert isinstance(serializer, PeriodFieldSerializer)
        return serializer()

    def test_value(self):
        self.item.initial_term = Period(6, "months")
        assert self.serialize("initial_term") == {"value": 6, "unit": "months"}

    def test_default(self):
        assert self.serialize("notice_period") == {"value": 3, "unit": "months"}

    def test_none(self):
        self.item.initial_term = None
        assert self.serialize("initial_term") is None

    def test_whole_content_is_json(self):
        self.item.initial_term = Period(1, "years")
        data = getMultiAdapter((self.item, self.request), ISerializeToJson)()
        assert json.loads(json.dumps(data))["initial_term"] == {"value": 1, "unit": "years"}


class TestDeserializer:
    @pytest.fixture(autouse=True)
    def _setup(self, portal, http_request):
        setRoles(portal, TEST_USER_ID, ["Manager"])
        add_test_type(portal)
        portal.invokeFactory(TYPE, "item", title="Item")
        self.item = portal["item"]
        self.request = english(http_request)

    def deserializer(self, field=None):
        field = field or IPeriodTestSchema["initial_term"]
        deserializer = getMultiAdapter((field, self.item, self.request), IFieldDeserializer)
        assert isinstance(deserializer, PeriodFieldDeserializer)
        return deserializer

    @pytest.mark.parametrize(
        ("data", "period"),
        [
            ({"value": 6, "unit": "months"}, Period(6, "months")),
            ({"unit": "years", "value": 1}, Period(1, "years")),
            ({"value": 14, "unit": "days"}, Period(14, "days")),
            ({"value": 4, "unit": "weeks"}, Period(4, "weeks")),
        ],
    )
    def test_good(self, data, period):
        assert self.deserializer()(data) == period

    def test_none_optional(self):
        assert self.deserializer()(None) is None

    def test_none_required(self):
        field = PeriodField(__name__="required_term", title="Term", required=True)
        with pytest.raises(RequiredMissing):
            self.deserializer(field)(None)

    @pytest.mark.parametrize(
        ("data", "message"),
        [
            ("6 months", SHAPE_EN),
            (6, SHAPE_EN),
            ([6, "months"], SHAPE_EN),
            ({}, SHAPE_EN),
            ({"value": 6}, SHAPE_EN),
            ({"unit": "months"}, SHAPE_EN),
            ({"value": 6, "unit": "months", "extra": 1}, SHAPE_EN),
            ({"Value": 6, "unit": "months"}, SHAPE_EN),
            ({"value": 0, "unit": "months"}, value_error_en("0")),
            ({"value": -3, "unit": "months"}, value_error_en("-3")),
            ({"value": 1.5, "unit": "months"}, value_error_en("1.5")),
            ({"value": 6.0, "unit": "months"}, value_error_en("6.0")),
            ({"value": "6", "unit": "months"}, value_error_en('"6"')),
            ({"value": True, "unit": "months"}, value_error_en("true")),
            ({"value": None, "unit": "months"}, value_error_en("null")),
            ({"value": 6, "unit": "month"}, unit_error_en('"month"')),
            ({"value": 6, "unit": "Monate"}, unit_error_en('"Monate"')),
            ({"value": 6, "unit": "MONTHS"}, unit_error_en('"MONTHS"')),
            ({"value": 6, "unit": None}, unit_error_en("null")),
            ({"value": 6, "unit": 3}, unit_error_en("3")),
            ({"value": 6, "unit": ["months"]}, unit_error_en('["months"]')),
        ],
    )
    def test_bad(self, data, message):
        with pytest.raises(ValueError) as raised:
            self.deserializer()(data)
        assert str(raised.value) == message

    def test_message_is_translated(self):
        """The message is translated with the request (plone.restapi cannot do it later)."""
        self.request["LANGUAGE_TOOL"].LANGUAGE = "de"
        with pytest.raises(ValueError) as raised:
            self.deserializer()("6 months")
        assert str(raised.value) == translate(PERIOD_SHAPE_MESSAGE, target_language="de")


class TestJsonSchema:
    @pytest.fixture(autouse=True)
    def _setup(self, portal, http_request):
        self.portal = portal
        self.request = english(http_request)

    def schema(self, name):
        field = IPeriodTestSchema[name]
        provider = getMultiAdapter((field, self.portal, self.request), IJsonSchemaProvider)
        return provider.get_schema()

    def test_schema(self):
        schema = self.schema("initial_term")
        assert schema["type"] == "object"
        assert schema["title"] == "Initial term"
        assert schema["properties"]["value"]["type"] == "integer"
        assert schema["properties"]["value"]["minimum"] == 1
        assert schema["properties"]["unit"]["type"] == "string"
        assert schema["properties"]["unit"]["enum"] == ["days", "weeks", "months", "years"]
        assert schema["properties"]["unit"]["enumNames"] == ["days", "weeks", "months", "years"]
        assert schema["required"] == ["value", "unit"]
        assert "default" not in schema

    def test_default_is_json(self):
        schema = self.schema("notice_period")
        assert schema["default"] == {"value": 3, "unit": "months"}
        assert json.loads(json.dumps(schema)) == schema


class TestWidget:
    @pytest.fixture(autouse=True)
    def _setup(self, portal, http_request):
        self.portal = portal
        self.request = english(http_request)
        alsoProvides(self.request, IPloneFormLayer)

    def widget(self, name="initial_term", field=None, mode=None):
        field = field or IPeriodTestSchema[name]
        widget = getMultiAdapter((field, self.request), IFieldWidget)
        widget.name = f"form.widgets.{field.__name__}"
        widget.id = f"form-widgets-{field.__name__}"
        widget.context = self.portal
        widget.ignoreContext = True
        if mode:
            widget.mode = mode
        return widget

    def converter(self, widget):
        converter = getMultiAdapter((widget.field, widget), IDataConverter)
        assert isinstance(converter, PeriodDataConverter)
        return converter

    def test_factory(self):
        widget = self.widget()
        assert isinstance(widget, PeriodWidget)
        assert IPeriodWidget.providedBy(widget)

    def test_extract_nothing(self):
        assert self.widget().extract() is NO_VALUE

    def test_extract(self):
        submit(
            self.request,
            **{"form.widgets.initial_term.value": "6", "form.widgets.initial_term.unit": "months"},
        )
        assert self.widget().extract() == ("6", "months")

    def test_extract_one_part(self):
        submit(self.request, **{"form.widgets.initial_term.unit": ""})
        assert self.widget().extract() == ("", "")

    @pytest.mark.parametrize(
        ("widget_value", "period"),
        [
            (("6", "months"), Period(6, "months")),
            ((" 1 ", "years"), Period(1, "years")),
            (("14", "days"), Period(14, "days")),
            ({"value": "2", "unit": "weeks"}, Period(2, "weeks")),
            (("", ""), None),
            (("", "months"), None),
        ],
    )
    def test_round_trip(self, widget_value, period):
        converter = self.converter(self.widget())
        assert converter.toFieldValue(widget_value) == period
        back = converter.toWidgetValue(period)
        assert converter.toFieldValue(back) == period

    def test_to_widget_value(self):
        converter = self.converter(self.widget())
        assert converter.toWidgetValue(Period(6, "months")) == ("6", "months")
        assert converter.toWidgetValue(None) == ("", "")

    @pytest.mark.parametrize(
        ("widget_value", "message"),
        [
            (("0", "months"), NUMBER_EN),
            (("-1", "months"), NUMBER_EN),
            (("1.5", "months"), NUMBER_EN),
            (("six", "months"), NUMBER_EN),
            (("6", ""), UNIT_EN),
            (("6", "fortnights"), UNIT_EN),
        ],
    )
    def test_invalid_input_is_a_validation_error(self, widget_value, message):
        converter = self.converter(self.widget())
        with pytest.raises(ValidationError) as raised:
            converter.toFieldValue(widget_value)
        assert translate(raised.value.doc(), context=self.request) == message

    def test_render_input(self):
        widget = self.widget()
        widget.update()
        html = widget.render()
        number = number_input(html)
        assert number.get("name") == "form.widgets.initial_term.value"
        assert number.get("id") == "form-widgets-initial_term"
        assert number.get("type") == "number"
        assert number.get("min") == "1"
        assert number.get("value") == ""
        assert 'name="form.widgets.initial_term.unit"' in html
        assert options(html) == [
            ("", "(none)", True),
            ("days", "days", False),
            ("weeks", "weeks", False),
            ("months", "months", False),
            ("years", "years", False),
        ]

    def test_render_input_with_value(self):
        submit(
            self.request,
            **{"form.widgets.notice_period.value": "6", "form.widgets.notice_period.unit": "years"},
        )
        widget = self.widget("notice_period")
        widget.update()
        html = widget.render()
        assert number_input(html).get("value") == "6"
        assert [value for value, _text, selected in options(html) if selected] == ["years"]

    def test_required_has_no_empty_option_once_chosen(self):
        field = PeriodField(__name__="term", title="Term", required=True)
        submit(self.request, **{"form.widgets.term.value": "2", "form.widgets.term.unit": "weeks"})
        widget = self.widget(field=field)
        widget.update()
        units = [item["value"] for item in widget.unit_items()]
        assert units == ["days", "weeks", "months", "years"]

    def test_render_display(self):
        widget = self.widget("notice_period", mode=DISPLAY_MODE)
        widget.update()  # ignoreContext: shows the field's default
        assert widget.display_text() == "3 months"
        assert "3 months" in widget.render()

    def test_render_display_empty(self):
        widget = self.widget(mode=DISPLAY_MODE)
        widget.update()
        assert widget.display_text() == ""

    def test_render_german(self):
        self.request["LANGUAGE_TOOL"].LANGUAGE = "de"
        widget = self.widget()
        widget.update()
        assert [text for _value, text, _selected in options(widget.render())] == [
            "(keine)",
            "Tage",
            "Wochen",
            "Monate",
            "Jahre",
        ]
        display = self.widget("notice_period", mode=DISPLAY_MODE)
        display.update()
        assert "3 Monate" in display.render()

    def test_render_hidden(self):
        widget = self.widget("notice_period", mode=HIDDEN_MODE)
        widget.update()
        html = widget.render()
        assert 'name="form.widgets.notice_period.value"' in html
        assert 'name="form.widgets.notice_period.unit"' in html
        assert 'type="hidden"' in html
        assert 'value="months"' in html


class TestEditForm:
    """The Dexterity edit form of a type with PeriodFields (Classic UI)."""

    @pytest.fixture(autouse=True)
    def _setup(self, portal, http_request):
        setRoles(portal, TEST_USER_ID, ["Manager"])
        add_test_type(portal)
        portal.invokeFactory(TYPE, "item", title="Item")
        self.item = portal["item"]
        self.item.initial_term = Period(2, "years")
        self.request = english(http_request)
        alsoProvides(self.request, IPloneFormLayer)

    def save(self, number, unit):
        submit(
            self.request,
            **{
                "form.widgets.IBasic.title": "Item",
                "form.widgets.initial_term.value": number,
                "form.widgets.initial_term.unit": unit,
                "form.widgets.notice_period.value": "3",
                "form.widgets.notice_period.unit": "months",
                "form.buttons.save": "Save",
            },
        )
        form = getMultiAdapter((self.item, self.request), name="edit").form_instance
        form.update()
        return form

    def error(self, form):
        widget = form.widgets["initial_term"]
        return widget.error and translate(widget.error.message, context=self.request)

    def test_shows_stored_value(self):
        form = getMultiAdapter((self.item, self.request), name="edit").form_instance
        form.update()
        html = form.widgets["initial_term"].render()
        assert number_input(html).get("value") == "2"
        assert [value for value, _text, selected in options(html) if selected] == ["years"]

    def test_saves_period(self):
        form = self.save("6", "months")
        assert self.error(form) is None
        assert self.item.initial_term == Period(6, "months")

    def test_saves_none(self):
        form = self.save("", "")
        assert self.error(form) is None
        assert self.item.initial_term is None

    @pytest.mark.parametrize(
        ("number", "unit", "message"),
        [
            ("0", "months", NUMBER_EN),
            ("abc", "months", NUMBER_EN),
            ("6", "", UNIT_EN),
            ("6", "decades", UNIT_EN),
        ],
    )
    def test_invalid_input_is_a_field_error(self, number, unit, message):
        form = self.save(number, unit)
        assert self.error(form) == message
        assert self.item.initial_term == Period(2, "years")
        assert message in form.widgets["initial_term"].error.render()


class TestRestApi:
    """Content POST and PATCH over HTTP: a bad period answers 400 with the message."""

    @pytest.fixture(autouse=True)
    def _setup(self, functional, functional_portal):
        self.portal = functional_portal
        add_test_type(functional_portal)
        transaction.commit()
        self.api = RelativeSession(functional_portal.absolute_url())
        self.api.headers.update({"Accept": "application/json"})
        self.api.auth = (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
        yield
        self.api.close()

    def post(self, term):
        return self.api.post(
            "/", json={"@type": TYPE, "id": "item", "title": "Item", "initial_term": term}
        )

    @staticmethod
    def errors(response):
        """plone.restapi reports the field errors as the repr of a list in "message"."""
        assert response.status_code == 400, response.text
        return ast.literal_eval(response.json()["message"])

    @staticmethod
    def expected(message, **mapping):
        # The site is German: the message comes in German once the catalog has it.
        if mapping:
            message = Message(message, mapping=mapping)
        return translate(message, target_language="de")

    def test_post_good(self):
        response = self.post({"value": 6, "unit": "months"})
        assert response.status_code == 201, response.text
        assert response.json()["initial_term"] == {"value": 6, "unit": "months"}
        assert response.json()["notice_period"] == {"value": 3, "unit": "months"}
        transaction.begin()
        assert self.portal["item"].initial_term == Period(6, "months")

    @pytest.mark.parametrize("term", ["6 months", {"value": 6}, [6, "months"]])
    def test_post_bad_shape(self, term):
        errors = self.errors(self.post(term))
        assert errors == [
            {
                "message": self.expected(PERIOD_SHAPE_MESSAGE),
                "field": "initial_term",
                "error": "ValidationError",
            }
        ]
        transaction.begin()
        assert "item" not in self.portal

    def test_post_bad_value(self):
        errors = self.errors(self.post({"value": 0, "unit": "months"}))
        assert errors[0]["message"] == self.expected(PERIOD_VALUE_MESSAGE, value="0")

    def test_patch(self):
        assert self.post(None).status_code == 201
        item = self.portal.absolute_url() + "/item"

        bad = self.api.patch(item, json={"initial_term": {"value": 6, "unit": "fortnights"}})
        assert self.errors(bad)[0]["message"] == self.expected(
            PERIOD_UNIT_MESSAGE, unit='"fortnights"'
        )
        assert self.api.get(item).json()["initial_term"] is None

        good = self.api.patch(item, json={"initial_term": {"value": 1, "unit": "years"}})
        assert good.status_code == 204, good.text
        assert self.api.get(item).json()["initial_term"] == {"value": 1, "unit": "years"}
        transaction.begin()
        assert self.portal["item"].initial_term == Period(1, "years")

        cleared = self.api.patch(item, json={"initial_term": None})
        assert cleared.status_code == 204, cleared.text
        assert self.api.get(item).json()["initial_term"] is None

    def test_types_endpoint(self):
        response = self.api.get(f"/@types/{TYPE}")
        assert response.status_code == 200, response.text
        properties = response.json()["properties"]
        assert properties["initial_term"]["type"] == "object"
        assert properties["notice_period"]["default"] == {"value": 3, "unit": "months"}
