"""Places of measures per legal sphere, and their totals on any day.

A measure reports its places now and then (planned and occupied per legal sphere,
waiting list); the free places are always planned minus occupied, never typed, so a
total such as the seed's 219 = 130 + 89 with 31 free comes out of the data. Totals on
a day use, for each measure, its latest report on or before that day, so that
``@places?date=`` answers for the past as well.
"""

from dataclasses import dataclass
from dataclasses import field
from kooperation.reporting import check_count
from kooperation.reporting import check_date
from kooperation.reporting import check_sphere
from kooperation.reporting import LEGAL_SPHERES
from kooperation.reporting import ReportingError


@dataclass(frozen=True)
class Places:
    """Planned and occupied places of one legal sphere; free ones follow from them."""

    planned: int
    occupied: int = 0
    sphere: str = ""

    def __post_init__(self):
        check_count(self.planned, "planned")
        check_count(self.occupied, "occupied")
        if self.occupied > self.planned:
            raise ReportingError(
                "occupied",
                "reporting_error_occupied_exceeds_planned",
                sphere=self.sphere or "?",
                occupied=self.occupied,
                planned=self.planned,
            )

    @property
    def free(self):
        return self.planned - self.occupied


@dataclass(frozen=True)
class PlacesReport:
    """What a measure reported on ``reported_on``: places per legal sphere, waiting list."""

    reported_on: object
    places: dict
    waiting_list: int = 0

    def __post_init__(self):
        check_date(self.reported_on, "reported_on")
        check_count(self.waiting_list, "waiting_list")
        if not isinstance(self.places, dict) or not self.places:
            raise ReportingError("places", "reporting_error_no_places")
        checked = {}
        for sphere, value in self.places.items():
            check_sphere(sphere)
            if isinstance(value, Places):
                value = Places(value.planned, value.occupied, sphere)
            elif isinstance(value, dict):
                value = Places(value.get("planned"), value.get("occupied", 0), sphere)
            elif isinstance(value, (tuple, list)) and len(value) in (1, 2):
                value = Places(*value, sphere=sphere)
            else:
                raise ReportingError(
                    "places", "reporting_error_not_a_count", field=sphere, value=repr(value)
                )
            checked[sphere] = value
        object.__setattr__(self, "places", checked)


@dataclass(frozen=True)
class Measure:
    """A measure (Maßnahme) under a project or a budget, with its reports over time."""

    title: str
    reports: tuple = ()
    project: str = ""
    open_to_refugees: bool = False
    uid: str = ""

    def __post_init__(self):
        if not (self.title or "").strip():
            raise ReportingError("title", "reporting_error_no_title", kind="measure")
        if any(not isinstance(report, PlacesReport) for report in self.reports):
            raise ReportingError("reports", "reporting_error_no_places")
        reports = tuple(sorted(self.reports, key=lambda report: report.reported_on))
        for earlier, later in zip(reports, reports[1:], strict=False):
            if earlier.reported_on == later.reported_on:
                raise ReportingError(
                    "reports",
                    "reporting_error_duplicate_report",
                    title=self.title,
                    date=later.reported_on,
                )
        object.__setattr__(self, "reports", reports)

    def report_on(self, day):
        """The latest report on or before ``day``; None before the first one."""
        check_date(day, "date")
        found = None
        for report in self.reports:
            if report.reported_on > day:
                break
            found = report
        return found

    @property
    def latest(self):
        return self.reports[-1] if self.reports else None


@dataclass
class Total:
    """Sums over measures: places, how many measures, open to refugees, waiting list."""

    planned: int = 0
    occupied: int = 0
    measures: int = 0
    open_to_refugees: int = 0
    waiting_list: int = 0

    @property
    def free(self):
        return self.planned - self.occupied

    def as_dict(self):
        return {
            "planned": self.planned,
            "occupied": self.occupied,
            "free": self.free,
            "measures": self.measures,
            "open_to_refugees": self.open_to_refugees,
            "waiting_list": self.waiting_list,
        }


@dataclass
class Totals:
    """Totals on ``day``: ``spheres`` (legal sphere -> Total, in vocabulary order), ``total``.

    A measure with places in two spheres counts as a measure (and with its waiting list)
    in both; ``total`` counts it once. Measures without a report by ``day`` do not count.
    """

    day: object
    spheres: dict = field(default_factory=dict)
    total: Total = field(default_factory=Total)

    def as_dict(self):
        return {
            "date": self.day.isoformat(),
            "legal_spheres": {sphere: total.as_dict() for sphere, total in self.spheres.items()},
            "total": self.total.as_dict(),
        }


def totals(measures, day):
    """Places per legal sphere and overall on ``day`` (see ``Totals``)."""
    check_date(day, "date")
    by_sphere = {}
    overall = Total()
    for measure in measures:
        report = measure.report_on(day)
        if report is None:
            continue
        refugees = 1 if measure.open_to_refugees else 0
        targets = [overall]
        for places in report.places.values():
            sphere_total = by_sphere.setdefault(places.sphere, Total())
            sphere_total.planned += places.planned
            sphere_total.occupied += places.occupied
            overall.planned += places.planned
            overall.occupied += places.occupied
            targets.append(sphere_total)
        for target in targets:
            target.measures += 1
            target.open_to_refugees += refugees
            target.waiting_list += report.waiting_list
    ordered = {sphere: by_sphere[sphere] for sphere in LEGAL_SPHERES if sphere in by_sphere}
    return Totals(day=day, spheres=ordered, total=overall)
