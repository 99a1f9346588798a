"""Marker interfaces of the event types and their registrations."""

from zope.interface import Interface


class IRegistrationEvent(Interface):
    """An event people register for (annual workshop, youth conference)."""


class IWorkshop(IRegistrationEvent):
    """The annual workshop (Fortbildung) for the partners' staff."""


class IYouthConference(IRegistrationEvent):
    """The youth conference: planned with the partners' decision makers, open to young people."""


class IRegistration(Interface):
    """One registration for an event; its workflow state is its registration state."""
