"""Content writes over REST: a wrong type or an impossible value is a 400, never a 500.

plone.restapi turns a field deserializer's ``ValueError``/``ValidationError`` into 400,
but the deserializers of many field types (Datetime, Choice, collections, RichText,
JSON, the product's own rows and period fields) raise ``TypeError``, ``AttributeError``,
``SyntaxError`` or ``OverflowError`` on a value of the wrong JSON type, which ended as
500 (issue 14). ``DeserializeFromJson`` checks every field of the body first:

1. the JSON type the field needs (text, whole number, number, yes/no, list, object),
   for the items of lists and dicts too;
2. a trial run of the field's own deserializer, where any other exception is a 400;
3. dates and times between the years ``MIN_YEAR`` and ``MAX_YEAR`` (a start of
   ``-0001-01-01`` broke the iCal export);
4. links only with http or https (``kooperation.common.urls``); e-mail addresses in
   their normal form (``kooperation.common.emails``).

Only then does plone.restapi's deserializer write the values.
"""

from datetime import date
from kooperation import _
from kooperation.common.emails import InvalidEmailAddress
from kooperation.common.emails import normalise_email
from kooperation.common.urls import is_web_url
from plone.restapi.deserializer import json_body
from plone.restapi.deserializer.dxcontent import DeserializeFromJson as Base
from plone.restapi.interfaces import IFieldDeserializer
from plone.schema.email import IEmail
from zExceptions import BadRequest
from zope.component import queryMultiAdapter
from zope.i18n import translate
from zope.schema import getFields
from zope.schema import interfaces as si
from zope.schema.interfaces import ValidationError

import json


MIN_YEAR = 1900
MAX_YEAR = 2199

TEXT = _("type_text", default="a text")
WHOLE = _("type_whole_number", default="a whole number")
NUMBER = _("type_number", default="a number")
YES_NO = _("type_yes_no", default="true or false")
LIST = _("type_list", default="a list")
OBJECT = _("type_object", default="an object")
SCALAR = _("type_scalar", default="a single value")


def _is_int(value):
    return isinstance(value, int) and not isinstance(value, bool)


def _json_field_type(field):
    try:
        return json.loads(getattr(field, "schema", "") or "{}").get("type")
    except (TypeError, ValueError, AttributeError):
        return None


def expected_type(field, value):
    """The ``_()`` name of the JSON type ``field`` needs when ``value`` is not of it,
    else None (also for field types it does not know)."""
    if si.IBool.providedBy(field):
        return None if isinstance(value, bool) else YES_NO
    if si.IInt.providedBy(field):
        return None if _is_int(value) else WHOLE
    if si.IFloat.providedBy(field) or si.IDecimal.providedBy(field):
        return None if _is_int(value) or isinstance(value, float) else NUMBER
    if si.IChoice.providedBy(field):
        return None if isinstance(value, (str, int, float)) else SCALAR
    if _provided(field, "plone.schema.jsonfield", "IJSONField"):
        kind = _json_field_type(field)
        if isinstance(value, str):
            try:
                value = json.loads(value)
            except (ValueError, RecursionError):
                return OBJECT if kind == "object" else LIST if kind == "array" else TEXT
        if kind == "object" and not isinstance(value, dict):
            return OBJECT
        if kind == "array" and not isinstance(value, list):
            return LIST
        return None
    if _provided(field, "plone.app.textfield.interfaces", "IRichText"):
        return None if isinstance(value, (str, dict)) else TEXT
    if si.ICollection.providedBy(field):
        if not isinstance(value, list):
            return LIST
        value_type = getattr(field, "value_type", None)
        for item in value:
            if value_type is not None and item is not None:
                wrong = expected_type(value_type, item)
                if wrong is not None:
                    return wrong
        return None
    if si.IDict.providedBy(field):
        if not isinstance(value, dict):
            return OBJECT
        for item in value.values():
            value_type = getattr(field, "value_type", None)
            if value_type is not None and item is not None:
                wrong = expected_type(value_type, item)
                if wrong is not None:
                    return wrong
        return None
    if (
        si.IDatetime.providedBy(field)
        or si.IDate.providedBy(field)
        or si.ITime.providedBy(field)
        or si.ITextLine.providedBy(field)
        or si.IText.providedBy(field)
        or si.IBytes.providedBy(field)
        or si.IURI.providedBy(field)
    ):
        return None if isinstance(value, str) else TEXT
    return None


def _provided(field, module, name):
    import importlib

    try:
        iface = getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        return False
    return iface.providedBy(field)


def _problem(field, value):
    """A ``_()`` message for a value that is not usable, else None."""
    if si.IURI.providedBy(field) and value and not is_web_url(value):
        return _(
            "error_web_url",
            default="Please give a web address starting with http:// or https://.",
        )
    if IEmail.providedBy(field) and value:
        try:
            normalise_email(value)
        except InvalidEmailAddress:
            return _("error_email_address", default="Please give a valid e-mail address.")
    if isinstance(value, date) and not (MIN_YEAR <= value.year <= MAX_YEAR):
        return _(
            "error_year_range",
            default="Please give a date between the years ${min} and ${max}.",
            mapping={"min": MIN_YEAR, "max": MAX_YEAR},
        )
    return None


class DeserializeFromJson(Base):
    """plone.restapi's content deserializer behind the checks of the module docstring."""

    def __call__(self, validate_all=False, data=None, create=False, mask_validation_errors=True):
        if data is None:
            data = json_body(self.request)
        if not isinstance(data, dict):
            raise BadRequest(
                translate(
                    _("error_body", default="The body must be a JSON object."), context=self.request
                )
            )
        errors = self.check(data)
        if errors:
            raise BadRequest(errors)
        data = dict(data, **self.normalised(data))
        return super().__call__(
            validate_all=validate_all,
            data=data,
            create=create,
            mask_validation_errors=mask_validation_errors,
        )

    def _fields(self):
        from plone.dexterity.utils import iterSchemata

        for schema in iterSchemata(self.context):
            yield from getFields(schema).items()

    def check(self, data):
        errors = []
        for name, field in self._fields():
            value = data.get(name)
            if name not in data or value is None or field.readonly:
                continue
            message = self._message(field, value)
            if message is not None:
                errors.append(
                    {
                        "field": name,
                        "error": "ValidationError",
                        "message": translate(message, context=self.request),
                    }
                )
        return errors

    def normalised(self, data):
        """E-mail addresses in their normal form, links without surrounding blanks."""
        found = {}
        for name, field in self._fields():
            value = data.get(name)
            if not isinstance(value, str) or not value.strip():
                continue
            if IEmail.providedBy(field):
                found[name] = normalise_email(value)
            elif si.IURI.providedBy(field):
                found[name] = value.strip()
        return found

    def _message(self, field, value):
        wrong = expected_type(field, value)
        if wrong is not None:
            return _(
                "error_field_type",
                default="Wrong type: ${expected} is expected.",
                mapping={"expected": translate(wrong, context=self.request)},
            )
        if IEmail.providedBy(field) or si.IURI.providedBy(field):
            return _problem(field, value.strip() if isinstance(value, str) else value)
        deserializer = queryMultiAdapter((field, self.context, self.request), IFieldDeserializer)
        if deserializer is None:
            return None
        try:
            result = deserializer(value)
        except (ValueError, ValidationError):
            return None  # plone.restapi answers these itself, with the field's message
        except Exception:  # a wrong value that the deserializer does not expect
            return _("error_field_invalid", default="This value is invalid.")
        return _problem(field, result)
