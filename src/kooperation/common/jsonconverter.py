"""A JSON text area that cannot be read is a field-level error, not a 500 (issue 16).

plone.schema's ``JSONField.fromUnicode`` falls back to ``ast.literal_eval``: plain German
text ends in a SyntaxError (HTTP 500), deep nesting in a RecursionError. The forms'
converter reads JSON only and answers everything else with a translated message at the
field. The rows widgets that post JSON go through it too; the stored value is unchanged.
"""

from kooperation import _
from plone.schema.jsonfield import IJSONField
from z3c.form.converter import FieldDataConverter
from z3c.form.converter import FormatterValidationError
from z3c.form.interfaces import ITextAreaWidget
from zope.component import adapter

import json


MAX_LENGTH = 1_000_000


@adapter(IJSONField, ITextAreaWidget)
class JSONTextConverter(FieldDataConverter):
    """Shown as before; read as JSON only.

    Registered for text areas (plone.schema's JSON widget is one) and, as
    ``RowsJSONConverter``, for the rows widgets: each more specific than plone.schema's
    own converter for (IJSONField, IWidget). Registering for that same pair would be a
    conflict when Zope loads the site's ZCML as one configuration.
    """

    def toFieldValue(self, value):
        if value is None or not value.strip():
            return self.field.missing_value
        message = _(
            "error_json_unreadable",
            default="This field could not be read. Please use the form's fields.",
        )
        if len(value) > MAX_LENGTH:
            raise FormatterValidationError(message, value)
        try:
            data = json.loads(value)
        except (ValueError, RecursionError):
            raise FormatterValidationError(message, value) from None
        return data
