"""A youth conference goes ahead only when every partner of its network has consented."""

from kooperation.common.mail import network_of
from plone import api


def conference_partners(conference):
    """The partners of the conference's network (unrestricted: the guard asks for all)."""
    network = network_of(conference)
    if network is None:
        return []
    catalog = api.portal.get_tool("portal_catalog")
    path = "/".join(network.getPhysicalPath())
    brains = catalog.unrestrictedSearchResults(portal_type="Partner", path=path)
    return [b._unrestrictedGetObject() for b in brains]


def missing_consents(conference):
    """Titles of the partners without a consent."""
    decisions = conference.partner_decisions or {}
    return [
        p.Title()
        for p in conference_partners(conference)
        if (decisions.get(p.UID()) or {}).get("decision") != "consent"
    ]
