"""A user error with a catalog message, rendered in the request's language."""

from datetime import date
from kooperation import _
from kooperation.common.formatting import format_period
from kooperation.common.german import german_date
from zope.i18n import translate


def render_value(value, request):
    if isinstance(value, date):
        return german_date(value)
    if hasattr(value, "unit") and hasattr(value, "value"):  # a deadlines.Period
        return format_period(value, request)
    return value


def render(msgid, default, mapping, request):
    mapping = {key: render_value(value, request) for key, value in (mapping or {}).items()}
    return translate(_(msgid, default=default, mapping=mapping), context=request)


class KooperationError(ValueError):
    """Bad input from a user: 400 in REST, a form error in Classic UI.

    ``message`` is a ``_()`` message; dates and periods in its mapping are
    rendered in the request's language when it is shown.
    """

    status = 400

    def __init__(self, field, message):
        self.field = field
        self.msgid = str(message)
        self._message = message
        super().__init__(message.default or self.msgid)

    def message(self, request):
        message = self._message
        return render(message, message.default, message.mapping, request)
