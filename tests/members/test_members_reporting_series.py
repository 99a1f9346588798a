"""Places over quarter ends, as a table and CSV for the dashboard."""

from datetime import date
from kooperation.members.reporting import LEGAL_SPHERES
from kooperation.members.reporting import Phrase
from kooperation.members.reporting.places import Measure
from kooperation.members.reporting.places import PlacesReport
from kooperation.members.reporting.series import places_series
from kooperation.members.reporting.series import series_csv
from kooperation.members.reporting.series import series_table
from reporting_seed import seed_measures

import csv
import io


def test_series_over_2018():
    series = places_series(seed_measures(), date(2018, 1, 1), date(2018, 12, 31))
    assert [point.day for point in series] == [
        date(2018, 3, 31),
        date(2018, 6, 30),
        date(2018, 9, 30),
        date(2018, 12, 31),
    ]
    assert [point.total.free for point in series] == [0, 39, 39, 31]
    assert [point.total.measures for point in series] == [0, 15, 15, 15]
    assert series[-1].spheres["SGB VIII"].planned == 130


def test_table_has_zeros_for_missing_spheres():
    header, rows = series_table(
        places_series(seed_measures(), date(2018, 1, 1), date(2018, 12, 31))
    )
    assert [str(cell) for cell in header] == [
        "Reference date",
        "SGB II planned",
        "SGB II occupied",
        "SGB II free",
        "SGB VIII planned",
        "SGB VIII occupied",
        "SGB VIII free",
        "Total planned",
        "Total occupied",
        "Total free",
        "Measures",
        "Open to refugees",
        "Waiting list",
    ]
    assert rows[0] == [date(2018, 3, 31), *[0] * 12]
    assert rows[-1][7:] == [219, 188, 31, 15, 13, 0]


def test_csv_in_german():
    series = places_series(seed_measures(), date(2018, 10, 1), date(2018, 12, 31))
    text = series_csv(series, translate=Phrase.german)
    lines = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert lines[0][:2] == ["Stichtag", "SGB II geplant"]
    assert lines[0][-3:] == ["Maßnahmen", "Offen für Geflüchtete", "Warteliste"]
    assert lines[1][0] == "31.12.2018"
    assert lines[1][-6:] == ["219", "188", "31", "15", "13", "0"]


def test_csv_neutralises_formulas():
    measure = Measure("M", reports=(PlacesReport(date(2018, 1, 1), {"other": (1, 0)}),))
    series = places_series([measure], date(2018, 1, 1), date(2018, 3, 31))
    text = series_csv(series, translate=lambda message: "=HYPERLINK(1)")
    assert text.splitlines()[0].split(";")[0] == "'=HYPERLINK(1)"


def test_spheres_can_be_fixed():
    series = places_series(seed_measures(), date(2018, 10, 1), date(2018, 12, 31))
    header, rows = series_table(series, spheres=LEGAL_SPHERES)
    assert len(header) == 1 + 3 * len(LEGAL_SPHERES) + 3 + 3
    assert rows[0][1 + 3 * 2 : 1 + 3 * 3] == [130, 112, 18]  # SGB VIII


def test_legal_spheres_match_vocabulary():
    from kooperation.vocabularies import LEGAL_SPHERES as VOCABULARY

    assert tuple(term.value for term in VOCABULARY) == LEGAL_SPHERES
