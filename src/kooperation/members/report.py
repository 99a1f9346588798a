"""The quarterly report in Classic UI and as a PDF (reportlab, ``kooperation.printing``).

Both show the text and, computed from the data, the places of the measures the report
links on its date (default: the last day of its quarter) and the projects it reports on
with their dates.

The rule for public reports (issue 17): a report is published publicly only when every
project and measure it links is published (the workflow guard ``@@report-status``
refuses it otherwise, and the report page names what must be published first). Should
a linked item be retracted later, page, PDF and JSON all leave out what the reader may
not see: none of them fails or shows more than the others.
"""

from AccessControl import Unauthorized
from html import escape
from kooperation import _
from kooperation.amendments.texts import split_sections
from kooperation.common.download import attachment
from kooperation.common.download import language_of
from kooperation.common.german import german_date
from kooperation.common.network import network_of
from kooperation.members.data import measure_of
from kooperation.members.data import project_of
from kooperation.members.reporting import ReportingError
from kooperation.members.reporting.places import totals
from kooperation.members.reporting.quarters import quarter_range
from kooperation.printing import pdf
from plone import api
from Products.Five import BrowserView
from zope.i18n import translate

import logging


logger = logging.getLogger("kooperation.members")


def _linked(uids):
    """The linked objects the reader may see, in the order linked.

    A catalog search answers only with what the reader may view; an item inside a
    container the reader may not enter is left out as well (``getObject`` traverses).
    """
    uids = [uid for uid in uids or () if isinstance(uid, str)]
    if not uids:
        return []
    found = {}
    for brain in api.portal.get_tool("portal_catalog")(UID=uids):
        try:
            found[brain.UID] = brain.getObject()
        except (Unauthorized, KeyError, AttributeError):
            continue
    return [found[uid] for uid in uids if uid in found]


PUBLIC_STATE = "published"


def unpublished_links(report):
    """Titles of the linked projects and measures not yet published, in the order linked."""
    uids = [uid for uid in [*(report.projects or ()), *(report.measures or ())] if uid]
    if not uids:
        return []
    catalog = api.portal.get_tool("portal_catalog")
    states = {b.UID: (b.review_state, b.Title) for b in catalog.unrestrictedSearchResults(UID=uids)}
    return [states[uid][1] for uid in uids if uid in states and states[uid][0] != PUBLIC_STATE]


class ReportStatus(BrowserView):
    """For the workflow guard of ``publish_public``: everything linked is published."""

    def linked_public(self):
        return not unpublished_links(self.context)


def report_day(report):
    """The day the figures are shown for: the report's date, else its quarter's end."""
    if getattr(report, "report_date", None):
        return report.report_date
    return quarter_range(report.year, report.quarter)[1]


def report_totals(report):
    """``Totals`` of the linked measures on the report's day (None without measures)."""
    measures = []
    for obj in _linked(report.measures):
        try:
            measures.append(measure_of(obj))
        except ReportingError:
            logger.warning("measure %s has invalid places", obj.absolute_url_path())
    if not measures:
        return None
    return totals(measures, report_day(report))


def project_rows(report):
    rows = []
    for obj in _linked(report.projects):
        try:
            project = project_of(obj)
        except ReportingError:
            project = None
        dates = []
        if project is not None:
            if project.start:
                dates.append(("start", project.start))
            if project.pilot_end:
                dates.append(("pilot_end", project.pilot_end))
            if project.end:
                dates.append(("end", project.end))
        rows.append({"title": obj.Title(), "url": obj.absolute_url(), "obj": obj, "dates": dates})
    return rows


class ReportView(BrowserView):
    """The report: metadata, text, linked projects, the places table, a PDF link."""

    def tr(self, msg):
        return translate(msg, context=self.request)

    def member(self):
        return network_of(self.context)

    def day_text(self):
        return german_date(report_day(self.context))

    def report_date_text(self):
        day = getattr(self.context, "report_date", None)
        return german_date(day) if day else ""

    def totals(self):
        return report_totals(self.context)

    def reported_text(self, total):
        return german_date(total.last_reported)

    def publishing_blocked(self):
        """What must be published before this report can be, for those who publish it."""
        if api.content.get_state(self.context) == "public":
            return ""
        if not api.user.has_permission("Review portal content", obj=self.context):
            return ""
        missing = unpublished_links(self.context)
        if not missing:
            return ""
        return self.tr(
            _(
                "members_report_publish_blocked",
                default="The report can be published publicly once what it links is "
                "published: ${items}.",
                mapping={"items": ", ".join(missing)},
            )
        )

    def projects(self):
        labels = {
            "start": _("label_project_start", default="Start"),
            "pilot_end": _("label_project_pilot_end", default="End of the pilot phase"),
            "end": _("label_project_end", default="End"),
        }
        rows = project_rows(self.context)
        for row in rows:
            row["dates_text"] = ", ".join(
                f"{self.tr(labels[kind])}: {german_date(day)}" for kind, day in row["dates"]
            )
        return rows

    def text_html(self):
        text = getattr(self.context, "text", None)
        return text.output if text is not None else ""


def totals_html(result, tr):
    """The places table as simple HTML (for the PDF renderer)."""
    head = [
        tr(_("label_legal_spheres", default="Legal spheres")),
        tr(_("members_planned", default="Planned")),
        tr(_("members_occupied", default="Occupied")),
        tr(_("members_free", default="Free")),
        tr(_("members_measures", default="Measures")),
        tr(_("members_waiting_list", default="Waiting list")),
        tr(_("members_last_reported", default="Last reported")),
    ]
    rows = [
        [
            sphere,
            t.planned,
            t.occupied,
            t.free,
            t.measures,
            t.waiting_list,
            german_date(t.last_reported),
        ]
        for sphere, t in result.spheres.items()
    ]
    total = result.total
    rows.append(
        [
            tr(_("members_total", default="Total")),
            total.planned,
            total.occupied,
            total.free,
            total.measures,
            total.waiting_list,
            german_date(total.last_reported),
        ]
    )
    html = ["<table><tr>", *[f"<th>{escape(str(c))}</th>" for c in head], "</tr>"]
    for row in rows:
        html.append("<tr>" + "".join(f"<td>{escape(str(c))}</td>" for c in row) + "</tr>")
    html.append("</table>")
    return "".join(html)


class ReportPdf(BrowserView):
    """@@report.pdf: the report for print, with the figures computed from the data."""

    def __call__(self):
        report = self.context

        def tr(msg):
            return translate(msg, context=self.request)

        member = network_of(report)
        text = getattr(report, "text", None)
        sections = list(split_sections(text.raw)) if text is not None and text.raw else []
        projects = project_rows(report)
        if projects:
            items = "".join(
                f"<li>{escape(row['title'])}"
                + (
                    " (" + ", ".join(f"{german_date(day)}" for _kind, day in row["dates"]) + ")"
                    if row["dates"]
                    else ""
                )
                + "</li>"
                for row in projects
            )
            sections.append(
                pdf.PrintSection(
                    tr(_("members_report_projects", default="Projects reported on")),
                    f"<ul>{items}</ul>",
                )
            )
        result = report_totals(report)
        if result is not None:
            heading = tr(
                _(
                    "members_report_places",
                    default="Places per legal sphere on ${date}",
                    mapping={"date": german_date(report_day(report))},
                )
            )
            sections.append(pdf.PrintSection(heading, totals_html(result, tr)))
        author = getattr(report, "author", None) or ""
        document = pdf.PrintDocument(
            title=report.Title(),
            subtitle=" – ".join(
                part for part in (member.Title() if member else "", author) if part
            ),
            version_date=getattr(report, "report_date", None),
            sections=tuple(sections),
            labels=pdf.labels_for(language_of(self.request)),
            author=author,
        )
        return attachment(self.request, pdf.render_pdf(document), f"{report.getId()}.pdf")
