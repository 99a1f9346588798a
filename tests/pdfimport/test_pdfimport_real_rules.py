"""The general rules issue 18 added for real agreements, each on a small text of its own.

The real development corpus (tests/pdfimport/real) is measured by bench/pdfimport_accuracy.py;
these tests hold the rules, not the documents.
"""

from kooperation.pdfimport.fields import extract_fields
from kooperation.pdfimport.layout import heading_level
from kooperation.pdfimport.layout import Line
from kooperation.pdfimport.layout import order_lines
from kooperation.pdfimport.layout import Paragraph
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


def _laid_out(blocks):
    """Paragraphs from (text, size) pairs, each its own paragraph as a PDF's lines come."""
    return [
        Paragraph(text=text, page=1, size=size, heading=heading_level(text), lines=[text])
        for text, size in blocks
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Die Fachkräfte handeln gemäß 8a SGB VIII sowie nach 72a SGB VIII.",
            ["8a SGB VIII", "72a SGB VIII"],
        ),
        (
            "Die Schulen arbeiten mit dem Jugendamt zu 42 Abs. 6 Schulgesetz NRW, 4 KKG und "
            "8a SGB VIII zusammen.",
            ["42 Abs. 6 Schulgesetz NRW", "4 KKG", "8a SGB VIII"],
        ),
        ("Die Förderung erfolgt nach 16h SGB II.", ["16h SGB II"]),
    ],
)
def test_references_written_without_the_section_sign(sentence, expected):
    assert rules(sentence)["legal_bases"] == expected


def test_numbers_after_a_cue_that_name_no_law_are_no_references():
    result = rules(
        "Der Zuschuss beträgt bis zu 100 EUR und wird nach 3 Jahren von 2 Partnern geprüft."
    )
    assert result["legal_bases"] is None


def test_title_in_capitals_over_lines_reads_its_references_whole():
    result = extract_fields(
        _laid_out(
            [
                ("ZWECKVEREINBARUNG ÜBER DIE", 16),
                ("ÜBERWACHUNG DES VERKEHRS NACH", 16),
                ("§ 24 DES STRASSENVERKEHRSGESETZES", 16),
                ("UND ART. 5 MUSTVG", 16),
                ("zwischen der Gemeinde Adorf und der Gemeinde Bedorf", 10),
                ("§ 1 Gegenstand", 10),
                ("Die Gemeinde Adorf überwacht den Verkehr; Art. 5 MustVG bleibt unberührt.", 10),
                ("§ 2 Kosten", 10),
                ("Die Gemeinde Bedorf erstattet die Kosten.", 10),
                ("Die Abrechnung erfolgt jährlich.", 10),
            ]
        )
    )
    assert result["title"] == (
        "ZWECKVEREINBARUNG ÜBER DIE ÜBERWACHUNG DES VERKEHRS NACH § 24 DES "
        "STRASSENVERKEHRSGESETZES UND ART. 5 MUSTVG"
    )
    # the law's abbreviation as the body spells it, the law's name as a word
    assert result["legal_bases"] == ["§ 24 des Strassenverkehrsgesetzes", "Art. 5 MustVG"]
    assert result["parties"] == ["Gemeinde Adorf", "Gemeinde Bedorf"]


def test_a_reference_split_over_title_lines_is_one_legal_basis():
    result = extract_fields(
        _laid_out(
            [
                ("RAHMENVERTRAG NACH § 78 F", 16),
                ("SGB VIII", 16),
                ("§ 1 Gegenstand", 10),
                ("Der Vertrag regelt die Leistungen.", 10),
            ]
        )
    )
    assert result["legal_bases"] == ["§ 78f SGB VIII"]


def test_the_agreements_name_under_a_templates_label():
    result = extract_fields(
        _laid_out(
            [
                ("Mustervertrag für Kooperationen im Ganztag", 16),
                ("Kooperationsvertrag", 10),
                ("für ein Angebot im Rahmen der Ganztagsschule", 10),
                ("§ 1 Gegenstand", 10),
            ]
        )
    )
    assert result["title"] == "Kooperationsvertrag"
    # a template's label alone stays the title
    alone = extract_fields(_laid_out([("Mustervereinbarung", 16), ("§ 1 Gegenstand", 10)]))
    assert alone["title"] == "Mustervereinbarung"


def test_bodies_named_collectively_then_one_by_one():
    result = fields(
        """
Verwaltungsvereinbarung

Verwaltungsvereinbarung zwischen dem Musterkreis als Schulträger, vertreten durch den
Kreisausschuss und die kreisangehörigen Kommunen Adorf, Bad Bedorf, Cestadt an der Elbe und
Dedorf, hier die Gemeinde Cestadt, vertreten durch den Gemeindevorstand

§ 1 Gegenstand
"""
    )
    assert result["parties"] == [
        "Musterkreis",
        "Adorf",
        "Bad Bedorf",
        "Cestadt an der Elbe",
        "Dedorf",
    ]
    result = fields(
        """
Öffentlich-rechtliche Vereinbarung

zwischen dem Landkreis Musterland, vertreten durch den Landrat, und den Gemeinden Adorf,
Bedorf und Cestadt

§ 1 Gegenstand
"""
    )
    assert result["parties"] == [
        "Landkreis Musterland",
        "Gemeinde Adorf",
        "Gemeinde Bedorf",
        "Gemeinde Cestadt",
    ]


def test_members_named_after_their_group_with_commas_in_their_names():
    result = fields(
        """
Rahmenvertrag

zwischen der Stadt Musterstadt, vertreten durch die Sozialbehörde, einerseits und den in der
Arbeitsgemeinschaft der Wohlfahrtsverbände zusammengeschlossenen Trägern in Musterstadt
Arbeiterwohlfahrt, Kreisverband Musterstadt e.V., Caritasverband Musterstadt e.V. und
Diakonisches Werk Musterstadt e.V. andererseits (Vertragsparteien) wird folgender Vertrag
geschlossen:

§ 1 Gegenstand
"""
    )
    assert result["parties"] == [
        "Stadt Musterstadt",
        "Arbeiterwohlfahrt, Kreisverband Musterstadt e.V.",
        "Caritasverband Musterstadt e.V.",
        "Diakonisches Werk Musterstadt e.V.",
    ]


# a letterhead above the title, then the agreement's text that names no parties
LETTERHEAD_TAIL = [
    ("Kooperationsvereinbarung", 18),
    ("Präambel", 10),
    ("Schule und Jugendhilfe arbeiten eng zusammen.", 10),
]
BERLIN_BODIES = [
    "Bezirksamt Musterstadt-Nord von Berlin",
    "Senatsverwaltung für Bildung - Außenstelle Musterstadt-Nord",
]


@pytest.mark.parametrize(
    ("blocks", "expected"),
    [
        pytest.param(
            [
                ("Bezirksamt Musterstadt-Nord von Berlin", 14),
                ("Abteilung Jugend und Familie", 14),
                ("‚Senatsverwaltung für Bildung -", 14),
                ("Außenstelle Musterstadt-Nord |", 14),
                *LETTERHEAD_TAIL,
            ],
            BERLIN_BODIES,
            id="parties-only-in-the-letterhead",
        ),
        pytest.param(
            [
                ("Landratsamt Musterkreis", 14),
                ("Amt für Jugend und Familie", 14),
                ("Musterstraße 1", 12),
                *LETTERHEAD_TAIL,
            ],
            None,
            id="one-body-names-no-parties",
        ),
        pytest.param(
            [
                ("Stadt Musterstadt", 14),
                ("Jugendamt", 14),
                ("Der Oberbürgermeister", 14),
                *LETTERHEAD_TAIL,
            ],
            None,
            id="a-bare-unit-under-a-body-is-no-second-party",
        ),
        pytest.param(
            # a letterhead set as one wrapped block: the bodies are cut where a new one begins
            [
                ("Bezirksamt Musterstadt-Nord von Berlin Abteilung Jugend und Familie", 16),
                ("Senatsverwaltung für Bildung - Außenstelle Musterstadt-Nord", 16),
                ("Kooperationsvereinbarung", 10),
                ("Präambel", 10),
                ("Schule und Jugendhilfe arbeiten eng zusammen.", 10),
                ("Sie treffen sich regelmäßig.", 10),
            ],
            BERLIN_BODIES,
            id="run-together-into-one-line",
        ),
    ],
)
def test_parties_in_a_letterhead(blocks, expected):
    assert extract_fields(_laid_out(blocks))["parties"] == expected


def test_a_law_named_by_its_title_alone():
    result = rules(
        "Zwischen den Städten Adorf und Bedorf wird gemäß § 23 des Gesetzes über kommunale "
        "Gemeinschaftsarbeit vom 26. April 1961 (GV NW S. 190) folgendes vereinbart:"
    )
    assert result["legal_bases"] == ["§ 23 des Gesetzes über kommunale Gemeinschaftsarbeit"]
    # with its abbreviation the abbreviation stands for it, as before
    result = rules(
        "Sie schließen gemäß §§ 1 und 12 des Landesgesetzes über die kommunale Zusammenarbeit "
        "(KomZG) folgende Zweckvereinbarung:"
    )
    assert result["legal_bases"] == ["§§ 1 und 12 KomZG"]


def test_parties_in_the_genitive_under_the_title():
    result = fields(
        """
Öffentlich-rechtliche Vereinbarung

der Städte Adorf und Bedorf

zur Wahrnehmung der Aufgaben eines gemeinsamen Bauhofes

Präambel

Die Städte haben beschlossen, einen Bauhof gemeinsam zu betreiben.
"""
    )
    assert result["parties"] == ["Stadt Adorf", "Stadt Bedorf"]
    result = fields(
        """
Vereinbarung des Landkreises Musterland und der Stadt Adorf zur Schülerbeförderung

Präambel

Die Beteiligten regeln die Beförderung gemeinsam.
"""
    )
    assert result["parties"] == ["Landkreis Musterland", "Stadt Adorf"]
    result = fields(
        """
Kooperationsvereinbarung des Landkreises Musterland mit der Agentur für Arbeit Musterstadt

Präambel

Die Partner arbeiten zusammen.
"""
    )
    assert result["parties"] == ["Landkreis Musterland", "Agentur für Arbeit Musterstadt"]


def test_a_single_body_in_the_genitive_names_no_parties():
    result = fields(
        """
Kooperationsvereinbarung

der Partner im Netzwerk Schule und Beruf

Präambel

Die Partner arbeiten zusammen.
"""
    )
    assert result["parties"] is None


def _wrapped(title, lines, heading):
    """A title, one paragraph of the wrapped ``lines`` under it, and a heading."""
    return [
        Paragraph(text=title, page=1, size=16, lines=[title]),
        Paragraph(text=" ".join(lines), page=1, size=10, lines=lines),
        Paragraph(text=heading, page=1, size=10, heading=1, lines=[heading]),
    ]


def test_an_article_after_a_wrapped_line_starts_no_party():
    lines = [
        "zwischen der Stadt Musterstadt einerseits und den in",
        "der Arbeitsgemeinschaft der Wohlfahrtsverbände zusammengeschlossenen",
        "Trägern in Musterstadt Caritasverband Musterstadt e.V. und",
        "Diakonisches Werk Musterstadt e.V. andererseits",
    ]
    result = extract_fields(_wrapped("Rahmenvertrag", lines, "§ 1 Gegenstand"))
    assert result["parties"] == [
        "Stadt Musterstadt",
        "Caritasverband Musterstadt e.V.",
        "Diakonisches Werk Musterstadt e.V.",
    ]


def test_a_representation_read_by_ocr_from_a_noisy_scan():
    result = fields(
        """
Zweckvereinbarung

zwischen der Gemeinde Adorf, Verireteh durch den Ersten Bürgermeister, und dem Markt Bedorf,
vertreten durch den Ersten Bürgermeister, wird folgende Zweckvereinbarung geschlossen:

§ 1 Aufgabe
"""
    )
    assert result["parties"] == ["Gemeinde Adorf", "Markt Bedorf"]


def test_a_role_wrapped_before_its_genitive_starts_no_party():
    lines = [
        "zwischen dem Landkreis Musterland als Träger",
        "der öffentlichen Jugendhilfe und dem Staatlichen",
        "Schulamt Musterstadt",
    ]
    result = extract_fields(_wrapped("Rahmenvereinbarung", lines, "Präambel"))
    assert result["parties"] == ["Landkreis Musterland", "Staatlichen Schulamt Musterstadt"]


def test_the_date_a_title_gives_its_agreement():
    result = fields(
        """
Öffentlich-rechtliche Vereinbarung über ein gemeinsames Kulturbüro vom 28. Mai 1980

Zwischen den Städten Adorf und Bedorf wird folgendes vereinbart:

§ 1 Aufgabe
"""
    )
    assert result["date"] == "1980-05-28"
    # an amendment's title dates the agreement it amends, not itself
    result = fields(
        """
Erste Änderung der Kooperationsvereinbarung vom 12.03.2015

Zwischen der Stadt Adorf und dem Jobcenter Adorf wird folgendes vereinbart:

§ 1 Änderung
"""
    )
    assert result["date"] is None


def test_an_implementing_law_keeps_its_ag():
    result = rules("Die Hilfe wird nach § 13 SGB VIII i. V. m. § 4 Abs. 1 AG KJHG gewährt.")
    assert result["legal_bases"] == ["§ 13 SGB VIII", "§ 4 Abs. 1 AG KJHG"]


def test_a_school_years_end_is_no_calendar_years_end():
    result = rules(
        "Jeder Partner kann diese Vereinbarung mit einer Frist von 6 Wochen zum Schuljahresende "
        "kündigen."
    )
    assert result["notice_period"] == {"value": 6, "unit": "weeks"}
    assert result["notice_anchor"] is None  # an anchor the rules cannot express
    year_end = rules("Sie kann mit drei Monaten Frist zum Jahresende gekündigt werden.")
    assert year_end["notice_anchor"] == "end_of_year"


def test_a_party_table_with_an_empty_logo_column_is_read_top_to_bottom():
    def line(text, x, top, width=150):
        return Line(text=text, x0=x, y0=top - 10, x1=x + width, y1=top)

    lines = [
        line("Kooperationsvertrag über alle Spalten der Seite", 50, 800, width=480),
        line("zwischen", 50, 770),
        line("der Musterschule Adorf", 320, 750),  # the names' cells, the logos' cells empty
        line("Schulstraße 4", 320, 736),
        line("12345 Adorf", 320, 722),
        line("- nachfolgend Schule -", 50, 700),
        line("und", 50, 686),
        line("dem Sportverein Adorf e.V.", 50, 672),
        line("§ 1 Gegenstand", 50, 650),
        line("Der Verein bietet an der Schule Sport an, über die ganze Breite.", 50, 630, 480),
    ]
    ordered = [entry.text for entry in order_lines(lines, 0, 595)]
    assert ordered == [entry.text for entry in lines]


def test_a_representative_on_the_next_line_is_no_party():
    result = fields(
        """
Vereinbarung

Vertragspartner

1. Agentur für Arbeit Musterstadt, vertreten durch

die Vorsitzende der Geschäftsführung

2. Jobcenter Musterland, vertreten durch den Geschäftsführer

§ 1 Gegenstand
"""
    )
    assert result["parties"] == ["Agentur für Arbeit Musterstadt", "Jobcenter Musterland"]


def test_what_ocr_leaves_of_an_enumeration_is_no_part_of_the_name():
    result = fields(
        """
Vereinbarung

Vertragspartner

ie Landkreis Musterland, vertreten durch den Landrat

2. Jobcenter Musterland, vertreten durch den Geschäftsführer

§ 1 Gegenstand
"""
    )
    assert result["parties"] == ["Landkreis Musterland", "Jobcenter Musterland"]
