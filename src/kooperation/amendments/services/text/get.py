"""GET <agreement>/@text?date=YYYY-MM-DD: the consolidated text and rules in force that day."""

from datetime import date
from kooperation.amendments.model import version_on
from kooperation.amendments.serialize import AmendmentUserError
from kooperation.amendments.serialize import version_json
from kooperation.amendments.texts import AmendmentError
from kooperation.common.errors import KooperationError
from kooperation.common.rest import error_reply
from kooperation.common.rest import parse_date
from plone.restapi.services import Service


class AgreementTextGet(Service):
    def reply(self):
        try:
            raw = self.request.form.get("date")
            day = parse_date(raw) if raw else date.today()
            try:
                version = version_on(self.context, day)
            except AmendmentError as error:
                raise AmendmentUserError(error) from error
        except KooperationError as error:
            return error_reply(self, error)
        return {
            "@id": f"{self.context.absolute_url()}/@text",
            "date": day.isoformat(),
            **version_json(version, self.request),
        }
