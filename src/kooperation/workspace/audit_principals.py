"""The network's groups and people for its share of the audit log (``kooperation.audit``
asks through ``INetworkPrincipals``; the groups are the workspace's business)."""

from kooperation.audit.network import INetworkPrincipals
from kooperation.interfaces import INetwork
from kooperation.workspace import group_ids
from plone import api
from zope.component import adapter
from zope.interface import implementer


@implementer(INetworkPrincipals)
@adapter(INetwork)
class NetworkPrincipals:
    def __init__(self, network):
        self.network = network
        self._groups, self._users = None, None

    def _collect(self):
        path = "/".join(self.network.getPhysicalPath())
        catalog = api.portal.get_tool("portal_catalog")
        groups = set(group_ids(self.network).values())
        users = set()
        for brain in catalog.unrestrictedSearchResults(
            path={"query": path}, portal_type=("Partner", "Person")
        ):
            obj = brain._unrestrictedGetObject()
            if brain.portal_type == "Partner":
                groups.update(group_ids(obj).values())
            elif getattr(obj, "user_id", None):
                users.add(obj.user_id)
        self._groups, self._users = groups, users

    def groups(self):
        if self._groups is None:
            self._collect()
        return self._groups

    def users(self):
        if self._users is None:
            self._collect()
        return self._users
