"""The network's page: what the network is and what the visitor may see of it, by kind.

It replaces the generic folder view (every child in creation order, with the
network's technical settings) with what people come for: the partners, the
agreements and their state, the round tables with their next meeting, the events,
reports and projects. Each list is a catalog search as the visitor, so it holds
only what they may see; a list with nothing in it is left out.
"""

from datetime import datetime
from kooperation import _
from kooperation.common.eventdates import aware
from kooperation.common.german import german_date
from kooperation.common.german import german_datetime
from kooperation.common.german import german_number
from kooperation.common.workflow import state_title
from kooperation.meetings.series import meetings_of
from kooperation.meetings.series import upcoming_dates
from plone import api
from plone.app.event.base import default_timezone
from Products.Five import BrowserView
from zope.i18n import translate


# (id, heading, portal types, show the state, show the start) in the page's order
SECTIONS = (
    ("partners", _("network_partners", default="Partners"), ("Partner",), False, False),
    (
        "agreements",
        _("network_agreements", default="Cooperation agreements"),
        ("Agreement",),
        True,
        False,
    ),
    (
        "series",
        _("network_series", default="Round tables and working groups"),
        ("MeetingSeries",),
        False,
        False,
    ),
    (
        "events",
        _("network_events", default="Workshops and youth conferences"),
        ("Workshop", "YouthConference"),
        True,
        True,
    ),
    (
        "reports",
        _("network_reports", default="Reports and projects"),
        ("Report", "Project"),
        False,
        False,
    ),
    # whatever else the network holds (folders, documents, files)
    ("more", _("network_more", default="More content"), None, False, False),
)


class NetworkView(BrowserView):
    def facts(self):
        """Label and value of the network's own fields that have a value."""
        context = self.context
        rows = [(_("label_area", default="Area"), context.area)]
        if getattr(context, "association_member", False):
            inhabitants = getattr(context, "inhabitants", None)
            rows += [
                (_("label_member_region", default="Region"), getattr(context, "region", None)),
                (
                    _("label_member_inhabitants", default="Inhabitants"),
                    german_number(inhabitants) if inhabitants is not None else None,
                ),
                (
                    _("label_member_coordination_office", default="Coordination office"),
                    getattr(context, "coordination_office", None),
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
        next_meetings = self._next_meetings(found.get("MeetingSeries", ()))
        sections = []
        claimed = {t for section in SECTIONS for t in section[2] or ()}
        for section_id, heading, types, with_state, with_start in SECTIONS:
            if types is None:
                types = sorted(set(found) - claimed)
            brains = [b for t in types for b in found.get(t, ())]
            if with_start:
                brains.sort(key=lambda b: self._moment(b.start))
            if not brains:
                continue
            rows = []
            for brain in brains:
                details = []
                if with_start and brain.start:
                    details.append(self._when(brain.start))
                if with_state and brain.review_state:
                    details.append(state_title(brain.portal_type, brain.review_state, self.request))
                if brain.portal_type == "MeetingSeries":
                    details.append(next_meetings.get(brain.getPath()) or self._scheduled(brain))
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
                    "id": f"network-{section_id}",
                    "heading": translate(heading, context=self.request),
                    "rows": rows,
                }
            )
        return sections

    def invite_login(self):
        """Anonymous visitors see the public part only: say that there is more."""
        return api.user.is_anonymous()

    def login_url(self):
        return f"{api.portal.get().absolute_url()}/login?came_from={self.context.absolute_url()}"

    def _next_meetings(self, series):
        """Series path -> "Next meeting: …", from one search for the coming meetings."""
        if not series:
            return {}
        path = "/".join(self.context.getPhysicalPath())
        coming = api.content.find(
            path=path,
            portal_type="Meeting",
            start={"query": datetime.now(), "range": "min"},
            sort_on="start",
        )
        found = {}
        for brain in coming:
            parent = brain.getPath().rsplit("/", 1)[0]
            if parent not in found:
                found[parent] = translate(
                    _(
                        "network_next_meeting",
                        default="Next meeting: ${date}",
                        mapping={"date": self._when(brain.start)},
                    ),
                    context=self.request,
                )
        return found

    def _scheduled(self, brain):
        """Without a planned meeting: the next date of the series' schedule (every
        ``interval_weeks`` on the grid of its last meeting); none before its first."""
        series = brain.getObject()
        if not meetings_of(series):
            message = _("network_no_next_meeting", default="No meeting planned yet")
        else:
            message = _(
                "network_next_scheduled",
                default="Next meeting by the schedule: ${date}",
                mapping={"date": german_date(upcoming_dates(series, 1)[0])},
            )
        return translate(message, context=self.request)

    def _moment(self, start):
        """``start`` (Zope DateTime or datetime, naive meaning the portal's time) as an
        aware datetime; no start sorts last."""
        if start is None:
            return aware(datetime.max.replace(microsecond=0), self.context)
        if hasattr(start, "asdatetime"):  # a Zope DateTime
            start = start.asdatetime()
        return aware(start, self.context)

    def _when(self, start):
        """The start as the portal's readers live it (Europe/Berlin)."""
        zone = default_timezone(self.context, as_tzinfo=True)
        return german_datetime(self._moment(start).astimezone(zone))
