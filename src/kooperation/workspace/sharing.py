"""The domain roles on the sharing page, for one-off grants beside the network's groups.

Signing for a partner is not among them: only the partner grants it (a confirmed
Person entry), never a share.
"""

from kooperation import _
from plone.app.workflow.interfaces import ISharingPageRole
from zope.interface import implementer


@implementer(ISharingPageRole)
class CoordinatorRole:
    title = _("title_can_coordinate", default="Coordinates")
    required_permission = "kooperation.ManageNetworkMembers"
    required_interface = None
