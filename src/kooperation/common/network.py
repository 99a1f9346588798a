"""Where an object sits in the tree: its network and the network's partners."""

from Acquisition import aq_chain
from kooperation.interfaces import INetwork
from plone import api


def network_of(obj):
    """The network that holds ``obj`` (or is it); None outside networks."""
    for item in aq_chain(obj):
        if INetwork.providedBy(item):
            return item
    return None


def partner_brains(obj):
    """Catalog entries of the partners of ``obj``'s network, unrestricted: rules
    (seats, consents, workflow guards) count every partner, whoever asks."""
    network = network_of(obj)
    if network is None:
        return []
    catalog = api.portal.get_tool("portal_catalog")
    path = "/".join(network.getPhysicalPath())
    return catalog.unrestrictedSearchResults(portal_type="Partner", path=path)
