"""A network's JSON names its groups (issue 17), so that a client can make someone
coordinator, editor or member with plone.restapi's ``POST @groups/<id>``."""

from kooperation.interfaces import INetwork
from kooperation.workspace import group_ids
from kooperation.workspace import NETWORK_GROUP_TITLES
from plone import api
from plone.restapi.interfaces import ISerializeToJson
from plone.restapi.serializer.dxcontent import SerializeFolderToJson
from zope.component import adapter
from zope.interface import implementer
from zope.interface import Interface


@implementer(ISerializeToJson)
@adapter(INetwork, Interface)
class SerializeNetworkToJson(SerializeFolderToJson):
    """All fields, plus ``kooperation_groups`` ({kind: group id}) for logged-in users
    who may see the network (the serializer runs only after the View check)."""

    def __call__(self, version=None, include_items=True):
        result = super().__call__(version=version, include_items=include_items)
        if not api.user.is_anonymous():
            ids = group_ids(self.context)
            result["kooperation_groups"] = {
                kind: ids[kind] for kind in NETWORK_GROUP_TITLES if kind in ids
            }
        return result
