"""@@networks: the networks the visitor may see (the portal tab "Netzwerke")."""

from plone import api
from Products.Five import BrowserView


class NetworksView(BrowserView):
    def networks(self):
        return api.content.find(portal_type="Network", sort_on="sortable_title")
