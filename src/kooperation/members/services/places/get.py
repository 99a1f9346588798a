"""``GET <member>/@places?date=2018-11-15``: places per legal sphere on a day.

Totals are computed from the measures below the member (or, on the site root, of the
whole association), never stored. ``date`` defaults to today; a bad date is a 400.
"""

from datetime import date
from kooperation.common.errors import KooperationError
from kooperation.common.rest import error_reply
from kooperation.members.messages import message
from kooperation.members.reporting import parse_day
from kooperation.members.reporting import ReportingError
from kooperation.members.totals import places_on
from plone.restapi.services import Service


class PlacesGet(Service):
    def reply(self):
        try:
            day = self.day()
            result = places_on(self.context, day).as_dict()
        except KooperationError as error:
            return error_reply(self, error)
        result["@id"] = f"{self.context.absolute_url()}/@places?date={day.isoformat()}"
        return result

    def day(self):
        value = self.request.form.get("date")
        if value in (None, ""):
            return date.today()
        if not isinstance(value, str):
            value = repr(value)
        try:
            return parse_day(value)
        except ReportingError as error:
            raise KooperationError(error.field, message(error.message)) from None
