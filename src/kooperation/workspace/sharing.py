"""The domain roles on the sharing page, for one-off grants beside the network's groups."""

from kooperation import _
from plone.app.workflow.interfaces import ISharingPageRole
from zope.interface import implementer


@implementer(ISharingPageRole)
class CoordinatorRole:
    title = _("title_can_coordinate", default="Coordinates")
    required_permission = "kooperation.ManageNetworkMembers"
    required_interface = None


@implementer(ISharingPageRole)
class SignatoryRole:
    title = _("title_can_sign", default="Signs for a partner")
    required_permission = "kooperation.ManageNetworkMembers"
    required_interface = None
