"""Places of measures per legal sphere, and their totals on any day.

A measure reports its places now and then (planned and occupied per legal sphere,
waiting list); the free places are always planned minus occupied, never typed, so a
total such as the seed's 219 = 130 + 89 with 31 free comes out of the data.

A report need not repeat every legal sphere: each sphere's last reported figure holds
until that sphere is reported again. Totals on a day therefore take, for each measure
and each sphere, the latest report on or before that day that names the sphere, so
that ``@places?date=`` answers for the past as well and a later report for SGB II
alone leaves the SGB VIII places standing.

The waiting list is kept per legal sphere (``{"planned": 12, "occupied": 10,
"waiting_list": 2}``). Older data has one waiting list per report; it belongs to the
spheres of that report (counted in each of them, and once overall).
"""

from dataclasses import dataclass
from dataclasses import field
from kooperation.members.reporting import check_count
from kooperation.members.reporting import check_date
from kooperation.members.reporting import check_sphere
from kooperation.members.reporting import LEGAL_SPHERES
from kooperation.members.reporting import ReportingError


@dataclass(frozen=True)
class Places:
    """Planned and occupied places of one legal sphere; free ones follow from them."""

    planned: int
    occupied: int = 0
    sphere: str = ""
    waiting_list: object = None  # per sphere; None: the report's (older data)

    def __post_init__(self):
        check_count(self.planned, "planned")
        check_count(self.occupied, "occupied")
        if self.waiting_list is not None:
            check_count(self.waiting_list, "waiting_list")
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
                value = Places(value.planned, value.occupied, sphere, value.waiting_list)
            elif isinstance(value, dict):
                value = Places(
                    value.get("planned"),
                    value.get("occupied", 0),
                    sphere,
                    value.get("waiting_list"),
                )
            elif isinstance(value, (tuple, list)) and len(value) in (1, 2):
                value = Places(*value, sphere=sphere)
            else:
                raise ReportingError(
                    "places", "reporting_error_not_a_count", field=sphere, value=repr(value)
                )
            checked[sphere] = value
        object.__setattr__(self, "places", checked)

    def waiting_in(self, sphere):
        """The waiting list of ``sphere``: its own, else the report's (older data)."""
        own = self.places[sphere].waiting_list
        return self.waiting_list if own is None else own


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

    def places_on(self, day):
        """Each legal sphere's last report on or before ``day``: sphere -> PlacesReport.

        A sphere holds its last reported figure until it is reported again.
        """
        check_date(day, "date")
        found = {}
        for report in self.reports:
            if report.reported_on > day:
                break
            for sphere in report.places:
                found[sphere] = report
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
    last_reported: object = None  # the latest report date the figures come from

    def reported(self, day):
        if self.last_reported is None or day > self.last_reported:
            self.last_reported = day

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
            "last_reported": self.last_reported.isoformat() if self.last_reported else None,
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
        sources = measure.places_on(day)
        if not sources:
            continue
        refugees = 1 if measure.open_to_refugees else 0
        overall.measures += 1
        overall.open_to_refugees += refugees
        shared_lists = set()  # reports whose one waiting list (older data) is counted
        for sphere, report in sources.items():
            places = report.places[sphere]
            sphere_total = by_sphere.setdefault(sphere, Total())
            for target in (sphere_total, overall):
                target.planned += places.planned
                target.occupied += places.occupied
                target.reported(report.reported_on)
            sphere_total.measures += 1
            sphere_total.open_to_refugees += refugees
            sphere_total.waiting_list += report.waiting_in(sphere)
            if places.waiting_list is not None:
                overall.waiting_list += places.waiting_list
            elif id(report) not in shared_lists:
                shared_lists.add(id(report))
                overall.waiting_list += report.waiting_list
    ordered = {sphere: by_sphere[sphere] for sphere in LEGAL_SPHERES if sphere in by_sphere}
    return Totals(day=day, spheres=ordered, total=overall)
