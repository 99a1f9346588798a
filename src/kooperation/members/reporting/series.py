"""Places over time for the dashboard: one total per quarter end, as a table and as CSV.

The chart and the table beside it read the same rows; the CSV is the table with
``;`` as delimiter and German dates (as the deadline dashboard's export), every cell
neutralised so that a spreadsheet never runs a title as a formula.
"""

from kooperation.common.csvsafe import neutralise
from kooperation.common.german import german_date
from kooperation.members.reporting import LEGAL_SPHERES
from kooperation.members.reporting import Phrase
from kooperation.members.reporting.places import totals
from kooperation.members.reporting.quarters import quarter_ends

import csv
import io


def places_series(measures, start, end):
    """``Totals`` of ``measures`` on each quarter end in [start, end]."""
    measures = list(measures)
    return [totals(measures, day) for day in quarter_ends(start, end)]


def series_spheres(series):
    """The legal spheres that occur anywhere in the series, in vocabulary order."""
    seen = {sphere for point in series for sphere in point.spheres}
    return [sphere for sphere in LEGAL_SPHERES if sphere in seen]


def series_table(series, spheres=None):
    """(header, rows): header cells are ``Phrase``s, rows hold dates and numbers.

    Per sphere planned, occupied and free; then the overall planned, occupied, free,
    measures, open to refugees and waiting list. A sphere without measures on a day
    shows zeros, so that the chart's lines do not break.
    """
    spheres = series_spheres(series) if spheres is None else list(spheres)
    header = [Phrase("reporting_csv_date")]
    for sphere in [*spheres, None]:
        name = sphere if sphere is not None else Phrase("reporting_csv_total").default
        header.extend(
            Phrase(f"reporting_csv_{column}", {"sphere": name})
            for column in ("planned", "occupied", "free")
        )
    header.extend(
        Phrase(f"reporting_csv_{column}")
        for column in ("measures", "open_to_refugees", "waiting_list")
    )
    rows = []
    for point in series:
        row = [point.day]
        for sphere in spheres:
            total = point.spheres.get(sphere)
            row.extend((total.planned, total.occupied, total.free) if total else (0, 0, 0))
        overall = point.total
        row.extend(
            (
                overall.planned,
                overall.occupied,
                overall.free,
                overall.measures,
                overall.open_to_refugees,
                overall.waiting_list,
            )
        )
        rows.append(row)
    return header, rows


def series_csv(series, spheres=None, translate=str, delimiter=";"):
    """The table as CSV text. ``translate`` turns a header ``Phrase`` into text
    (default English; ``Phrase.german`` for German, the catalog on the Zope side)."""
    header, rows = series_table(series, spheres)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow([neutralise(translate(cell)) for cell in header])
    for row in rows:
        writer.writerow([neutralise(german_date(row[0])), *[neutralise(v) for v in row[1:]]])
    return out.getvalue()
