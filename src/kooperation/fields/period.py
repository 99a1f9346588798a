"""PeriodField: a length of time such as "6 months" for content schemas.

The value is a :class:`kooperation.deadlines.Period`. This module adds

* the schema field (``PeriodField`` / ``IPeriodField``),
* its display through ``common.formatting.format_period`` ("6 months", "1 year"),
* plone.restapi support: field serializer and deserializer (``{"value": 6, "unit": "months"}``)
  and a JSON schema provider for ``@types``,
* a z3c.form widget for Classic UI forms: a number input and a select of the units.
"""

from kooperation import _
from kooperation.common.formatting import format_period
from kooperation.deadlines import Period
from kooperation.deadlines import UNITS
from plone.dexterity.interfaces import IDexterityContent
from plone.restapi.interfaces import IFieldDeserializer
from plone.restapi.interfaces import IFieldSerializer
from plone.restapi.serializer.dxfields import DefaultFieldSerializer
from plone.restapi.types.adapters import DefaultJsonSchemaProvider
from plone.restapi.types.interfaces import IJsonSchemaProvider
from z3c.form.browser.widget import addFieldClass
from z3c.form.browser.widget import HTMLInputWidget
from z3c.form.converter import BaseDataConverter
from z3c.form.interfaces import IFieldWidget
from z3c.form.interfaces import IFormLayer
from z3c.form.interfaces import IWidget
from z3c.form.interfaces import NO_VALUE
from z3c.form.widget import FieldWidget
from z3c.form.widget import Widget
from zope.component import adapter
from zope.i18n import translate
from zope.i18nmessageid import Message
from zope.interface import implementer
from zope.interface import Interface
from zope.publisher.interfaces.browser import IBrowserRequest
from zope.schema import Field
from zope.schema.interfaces import IField
from zope.schema.interfaces import ValidationError

import json
import re


# Messages -------------------------------------------------------------------------------------

PERIOD_SHAPE_MESSAGE = _(
    "error_period_shape",
    default=(
        'A period is {"value": <whole number ≥ 1>, "unit": "days", "weeks", "months" or "years"}.'
    ),
)
PERIOD_VALUE_MESSAGE = _(
    "error_period_value",
    default="The value of a period must be a whole number of at least 1, not ${value}.",
)
PERIOD_UNIT_MESSAGE = _(
    "error_period_unit",
    default='The unit of a period must be "days", "weeks", "months" or "years", not ${unit}.',
)
# Form (widget) input errors.
PERIOD_NUMBER_INPUT_MESSAGE = _(
    "error_period_number_input",
    default="Enter a whole number of at least 1.",
)
PERIOD_UNIT_INPUT_MESSAGE = _(
    "error_period_unit_input",
    default="Choose a unit: days, weeks, months or years.",
)

# Labels of the units in the widget's select and in the JSON schema.
UNIT_LABELS = {
    "days": _("unit_days", default="days"),
    "weeks": _("unit_weeks", default="weeks"),
    "months": _("unit_months", default="months"),
    "years": _("unit_years", default="years"),
}
UNIT_NONE_LABEL = _("unit_none", default="(none)")
VALUE_LABEL = _("label_period_value", default="Number")
UNIT_LABEL = _("label_period_unit", default="Unit")


def _shown(value):
    """A value from a request as it appears in an error message."""
    try:
        return json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        return repr(value)


# Field ----------------------------------------------------------------------------------------


class IPeriodField(IField):
    """A length of time: a whole number (at least 1) of days, weeks, months or years."""


@implementer(IPeriodField)
class PeriodField(Field):
    """A :class:`kooperation.deadlines.Period` such as 6 months or 1 year."""

    _type = Period


class InvalidPeriod(ValidationError):
    __doc__ = PERIOD_SHAPE_MESSAGE

    def doc(self):
        """The message given to the error (a translatable message), else the default."""
        if self.args:
            return self.args[0]
        return self.__class__.__doc__


def period_from_json(data):
    """A Period from its JSON form ``{"value": 6, "unit": "months"}``; None for None.

    Raises :class:`InvalidPeriod` with a translatable message for anything else.
    """
    if data is None:
        return None
    if not isinstance(data, dict) or set(data) != {"value", "unit"}:
        raise InvalidPeriod(PERIOD_SHAPE_MESSAGE)
    value, unit = data["value"], data["unit"]
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InvalidPeriod(Message(PERIOD_VALUE_MESSAGE, mapping={"value": _shown(value)}))
    if not isinstance(unit, str) or unit not in UNITS:
        raise InvalidPeriod(Message(PERIOD_UNIT_MESSAGE, mapping={"unit": _shown(unit)}))
    return Period(value, unit)


# plone.restapi --------------------------------------------------------------------------------


@adapter(IPeriodField, IDexterityContent, Interface)
@implementer(IFieldSerializer)
class PeriodFieldSerializer(DefaultFieldSerializer):
    """``{"value": 6, "unit": "months"}`` or None."""

    def __call__(self):
        value = self.get_value()
        if isinstance(value, Period):
            return value.to_json()
        return None


@adapter(IPeriodField, IDexterityContent, IBrowserRequest)
@implementer(IFieldDeserializer)
class PeriodFieldDeserializer:
    """Reads ``{"value": 6, "unit": "months"}`` or null.

    Malformed input raises ValueError with a message in the request's language, which
    plone.restapi's content POST/PATCH answers with 400 Bad Request.
    """

    def __init__(self, field, context, request):
        self.field = field.bind(context)
        self.context = context
        self.request = request

    def __call__(self, value):
        try:
            period = period_from_json(value)
        except InvalidPeriod as error:
            # plone.restapi reports str(error) and cannot translate it afterwards.
            raise ValueError(translate(error.doc(), context=self.request)) from error
        # RequiredMissing for None on a required field, as the other deserializers do.
        self.field.validate(period)
        return period


@adapter(IPeriodField, Interface, Interface)
@implementer(IJsonSchemaProvider)
class PeriodJsonSchemaProvider(DefaultJsonSchemaProvider):
    def get_type(self):
        return "object"

    def additional(self):
        info = {
            "properties": {
                "value": {
                    "type": "integer",
                    "minimum": 1,
                    "title": translate(VALUE_LABEL, context=self.request),
                },
                "unit": {
                    "type": "string",
                    "enum": list(UNITS),
                    "enumNames": [
                        translate(UNIT_LABELS[unit], context=self.request) for unit in UNITS
                    ],
                    "title": translate(UNIT_LABEL, context=self.request),
                },
            },
            "required": ["value", "unit"],
            "additionalProperties": False,
        }
        if isinstance(self.field.default, Period):
            info["default"] = self.field.default.to_json()
        return info


# z3c.form widget ------------------------------------------------------------------------------


class IPeriodWidget(IWidget):
    """Number and unit of a period. The widget value is a tuple of strings (number, unit)."""


def _request_text(value):
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        # The same name sent twice: keep it visible, the converter rejects it.
        return ",".join(str(item) for item in value)
    return str(value)


@implementer(IPeriodWidget)
class PeriodWidget(HTMLInputWidget, Widget):
    """A number input (``<name>.value``) and a select of the units (``<name>.unit``)."""

    klass = "period-widget"
    value = ("", "")

    def update(self):
        super().update()
        addFieldClass(self)

    def extract(self, default=NO_VALUE):
        number = self.request.get(f"{self.name}.value")
        unit = self.request.get(f"{self.name}.unit")
        if number is None and unit is None:
            return default
        return (_request_text(number), _request_text(unit))

    @property
    def number(self):
        return self.value[0] if self.value else ""

    @property
    def unit(self):
        return self.value[1] if self.value else ""

    def unit_items(self):
        """Options of the unit select; an empty one ("none") when the field is not required
        or no unit is chosen yet (a required field must not silently default to days)."""
        items = []
        if not self.required or self.unit not in UNITS:
            items.append(
                {
                    "value": "",
                    "content": translate(UNIT_NONE_LABEL, context=self.request),
                    "selected": self.unit not in UNITS,
                }
            )
        for unit in UNITS:
            items.append(
                {
                    "value": unit,
                    "content": translate(UNIT_LABELS[unit], context=self.request),
                    "selected": unit == self.unit,
                }
            )
        return items

    def unit_label(self):
        return translate(UNIT_LABEL, context=self.request)

    def display_text(self):
        """The period as text ("6 Monate"); "" when the widget holds no valid period."""
        try:
            period = PeriodDataConverter(self.field, self).toFieldValue(self.value)
        except ValidationError:
            return ""
        if not isinstance(period, Period):
            return ""
        return format_period(period, self.request)


@adapter(IPeriodField, IFormLayer)
@implementer(IFieldWidget)
def PeriodFieldWidget(field, request):
    """IFieldWidget factory for PeriodWidget."""
    return FieldWidget(field, PeriodWidget(request))


NUMBER = re.compile(r"[0-9]+")


@adapter(IPeriodField, IPeriodWidget)
class PeriodDataConverter(BaseDataConverter):
    """Period or None <-> (number, unit) strings of the widget.

    An empty number means no period (whatever the unit). Anything else that is not a
    whole number of at least 1 with a unit raises InvalidPeriod, which z3c.form shows
    as the field's error.
    """

    def toWidgetValue(self, value):
        if value is None or value is self.field.missing_value or value is NO_VALUE:
            return ("", "")
        if isinstance(value, dict):
            value = period_from_json(value)
        return (str(value.value), value.unit)

    def toFieldValue(self, value):
        if isinstance(value, dict):
            number, unit = value.get("value", ""), value.get("unit", "")
        else:
            number, unit = value
        number, unit = _request_text(number).strip(), _request_text(unit).strip()
        if not number:
            return self.field.missing_value
        if NUMBER.fullmatch(number) is None or int(number) < 1:
            raise InvalidPeriod(PERIOD_NUMBER_INPUT_MESSAGE)
        if unit not in UNITS:
            raise InvalidPeriod(PERIOD_UNIT_INPUT_MESSAGE)
        return Period(int(number), unit)
