from kooperation.interfaces import IKooperationContent
from kooperation.interfaces import IPartnerArea
from plone.dexterity.content import Container
from plone.supermodel import model
from zope.interface import implementer


class IPartnerAreaSchema(model.Schema):
    """Title and description only (plone.basic)."""


@implementer(IKooperationContent, IPartnerArea, IPartnerAreaSchema)
class PartnerArea(Container):
    """A partner's internal area (Interner Bereich).

    It blocks the local roles of the network, so that only the partner's own staff
    group, which the workspace grants roles here, sees what is inside.
    """

    __ac_local_roles_block__ = True
