"""The worked case of issue 5: a three-party agreement (seed 000) amended twice.

The second amendment shortens the notice period to three months and adds the
intended party, Stadt Oberhausen, as a fourth party.
"""

from datetime import date
from kooperation.amendments.texts import AgreementFields
from kooperation.amendments.texts import Amendment
from kooperation.amendments.texts import Original
from kooperation.amendments.texts import SectionChange
from kooperation.deadlines import Period
from kooperation.deadlines import Rules
from pathlib import Path


SEED = (
    Path(__file__).resolve().parents[2]
    / "profiles"
    / "demo"
    / "html"
    / "kooperationserklaerung_oberhausen_2015.html"
).read_text(encoding="utf-8")

Y1, M3, M6 = Period(1, "years"), Period(3, "months"), Period(6, "months")
SEED_RULES = Rules(initial_term=Y1, renewal_term=Y1, notice_period=M6)
SIGNED = date(2015, 5, 20)

ORIGINAL = Original(
    html=SEED,
    fields=AgreementFields(
        parties=("jobcenter", "bfo", "zib"),
        intended_parties=("stadt",),
        rules=SEED_RULES,
        legal_bases=("SGB I", "§ 2 Abs. 2 SGB II", "§§ 14-16 SGB II", "SGB VIII"),
        target_groups=("U25", "Alleinerziehende"),
    ),
    in_force_since=SIGNED,
    text_date=date(2015, 5, 20),
)

FIRST = Amendment(
    id="aenderung-1",
    title="1. Änderung",
    effective=date(2016, 3, 1),
    dated=date(2016, 2, 15),
    changes=(
        SectionChange(
            "replace",
            "IV",
            "<p>Die kontinuierliche Wirksamkeitsprüfung erfolgt durch einen jährlichen "
            "gemeinsamen Bericht der Kooperationspartner.</p>",
        ),
    ),
    legal_bases_added=("§ 13 SGB VIII",),
)

SECOND = Amendment(
    id="aenderung-2",
    title="2. Änderung",
    effective=date(2017, 1, 1),
    dated=date(2016, 12, 12),
    changes=(
        SectionChange(
            "replace",
            "VII",
            "<h2>VII. Gültigkeit der Vereinbarung</h2><p>Die Erklärung tritt mit dem Tag der "
            "Unterzeichnung in Kraft. Sie verlängert sich jeweils um ein Jahr, wenn sie nicht "
            "drei Monate vorher von einer der Vertragsparteien gekündigt wird.</p>",
        ),
        SectionChange(
            "insert_after",
            "VII",
            "<h2>VIII. Beitritt</h2><p>Die Stadt Oberhausen, Bereich Bildung und Jugend, "
            "tritt der Erklärung mit Wirkung vom 01.01.2017 bei.</p>",
        ),
    ),
    parties_joining=("stadt",),
    rules={"notice_period": {"value": 3, "unit": "months"}},
)
