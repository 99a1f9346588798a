"""The deadline dashboard as CSV (German Excel) and as an iCal feed."""

from datetime import datetime
from datetime import timedelta
from datetime import UTC
from kooperation import _
from kooperation.common.csvsafe import neutralise
from kooperation.common.errors import KooperationError
from kooperation.common.german import german_date
from kooperation.dashboard.query import deadline_row
from kooperation.dashboard.query import find_deadlines
from kooperation.dashboard.query import parse_filters
from kooperation.dashboard.views import filter_context_title
from kooperation.dashboard.views import state_titles
from kooperation.members.deadlines import ical_events
from kooperation.members.deadlines import project_deadlines
from Products.Five import BrowserView
from zope.i18n import translate

import csv
import icalendar
import io


CSV_HEADERS = (
    _("dashboard_label_agreement", default="Agreement"),
    _("label_parties", default="Parties"),
    _("dashboard_label_state", default="State"),
    _("dashboard_label_notice_deadline", default="Next notice deadline"),
    _("dashboard_label_term_end", default="Term end"),
    _("dashboard_label_earliest_end", default="Earliest end"),
    _("dashboard_label_days_left", default="Days left"),
    _("dashboard_label_url", default="Address"),
)
PROJECT_CSV_HEADERS = (
    _("label_date", default="Date"),
    _("Project"),
    _("members_label_member", default="Member"),
    _("dashboard_label_project_deadline", default="Deadline"),
    _("dashboard_label_url", default="Address"),
)


class DeadlinesExport(BrowserView):
    """Common part: the filters of the request and the listed rows."""

    def filters(self):
        return parse_filters(self.request.form)

    def bad_request(self, error):
        response = self.request.response
        response.setStatus(400)
        response.setHeader("Content-Type", "text/plain; charset=utf-8")
        return error.message(self.request).encode("utf-8")

    def __call__(self):
        try:
            filters = self.filters()
        except KooperationError as error:
            return self.bad_request(error)
        brains = find_deadlines(self.context, **filters.query())
        self.request.response.setHeader("Cache-Control", "private, no-cache")
        return self.render(filters, [deadline_row(brain) for brain in brains])

    def project_rows(self, filters):
        """Project ends, pilot ends and funding phases in the window (members' area)."""
        if filters.partner:  # projects have no parties
            return []

        return project_deadlines(
            self.context,
            filters.start,
            filters.end,
            self.request,
            legal_sphere=filters.legal_sphere,
        )

    def filename(self, extension):
        day = datetime.now().date().isoformat()
        return f"fristen-{self.context.getId()}-{day}.{extension}"


class DeadlinesCSV(DeadlinesExport):
    """@@deadlines.csv: UTF-8 with BOM, ``;`` as delimiter, German dates."""

    def render(self, filters, rows):
        states = state_titles(self.request)
        out = io.StringIO()
        writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
        writer.writerow([translate(header, context=self.request) for header in CSV_HEADERS])
        for row in rows:
            cells = [
                row["title"],
                ", ".join(row["parties"]),
                states.get(row["review_state"], row["review_state"]),
                german_date(row["notice_deadline"]),
                german_date(row["term_end"]),
                german_date(row["earliest_end"]),
                row["days_left"] if row["days_left"] is not None else "",
                row["url"],
            ]
            writer.writerow([neutralise(cell) for cell in cells])
        projects = self.project_rows(filters)
        if projects:  # a second table, as on the page: a blank line, its headers, its rows
            writer.writerow([])
            writer.writerow(
                [translate(header, context=self.request) for header in PROJECT_CSV_HEADERS]
            )
            for row in projects:
                cells = [row["date_text"], row["project"], row["member"], row["text"], row["url"]]
                writer.writerow([neutralise(cell or "") for cell in cells])
        response = self.request.response
        response.setHeader("Content-Type", "text/csv; charset=utf-8")
        response.setHeader("Content-Disposition", f'attachment; filename="{self.filename("csv")}"')
        return ("\ufeff" + out.getvalue()).encode("utf-8")


class DeadlinesICal(DeadlinesExport):
    """@@deadlines.ics: one all-day event per notice deadline and term end in the window."""

    def render(self, filters, rows):
        calendar = icalendar.Calendar()
        calendar.add("prodid", "-//kooperation//Fristen//DE")
        calendar.add("version", "2.0")
        calendar.add("calscale", "GREGORIAN")
        calendar.add("method", "PUBLISH")
        calendar.add(
            "x-wr-calname",
            translate(
                _(
                    "dashboard_ical_name",
                    default="Deadlines: ${title}",
                    mapping={"title": filter_context_title(self.context, self.request)},
                ),
                context=self.request,
            ),
        )
        stamp = datetime.now(UTC).replace(microsecond=0)
        for row in rows:
            for kind, day, message in (
                (
                    "notice-deadline",
                    row["notice_deadline"],
                    _(
                        "dashboard_ical_notice_deadline",
                        default="Notice deadline: ${title}",
                        mapping={"title": row["title"]},
                    ),
                ),
                (
                    "term-end",
                    row["term_end"],
                    _(
                        "dashboard_ical_term_end",
                        default="End of term: ${title}",
                        mapping={"title": row["title"]},
                    ),
                ),
            ):
                if day is None or not filters.start <= day <= filters.end:
                    continue
                calendar.add_component(self.event(row, kind, day, message, stamp))

        for event in ical_events(self.project_rows(filters), stamp):
            calendar.add_component(event)
        response = self.request.response
        response.setHeader("Content-Type", "text/calendar; charset=utf-8")
        response.setHeader("Content-Disposition", f'attachment; filename="{self.filename("ics")}"')
        return calendar.to_ical()

    def event(self, row, kind, day, message, stamp):
        event = icalendar.Event()
        event.add("uid", f"{row['uid']}-{kind}-{day.isoformat()}@kooperation")
        event.add("dtstamp", stamp)
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))
        event.add("summary", translate(message, context=self.request))
        parties = ", ".join(row["parties"])
        event.add("description", f"{row['url']}\n{parties}" if parties else row["url"])
        event.add("url", row["url"])
        event.add("transp", "TRANSPARENT")
        return event
