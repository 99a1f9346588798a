"""Install helpers for the GenericSetup profiles."""

from Products.CMFPlone.interfaces import INonInstallable
from zope.interface import implementer


@implementer(INonInstallable)
class HiddenProfiles:
    def getNonInstallableProfiles(self):
        """Keep the uninstall profile out of the add-on control panel."""
        return ["kooperation:uninstall"]
