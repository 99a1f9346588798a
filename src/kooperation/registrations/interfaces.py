"""Marker interfaces of the event types and their registrations."""

from zope.interface import Interface


class IRegistrationEvent(Interface):
    """An event people register for (annual workshop, youth conference)."""


class IWorkshop(IRegistrationEvent):
    """The annual workshop (Fortbildung) for the partners' staff."""


class IYouthConference(IRegistrationEvent):
    """The youth conference: planned with the partners' decision makers, open to young people."""


class IRegistrationForm(Interface):
    """The EasyForm an event registers through. It has no workflow of its own: it
    shows what its event shows, to whom the event shows it (``easyform.follow_event``)."""


class IRegistration(Interface):
    """One registration for an event; its workflow state is its registration state."""


class IRegistrationsPurged(Interface):
    """Set on an event by the daily job once its retention period is over and the
    personal data of its registrations are gone; the catalog indexes it (``object_provides``),
    so the purge step no longer asks for the event. A new registration takes it away."""
