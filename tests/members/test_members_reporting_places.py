"""Places of measures and their totals on a day (seed 003: 219 = 130 + 89, 31 free)."""

from datetime import date
from kooperation.members.reporting import ReportingError
from kooperation.members.reporting.places import Measure
from kooperation.members.reporting.places import Places
from kooperation.members.reporting.places import PlacesReport
from kooperation.members.reporting.places import totals
from reporting_seed import MID_YEAR
from reporting_seed import REPORT_DAY
from reporting_seed import seed_measures

import pytest


class TestSeedTotals:
    """The seed's sentence must come out of the data, never be typed."""

    def test_seed_figures_on_report_day(self):
        result = totals(seed_measures(), REPORT_DAY)
        assert result.total.measures == 15
        assert result.total.open_to_refugees == 13
        assert result.total.planned == 219
        assert result.spheres["SGB VIII"].planned == 130
        assert result.spheres["SGB II"].planned == 89
        assert result.total.free == 31
        assert result.total.waiting_list == 0
        assert list(result.spheres) == ["SGB II", "SGB VIII"]

    def test_sphere_totals_add_up(self):
        result = totals(seed_measures(), REPORT_DAY)
        assert result.spheres["SGB VIII"].free + result.spheres["SGB II"].free == 31
        assert result.spheres["SGB VIII"].measures + result.spheres["SGB II"].measures == 15
        assert result.total.occupied == 219 - 31

    def test_later_day_uses_latest_report(self):
        assert totals(seed_measures(), date(2019, 3, 31)).total.free == 31

    def test_earlier_day_uses_the_report_then(self):
        result = totals(seed_measures(), MID_YEAR)
        assert result.total.planned == 219
        assert result.total.free == 31 + 8
        assert result.total.waiting_list == 2
        assert result.spheres["SGB VIII"].waiting_list == 2
        assert result.spheres["SGB II"].waiting_list == 0

    def test_day_between_reports(self):
        assert totals(seed_measures(), date(2018, 11, 14)).total.free == 39

    def test_before_any_report_nothing_counts(self):
        result = totals(seed_measures(), date(2018, 6, 29))
        assert result.total.measures == 0
        assert result.total.planned == 0
        assert result.spheres == {}

    def test_as_dict_for_rest(self):
        data = totals(seed_measures(), REPORT_DAY).as_dict()
        assert data["date"] == "2018-11-15"
        assert data["total"] == {
            "planned": 219,
            "occupied": 188,
            "free": 31,
            "measures": 15,
            "open_to_refugees": 13,
            "waiting_list": 0,
            "last_reported": "2018-11-15",
        }
        assert data["legal_spheres"]["SGB VIII"]["planned"] == 130


class TestMeasureWithTwoSpheres:
    def test_counts_once_overall_and_in_each_sphere(self):
        measure = Measure(
            "BerufsWegeBegleitung",
            open_to_refugees=True,
            reports=(PlacesReport(REPORT_DAY, {"SGB II": (10, 4), "SGB VIII": (5, 5)}, 3),),
        )
        result = totals([measure], REPORT_DAY)
        assert result.total.measures == 1
        assert result.total.waiting_list == 3
        assert (result.total.planned, result.total.free) == (15, 6)
        assert result.spheres["SGB II"].free == 6
        assert result.spheres["SGB VIII"].free == 0
        assert result.spheres["SGB II"].measures == result.spheres["SGB VIII"].measures == 1


class TestBadInput:
    def test_occupied_above_planned_is_refused(self):
        with pytest.raises(ReportingError) as info:
            PlacesReport(REPORT_DAY, {"SGB II": (10, 11)})
        assert info.value.msgid == "reporting_error_occupied_exceeds_planned"
        assert info.value.field == "occupied"
        assert str(info.value) == "SGB II: 11 occupied places exceed the 10 planned places."
        assert info.value.message.german() == (
            "SGB II: 11 belegte Plätze sind mehr als die 10 geplanten Plätze."
        )

    @pytest.mark.parametrize(
        ("places", "msgid"),
        [
            ({"SGB IX": (1, 0)}, "reporting_error_unknown_sphere"),
            ({"SGB II": (-1, 0)}, "reporting_error_not_a_count"),
            ({"SGB II": (3, 1.5)}, "reporting_error_not_a_count"),
            ({"SGB II": ("12", 0)}, "reporting_error_not_a_count"),
            ({"SGB II": {"planned": None}}, "reporting_error_not_a_count"),
            ({}, "reporting_error_no_places"),
            ({"SGB II": (3, 1, 0)}, "reporting_error_not_a_count"),
            ({"SGB II": 12}, "reporting_error_not_a_count"),
        ],
    )
    def test_places_are_checked(self, places, msgid):
        with pytest.raises(ReportingError) as info:
            PlacesReport(REPORT_DAY, places)
        assert info.value.msgid == msgid

    def test_free_is_computed(self):
        assert Places(12, 5).free == 7

    def test_report_needs_a_date(self):
        with pytest.raises(ReportingError, match="reported_on must be a date"):
            PlacesReport("2018-11-15", {"SGB II": (1, 0)})

    def test_two_reports_on_one_day_are_refused(self):
        report = PlacesReport(REPORT_DAY, {"SGB II": (1, 0)})
        with pytest.raises(ReportingError) as info:
            Measure("M", reports=(report, report))
        assert info.value.msgid == "reporting_error_duplicate_report"

    def test_measure_needs_a_title(self):
        with pytest.raises(ReportingError):
            Measure("  ")

    def test_totals_need_a_date(self):
        with pytest.raises(ReportingError):
            totals(seed_measures(), "2018-11-15")


def test_latest_report_of_a_measure():
    measure = seed_measures()[0]
    assert measure.latest.reported_on == REPORT_DAY
    assert measure.report_on(date(2018, 7, 1)).reported_on == MID_YEAR
    assert measure.report_on(date(2018, 1, 1)) is None


def test_reports_must_be_reports():
    with pytest.raises(ReportingError):
        Measure("M", reports=({"SGB II": (1, 0)},))
