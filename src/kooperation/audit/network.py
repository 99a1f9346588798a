"""A network's share of the audit log, for its coordinators (``@@audit-log`` and
``@audit-log`` on the network): its objects, its and its partners' groups, and the
site-wide entries about its people; nothing that happened in another network."""

from BTrees.LLBTree import LLSet
from kooperation.audit import get_log
from kooperation.interfaces import INetwork
from kooperation.workspace import group_ids
from plone import api


def network_scope(network):
    """The keys of the entries that concern ``network`` (``AuditLog.scope_keys``);
    None while nothing was logged."""
    log = get_log()
    if log is None:
        return None
    path = "/".join(network.getPhysicalPath())
    catalog = api.portal.get_tool("portal_catalog")
    groups = set(group_ids(network).values())
    users = set()
    for brain in catalog.unrestrictedSearchResults(
        path={"query": path}, portal_type=("Partner", "Person")
    ):
        obj = brain._unrestrictedGetObject()
        if brain.portal_type == "Partner":
            groups.update(group_ids(obj).values())
        elif getattr(obj, "user_id", None):
            users.add(obj.user_id)
    portal_path = "/".join(api.portal.get().getPhysicalPath())
    return log.scope_keys(path, groups=groups, users=users, site_paths=("", portal_path))


def scoped_filters(context, filters):
    """``filters`` limited to ``context``'s network when ``context`` is one."""
    if not INetwork.providedBy(context):
        return filters
    within = network_scope(context)
    return {**filters, "within": LLSet() if within is None else within}
