"""Row-wise Classic UI input for the JSON fields of measures and projects.

The fields stay ``JSONField``s (REST reads and writes the same JSON), only the form
widget changes: one table row per legal sphere and reporting date (places) or per
funding phase, with date pickers, whole numbers and choices instead of JSON text.
Values that are not whole numbers are passed on as typed, so that the field's
constraint names them in a translated, field-level error.

The table itself (posted cells, "Add row", the limit of rows) is the shared rows widget
of ``kooperation.fields.rows``; its names are importable from here as before.
"""

from kooperation import _
from kooperation.fields.rows import Column
from kooperation.fields.rows import EMPTY_ROWS  # noqa: F401
from kooperation.fields.rows import IRowsWidget  # noqa: F401
from kooperation.fields.rows import iso_date as _iso
from kooperation.fields.rows import MAX_ROWS  # noqa: F401
from kooperation.fields.rows import RowsValidator  # noqa: F401
from kooperation.fields.rows import RowsWidget
from kooperation.fields.rows import SCRIPT  # noqa: F401
from kooperation.fields.rows import SCRIPT_PATH  # noqa: F401
from kooperation.fields.rows import SCRIPT_VERSION  # noqa: F401
from kooperation.fields.rows import text_of as _text
from kooperation.fields.rows import whole_number as _number
from kooperation.members.reporting import LEGAL_SPHERES
from kooperation.members.reporting.projects import APPLICATION_STATUSES
from z3c.form.widget import FieldWidget


STATUS_TITLES = {
    "planned": _("phase_status_planned", default="planned"),
    "submitted": _("phase_status_submitted", default="submitted"),
    "under_review": _("phase_status_under_review", default="under review"),
    "approved": _("phase_status_approved", default="approved"),
    "rejected": _("phase_status_rejected", default="rejected"),
}


class PlacesWidget(RowsWidget):
    """Places of a measure: date, legal sphere, planned, occupied, waiting list."""

    kind = "places"
    check_cells = False  # the field's constraint names wrong values
    specs = (
        Column("date", _("label_date", default="Date"), "date"),
        Column(
            "sphere",
            _("label_legal_sphere", default="Legal sphere"),
            "choice",
            options=lambda widget: [(sphere, sphere) for sphere in LEGAL_SPHERES],
        ),
        Column("planned", _("label_places_planned", default="Planned places"), "number"),
        Column("occupied", _("label_places_occupied", default="Occupied places"), "number"),
        Column("waiting_list", _("label_places_waiting_list", default="Waiting list"), "number"),
    )

    def rows_of(self, reports):
        rows = []
        for report in reports:
            places = report.get("places")
            spheres = list(places.items()) if isinstance(places, dict) and places else [("", {})]
            for index, (sphere, counts) in enumerate(spheres):
                counts = counts if isinstance(counts, dict) else {}
                waiting = counts.get("waiting_list")
                if waiting is None:  # older data: one waiting list per date
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
        """One entry per date (in the order typed) with its spheres; each row's waiting
        list stays with its sphere, the date's ``waiting_list`` is their sum."""
        reports = {}
        for row in rows:
            report = reports.setdefault(row["date"], {"date": row["date"], "places": {}})
            figures = {
                "planned": _number(row["planned"], None),
                "occupied": _number(row["occupied"], 0),
            }
            waiting = _number(row["waiting_list"], None)
            if waiting is not None:
                figures["waiting_list"] = waiting
            report["places"][row["sphere"]] = figures
        result = []
        for report in reports.values():
            waiting = [figures.get("waiting_list") for figures in report["places"].values()]
            result.append(
                {
                    "date": report["date"],
                    "waiting_list": sum(w for w in waiting if isinstance(w, int)),
                    "places": report["places"],
                }
            )
        return result


class PhasesWidget(RowsWidget):
    """Funding phases of a project: title, start, end, application status."""

    kind = "phases"
    check_cells = False  # the field's constraint names wrong values
    specs = (
        Column("title", _("label_phase_title", default="Phase")),
        Column("start", _("label_project_start", default="Start"), "date"),
        Column("end", _("label_project_end", default="End"), "date"),
        # a status alone is the default of an empty row
        Column(
            "status",
            _("label_phase_status", default="Application status"),
            "choice",
            options=lambda widget: [(s, STATUS_TITLES[s]) for s in APPLICATION_STATUSES],
            significant=False,
            blank=False,
        ),
    )

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


def PlacesFieldWidget(field, request):
    return FieldWidget(field, PlacesWidget(request))


def PhasesFieldWidget(field, request):
    return FieldWidget(field, PhasesWidget(request))
