"""Projects with funding phases, and the dates they put on the deadline dashboard.

A project (RoOF, JUGEND STÄRKEN im Quartier) ends, may end a pilot phase earlier and
runs in funding phases, each with an application that is planned, submitted, under
review, approved or rejected. ``project_deadlines`` lists these dates in a window as
entries of a kind with a catalog message, like the agreements' notice deadlines, so
the dashboard and the iCal feed can show both side by side.
"""

from dataclasses import dataclass
from dataclasses import field
from kooperation.members.reporting import check_count
from kooperation.members.reporting import check_date
from kooperation.members.reporting import check_sphere
from kooperation.members.reporting import Phrase
from kooperation.members.reporting import ReportingError

import re


APPLICATION_STATUSES = ("planned", "submitted", "under_review", "approved", "rejected")
# Applications whose outcome is still open: the phase start is a date to watch.
PENDING_STATUSES = ("planned", "submitted", "under_review")
KINDS = ("project_end", "pilot_end", "phase_end", "phase_start")
AGE_RANGE = re.compile(r"^\s*(\d{1,2})\s*(?:-|–|—|bis)\s*(\d{1,2})\s*(?:jahre|years)?\s*$", re.I)


@dataclass(frozen=True)
class AgeRange:
    """Ages from ``minimum`` to ``maximum`` (both included): 14–27."""

    minimum: int
    maximum: int

    def __post_init__(self):
        values = (self.minimum, self.maximum)
        if (
            any(isinstance(v, bool) or not isinstance(v, int) for v in values)
            or not 0 <= self.minimum <= self.maximum <= 99
        ):
            raise ReportingError("age_range", "reporting_error_age_range", value=repr(values))

    @classmethod
    def parse(cls, text):
        """From "14-27", "14–27", "14 bis 27 Jahre"."""
        match = AGE_RANGE.match(text) if isinstance(text, str) else None
        if match is None:
            raise ReportingError("age_range", "reporting_error_age_range", value=repr(text))
        minimum, maximum = int(match.group(1)), int(match.group(2))
        if minimum > maximum:
            raise ReportingError("age_range", "reporting_error_age_range", value=repr(text))
        return cls(minimum, maximum)

    def __str__(self):
        return f"{self.minimum}–{self.maximum}"


@dataclass(frozen=True)
class FundingPhase:
    """A funding phase from ``start`` to ``end`` (both included) and its application."""

    start: object
    end: object
    status: str = "planned"
    title: str = ""

    def __post_init__(self):
        check_date(self.start, "start")
        check_date(self.end, "end")
        if self.end < self.start:
            raise ReportingError(
                "end",
                "reporting_error_end_before_start",
                field="end",
                end=self.end,
                start=self.start,
            )
        if self.status not in APPLICATION_STATUSES:
            raise ReportingError(
                "status", "reporting_error_application_status", value=repr(self.status)
            )

    @property
    def pending(self):
        return self.status in PENDING_STATUSES


@dataclass(frozen=True)
class Project:
    """A project or programme of a member; dates may be unknown (None)."""

    title: str
    funding_programme: str = ""
    funder: str = ""
    legal_spheres: tuple = ()
    target_group: str = ""
    age_range: AgeRange | None = None
    sites: tuple = ()
    partners: tuple = ()
    start: object = None
    end: object = None
    pilot_end: object = None
    phases: tuple = ()
    people_reached: int | None = None
    uid: str = ""

    def __post_init__(self):
        if not (self.title or "").strip():
            raise ReportingError("title", "reporting_error_no_title", kind="project")
        for name in ("legal_spheres", "sites", "partners"):
            value = getattr(self, name)
            object.__setattr__(self, name, (value,) if isinstance(value, str) else tuple(value))
        for sphere in self.legal_spheres:
            check_sphere(sphere)
        if isinstance(self.age_range, str):
            object.__setattr__(self, "age_range", AgeRange.parse(self.age_range))
        elif self.age_range is not None and not isinstance(self.age_range, AgeRange):
            raise ReportingError(
                "age_range", "reporting_error_age_range", value=repr(self.age_range)
            )
        for name in ("start", "end", "pilot_end"):
            value = getattr(self, name)
            if value is not None:
                check_date(value, name)
                if name != "start" and self.start is not None and value < self.start:
                    raise ReportingError(
                        name,
                        "reporting_error_end_before_start",
                        field=name,
                        end=value,
                        start=self.start,
                    )
        if self.people_reached is not None:
            check_count(self.people_reached, "people_reached")
        phases = tuple(sorted(self.phases, key=lambda phase: phase.start))
        for index, (earlier, later) in enumerate(zip(phases, phases[1:], strict=False), 1):
            if later.start <= earlier.end:
                raise ReportingError(
                    "phases",
                    "reporting_error_phases_overlap",
                    first=earlier.title or index,
                    second=later.title or index + 1,
                )
        object.__setattr__(self, "phases", phases)

    def phase_on(self, day):
        """The funding phase that covers ``day``; None between or outside phases."""
        for phase in self.phases:
            if phase.start <= day <= phase.end:
                return phase
        return None


@dataclass(frozen=True)
class ProjectDeadline:
    """One dated entry for the dashboard and the iCal feed."""

    day: object
    kind: str
    project: str
    message: Phrase
    uid: str = ""
    phase: FundingPhase | None = field(default=None, compare=False)

    @property
    def msgid(self):
        return self.message.msgid

    def __str__(self):
        return str(self.message)

    def as_dict(self):
        return {
            "date": self.day.isoformat(),
            "kind": self.kind,
            "project": self.project,
            "uid": self.uid,
            "msgid": self.message.msgid,
            "text": str(self.message),
            "text_de": self.message.german(),
        }


def _phase_name(project, phase):
    if phase.title:
        return phase.title
    return str(project.phases.index(phase) + 1)


def project_deadlines(project, window_start, window_end):
    """The project's dates in [window_start, window_end], by date and kind.

    Project end, pilot end, the end of each phase that is not rejected, and the start of
    each phase whose application is still open (planned, submitted, under review).
    """
    check_date(window_start, "start")
    check_date(window_end, "end")
    if window_end < window_start:
        raise ReportingError("end", "reporting_error_range", start=window_start, end=window_end)
    entries = []

    def add(day, kind, msgid, funding_phase=None, **mapping):
        if day is not None and window_start <= day <= window_end:
            message = Phrase(msgid, {"project": project.title, "date": day, **mapping})
            entries.append(
                ProjectDeadline(day, kind, project.title, message, project.uid, funding_phase)
            )

    add(project.end, "project_end", "reporting_deadline_project_end")
    add(project.pilot_end, "pilot_end", "reporting_deadline_pilot_end")
    for phase in project.phases:
        name = _phase_name(project, phase)
        if phase.status != "rejected":
            add(phase.end, "phase_end", "reporting_deadline_phase_end", phase, phase=name)
        if phase.pending:
            if phase.status == "planned":
                add(
                    phase.start,
                    "phase_start",
                    "reporting_deadline_phase_start_planned",
                    phase,
                    phase=name,
                )
            else:
                add(
                    phase.start,
                    "phase_start",
                    "reporting_deadline_phase_start_pending",
                    phase,
                    phase=name,
                    funder=project.funder or "?",
                )
    entries.sort(key=lambda entry: (entry.day, KINDS.index(entry.kind)))
    return entries


def deadlines_of(projects, window_start, window_end):
    """The dates of several projects in the window, merged by date."""
    entries = []
    for project in projects:
        entries.extend(project_deadlines(project, window_start, window_end))
    entries.sort(key=lambda entry: (entry.day, KINDS.index(entry.kind), entry.project))
    return entries
