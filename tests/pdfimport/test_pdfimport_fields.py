"""Field extraction from text: German phrasing, evidence, and no value without evidence."""

from kooperation.pdfimport.fields import extract_fields
from kooperation.pdfimport.fields import sentences
from kooperation.pdfimport.layout import heading_level
from kooperation.pdfimport.layout import Paragraph

import pytest


def paragraphs(text, title_size=16):
    """Paragraphs from blank-line separated text; the first is the (larger) title."""
    result = []
    for number, block in enumerate(b for b in text.strip().split("\n\n") if b.strip()):
        lines = [line.strip() for line in block.strip().splitlines()]
        result.append(
            Paragraph(
                text=" ".join(lines),
                page=1,
                size=title_size if number == 0 else 10,
                heading=heading_level(" ".join(lines)),
                lines=lines,
            )
        )
    return result


def fields(text):
    return extract_fields(paragraphs(text))


def rules(sentence):
    return fields(f"Vereinbarung\n\n{sentence}")


def test_sentences_do_not_split_at_abbreviations():
    text = "Nach § 2 Abs. 2 SGB II gilt z. B. Folgendes. Am 20. Mai 2015 trat sie in Kraft. Ende."
    assert sentences(text) == [
        "Nach § 2 Abs. 2 SGB II gilt z. B. Folgendes.",
        "Am 20. Mai 2015 trat sie in Kraft.",
        "Ende.",
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Der Vertrag wird für die Dauer von zwei Jahren geschlossen. Er verlängert sich "
            "automatisch um ein weiteres Jahr, falls er nicht mit einer Frist von 3 Monaten "
            "vor Vertragsende gekündigt wird.",
            {
                "initial_term": {"value": 2, "unit": "years"},
                "renewal_term": {"value": 1, "unit": "years"},
                "notice_period": {"value": 3, "unit": "months"},
                "notice_anchor": "end_of_term",
            },
        ),
        (
            "Die Vereinbarung wird auf unbestimmte Zeit geschlossen. Die Kündigungsfrist "
            "beträgt sechs Monate zum Ende des Kalenderjahres.",
            {
                "initial_term": None,
                "end_date": None,
                "notice_period": {"value": 6, "unit": "months"},
                "notice_anchor": "end_of_year",
            },
        ),
        (
            "Sie ist jederzeit mit einer Frist von vier Wochen zum Monatsende kündbar.",
            {"notice_period": {"value": 4, "unit": "weeks"}, "notice_anchor": "end_of_month"},
        ),
        (
            "Die Kündigung ist mit einer Frist von drei Monaten zum Quartalsende möglich.",
            {"notice_period": {"value": 3, "unit": "months"}, "notice_anchor": "end_of_quarter"},
        ),
        (
            "Die Vereinbarung läuft bis zum 31.12.2025 und endet, ohne dass es einer "
            "Kündigung bedarf.",
            {"end_date": "2025-12-31", "initial_term": None, "notice_period": None},
        ),
        (
            "Die Laufzeit beträgt 36 Monate.",
            {"initial_term": {"value": 36, "unit": "months"}, "renewal_term": None},
        ),
    ],
)
def test_validity_phrases(sentence, expected):
    result = rules(sentence)
    for name, value in expected.items():
        assert result[name] == value, name
        if value is not None:
            assert result["evidence"][name] in sentence


@pytest.mark.parametrize(
    ("sentence", "rule", "day"),
    [
        ("Diese Vereinbarung tritt am 01.09.2020 in Kraft.", "fixed_date", "2020-09-01"),
        ("Sie tritt mit Wirkung vom 1. Januar 2022 in Kraft.", "fixed_date", "2022-01-01"),
        ("Sie tritt mit Unterzeichnung durch alle Partner in Kraft.", "on_signature", None),
        ("Sie wird mit der Unterschrift aller Beteiligten wirksam.", None, None),
        (
            "Sie tritt mit der Unterzeichnung in Kraft und endet am 31.12.2020.",
            "on_signature",
            None,
        ),
    ],
)
def test_entry_into_force(sentence, rule, day):
    result = rules(sentence)
    assert result["effective_rule"] == rule
    assert result["effective_date"] == day


def test_written_form():
    result = rules(
        "Änderungen und Ergänzungen bedürfen der Schriftform. Die Kündigung kann per E-Mail "
        "erklärt werden."
    )
    assert result["written_form_amendments"] is True
    assert result["written_form_termination"] is False
    assert "E-Mail" in result["evidence"]["written_form_termination"]


def test_nothing_without_evidence():
    result = rules("Die Partner arbeiten vertrauensvoll zusammen und treffen sich monatlich.")
    for name in (
        "parties",
        "intended_parties",
        "place",
        "date",
        "legal_bases",
        "effective_rule",
        "effective_date",
        "initial_term",
        "end_date",
        "renewal_term",
        "notice_period",
        "notice_anchor",
        "written_form_amendments",
        "written_form_termination",
    ):
        assert result[name] is None, name
        assert name not in result["evidence"]


def test_parties_from_zwischen_block_with_representatives_and_addresses():
    result = fields(
        """
Kooperationsvereinbarung

zwischen

1. der Stadt Musterstadt, vertreten durch den Oberbürgermeister,
Rathausplatz 1, 12345 Musterstadt
- nachfolgend „Stadt“ genannt -

2. der Agentur für Arbeit Musterstadt (nachfolgend „Agentur“ genannt)

und

3. dem Jobcenter Musterstadt

wird folgende Vereinbarung geschlossen:

§ 1 Gegenstand
"""
    )
    assert result["parties"] == [
        "Stadt Musterstadt",
        "Agentur für Arbeit Musterstadt",
        "Jobcenter Musterstadt",
    ]
    assert result["title"] == "Kooperationsvereinbarung"
    assert result["kind"] == "vereinbarung"


def test_parties_from_signature_blocks_when_no_zwischen():
    result = fields(
        """
Gemeinsame Erklärung

Die Unterzeichnenden arbeiten zusammen.

Für die Stadt Musterstadt

Für das Jobcenter Musterstadt
"""
    )
    assert result["parties"] == ["Stadt Musterstadt", "Jobcenter Musterstadt"]
    assert result["kind"] == "erklaerung"


def test_legal_bases_in_all_spellings():
    result = rules(
        "Grundlage sind § 18 Abs.1 SGB II, §§ 14 - 16 SGB II, das SGB 8 und das Zweite und "
        "Dritte Buch Sozialgesetzbuch sowie § 67 ff. SGB X."
    )
    assert result["legal_bases"] == [
        "SGB II",
        "SGB III",
        "§ 18 Abs. 1 SGB II",
        "§§ 14-16 SGB II",
        "SGB VIII",
        "§ 67 ff. SGB X",
    ]


def test_place_and_date_prefer_stand():
    result = fields("Vereinbarung\n\nText.\n\nMusterstadt, den 03.04.2019\n\nStand: 01.03.2019")
    assert (result["place"], result["date"]) == ("Musterstadt", "2019-03-01")
    assert result["evidence"]["date"] == "Stand: 01.03.2019"


def test_place_without_day_is_no_date():
    result = fields("Vereinbarung\n\nText.\n\nMusterstadt, im Mai 2023")
    assert result["place"] is None
    assert result["date"] is None


def test_intended_parties():
    result = rules("Die Beteiligung des Staatlichen Schulamts ist ausdrücklich erwünscht.")
    assert result["intended_parties"] == ["Staatlichen Schulamts"]


def test_parties_as_the_subject_without_zwischen():
    result = fields(
        """
Vereinbarung

Die Stadt Musterstadt, das Jobcenter Musterkreis und die Agentur für Arbeit Musterstadt
(im Folgenden: die Partner) schließen folgende Vereinbarung:

§ 1 Gegenstand
"""
    )
    assert result["parties"] == [
        "Stadt Musterstadt",
        "Jobcenter Musterkreis",
        "Agentur für Arbeit Musterstadt",
    ]


@pytest.mark.parametrize(
    ("sentence", "anchor"),
    [
        (
            "Sie kann mit einer Frist von 3 Monaten zum Ende eines Schulhalbjahres gekündigt "
            "werden.",
            None,
        ),
        ("Sie kann mit einer Frist von 3 Monaten zum 30.06. gekündigt werden.", None),
        ("Sie kann mit einer Frist von 3 Monaten zum 31.12. gekündigt werden.", "end_of_year"),
        (
            "Sie kann mit einer Frist von 3 Monaten zum Ende der jeweiligen Laufzeit gekündigt "
            "werden.",
            "end_of_term",
        ),
        ("Sie kann mit einer Frist von 3 Monaten gekündigt werden.", "end_of_term"),
    ],
)
def test_anchor_the_rules_cannot_express_stays_null_with_evidence(sentence, anchor):
    result = rules(sentence)
    assert result["notice_period"] == {"value": 3, "unit": "months"}
    assert result["notice_anchor"] == anchor
    assert result["evidence"]["notice_anchor"] == sentence


@pytest.mark.parametrize(
    ("sentence", "rule", "day"),
    [
        ("Die Vereinbarung beginnt am 01.02.2023.", "fixed_date", "2023-02-01"),
        ("Sie gilt ab dem Tag der Unterzeichnung.", "on_signature", None),
        ("Laufzeit: 01.01.2020 bis 31.12.2022", "fixed_date", "2020-01-01"),
    ],
)
def test_other_entry_into_force_phrases(sentence, rule, day):
    result = rules(sentence)
    assert (result["effective_rule"], result["effective_date"]) == (rule, day)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Die Vereinbarung hat eine zweijährige Laufzeit und kann danach mit einer "
            "dreimonatigen Frist zum Jahresende gekündigt werden.",
            {
                "initial_term": {"value": 2, "unit": "years"},
                "notice_period": {"value": 3, "unit": "months"},
                "notice_anchor": "end_of_year",
            },
        ),
        (
            "Die Vereinbarung ist mit Vierteljahresfrist zum Quartalsende kündbar.",
            {"notice_period": {"value": 3, "unit": "months"}, "notice_anchor": "end_of_quarter"},
        ),
        (
            "Die Vereinbarung ist zunächst auf zwei Jahre befristet. Eine Verlängerung um ein "
            "weiteres Jahr kann einvernehmlich vereinbart werden.",
            {"initial_term": {"value": 2, "unit": "years"}, "renewal_term": None},
        ),
        (
            "Die Förderung wird für drei Monate gewährt.",
            {"initial_term": None},
        ),
        (
            "Die Vereinbarung gilt vom 01.08.2019 bis zum 31.07.2021.",
            {
                "effective_rule": "fixed_date",
                "effective_date": "2019-08-01",
                "end_date": "2021-07-31",
            },
        ),
    ],
)
def test_more_phrasings(sentence, expected):
    result = rules(sentence)
    for name, value in expected.items():
        assert result[name] == value, name


def test_title_prefers_the_document_word_over_a_letterhead():
    text = (
        "Jugendberufsagentur Musterkreis\n\nKooperationsvereinbarung\n\n"
        "zwischen\n\ndem Jobcenter A\n\nund\n\ndem Jugendamt B"
    )
    result = fields(text)
    assert result["title"] == "Kooperationsvereinbarung"


def test_place_after_ort_datum_label():
    result = fields("Vereinbarung\n\nText.\n\nOrt, Datum: Musterstadt, 02.03.2021")
    assert (result["place"], result["date"]) == ("Musterstadt", "2021-03-02")


def test_parties_after_a_label():
    result = fields(
        "Kooperationsvereinbarung\n\nVertragspartner:\n\n1. Stadt Musterstadt\n\n"
        "2. Jobcenter Musterstadt\n\n§ 1 Gegenstand"
    )
    assert result["parties"] == ["Stadt Musterstadt", "Jobcenter Musterstadt"]


def test_labelled_party_list_ends_where_the_numbering_starts_again():
    result = fields(
        "Kooperationsvereinbarung\n\nVertragspartner:\n\n1. Senatorin für Bildung\n\n"
        "2. Jobcenter Musterstadt\n\n1. Gegenstand\n\nDie Partner arbeiten zusammen."
    )
    assert result["parties"] == ["Senatorin für Bildung", "Jobcenter Musterstadt"]


def test_one_line_paragraphs_are_kept_apart():
    from kooperation.pdfimport.layout import line_pitch

    # mostly one-line paragraphs: the recurring pitch is the paragraph gap, capped
    assert line_pitch([2.16] * 12 + [2.8] * 3 + [1.35]) == 1.5
    assert line_pitch([1.35] * 10 + [2.16] * 10) == 1.35
