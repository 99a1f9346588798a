from kooperation.agreements.signatures import signatures_json
from plone.restapi.services import Service


class SignaturesGet(Service):
    """GET <agreement>/@signatures."""

    def reply(self):
        data = signatures_json(self.context)
        data["@id"] = f"{self.context.absolute_url()}/@signatures"
        return data
