"""The annual workshop (Fortbildung) for the partners' staff: an event with registration."""

from kooperation.interfaces import IKooperationContent
from kooperation.registrations.btrees import widen
from kooperation.registrations.content.registration import Registration
from kooperation.registrations.interfaces import IWorkshop
from kooperation.registrations.settings import IRegistrationSettings
from plone.app.event.dx.interfaces import IDXEvent
from plone.dexterity.content import Container
from zope.interface import implementer


class IWorkshopSchema(IRegistrationSettings):
    """Dates come from plone.eventbasic; the rest are the registration settings."""


@implementer(IKooperationContent, IWorkshop, IWorkshopSchema, IDXEvent)
class Workshop(Container):
    """Holds its registration form (EasyForm) and the registrations."""

    # Registrations are added at once by many people: an ordered folder would rewrite
    # one list of ids on every insert and make every two of them conflict.
    _ordering = "unordered"

    def _initBTrees(self):
        super()._initBTrees()
        widen(self, Registration.meta_type)  # see kooperation.registrations.btrees
