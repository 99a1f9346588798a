"""@@networks: the networks the visitor may see (the portal tab "Netzwerke")."""

from kooperation import _
from plone import api
from Products.Five import BrowserView
from zope.i18n import translate


class NetworksView(BrowserView):
    def page_title(self):
        return translate(_("front_networks", default="Networks"), context=self.request)

    def networks(self):
        return api.content.find(portal_type="Network", sort_on="sortable_title")
