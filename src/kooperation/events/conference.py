"""A youth conference goes ahead only when every partner of its network has consented."""

from kooperation.common.mail import network_of
from plone import api


def _partner_brains(conference):
    """The catalog entries of the partners of the conference's network (unrestricted:
    the workflow guard asks for all of them, whoever triggers it)."""
    network = network_of(conference)
    if network is None:
        return []
    catalog = api.portal.get_tool("portal_catalog")
    path = "/".join(network.getPhysicalPath())
    return catalog.unrestrictedSearchResults(portal_type="Partner", path=path)


def conference_partners(conference):
    """The partners themselves (who decides for one is read from its Person entries)."""
    return [b._unrestrictedGetObject() for b in _partner_brains(conference)]


def missing_consents(conference):
    """Titles of the partners without a consent (from the catalog: no partner is woken)."""
    decisions = conference.partner_decisions or {}
    return [
        b.Title
        for b in _partner_brains(conference)
        if (decisions.get(b.UID) or {}).get("decision") != "consent"
    ]
