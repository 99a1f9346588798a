from kooperation import _
from kooperation.interfaces import IKooperationContent
from kooperation.interfaces import INetwork
from plone.dexterity.content import Container
from plone.supermodel import model
from zope import schema
from zope.interface import implementer


class INetworkSchema(model.Schema):
    area = schema.TextLine(
        title=_("label_area", default="Area"),
        description=_(
            "help_area",
            default="Where the network works, e.g. Quartier Oberhausen-Innenstadt.",
        ),
        required=False,
    )


@implementer(IKooperationContent, INetwork, INetworkSchema)
class Network(Container):
    """A cooperation network (Netzwerk): partners, agreements, meetings, events, reports."""
