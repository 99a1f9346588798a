"""Marker interfaces of round tables (kept here so that the shared interfaces stay untouched)."""

from zope.interface import Interface


class IMeetingSeries(Interface):
    """A round table or working group (Gremium, Arbeitskreis) of a network."""


class IMeeting(Interface):
    """One meeting of a series: agenda, attendance, duty holders."""


class IMinutes(Interface):
    """The minutes (Protokoll) of a meeting."""
