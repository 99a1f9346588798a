"""Reading order, paragraphs, hyphenation, letter spacing, headers and footers."""

from kooperation.pdfimport.layout import despace_chars
from kooperation.pdfimport.layout import despace_text
from kooperation.pdfimport.layout import heading_level
from kooperation.pdfimport.layout import join_lines
from kooperation.pdfimport.layout import Line
from kooperation.pdfimport.layout import order_lines
from kooperation.pdfimport.layout import Page
from kooperation.pdfimport.layout import paragraphs_from
from kooperation.pdfimport.layout import split_furniture

import pytest


@pytest.mark.parametrize(
    ("first", "second", "joined"),
    [
        ("die Koope-", "rationsvereinbarung", "die Kooperationsvereinbarung"),
        ("in Sach-", "und Fallangelegenheiten", "in Sach- und Fallangelegenheiten"),
        ("die Jugend-", "Berufsagentur", "die Jugend-Berufsagentur"),
        ("Nr. 5 -", "gilt", "Nr. 5 - gilt"),
        ("weiche\u00ad", "Trennung", "weicheTrennung"),
        ("ohne", "Trennung", "ohne Trennung"),
    ],
)
def test_join_lines(first, second, joined):
    assert join_lines(first, second) == joined


def test_letter_spaced_text():
    assert despace_text("K O O P E R A T I O N S E R K L Ä R U N G") == "KOOPERATIONSERKLÄRUNG"
    assert despace_text("G E M E I N S A M E   E R K L Ä R U N G") == "GEMEINSAME ERKLÄRUNG"
    assert despace_text("A und B") == "A und B"


def test_letter_spaced_glyphs_keep_word_gaps():
    glyphs, x = [], 0.0
    for char in "AB C":
        if char == " ":
            x += 9
            continue
        glyphs.append((char, x, x + 7))
        x += 7 + 4
    assert despace_chars(glyphs) is None  # fewer than four letters
    glyphs, x = [], 0.0
    for char in "EINE ERKL":
        if char == " ":
            x += 9
            continue
        glyphs.append((char, x, x + 7))
        x += 7 + 4
    assert despace_chars(glyphs) == "EINE ERKL"


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("Präambel", 1),
        ("I. Präambel", 1),
        ("VII. Gültigkeit der Vereinbarung", 1),
        ("§ 4 Inkrafttreten und Laufzeit", 1),
        ("§ 4", 1),
        ("Artikel 2 Beginn und Dauer", 1),
        ("1. Zusammenarbeit auf der operativen Ebene", 2),
        ("20. Mai 2015", 0),
        ("§ 78 SGB VIII (Arbeitsgemeinschaften der Jugendhilfeträger) mit.", 0),
        ("1. Die Partner verpflichten sich, einander zu informieren.", 0),
    ],
)
def test_headings(text, level):
    assert heading_level(text) == level


def _line(text, x0, top, width=200, size=10):
    return Line(text=text, x0=x0, y0=top - size, x1=x0 + width, y1=top, size=size)


def test_two_columns_read_column_by_column():
    lines = [_line("Titel über beide Spalten", 50, 800, width=480)]
    for row in range(4):
        lines.append(_line(f"links {row}", 50, 760 - 14 * row))
        lines.append(_line(f"rechts {row}", 320, 760 - 14 * row))
    lines.append(_line("Fußzeile über die ganze Breite", 50, 600, width=480))
    ordered = [line.text for line in order_lines(lines, 0, 595)]
    assert ordered == [
        "Titel über beide Spalten",
        "links 0",
        "links 1",
        "links 2",
        "links 3",
        "rechts 0",
        "rechts 1",
        "rechts 2",
        "rechts 3",
        "Fußzeile über die ganze Breite",
    ]


def test_single_column_keeps_its_order():
    lines = [
        _line(f"Zeile {i} mit Text", 50, 800 - 14 * i, width=480 - 40 * (i % 3)) for i in range(8)
    ]
    ordered = [line.text for line in order_lines(list(reversed(lines)), 0, 595)]
    assert ordered == [line.text for line in lines]


def test_running_headers_footers_and_page_numbers_go():
    pages = []
    for number in (1, 2, 3):
        page = Page(number=number, width=595, height=842)
        page.lines = [
            _line("Kooperationsvereinbarung JBA Musterstadt", 50, 830),
            _line(f"Text der Seite {number}.", 50, 700),
            _line(f"Seite {number} von 3", 250, 30, width=60),
        ]
        pages.append(page)
    removed = split_furniture(pages)
    assert [line.text for page in pages for line in page.lines] == [
        "Text der Seite 1.",
        "Text der Seite 2.",
        "Text der Seite 3.",
    ]
    assert len(removed) == 6


def test_paragraphs_by_spacing_and_headings():
    page = Page(number=1, width=595, height=842)
    page.lines = [
        _line("I. Präambel", 50, 800),
        _line("Die Partner arbeiten zu-", 50, 786),
        _line("sammen und informieren sich.", 50, 772),
        _line("Ein neuer Absatz nach Abstand.", 50, 740),
        _line("- erster Punkt,", 50, 726),
        _line("- zweiter Punkt.", 50, 712),
    ]
    paragraphs = paragraphs_from([page])
    assert [(p.text, p.heading, p.bullet) for p in paragraphs] == [
        ("I. Präambel", 1, False),
        ("Die Partner arbeiten zusammen und informieren sich.", 0, False),
        ("Ein neuer Absatz nach Abstand.", 0, False),
        ("- erster Punkt,", 0, True),
        ("- zweiter Punkt.", 0, True),
    ]


def test_ligatures_and_odd_hyphens_become_plain_text():
    from kooperation.pdfimport.reader import normalize

    assert (
        normalize("Fallkon\ufb01guration\u00a0und P\ufb02icht") == "Fallkonfiguration und Pflicht"
    )
    assert normalize("Jugend\u2010") == "Jugend-"


@pytest.mark.parametrize(
    ("read", "meant"),
    [
        ("nach dem SGB Il, die", "nach dem SGB II, die"),
        ("Hilfen nach 88 27 ff, SGB VIll erhalten", "Hilfen nach §§ 27 ff. SGB VIII erhalten"),
        ("$ 1 Gegenstand", "§ 1 Gegenstand"),
        ("AG nach 8 78 SGB VIII", "AG nach § 78 SGB VIII"),
        ("Die J ugendberufsagentur", "Die Jugendberufsagentur"),
        ("vom 8 Mai und 88 Tage", "vom 8 Mai und 88 Tage"),
        # a section's sign misread
        ("& 1 Gegenstand", "§ 1 Gegenstand"),
        ("$ I Aufgabe", "§ 1 Aufgabe"),
        ("‚81 Gegenstand", "§ 1 Gegenstand"),
        ("Rahmenvertrag nach 8 78 f SGB VIII", "Rahmenvertrag nach § 78 f SGB VIII"),
        ("80 Prozent der Mittel werden ausgezahlt", "80 Prozent der Mittel werden ausgezahlt"),
        # specks before a line and a heading
        ("8 1 Gegenstand |", "§ 1 Gegenstand |"),
        ("'8 1 Gegenstand", "§ 1 Gegenstand"),
        ("‚dem Sportverein Adorf 1920 e.V.", "dem Sportverein Adorf 1920 e.V."),
        ("= nachfolgend Schule genannt -", "nachfolgend Schule genannt -"),
        (": .2. Agentur für Arbeit Musterstadt", "2. Agentur für Arbeit Musterstadt"),
        ("8 Jahre", "8 Jahre"),
    ],
)
def test_ocr_cleanup(read, meant):
    from kooperation.pdfimport.reader import ocr_cleanup

    assert ocr_cleanup(read) == meant
