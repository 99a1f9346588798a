from kooperation.agreements.deadlines import deadlines_json
from kooperation.agreements.signatures import signatures_json
from kooperation.interfaces import IAgreement
from plone.restapi.interfaces import ISerializeToJson
from plone.restapi.serializer.dxcontent import SerializeFolderToJson
from zope.component import adapter
from zope.interface import implementer
from zope.interface import Interface


@implementer(ISerializeToJson)
@adapter(IAgreement, Interface)
class SerializeAgreementToJson(SerializeFolderToJson):
    """All fields, plus today's ``deadlines`` and the ``signatures`` per party."""

    def __call__(self, version=None, include_items=True):
        result = super().__call__(version=version, include_items=include_items)
        result["deadlines"] = deadlines_json(self.context, self.request)
        result["signatures"] = signatures_json(self.context)["items"]
        return result
