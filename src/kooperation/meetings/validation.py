"""Checks that need the series of a meeting (which REST creation does not acquire yet)."""

from Acquisition import aq_chain
from kooperation import _
from kooperation.meetings.interfaces import IMeetingSeries
from zope.globalrequest import getRequest
from zope.interface import Invalid


def find_series(context):
    """The series containing ``context``; on REST creation the container being posted to."""
    for obj in aq_chain(context):
        if IMeetingSeries.providedBy(obj):
            return obj
    request = getRequest()
    published = getattr(request, "PUBLISHED", None) if request is not None else None
    for obj in aq_chain(getattr(published, "context", None)):
        if IMeetingSeries.providedBy(obj):
            return obj
    return None


def check_duty_holders(holders, series):
    """Every duty holder must be a member partner of the series and every duty one of its duties."""
    if not holders or series is None:
        return
    members = set(series.members or ())
    duties = set(series.duties or ())
    for duty, partner in holders.items():
        if duty not in duties:
            raise Invalid(
                _(
                    "error_meeting_unknown_duty",
                    default="${duty} is not a duty of this series.",
                    mapping={"duty": duty},
                )
            )
        if partner and partner not in members:
            raise Invalid(
                _(
                    "error_meeting_holder_not_member",
                    default="The holder of ${duty} is not a member partner of this series.",
                    mapping={"duty": duty},
                )
            )
