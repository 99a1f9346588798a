"""Row-wise Classic UI input for the JSON fields of measures and projects.

The fields stay ``JSONField``s (REST reads and writes the same JSON), only the form
widget changes: one table row per legal sphere and reporting date (places) or per
funding phase, with date pickers, whole numbers and choices instead of JSON text.
Empty rows are left out; values that are not whole numbers are passed on as typed,
so that the field's constraint names them in a translated, field-level error.
A form that still posts the JSON text under the field's name is accepted as before.

Without JavaScript the table ends with ``EMPTY_ROWS`` empty rows. ``rows-widget.js``
(``++plone++kooperation.members``, loaded by the widget with ``defer``) adds an "Add row"
button that appends a copy of the ``<template>`` row with the next free number, and a
"Remove" button per row. The posted cells are read by their numbers, so numbers may have
gaps; more than ``MAX_ROWS`` filled rows are refused by ``RowsValidator``.
"""

from kooperation import _
from kooperation.members.validation import ReportingInvalid
from kooperation.reporting import LEGAL_SPHERES
from kooperation.reporting import parse_day
from kooperation.reporting import ReportingError
from kooperation.reporting.projects import APPLICATION_STATUSES
from pathlib import Path
from plone import api
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from z3c.form.interfaces import DISPLAY_MODE
from z3c.form.interfaces import IWidget
from z3c.form.interfaces import NO_VALUE
from z3c.form.validator import SimpleFieldValidator
from z3c.form.validator import WidgetValidatorDiscriminators
from z3c.form.widget import FieldWidget
from z3c.form.widget import Widget
from zope.i18n import translate
from zope.interface import implementer
from zope.schema.interfaces import IField

import hashlib
import json


EMPTY_ROWS = 3
MAX_ROWS = 200

SCRIPT = Path(__file__).parent / "static" / "rows-widget.js"
# The file's hash in the URL: a changed script is fetched again despite long caching.
SCRIPT_VERSION = hashlib.sha256(SCRIPT.read_bytes()).hexdigest()[:12]
SCRIPT_PATH = f"++plone++kooperation.members/rows-widget.js?v={SCRIPT_VERSION}"

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

    def posted_numbers(self):
        """The row numbers posted, in order; rows added in the browser may leave gaps.

        They are read from the cells' names, not counted from the ``<name>.rows`` marker
        (that only tells that the table was posted), so removed rows do not matter.
        """
        prefix = f"{self.name}."
        numbers = set()
        for key in self.request.form:
            if not key.startswith(prefix):
                continue
            column, _dot, number = key[len(prefix) :].rpartition(".")
            # ASCII digits only, and no absurd numbers (int() refuses > 4300 digits)
            digits = number.isascii() and number.isdigit() and len(number) < 10
            if column in self.columns and digits:
                numbers.add(int(number))
        return sorted(numbers)

    def is_empty(self, cells):
        return not any(cells.values())

    def posted_rows(self):
        """The filled rows posted, in the order of their numbers."""
        form = self.request.form
        rows = []
        for number in self.posted_numbers():
            cells = {}
            for column in self.columns:
                value = form.get(self.cell_name(column, number), "")
                cells[column] = value.strip() if isinstance(value, str) else ""
            if not self.is_empty(cells):
                rows.append(cells)
        return rows

    def posted_row_count(self):
        """How many filled rows the table posted (0 when it posted none or JSON)."""
        form = self.request.form
        if self.name in form or f"{self.name}.rows" not in form:
            return 0
        return len(self.posted_rows())

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

    def template_row(self):
        """The empty row that the script copies for "Add row" (names set there)."""
        return {"number": None, "cells": dict.fromkeys(self.columns, ""), "names": {}}

    def script_url(self):
        return f"{api.portal.get().absolute_url()}/{SCRIPT_PATH}"

    max_rows = MAX_ROWS

    def t(self, message):
        return translate(message, context=self.request)


class RowsValidator(SimpleFieldValidator):
    """The field's own validation, after a limit of ``MAX_ROWS`` filled rows.

    Over the limit nothing is saved, and the form comes back with every row typed,
    so that the person can remove some.
    """

    def validate(self, value, force=False):
        count = self.widget.posted_row_count()
        if count > MAX_ROWS:
            raise ReportingInvalid(
                _(
                    "error_rows_too_many",
                    default="At most ${max} rows can be saved, there are ${count}. "
                    "Please remove ${excess} rows.",
                    mapping={"max": MAX_ROWS, "count": count, "excess": count - MAX_ROWS},
                )
            )
        return super().validate(value, force)


WidgetValidatorDiscriminators(RowsValidator, field=IField, widget=IRowsWidget)


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

    def is_empty(self, cells):
        # a status alone is the default of an empty row
        return not any(cells[column] for column in ("title", "start", "end"))

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
