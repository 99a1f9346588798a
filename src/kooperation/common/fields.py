"""Field types for links and e-mail addresses: checked on every write (forms and REST)."""

from kooperation import _
from kooperation.common.emails import InvalidEmailAddress
from kooperation.common.emails import is_email
from kooperation.common.emails import normalise_email
from kooperation.common.urls import is_web_url
from plone.schema.email import Email
from z3c.form.converter import FieldDataConverter
from z3c.form.converter import FormatterValidationError
from zope.i18n import translate
from zope.schema import URI
from zope.schema.interfaces import ValidationError

import contextlib


class NotAWebAddress(ValidationError):
    __doc__ = _(
        "error_web_url", default="Please give a web address starting with http:// or https://."
    )


class NotAnEmailAddress(ValidationError):
    __doc__ = _("error_email_address", default="Please give a valid e-mail address.")


class WebAddress(URI):
    """A link that may be rendered: http or https only (no javascript:, data:, ...)."""

    def _validate(self, value):
        if not is_web_url(value):
            raise NotAWebAddress(value).with_field_and_value(self, value)
        super()._validate(value)

    def fromUnicode(self, value):
        value = value.strip()
        self.validate(value)
        return value


class EmailAddress(Email):
    """An e-mail address in its normal form (``kooperation.common.emails``)."""

    def _validate(self, value):
        if not is_email(value) or normalise_email(value) != value:
            raise NotAnEmailAddress(value).with_field_and_value(self, value)
        super()._validate(value)

    def fromUnicode(self, value):
        with contextlib.suppress(InvalidEmailAddress):
            value = normalise_email(value)
        self.validate(value)
        return value


class EmailDataConverter(FieldDataConverter):
    """Forms: every e-mail field (also plone.schema's ``Email``) stores the normal form."""

    def toFieldValue(self, value):
        if not value:
            return self.field.missing_value
        try:
            value = normalise_email(value)
        except InvalidEmailAddress:
            raise FormatterValidationError(
                translate(NotAnEmailAddress.__doc__, context=self.widget.request), value
            ) from None
        return super().toFieldValue(value)
