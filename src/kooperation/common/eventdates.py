"""Start and end of the product's events (meetings, workshops, youth conferences) for
plone.app.event (issue 14).

plone.app.event expects timezone-aware ``start``/``end``. Its forms and plone.restapi store
them so, but content made in Python (``api.content.create(start=datetime(...))``: the demo,
jobs, the test world) stores naive ones, and then ``IEventAccessor.timezone`` is None and
``@@ics_view`` and the iCal invitation end in
``AttributeError: 'NoneType' object has no attribute 'lower'`` (a 500). This accessor reads a
naive date and time as local time of the portal's timezone, as plone.app.event's own
defaults do, so every reader of the accessor (iCal, event views) gets an aware value.
"""

from plone.app.event.base import default_timezone
from plone.app.event.dx.behaviors import EventAccessor
from plone.event.interfaces import IEventAccessor
from zope.interface import implementer


def aware(value, context=None):
    """``value`` with the portal's timezone if it has none (pytz, as plone.app.event uses)."""
    if value is None or getattr(value, "tzinfo", None) is not None:
        return value
    tz = default_timezone(context, as_tzinfo=True)
    return tz.localize(value)


def local(value, context=None):
    """``value`` (a Zope DateTime, a naive datetime meaning the portal's time, or an aware
    one) as an aware datetime in the portal's timezone: the time its readers live."""
    if value is None:
        return None
    if hasattr(value, "asdatetime"):  # a Zope DateTime, e.g. a catalog's start
        value = value.asdatetime()
    return aware(value, context).astimezone(default_timezone(context, as_tzinfo=True))


def _zone(tzinfo):
    """The zone's name: pytz's ``zone`` or zoneinfo's ``key``."""
    return getattr(tzinfo, "zone", None) or getattr(tzinfo, "key", None)


@implementer(IEventAccessor)  # declared again: EventAccessor's __getattr__ answers None for
class ProductEventAccessor(EventAccessor):  # __provides__, which breaks providedBy() otherwise
    @property
    def start(self):
        return aware(EventAccessor.start.fget(self), self.context)

    @start.setter
    def start(self, value):
        EventAccessor.start.fset(self, value)

    @property
    def end(self):
        return aware(EventAccessor.end.fget(self), self.context)

    @end.setter
    def end(self, value):
        EventAccessor.end.fset(self, value)

    @property
    def timezone(self):
        zones = [_zone(value.tzinfo) for value in (self.start, self.end) if value]
        if not zones:
            return None
        start_zone, end_zone = zones[0], zones[-1]
        return start_zone if start_zone == end_zone else (start_zone, end_zone)
