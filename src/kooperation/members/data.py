"""Content to the pure reporting core: measures and projects as dataclasses.

The schemas store places and funding phases as JSON lists (REST and forms alike);
these functions read them into ``kooperation.members.reporting`` objects, which check them.
A ``ReportingError`` names the bad value; forms and services turn it into a
translated 400 answer.
"""

from kooperation.members.reporting import parse_day
from kooperation.members.reporting import ReportingError
from kooperation.members.reporting.places import Measure
from kooperation.members.reporting.places import PlacesReport
from kooperation.members.reporting.projects import FundingPhase
from kooperation.members.reporting.projects import Project


def _day(value, name):
    if value is None or value == "":
        return None
    if hasattr(value, "date") and hasattr(value, "hour"):
        value = value.date()
    return parse_day(value, name)


def places_reports(rows):
    """``PlacesReport``s from the JSON rows of a measure:
    ``[{"date": "2018-11-15", "waiting_list": 0,
        "places": {"SGB VIII": {"planned": 16, "occupied": 14}}}]``."""
    reports = []
    for row in rows or ():
        if not isinstance(row, dict):
            raise ReportingError("places", "reporting_error_no_places")
        reports.append(
            PlacesReport(
                _day(row.get("date"), "date"),
                row.get("places") or {},
                row.get("waiting_list", 0) or 0,
            )
        )
    return tuple(reports)


def measure_data(title, rows, open_to_refugees=False, project="", uid=""):
    return Measure(
        title=title or "",
        reports=places_reports(rows),
        project=project or "",
        open_to_refugees=bool(open_to_refugees),
        uid=uid or "",
    )


def measure_of(obj):
    """The ``Measure`` of a Measure object."""
    from Acquisition import aq_parent

    parent = aq_parent(obj)
    return measure_data(
        obj.Title(),
        getattr(obj, "places", None),
        getattr(obj, "open_to_refugees", False),
        parent.Title() if parent is not None else "",
        obj.UID(),
    )


def funding_phases(rows):
    """``FundingPhase``s from JSON rows ``{"title", "start", "end", "status"}``."""
    phases = []
    for row in rows or ():
        if not isinstance(row, dict):
            raise ReportingError("funding_phases", "reporting_error_application_status", value=row)
        phases.append(
            FundingPhase(
                start=_day(row.get("start"), "start"),
                end=_day(row.get("end"), "end"),
                status=row.get("status") or "planned",
                title=row.get("title") or "",
            )
        )
    return tuple(phases)


def project_of(obj, **overrides):
    """The ``Project`` of a Project object (``overrides``: form data not yet stored)."""

    def get(name, default=None):
        if name in overrides:
            return overrides[name]
        return getattr(obj, name, default)

    return Project(
        title=get("title", "") or "",
        funding_programme=get("funding_programme", "") or "",
        funder=get("funder", "") or "",
        legal_spheres=tuple(get("legal_spheres", ()) or ()),
        target_group=get("target_group", "") or "",
        age_range=get("age_range") or None,
        sites=tuple(get("sites", ()) or ()),
        partners=tuple(get("project_partners", ()) or ()),
        start=_day(get("project_start"), "project_start"),
        end=_day(get("project_end"), "project_end"),
        pilot_end=_day(get("pilot_end"), "pilot_end"),
        phases=funding_phases(get("funding_phases")),
        people_reached=get("people_reached"),
        uid=obj.UID() if obj is not None and hasattr(obj, "UID") else "",
    )
