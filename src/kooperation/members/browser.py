"""Classic UI of the members' area: the latest reports with filters, the member page,
the places dashboard (SVG chart + table, CSV) and the projects ending soon.

Listings read catalog brains only; the places figures come from the Measure brains
through ``kooperation.members.totals``.
"""

from datetime import date
from kooperation import _
from kooperation.common.errors import KooperationError
from kooperation.common.german import german_date
from kooperation.deadlines import shift_months
from kooperation.members.chart import line_chart
from kooperation.members.deadlines import project_deadlines
from kooperation.members.messages import message
from kooperation.members.reporting import parse_day
from kooperation.members.reporting import ReportingError
from kooperation.members.reporting.series import series_csv
from kooperation.members.reporting.series import series_spheres
from kooperation.members.reporting.series import series_table
from kooperation.members.totals import measure_brains
from kooperation.members.totals import places_on
from kooperation.members.totals import series_of
from plone import api
from Products.CMFCore.interfaces import ISiteRoot
from Products.Five import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zExceptions import Unauthorized
from zope.i18n import translate


# Deadlines that end something: the dashboard's "projects ending in the next 12 months".
ENDING_KINDS = ("project_end", "pilot_end", "phase_end")
MAX_QUARTERS = 40
LATEST_REPORTS = 50


def _path(obj):
    return "/".join(obj.getPhysicalPath())


class Dashboard:
    """Places over time and projects ending soon, below ``context`` (member or site)."""

    def __init__(self, context, request, today=None):
        self.context = context
        self.request = request
        self.today = today or date.today()
        self.error = None

    def tr(self, msg):
        return translate(msg, context=self.request)

    def _day(self, name):
        value = self.request.form.get(name)
        if value in (None, ""):
            return None
        try:
            return parse_day(value if isinstance(value, str) else repr(value), name)
        except ReportingError as error:
            raise KooperationError(name, message(error.message)) from None

    def window(self):
        """(start, end) of the series: the request's, else first report to today."""
        start, end = self._day("start"), self._day("end")
        if start is None:
            days = [
                date.fromisoformat(row["date"])
                for brain in measure_brains(self.context)
                for row in (brain.measure_places or [])
                if isinstance(row, dict)
                and isinstance(row.get("date"), str)
                and len(row["date"]) == 10
            ]
            start = min(days) if days else self.today
        return start, end or self.today

    def series(self):
        if not hasattr(self, "_series"):
            self._series = []
            try:
                start, end = self.window()
                self._series = series_of(self.context, start, end)[-MAX_QUARTERS:]
            except KooperationError as error:
                self.error = error.message(self.request)
        return self._series

    def table(self):
        header, rows = series_table(self.series())
        return {
            "header": [self.tr(message(cell)) for cell in header],
            "rows": [[german_date(row[0]), *row[1:]] for row in rows],
        }

    def chart(self):
        series = self.series()
        labels = [german_date(point.day) for point in series]
        lines = []
        for sphere in series_spheres(series):
            values = [
                point.spheres[sphere].planned if sphere in point.spheres else 0 for point in series
            ]
            lines.append(
                (
                    self.tr(
                        _(
                            "members_chart_planned",
                            default="${sphere} places",
                            mapping={"sphere": sphere},
                        )
                    ),
                    values,
                )
            )
        if series:
            lines.append(
                (
                    self.tr(_("members_chart_free", default="Free places (all)")),
                    [point.total.free for point in series],
                )
            )
        return line_chart(
            labels,
            lines,
            self.tr(_("members_chart_title", default="Places per legal sphere over time")),
        )

    def last_reported(self):
        """The latest reporting day behind the series' last point, when it lies before it.

        Figures are carried forward until a measure reports again; the chart says so
        instead of showing old figures as if they were today's.
        """
        series = self.series()
        if not series:
            return ""
        point = series[-1]
        day = point.total.last_reported
        return german_date(day) if day and day < point.day else ""

    def csv_url(self):
        return f"{self.context.absolute_url()}/@@places.csv"

    def ending_projects(self, months=12):
        """Project ends, pilot ends and funding phase ends in the next ``months``."""
        return project_deadlines(
            self.context,
            self.today,
            shift_months(self.today, months),
            self.request,
            kinds=ENDING_KINDS,
        )


class DashboardView(BrowserView):
    """@@places-dashboard on a member or the site: chart, table, CSV, projects ending."""

    dashboard_template = ViewPageTemplateFile("templates/dashboard_section.pt")

    def __call__(self):
        self.dashboard = Dashboard(self.context, self.request)
        self.dashboard.series()
        return self.index()

    def dashboard_section(self):
        return self.dashboard_template(dashboard=self.dashboard)

    def heading(self):
        title = (
            self.dashboard.tr(_("members_all_members", default="All members"))
            if ISiteRoot.providedBy(self.context)
            else self.context.Title()
        )
        return self.dashboard.tr(
            _(
                "members_dashboard_heading",
                default="Places and projects: ${title}",
                mapping={"title": title},
            )
        )


class PlacesCSV(BrowserView):
    """@@places.csv: the dashboard's table as CSV (``;``, German dates)."""

    def __call__(self):
        dashboard = Dashboard(self.context, self.request)
        series = dashboard.series()
        if dashboard.error:
            self.request.response.setStatus(400)
            self.request.response.setHeader("Content-Type", "text/plain; charset=utf-8")
            return dashboard.error
        text = series_csv(series, translate=lambda msg: dashboard.tr(message(msg)))
        name = "plaetze.csv"
        self.request.response.setHeader("Content-Type", "text/csv; charset=utf-8")
        self.request.response.setHeader("Content-Disposition", f'attachment; filename="{name}"')
        return "\ufeff" + text


class MembersAreaView(BrowserView):
    """@@members-area: the latest reports of all members, filtered by member, quarter, topic."""

    def __call__(self):
        if api.user.is_anonymous():
            raise Unauthorized("The members' area is for logged-in members.")
        form = self.request.form
        self.member = form.get("member") if isinstance(form.get("member"), str) else ""
        self.period = form.get("period") if isinstance(form.get("period"), str) else ""
        self.topic = form.get("topic") if isinstance(form.get("topic"), str) else ""
        return self.index()

    def _query(self):
        return {"portal_type": "Report", "sort_on": "report_period", "sort_order": "descending"}

    def reports(self):
        query = self._query()
        if self.member:
            query["path"] = {"query": self.member, "depth": 1}
        if self.period:
            query["report_period"] = self.period
        if self.topic:
            query["Subject"] = self.topic
        query["sort_limit"] = LATEST_REPORTS
        rows = []
        for brain in api.content.find(**query)[:LATEST_REPORTS]:
            rows.append(
                {
                    "title": brain.Title,
                    "url": brain.getURL(),
                    "period": brain.report_period,
                    "member": brain.member_title,
                    "member_url": brain.getURL().rsplit("/", 1)[0] + "/@@member",
                    "state": brain.review_state,
                    "topics": ", ".join(brain.Subject or ()),
                }
            )
        return rows

    def options(self):
        """Members, quarters and topics that occur in the reports the user may see."""
        members, periods, topics = {}, set(), set()
        for brain in api.content.find(**self._query()):
            members[brain.getPath().rsplit("/", 1)[0]] = brain.member_title
            if brain.report_period:
                periods.add(brain.report_period)
            topics.update(brain.Subject or ())
        return {
            "members": [
                {"value": path, "title": title, "selected": path == self.member}
                for path, title in sorted(members.items(), key=lambda item: item[1])
            ],
            "periods": [
                {"value": p, "selected": p == self.period} for p in sorted(periods, reverse=True)
            ],
            "topics": [{"value": t, "selected": t == self.topic} for t in sorted(topics)],
        }


class MemberView(BrowserView):
    """@@member on a network: its profile, contacts, projects, measures, reports, figures."""

    dashboard_template = ViewPageTemplateFile("templates/dashboard_section.pt")

    def __call__(self):
        self.dashboard = Dashboard(self.context, self.request)
        self.dashboard.series()
        return self.index()

    def dashboard_section(self):
        return self.dashboard_template(dashboard=self.dashboard)

    def _find(self, **query):
        return api.content.find(context=self.context, sort_on="sortable_title", **query)

    def contacts(self):
        return self._find(portal_type="Person")

    def projects(self):
        return self._find(portal_type="Project")

    def measures(self, project_brain):
        """The measures of a project, with their latest reported places (from metadata)."""
        rows = []
        for brain in api.content.find(
            path={"query": project_brain.getPath(), "depth": 1},
            portal_type="Measure",
            sort_on="sortable_title",
        ):
            latest = max(
                (row for row in brain.measure_places or () if isinstance(row, dict)),
                key=lambda row: str(row.get("date")),
                default=None,
            )
            places = ""
            if latest:
                places = ", ".join(
                    f"{sphere}: {(value or {}).get('planned', 0)}"
                    for sphere, value in (latest.get("places") or {}).items()
                    if isinstance(value, dict)
                )
            rows.append({"title": brain.Title, "url": brain.getURL(), "places": places})
        return rows

    def reports(self):
        return api.content.find(
            context=self.context,
            portal_type="Report",
            sort_on="report_period",
            sort_order="descending",
        )

    def reported_text(self, total):
        return german_date(total.last_reported)

    def totals(self):
        """The places per legal sphere today (``?date=`` for another day)."""
        try:
            day = self.dashboard._day("date") or self.dashboard.today
            return {"day": german_date(day), "totals": places_on(self.context, day)}
        except KooperationError as error:
            self.dashboard.error = error.message(self.request)
            return None
