"""Projects, funding phases and their dates for the deadline dashboard (seed 003)."""

from datetime import date
from kooperation.members.reporting import ReportingError
from kooperation.members.reporting.projects import AgeRange
from kooperation.members.reporting.projects import deadlines_of
from kooperation.members.reporting.projects import FundingPhase
from kooperation.members.reporting.projects import Project
from kooperation.members.reporting.projects import project_deadlines

import pytest


# "In der neuen Förderphase (01.01.2019 – 30.06.2022)", the application "in der Prüfung
# des BAFzA"; the first phase ran since August 2015 and ends on 31.12.2018.
JUSTIQ = Project(
    "JUGEND STÄRKEN im Quartier",
    funding_programme="JUGEND STÄRKEN im Quartier",
    funder="BAFzA",
    legal_spheres=("SGB VIII",),
    sites=("Standort 1", "Standort 2", "Standort 3", "Standort 4"),
    start=date(2015, 8, 1),
    phases=(
        FundingPhase(date(2019, 1, 1), date(2022, 6, 30), "under_review"),
        FundingPhase(date(2015, 8, 1), date(2018, 12, 31), "approved"),
    ),
    people_reached=350,
)
# "Jugendberatungsbüro RoOF ... zum 1. Oktober 2018 ... im Alter von 14 bis 27 Jahren
# ... Pilotprojekt, dessen Laufzeit bis zum 30.06.2021 terminiert ist."
ROOF = Project(
    "Jugendberatungsbüro RoOF",
    legal_spheres=("SGB II", "SGB III", "SGB VIII"),
    age_range="14 bis 27 Jahre",
    sites=("Dietzenbach",),
    start=date(2018, 10, 1),
    pilot_end=date(2021, 6, 30),
)


class TestSeedDeadlines:
    def test_phase_change_of_justiq(self):
        entries = project_deadlines(JUSTIQ, date(2018, 11, 15), date(2019, 11, 15))
        assert [(e.day, e.kind) for e in entries] == [
            (date(2018, 12, 31), "phase_end"),
            (date(2019, 1, 1), "phase_start"),
        ]
        assert str(entries[0]) == "JUGEND STÄRKEN im Quartier: funding phase 1 ends on 31.12.2018."
        assert entries[1].msgid == "reporting_deadline_phase_start_pending"
        assert str(entries[1]) == (
            "JUGEND STÄRKEN im Quartier: funding phase 2 starts on 01.01.2019; "
            "the application is still pending at BAFzA."
        )
        assert entries[1].message.german() == (
            "JUGEND STÄRKEN im Quartier: die Förderphase 2 beginnt am 01.01.2019; "
            "der Antrag liegt noch bei BAFzA zur Prüfung."
        )

    def test_phase_two_end(self):
        entries = project_deadlines(JUSTIQ, date(2022, 1, 1), date(2022, 12, 31))
        assert [(e.day, e.kind) for e in entries] == [(date(2022, 6, 30), "phase_end")]

    def test_approved_phase_has_no_start_entry(self):
        assert project_deadlines(JUSTIQ, date(2015, 1, 1), date(2015, 12, 31)) == []

    def test_roof_pilot_end(self):
        (entry,) = project_deadlines(ROOF, date(2021, 1, 1), date(2021, 12, 31))
        assert (entry.day, entry.kind) == (date(2021, 6, 30), "pilot_end")
        assert entry.as_dict() == {
            "date": "2021-06-30",
            "kind": "pilot_end",
            "project": "Jugendberatungsbüro RoOF",
            "uid": "",
            "msgid": "reporting_deadline_pilot_end",
            "text": "Jugendberatungsbüro RoOF: the pilot phase ends on 30.06.2021.",
            "text_de": "Jugendberatungsbüro RoOF: die Pilotphase endet am 30.06.2021.",
        }

    def test_window_ends_are_included(self):
        day = date(2021, 6, 30)
        assert len(project_deadlines(ROOF, day, day)) == 1
        assert project_deadlines(ROOF, date(2021, 7, 1), date(2030, 1, 1)) == []

    def test_several_projects_merged_by_date(self):
        entries = deadlines_of([ROOF, JUSTIQ], date(2018, 1, 1), date(2022, 12, 31))
        assert [e.day for e in entries] == sorted(e.day for e in entries)
        assert [e.kind for e in entries] == ["phase_end", "phase_start", "pilot_end", "phase_end"]

    def test_phase_on(self):
        assert JUSTIQ.phases[0].start == date(2015, 8, 1)  # sorted by start
        assert JUSTIQ.phase_on(date(2019, 5, 1)).status == "under_review"
        assert JUSTIQ.phase_on(date(2023, 1, 1)) is None


class TestOtherStatuses:
    def make(self, status, title=""):
        phase = FundingPhase(date(2024, 1, 1), date(2025, 12, 31), status, title)
        return Project("P", funder="Land Hessen", end=date(2025, 12, 31), phases=(phase,))

    def test_rejected_phase_gives_no_dates(self):
        entries = project_deadlines(self.make("rejected"), date(2023, 1, 1), date(2026, 1, 1))
        assert [e.kind for e in entries] == ["project_end"]

    def test_planned_application_is_not_yet_submitted(self):
        entries = project_deadlines(self.make("planned", "II"), date(2023, 1, 1), date(2026, 1, 1))
        assert [e.kind for e in entries] == ["phase_start", "project_end", "phase_end"]
        assert str(entries[0]) == (
            "P: funding phase II starts on 01.01.2024; the application is not yet submitted."
        )

    @pytest.mark.parametrize("status", ["submitted", "under_review"])
    def test_pending_application(self, status):
        entries = project_deadlines(self.make(status), date(2023, 1, 1), date(2024, 1, 1))
        assert entries[0].msgid == "reporting_deadline_phase_start_pending"


class TestAgeRange:
    @pytest.mark.parametrize("text", ["14-27", "14–27", "14 – 27", "14 bis 27", "14-27 Jahre"])
    def test_parse(self, text):
        assert AgeRange.parse(text) == AgeRange(14, 27)

    def test_str(self):
        assert str(ROOF.age_range) == "14–27"

    @pytest.mark.parametrize("text", ["27-14", "14", "14-127", "ab 14", "", None, "-3-5"])
    def test_bad(self, text):
        with pytest.raises(ReportingError) as info:
            AgeRange.parse(text)
        assert info.value.msgid == "reporting_error_age_range"

    def test_bad_numbers(self):
        with pytest.raises(ReportingError):
            AgeRange(20, 10)


class TestBadProjects:
    @pytest.mark.parametrize(
        ("kwargs", "msgid"),
        [
            ({"title": ""}, "reporting_error_no_title"),
            ({"legal_spheres": ("SGB XII",)}, "reporting_error_unknown_sphere"),
            (
                {"start": date(2020, 1, 1), "end": date(2019, 1, 1)},
                "reporting_error_end_before_start",
            ),
            (
                {"start": date(2020, 1, 1), "pilot_end": date(2019, 1, 1)},
                "reporting_error_end_before_start",
            ),
            ({"end": "30.06.2021"}, "reporting_error_not_a_date"),
            ({"people_reached": -5}, "reporting_error_not_a_count"),
            ({"age_range": 14}, "reporting_error_age_range"),
            (
                {
                    "phases": (
                        FundingPhase(date(2019, 1, 1), date(2020, 12, 31)),
                        FundingPhase(date(2020, 12, 31), date(2022, 1, 1)),
                    )
                },
                "reporting_error_phases_overlap",
            ),
        ],
    )
    def test_refused(self, kwargs, msgid):
        with pytest.raises(ReportingError) as info:
            Project(**{"title": "P", **kwargs})
        assert info.value.msgid == msgid

    def test_phase_status_checked(self):
        with pytest.raises(ReportingError, match="application status"):
            FundingPhase(date(2019, 1, 1), date(2020, 1, 1), "pending")

    def test_phase_end_before_start(self):
        with pytest.raises(ReportingError, match="lies before the start"):
            FundingPhase(date(2019, 1, 1), date(2018, 1, 1))

    def test_window_reversed(self):
        with pytest.raises(ReportingError) as info:
            project_deadlines(ROOF, date(2022, 1, 1), date(2021, 1, 1))
        assert info.value.msgid == "reporting_error_range"


def test_single_sphere_as_text():
    project = Project("P", legal_spheres="SGB II", sites=["Dietzenbach"])
    assert project.legal_spheres == ("SGB II",)
    assert project.sites == ("Dietzenbach",)
