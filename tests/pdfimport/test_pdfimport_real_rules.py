"""The general rules issue 18 added for real agreements, each on a small text of its own.

The real development corpus (tests/pdfimport/real) is measured by bench/pdfimport_accuracy.py;
these tests hold the rules, not the documents.
"""

from pathlib import Path
from test_pdfimport_fields import fields
from test_pdfimport_fields import rules

import json
import pytest


REAL = Path(__file__).resolve().parent / "real"


def test_numbered_list_under_vertragspartner_with_representatives():
    result = fields(
        """
Verwaltungsvereinbarung über die Zusammenarbeit

Vertragspartner

1. Bundesagentur für Arbeit, vertreten durch die Agentur für Musterstadt

2. Freie Hansestadt Musterstadt, vertreten durch die Senatorin für Bildung

3. Jobcenter Musterstadt

Präambel

Die Vertragspartner eint das gemeinsame Ziel.
"""
    )
    assert result["parties"] == [
        "Bundesagentur für Arbeit",
        "Freie Hansestadt Musterstadt",
        "Jobcenter Musterstadt",
    ]


def test_lettered_groups_drop_their_labels():
    result = fields(
        """
Kooperationsvereinbarung

Unterzeichnende

1. Jugendberufsagentur, vertreten durch:
a. Agentur für Arbeit Musterstadt
b. Jobcenter Musterstadt

2. Kammern, vertreten durch:
a. Handwerkskammer Musterstadt
b. Die Unternehmensverbände im Lande Musterstadt e.V.

Präambel

Die Unterzeichnenden eint ein Ziel.
"""
    )
    assert result["parties"] == [
        "Agentur für Arbeit Musterstadt",
        "Jobcenter Musterstadt",
        "Handwerkskammer Musterstadt",
        "Die Unternehmensverbände im Lande Musterstadt e.V.",
    ]


def test_plural_bodies_become_one_party_each():
    result = fields(
        """
Öffentlich-rechtliche Vereinbarung über die Finanzbuchhaltung

Zwischen den Gemeinden Adorf und Bedorf sowie der Stadt Cestadt

- nachstehend Beteiligte genannt -

wird folgende Vereinbarung geschlossen:

§ 1 Gegenstand
"""
    )
    assert result["parties"] == ["Gemeinde Adorf", "Gemeinde Bedorf", "Stadt Cestadt"]


def test_departments_and_group_intro_are_no_parties():
    result = fields(
        """
Rahmenvertrag

zwischen

der Freien und Hansestadt Musterstadt
Behörde für Soziales
Amt für Familie
(nachfolgend „Behörde“)

und

den in der Arbeitsgemeinschaft zusammengeschlossenen Verbänden:
Caritasverband für Musterstadt e.V.
Der Paritätische Wohlfahrtsverband Musterstadt e.V.

§ 1 Gegenstand
"""
    )
    assert result["parties"] == [
        "Freien und Hansestadt Musterstadt",
        "Caritasverband für Musterstadt e.V.",
        "Der Paritätische Wohlfahrtsverband Musterstadt e.V.",
    ]


def test_addresses_and_representatives_on_their_own_lines():
    result = fields(
        """
Zweckvereinbarung

zwischen der
Verwaltungsgemeinschaft Adorf
Am Alten Feld 1
07629 Adorf
vertreten durch die
Gemeinschaftsvorsitzende Frau Muster

und der
Gemeinde Bedorf
Straße der Einheit 63
07586 Bedorf
vertreten durch den
Bürgermeister Herrn Muster

§ 1 Gegenstand
"""
    )
    assert result["parties"] == ["Verwaltungsgemeinschaft Adorf", "Gemeinde Bedorf"]


def test_title_wrapped_over_lines_and_stand_cut_off():
    result = fields(
        """
Öffentlich-rechtliche Vereinbarung zur gemeinsamen

Wahrnehmung der Aufgaben der Volkshochschule (Stand: 08.08.2013)

§ 1 Gegenstand
"""
    )
    assert result["title"] == (
        "Öffentlich-rechtliche Vereinbarung zur gemeinsamen Wahrnehmung der Aufgaben der "
        "Volkshochschule"
    )


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Die Beteiligten schließen gemäß §§ 1 und 23 ff. des Gesetzes über kommunale "
            "Gemeinschaftsarbeit - GkG NRW - folgende Vereinbarung.",
            ["§§ 1 und 23 ff. GkG NRW"],
        ),
        (
            "Gemäß Art. 2 Abs. 1 und Art. 7 ff des Gesetzes über die kommunale Zusammenarbeit "
            "(KommZG) schließen sie folgende Zweckvereinbarung.",
            ["Art. 2 Abs. 1 KommZG", "Art. 7 ff KommZG"],
        ),
        (
            "Die Gemeinde überträgt gem. § 7 Abs. 2 ThürKGG die Aufgaben nach § 24 des "
            "Straßenverkehrsgesetzes.",
            ["§ 7 Abs. 2 ThürKGG", "§ 24 des Straßenverkehrsgesetzes"],
        ),
        (
            "Er gilt als Rahmenvertrag nach § 78f des Achten Buches Sozialgesetzbuch.",
            ["§ 78f SGB VIII"],
        ),
    ],
)
def test_legal_bases_beyond_the_sgb_as_written(sentence, expected):
    assert rules(sentence)["legal_bases"] == expected


def test_a_cited_laws_entry_into_force_is_not_the_agreements():
    result = rules(
        "Sie wird gemäß § 94 der Gemeindeordnung, zuletzt geändert durch Gesetz vom "
        "3. Februar 2015 (GV. NRW. S. 204), in Kraft getreten am 11. Februar 2015, geschlossen."
    )
    assert result["effective_rule"] is None
    assert result["effective_date"] is None


def test_a_dissolution_date_is_no_end_date():
    result = rules("Die bisherigen Landkreise wurden mit Ablauf des 03.09.2011 aufgelöst.")
    assert result["end_date"] is None


def test_fixed_term_written_after_the_period():
    result = rules("Die Zweckvereinbarung wird bewusst auf ein Jahr befristet geschlossen.")
    assert result["initial_term"] == {"value": 1, "unit": "years"}


def test_real_corpus_folders_are_complete():
    folders = sorted(p for p in REAL.iterdir() if p.is_dir())
    assert len(folders) >= 30
    for folder in folders:
        for name in ("source.txt", "text.txt", "truth.json", "document.pdf"):
            assert (folder / name).exists(), folder / name
        truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
        assert truth.keys() >= {"title", "parties", "legal_bases", "effective_rule"}
        assert (folder / "source.txt").read_text(encoding="utf-8").startswith("http")
