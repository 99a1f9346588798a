"""Row-wise Classic UI input for the JSON fields of measures and projects.

The fields stay ``JSONField``s (REST reads and writes the same JSON), only the form
widget changes: one table row per legal sphere and reporting date (places) or per
funding phase, with date pickers, whole numbers and choices instead of JSON text.
Empty rows are left out; values that are not whole numbers are passed on as typed,
so that the field's constraint names them in a translated, field-level error.
A form that still posts the JSON text under the field's name is accepted as before.
"""

from kooperation import _
from kooperation.reporting import LEGAL_SPHERES
from kooperation.reporting import parse_day
from kooperation.reporting import ReportingError
from kooperation.reporting.projects import APPLICATION_STATUSES
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from z3c.form.interfaces import DISPLAY_MODE
from z3c.form.interfaces import IWidget
from z3c.form.interfaces import NO_VALUE
from z3c.form.widget import FieldWidget
from z3c.form.widget import Widget
from zope.i18n import translate
from zope.interface import implementer

import json


EMPTY_ROWS = 3
MAX_ROWS = 200

STATUS_TITLES = {
    "planned": _("phase_status_planned", default="planned"),
    "submitted": _("phase_status_submitted", default="submitted"),
    "under_review": _("phase_status_under_review", default="under review"),
    "approved": _("phase_status_approved", default="approved"),
    "rejected": _("phase_status_rejected", default="rejected"),
}


def _rows(value):
    """The stored list from the widget value (JSON text from the converter)."""
    if isinstance(value, str):
        try:
            value = json.loads(value) if value.strip() else []
        except ValueError:
            return []
    return [row for row in value or () if isinstance(row, dict)]


def _iso(value):
    """An ISO date for ``<input type=date>``; the text as it is when it is no date."""
    if value in (None, ""):
        return ""
    try:
        return parse_day(value, "date").isoformat()
    except (ReportingError, TypeError, ValueError):
        return str(value)


def _number(text, empty):
    """A whole number from the form; ``empty`` for nothing; the text when it is no number."""
    text = (text or "").strip()
    if not text:
        return empty
    try:
        return int(text)
    except ValueError:
        return text


class IRowsWidget(IWidget):
    """A table of rows that is stored as a JSON list."""


@implementer(IRowsWidget)
class RowsWidget(Widget):
    """Common part: posted cells ``<name>.<column>.<n>``, a marker ``<name>.rows``."""

    klass = "rows-widget"
    columns = ()
    input_template = ViewPageTemplateFile("templates/rows_widget.pt")
    display_template = ViewPageTemplateFile("templates/rows_widget_display.pt")

    def render(self):
        if self.mode == DISPLAY_MODE:
            return self.display_template()
        return self.input_template()

    def cell_name(self, column, number):
        return f"{self.name}.{column}.{number}"

    def posted_rows(self):
        form = self.request.form
        try:
            count = min(int(form.get(f"{self.name}.rows", 0)), MAX_ROWS)
        except (TypeError, ValueError):
            count = 0
        rows = []
        for number in range(count):
            cells = {}
            for column in self.columns:
                value = form.get(self.cell_name(column, number), "")
                cells[column] = value.strip() if isinstance(value, str) else ""
            if any(cells.values()):
                rows.append(cells)
        return rows

    def extract(self, default=NO_VALUE):
        form = self.request.form
        if self.name in form:  # the JSON text, as before
            return form[self.name]
        if f"{self.name}.rows" not in form:
            return default
        return json.dumps(self.value_of(self.posted_rows()))

    def table(self):
        """The rows to show: the stored ones, then empty rows to add more."""
        rows = self.rows_of(_rows(self.value))
        if self.mode != DISPLAY_MODE:
            rows += [dict.fromkeys(self.columns, "") for _i in range(EMPTY_ROWS)]
        return [
            {"number": number, "cells": row, "names": {c: self.cell_name(c, number) for c in row}}
            for number, row in enumerate(rows)
        ]

    def t(self, message):
        return translate(message, context=self.request)


class PlacesWidget(RowsWidget):
    """Places of a measure: date, legal sphere, planned, occupied, waiting list."""

    columns = ("date", "sphere", "planned", "occupied", "waiting_list")
    kind = "places"

    def headers(self):
        return [
            self.t(_("label_date", default="Date")),
            self.t(_("label_legal_sphere", default="Legal sphere")),
            self.t(_("label_places_planned", default="Planned places")),
            self.t(_("label_places_occupied", default="Occupied places")),
            self.t(_("label_places_waiting_list", default="Waiting list")),
        ]

    def options(self, column):
        if column == "sphere":
            return [(sphere, sphere) for sphere in LEGAL_SPHERES]
        return None

    def rows_of(self, reports):
        rows = []
        for report in reports:
            places = report.get("places")
            spheres = list(places.items()) if isinstance(places, dict) and places else [("", {})]
            for index, (sphere, counts) in enumerate(spheres):
                counts = counts if isinstance(counts, dict) else {}
                waiting = report.get("waiting_list", "") if index == 0 else ""
                rows.append(
                    {
                        "date": _iso(report.get("date")),
                        "sphere": sphere,
                        "planned": _text(counts.get("planned")),
                        "occupied": _text(counts.get("occupied")),
                        "waiting_list": _text(waiting),
                    }
                )
        return rows

    def value_of(self, rows):
        """One entry per date (in the order typed), its spheres and its waiting list."""
        reports = {}
        for row in rows:
            report = reports.setdefault(row["date"], {"date": row["date"], "places": {}})
            waiting = _number(row["waiting_list"], None)
            if waiting is not None and "waiting_list" not in report:
                report["waiting_list"] = waiting
            report["places"][row["sphere"]] = {
                "planned": _number(row["planned"], None),
                "occupied": _number(row["occupied"], 0),
            }
        result = []
        for report in reports.values():
            report.setdefault("waiting_list", 0)
            result.append(
                {
                    "date": report["date"],
                    "waiting_list": report["waiting_list"],
                    "places": report["places"],
                }
            )
        return result


class PhasesWidget(RowsWidget):
    """Funding phases of a project: title, start, end, application status."""

    columns = ("title", "start", "end", "status")
    kind = "phases"

    def headers(self):
        return [
            self.t(_("label_phase_title", default="Phase")),
            self.t(_("label_project_start", default="Start")),
            self.t(_("label_project_end", default="End")),
            self.t(_("label_phase_status", default="Application status")),
        ]

    def options(self, column):
        if column == "status":
            return [(status, self.t(STATUS_TITLES[status])) for status in APPLICATION_STATUSES]
        return None

    def rows_of(self, phases):
        return [
            {
                "title": _text(phase.get("title")),
                "start": _iso(phase.get("start")),
                "end": _iso(phase.get("end")),
                "status": _text(phase.get("status")) or "planned",
            }
            for phase in phases
        ]

    def value_of(self, rows):
        phases = []
        for row in rows:
            if not any(row[column] for column in ("title", "start", "end")):
                continue  # a status alone is the default of an empty row
            phase = {"title": row["title"], "start": row["start"] or None}
            phase["end"] = row["end"] or None
            phase["status"] = row["status"] or "planned"
            phases.append(phase)
        return phases


def _text(value):
    return "" if value is None else str(value)


def PlacesFieldWidget(field, request):
    return FieldWidget(field, PlacesWidget(request))


def PhasesFieldWidget(field, request):
    return FieldWidget(field, PhasesWidget(request))
