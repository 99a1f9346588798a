"""Kreis Offenbach's figures from seed 003 (Bericht 4. Quartal 2018) as data.

The seed gives only totals for the Hessisches Ausbildungs- und Qualifizierungsbudget:
"15 Maßnahmen, davon 13 auch für Geflüchtete, ... 219 Maßnahmenplätze (130 SGB VIII,
89 SGB II, 31 Plätze frei, keine Warteliste)". The split per measure is constructed to
be consistent with them (our choice, not the seed's): nine SGB VIII measures with
130 places, 18 of them free, six SGB II measures with 89 places, 13 of them free; the
two measures not open to refugees are one of each. All report on the seed's date,
15.11.2018; an earlier report of 30.06.2018 gives the history a past.
"""

from datetime import date
from kooperation.members.reporting.places import Measure
from kooperation.members.reporting.places import PlacesReport


REPORT_DAY = date(2018, 11, 15)
MID_YEAR = date(2018, 6, 30)
BUDGET = "Hessisches Ausbildungs- und Qualifizierungsbudget"

# (sphere, planned, occupied, open to refugees); 15.11.2018
SEED_MEASURES = [
    ("SGB VIII", 16, 14, True),
    ("SGB VIII", 16, 14, True),
    ("SGB VIII", 15, 13, True),
    ("SGB VIII", 15, 13, True),
    ("SGB VIII", 14, 12, True),
    ("SGB VIII", 14, 12, True),
    ("SGB VIII", 14, 12, True),
    ("SGB VIII", 13, 11, True),
    ("SGB VIII", 13, 11, False),
    ("SGB II", 16, 14, True),
    ("SGB II", 15, 13, True),
    ("SGB II", 15, 13, True),
    ("SGB II", 15, 13, True),
    ("SGB II", 14, 12, True),
    ("SGB II", 14, 11, False),
]


def seed_measures(with_history=True):
    """The 15 measures; with a mid-year report each (planned as later, 1 occupied fewer
    for the first eight, waiting list of 2 on the first one) when ``with_history``."""
    measures = []
    for number, (sphere, planned, occupied, refugees) in enumerate(SEED_MEASURES, 1):
        reports = [PlacesReport(REPORT_DAY, {sphere: (planned, occupied)})]
        if with_history:
            earlier = occupied - 1 if number <= 8 else occupied
            waiting = 2 if number == 1 else 0
            reports.append(PlacesReport(MID_YEAR, {sphere: (planned, earlier)}, waiting))
        measures.append(
            Measure(
                title=f"Maßnahme {number}",
                project=BUDGET,
                open_to_refugees=refugees,
                reports=tuple(reports),
            )
        )
    return measures
