"""The network page's tool bar: what its coordinators come for, one click away."""

from kooperation.start.links import network_tools
from plone.app.layout.viewlets.common import ViewletBase
from Products.Five import BrowserView


class NetworkToolsViewlet(ViewletBase):
    def update(self):
        super().update()
        self.tools = network_tools(self.context, self.request)

    def available(self):
        return bool(self.tools)


class NetworkToolsView(BrowserView):
    """The same tool bar at the top of the network's tools (deadlines, members and roles,
    audit log), the open one marked: the next tool is one click away there too."""

    def __call__(self):
        name = getattr(self.request.get("PUBLISHED"), "__name__", "")
        self.tools = network_tools(self.context, self.request)
        for tool in self.tools:
            tool["current"] = tool["id"] == name
        return self.index() if self.tools else ""

    def available(self):
        return bool(self.tools)


class FrontPageViewlet(ViewletBase):
    """The front page: published networks, minutes and upcoming events (what the visitor
    may see; for an anonymous visitor, what is public)."""

    LIMIT = 6

    def update(self):
        from datetime import datetime
        from plone import api

        super().update()
        self.networks = api.content.find(
            portal_type="Network", review_state="published", sort_on="sortable_title"
        )
        minutes = api.content.find(
            portal_type="Minutes",
            review_state=["published", "published_public"],
            sort_on="created",
            sort_order="descending",
            sort_limit=self.LIMIT,
        )[: self.LIMIT]
        # "Protokoll vom 10.11.2026" says of which round table only with its series
        # (minutes/meeting/series), if the visitor may see the series.
        paths = {b.getPath(): b.getPath().rsplit("/", 2)[0] for b in minutes}
        series = {
            b.getPath(): b.Title
            for b in api.content.find(path={"query": sorted(set(paths.values())), "depth": 0})
        }
        self.minutes = [
            {"title": b.Title, "url": b.getURL(), "series": series.get(paths[b.getPath()], "")}
            for b in minutes
        ]
        brains = api.content.find(
            portal_type=["Meeting", "Workshop", "YouthConference"],
            start={"query": datetime.now(), "range": "min"},
            sort_on="start",
            sort_limit=self.LIMIT,
        )[: self.LIMIT]
        self.events = [
            {"title": b.Title, "url": b.getURL(), "date": b.start.strftime("%d.%m.%Y")}
            for b in brains
        ]
