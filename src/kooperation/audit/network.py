"""A network's share of the audit log, for its coordinators (``@@audit-log`` and
``@audit-log`` on the network): its objects, its and its partners' groups, and the
site-wide entries about its people; nothing that happened in another network."""

from BTrees.LLBTree import LLSet
from kooperation.audit import get_log
from kooperation.interfaces import INetwork
from plone import api
from zope.interface import Interface


class INetworkPrincipals(Interface):
    """Adapter of a network (provided by ``kooperation.workspace``, which knows the
    groups): the principals whose entries belong to the network's share of the log."""

    def groups():
        """The ids of the network's and its partners' groups."""

    def users():
        """The user ids of the network's people."""


def network_scope(network):
    """The keys of the entries that concern ``network`` (``AuditLog.scope_keys``);
    None while nothing was logged."""
    log = get_log()
    if log is None:
        return None
    path = "/".join(network.getPhysicalPath())
    principals = INetworkPrincipals(network, None)
    groups = set(principals.groups()) if principals is not None else set()
    users = set(principals.users()) if principals is not None else set()
    portal_path = "/".join(api.portal.get().getPhysicalPath())
    return log.scope_keys(path, groups=groups, users=users, site_paths=("", portal_path))


def scoped_filters(context, filters):
    """``filters`` limited to ``context``'s network when ``context`` is one."""
    if not INetwork.providedBy(context):
        return filters
    within = network_scope(context)
    return {**filters, "within": LLSet() if within is None else within}
