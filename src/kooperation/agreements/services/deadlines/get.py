from kooperation.agreements.deadlines import deadlines_json
from kooperation.common.errors import KooperationError
from kooperation.common.rest import error_reply
from kooperation.common.rest import parse_date
from plone.restapi.services import Service


class AgreementDeadlinesGet(Service):
    """GET <agreement>/@deadlines?date=YYYY-MM-DD: the deadlines on that day (default today)."""

    def reply(self):
        try:
            day = parse_date(self.request.form["date"]) if self.request.form.get("date") else None
        except KooperationError as error:
            return error_reply(self, error)
        data = deadlines_json(self.context, self.request, day)
        data["@id"] = f"{self.context.absolute_url()}/@deadlines"
        return data
