"""The network's page: what the network is and what the visitor may see of it, by kind.

It replaces the generic folder view (every child in creation order, with the
network's technical settings) with what people come for: the partners, the
agreements and their state, the round tables with their next meeting, the events,
reports and projects. Each list is a catalog search as the visitor, so it holds
only what they may see; a list with nothing in it is left out.
"""

from datetime import datetime
from kooperation import _
from kooperation.common.eventdates import local
from kooperation.common.german import german_date
from kooperation.common.german import german_datetime
from kooperation.common.german import german_number
from kooperation.common.workflow import state_title
from kooperation.meetings.series import upcoming_dates
from kooperation.members.content.member import is_member
from plone import api
from Products.Five import BrowserView
from typing import NamedTuple
from zope.i18n import translate


class Section(NamedTuple):
    id: str
    heading: object
    types: tuple | None  # None: whatever type no other section claims
    with_state: bool = False
    with_start: bool = False


SECTIONS = (
    Section("partners", _("network_partners", default="Partners"), ("Partner",)),
    Section(
        "agreements",
        _("network_agreements", default="Cooperation agreements"),
        ("Agreement",),
        with_state=True,
    ),
    Section(
        "series",
        _("network_series", default="Round tables and working groups"),
        ("MeetingSeries",),
    ),
    Section(
        "events",
        _("network_events", default="Workshops and youth conferences"),
        ("Workshop", "YouthConference"),
        with_state=True,
        with_start=True,
    ),
    Section("reports", _("network_reports", default="Reports and projects"), ("Report", "Project")),
    Section("more", _("network_more", default="More content"), None),
)
CLAIMED = {t for section in SECTIONS for t in section.types or ()}


class NetworkView(BrowserView):
    def facts(self):
        """Label and value of the network's own fields that have a value."""
        context = self.context
        rows = [(_("label_area", default="Area"), context.area)]
        if is_member(context):
            inhabitants = context.inhabitants
            rows += [
                (_("label_member_region", default="Region"), context.region),
                (
                    _("label_member_inhabitants", default="Inhabitants"),
                    german_number(inhabitants) if inhabitants is not None else None,
                ),
                (
                    _("label_member_coordination_office", default="Coordination office"),
                    context.coordination_office,
                ),
            ]
        return [
            {"label": translate(label, context=self.request), "value": value}
            for label, value in rows
            if value
        ]

    def sections(self):
        path = "/".join(self.context.getPhysicalPath())
        found = {}
        for brain in api.content.find(
            path={"query": path, "depth": 1}, sort_on="getObjPositionInParent"
        ):
            found.setdefault(brain.portal_type, []).append(brain)
        next_meetings = self._next_meetings() if "MeetingSeries" in found else {}
        sections = []
        for section in SECTIONS:
            types = section.types or sorted(set(found) - CLAIMED)
            brains = [b for t in types for b in found.get(t, ())]
            if not brains:
                continue
            if section.with_start:
                # no start sorts last
                brains.sort(key=lambda b: (b.start is None, self._start(b) if b.start else ""))
            rows = []
            for brain in brains:
                details = []
                if section.with_start and brain.start:
                    details.append(german_datetime(self._start(brain)))
                if section.with_state and brain.review_state:
                    details.append(state_title(brain.portal_type, brain.review_state, self.request))
                if brain.portal_type == "MeetingSeries":
                    details.append(self._next_meeting(brain, next_meetings))
                rows.append(
                    {
                        "title": brain.Title,
                        "url": brain.getURL(),
                        "description": brain.Description,
                        "details": " · ".join(details),
                    }
                )
            sections.append(
                {
                    "id": f"network-{section.id}",
                    "heading": translate(section.heading, context=self.request),
                    "rows": rows,
                }
            )
        return sections

    def invite_login(self):
        """Anonymous visitors see the public part only: say that there is more."""
        return api.user.is_anonymous()

    def login_url(self):
        return f"{api.portal.get().absolute_url()}/login?came_from={self.context.absolute_url()}"

    def _start(self, brain):
        return local(brain.start, self.context)

    def _next_meetings(self):
        """Series path -> the brain of its next meeting (None: it has meetings, none to
        come), from one search for the network's meetings."""
        now = local(datetime.now(), self.context)
        found = {}
        for brain in api.content.find(
            path="/".join(self.context.getPhysicalPath()), portal_type="Meeting", sort_on="start"
        ):
            series = brain.getPath().rsplit("/", 1)[0]
            coming = brain.start is not None and self._start(brain) >= now
            if found.get(series) is None:
                found[series] = brain if coming else None
        return found

    def _next_meeting(self, brain, next_meetings):
        """The planned next meeting; else the next date of the series' schedule (every
        ``interval_weeks`` on the grid of its last meeting); none before its first."""
        path = brain.getPath()
        if path not in next_meetings:
            message = _("network_no_next_meeting", default="No meeting planned yet")
        elif next_meetings[path] is not None:
            message = _(
                "network_next_meeting",
                default="Next meeting: ${date}",
                mapping={"date": german_datetime(self._start(next_meetings[path]))},
            )
        else:
            message = _(
                "network_next_scheduled",
                default="Next meeting by the schedule: ${date}",
                mapping={"date": german_date(upcoming_dates(brain.getObject(), 1)[0])},
            )
        return translate(message, context=self.request)
