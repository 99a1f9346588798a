"""Marker interfaces of the members' area (issue 9)."""

from zope.interface import Interface


class IReport(Interface):
    """A member's quarterly report (Quartalsbericht)."""


class IProject(Interface):
    """A project, programme or budget of a member, with funding phases."""


class IMeasure(Interface):
    """A measure (Maßnahme) under a project or budget, with places per legal sphere."""
