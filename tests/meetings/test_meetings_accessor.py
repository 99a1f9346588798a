"""The product's event accessor works wherever Plone's own does (events portlet, iCal)."""

from plone import api
from plone.event.interfaces import IEventAccessor
from zope.traversing.adapters import traversePathElement

import OFS.interfaces


def test_accessor_is_a_proper_interface_provider(demo_portal):
    meeting = api.content.find(portal_type="Meeting")[0].getObject()
    accessor = IEventAccessor(meeting)
    # The events portlet asks this of every item before it reads item/url.
    assert not OFS.interfaces.ITraversable.providedBy(accessor)
    assert IEventAccessor.providedBy(accessor)
    assert traversePathElement(accessor, "url", []) == meeting.absolute_url()
    assert accessor.start.tzinfo is not None
