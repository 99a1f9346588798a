"""Each legal sphere's last reported figure holds until that sphere is reported again.

The property tests compare ``totals`` with a reference written the plain way: replay
every measure's rows in date order into a dict per sphere, then add up. Rows come in
any order and any subset of spheres per date; older data has one waiting list per
report, newer data one per sphere.
"""

from datetime import date
from datetime import timedelta
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st
from kooperation.members.reporting import LEGAL_SPHERES
from kooperation.members.reporting.places import Measure
from kooperation.members.reporting.places import PlacesReport
from kooperation.members.reporting.places import totals


OCT, DEC = date(2026, 10, 1), date(2026, 12, 1)


def issue_measure():
    """SGB VIII 12 places on 01.10.2026; on 01.12.2026 a row for SGB II alone."""
    return Measure(
        "Werkstattjahr",
        reports=(
            PlacesReport(DEC, {"SGB II": {"planned": 20, "occupied": 18, "waiting_list": 2}}),
            PlacesReport(OCT, {"SGB VIII": {"planned": 12, "occupied": 9}}),
        ),
    )


def test_a_sphere_not_reported_again_keeps_its_places():
    result = totals([issue_measure()], DEC)
    assert result.total.planned == 32  # was 20: SGB VIII dropped
    assert result.spheres["SGB VIII"].planned == 12
    assert result.spheres["SGB II"].planned == 20
    assert result.total.measures == 1


def test_the_waiting_list_stays_with_its_sphere():
    result = totals([issue_measure()], DEC)
    assert result.spheres["SGB II"].waiting_list == 2
    assert result.spheres["SGB VIII"].waiting_list == 0  # was 2
    assert result.total.waiting_list == 2


def test_each_sphere_says_when_it_was_last_reported():
    result = totals([issue_measure()], date(2027, 3, 31))
    assert result.spheres["SGB VIII"].last_reported == OCT
    assert result.spheres["SGB II"].last_reported == DEC
    assert result.total.last_reported == DEC
    assert result.as_dict()["legal_spheres"]["SGB VIII"]["last_reported"] == "2026-10-01"


def test_before_the_later_report_only_the_earlier_counts():
    result = totals([issue_measure()], DEC - timedelta(days=1))
    assert list(result.spheres) == ["SGB VIII"]
    assert result.total.planned == 12


def test_an_older_report_waiting_list_counts_in_its_spheres_and_once_overall():
    measure = Measure(
        "Alt",
        reports=(
            PlacesReport(
                OCT,
                {"SGB II": {"planned": 5, "occupied": 5}, "SGB III": {"planned": 4}},
                waiting_list=3,
            ),
        ),
    )
    result = totals([measure], DEC)
    assert result.spheres["SGB II"].waiting_list == 3
    assert result.spheres["SGB III"].waiting_list == 3
    assert result.total.waiting_list == 3


# -- property tests against a reference ------------------------------------------

DAYS = [date(2026, 1, 1) + timedelta(days=30 * n) for n in range(8)]
counts = st.integers(min_value=0, max_value=50)


@st.composite
def sphere_figures(draw):
    planned = draw(counts)
    occupied = draw(st.integers(min_value=0, max_value=planned))
    figures = {"planned": planned, "occupied": occupied}
    if draw(st.booleans()):
        figures["waiting_list"] = draw(counts)
    return figures


@st.composite
def measure_rows(draw):
    """Rows as the form stores them: distinct dates, any non-empty subset of spheres."""
    days = draw(st.lists(st.sampled_from(DAYS), unique=True, max_size=5))
    rows = []
    for day in days:
        spheres = draw(st.lists(st.sampled_from(LEGAL_SPHERES), unique=True, min_size=1))
        rows.append(
            {
                "date": day,
                "places": {sphere: draw(sphere_figures()) for sphere in spheres},
                "waiting_list": draw(counts),
            }
        )
    return rows


def reference(all_rows, day):
    """Replay each measure's rows in date order; add up what stands on ``day``."""
    spheres, total = {}, {"planned": 0, "occupied": 0, "measures": 0, "waiting_list": 0}
    for rows in all_rows:
        state = {}  # sphere -> (figures, row)
        for row in sorted(rows, key=lambda row: row["date"]):
            if row["date"] <= day:
                for sphere, figures in row["places"].items():
                    state[sphere] = (figures, row)
        if not state:
            continue
        total["measures"] += 1
        counted_rows = []
        for sphere, (figures, row) in state.items():
            own = figures.get("waiting_list")
            waiting = row["waiting_list"] if own is None else own
            entry = spheres.setdefault(
                sphere, {"planned": 0, "occupied": 0, "measures": 0, "waiting_list": 0}
            )
            entry["planned"] += figures["planned"]
            entry["occupied"] += figures.get("occupied", 0)
            entry["measures"] += 1
            entry["waiting_list"] += waiting
            total["planned"] += figures["planned"]
            total["occupied"] += figures.get("occupied", 0)
            if own is not None:
                total["waiting_list"] += own
            elif not any(row is counted for counted in counted_rows):
                counted_rows.append(row)
                total["waiting_list"] += row["waiting_list"]
    return spheres, total


def measures_of(all_rows, shuffle):
    measures = []
    for number, rows in enumerate(all_rows):
        rows = shuffle(list(rows))
        reports = tuple(
            PlacesReport(row["date"], row["places"], row["waiting_list"]) for row in rows
        )
        measures.append(Measure(f"Maßnahme {number}", reports=reports))
    return measures


@settings(max_examples=300, deadline=None)
@given(
    all_rows=st.lists(measure_rows(), max_size=4),
    day=st.sampled_from(DAYS + [date(2025, 12, 31), date(2027, 12, 31)]),
    data=st.randoms(use_true_random=False),
)
def test_totals_match_the_reference(all_rows, day, data):
    def shuffle(rows):
        data.shuffle(rows)
        return rows

    result = totals(measures_of(all_rows, shuffle), day)
    spheres, total = reference(all_rows, day)
    got = {
        sphere: {
            "planned": t.planned,
            "occupied": t.occupied,
            "measures": t.measures,
            "waiting_list": t.waiting_list,
        }
        for sphere, t in result.spheres.items()
    }
    assert got == spheres
    assert list(result.spheres) == [s for s in LEGAL_SPHERES if s in spheres]
    assert result.total.planned == total["planned"]
    assert result.total.occupied == total["occupied"]
    assert result.total.measures == total["measures"]
    assert result.total.waiting_list == total["waiting_list"]
    assert result.total.planned == sum(t.planned for t in result.spheres.values())


@settings(max_examples=200, deadline=None)
@given(all_rows=st.lists(measure_rows(), min_size=1, max_size=3), day=st.sampled_from(DAYS))
def test_a_report_of_other_spheres_never_lowers_a_sphere(all_rows, day):
    """Adding a later report that names other spheres leaves each named-not sphere as it was."""
    before = totals(measures_of(all_rows, lambda rows: rows), day)
    later = day + timedelta(days=1)  # no generated row lies in between
    added = dict.fromkeys(LEGAL_SPHERES, 0)
    for rows in all_rows:
        named = {sphere for row in rows for sphere in row["places"]}
        others = [s for s in LEGAL_SPHERES if s not in named]
        if others:
            rows.append({"date": later, "places": {others[0]: {"planned": 1}}, "waiting_list": 0})
            added[others[0]] += 1
    after = totals(measures_of(all_rows, lambda rows: rows), later)
    for sphere, total in before.spheres.items():
        assert after.spheres[sphere].planned == total.planned + added[sphere]
        assert after.spheres[sphere].occupied == total.occupied
