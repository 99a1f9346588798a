"""The print-ready PDF, read back with pdfminer.six: text, signature blocks, pages, fonts."""

from collections import Counter
from datetime import date
from io import BytesIO
from kooperation.amendments.texts import split_sections
from kooperation.printing.pdf import GERMAN
from kooperation.printing.pdf import Labels
from kooperation.printing.pdf import Party
from kooperation.printing.pdf import printable
from kooperation.printing.pdf import PrintDocument
from kooperation.printing.pdf import PrintSection
from kooperation.printing.pdf import render_pdf
from pathlib import Path
from pdfminer.high_level import extract_pages
from pdfminer.layout import LTChar
from pdfminer.layout import LTTextContainer
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfparser import PDFParser

import pytest


SEED = (
    Path(__file__).resolve().parents[2]
    / "profiles"
    / "demo"
    / "html"
    / "kooperationserklaerung_oberhausen_2015.html"
).read_text(encoding="utf-8")

PARTIES = (
    "Jobcenter Oberhausen",
    Party("Beschäftigungsförderung Oberhausen gGmbH (BFO)", "Erika Muster", "Geschäftsführerin"),
    {"name": "ZIB Bildungsoffensive – die kurbel"},
)


def read(pdf):
    """Per page: the text lines and the font of every character."""
    pages = []
    for page in extract_pages(BytesIO(pdf)):
        lines, fonts = [], []
        for element in page:
            if isinstance(element, LTTextContainer):
                for line in element:
                    lines.append(line.get_text().strip())
                    text = [c for c in line if isinstance(c, LTChar)]
                    fonts.append(("".join(c.get_text() for c in text), {c.fontname for c in text}))
        pages.append({"lines": [line for line in lines if line], "fonts": fonts})
    return pages


def flat(pages):
    return " ".join(" ".join(page["lines"]) for page in pages)


@pytest.fixture(scope="module")
def seed_pdf():
    document = PrintDocument(
        title="Kooperationserklärung vom 20.05.2015",
        subtitle="Jobcenter – BFO – ZIB „die kurbel“",
        version_date=date(2015, 5, 20),
        parties=PARTIES,
        sections=split_sections(SEED),
        labels=GERMAN,
    )
    pdf = render_pdf(document)
    return pdf, read(pdf)


def test_it_is_a_pdf_with_its_title(seed_pdf):
    pdf, _pages = seed_pdf
    assert pdf.startswith(b"%PDF-")
    info = PDFDocument(PDFParser(BytesIO(pdf))).info[0]
    assert info["Title"].decode("latin-1") == "Kooperationserklärung vom 20.05.2015"


def test_the_full_text_with_umlauts_and_german_typography(seed_pdf):
    _pdf, pages = seed_pdf
    text = flat(pages)
    for expected in (
        "Kooperationserklärung vom 20.05.2015",
        "Jobcenter – BFO – ZIB „die kurbel“",
        "Stand: 20.05.2015",
        "Vertragsparteien",
        "I. Präambel",
        "Maßnahmenangebote so koordiniert",
        "Leistungen nach § 2 Abs.2 SGB II und §§ 14-16 SGB II",
        "Runden Tisches „Arbeitsmarkt und Beschäftigung“",
        "VII. Gültigkeit der Vereinbarung",
        "ein halbes Jahr vorher von einer der Vertragsparteien gekündigt wird.",
    ):
        assert expected in text
    for section in split_sections(SEED):
        assert section.heading in text
    # every word of the seed text is printed, in order
    lines = [line.removeprefix("- ") for s in split_sections(SEED) for line in s.text.splitlines()]
    words = [word for line in lines for word in line.split()]
    printed = text.split()
    position = 0
    for word in words:
        position = printed.index(word, position) + 1


def test_one_signature_block_per_party(seed_pdf):
    _pdf, pages = seed_pdf
    lines = [line for page in pages for line in page["lines"]]
    start = lines.index("Unterschriften")
    block = lines[start:]
    counts = Counter(block)
    for label in ("Ort", "Datum", "Unterschrift", "Name", "Funktion"):
        assert counts[label] == 3, label
    for name in (
        "Jobcenter Oberhausen",
        "Beschäftigungsförderung Oberhausen gGmbH (BFO)",
        "ZIB Bildungsoffensive – die kurbel",
    ):
        assert name in block
    assert "Erika Muster" in block
    assert "Geschäftsführerin" in block


def test_pages_are_numbered_x_of_y(seed_pdf):
    _pdf, pages = seed_pdf
    assert len(pages) > 1
    for number, page in enumerate(pages, start=1):
        assert f"Seite {number} von {len(pages)}" in page["lines"]
        assert "Kooperationserklärung vom 20.05.2015" in page["lines"]


def test_the_font_is_embedded_and_headings_are_bold(seed_pdf):
    pdf, pages = seed_pdf
    assert b"/FontFile2" in pdf  # TrueType, embedded
    fonts = {line: names for page in pages for line, names in page["fonts"]}
    assert all(name.endswith("-Bold") for name in fonts["III. Kooperationsebenen"])
    assert all(name.endswith("-Roman") for name in fonts["Stand: 20.05.2015"])


def test_a_fourth_party_gets_a_fourth_block():
    pdf = render_pdf(
        PrintDocument(
            title="2. Änderung der Kooperationserklärung",
            parties=(*PARTIES, "Stadt Oberhausen, Bereich Bildung und Jugend"),
            sections=[("VIII. Beitritt", "<p>Die Stadt Oberhausen tritt bei.</p>")],
        )
    )
    pages = read(pdf)
    lines = [line for page in pages for line in page["lines"]]
    assert Counter(lines)["Signature"] == 4  # English labels by default
    for page in pages:  # no block is split over two pages
        counts = Counter(page["lines"])
        assert counts["Place"] == counts["Signature"] == counts["Function"]
    assert f"Page 1 of {len(pages)}" in lines
    assert "Stadt Oberhausen, Bereich Bildung und Jugend" in lines


def test_html_subset_and_hostile_text():
    html = (
        "<p>Normal <strong>fett</strong> und <em>kursiv</em>, a &lt; b &amp; c</p>"
        "<h3>Unterabschnitt</h3>"
        "<ol><li>eins<ul><li>innen</li></ul></li><li>zwei</li></ol>"
        "<script>alert('nie')</script><p>Ende <b>offen<br>neue Zeile"
        "<table><tr><th>Rechtskreis</th><th>Plätze</th></tr><tr><td>SGB VIII</td><td>130</td></tr>"
        "</table><blockquote>Zitat</blockquote><unknown>Unbekannt</unknown>"
        '<p>&lt;font name="x"&gt;kein Markup&lt;/font&gt; <para>auch nicht</para></p>'
    )
    pdf = render_pdf(PrintDocument(title="Probe", sections=[PrintSection("§ 1 Test", html)]))
    pages = read(pdf)
    text = flat(pages)
    for expected in (
        "Normal fett und kursiv, a < b & c",
        "Unterabschnitt",
        "1 eins",
        "innen",
        "2 zwei",
        "neue Zeile",
        "Rechtskreis",
        "Plätze",
        "130",
        "Zitat",
        "Unbekannt",
        '<font name="x">kein Markup</font> auch nicht',
    ):
        assert expected in text
    assert "alert" not in text
    fonts = {line: names for page in pages for line, names in page["fonts"]}
    assert any(
        name.endswith("-Bold") for line, names in fonts.items() if "fett" in line for name in names
    )
    assert any(
        name.endswith("-Oblique")
        for line, names in fonts.items()
        if "kursiv" in line
        for name in names
    )


def test_characters_the_font_lacks():
    assert printable("Łódź, Győr, Straße – „§ 3“") == "Łódz, Gyor, Straße – „§ 3“"
    assert printable("a\u200bb\u00adc 👍") == "abc ?"
    pdf = render_pdf(PrintDocument(title="Győr", sections=[("", "<p>Győr 👍</p>")]))
    assert "Gyor ?" in flat(read(pdf))


def test_labels_are_the_callers():
    labels = Labels(signature="Unterschrift (Siegel)", page="S. ${page}/${pages}")
    pdf = render_pdf(PrintDocument(title="T", parties=["A", "B"], labels=labels))
    pages = read(pdf)
    lines = [line for page in pages for line in page["lines"]]
    assert Counter(lines)["Unterschrift (Siegel)"] == 2
    assert f"S. 1/{len(pages)}" in lines


@pytest.mark.parametrize(
    ("make", "value"),
    [(Party.make, 42), (PrintSection.make, "Überschrift"), (PrintSection.make, ("a",))],
)
def test_bad_input_is_a_clear_error(make, value):
    with pytest.raises(ValueError):
        make(value)


def test_only_documents_are_rendered():
    with pytest.raises(ValueError):
        render_pdf({"title": "x"})


def test_a_redline_prints_old_and_new_words():
    from kooperation.amendments.redline import redline

    old = "<h2>VII. Gültigkeit</h2><p>wenn sie nicht ein halbes Jahr vorher gekündigt wird.</p>"
    new = "<h2>VII. Gültigkeit</h2><p>wenn sie nicht drei Monate vorher gekündigt wird.</p>"
    pdf = render_pdf(PrintDocument(title="Änderungen", sections=[("", redline(old, new).html)]))
    text = flat(read(pdf))
    assert "wenn sie nicht ein halbes Jahr drei Monate vorher gekündigt wird." in text


def test_control_characters_do_not_break_the_pdf():
    document = PrintDocument(
        title="Titel\x0b mit\x00 Steuerzeichen",
        parties=["Partei\x07 A", "B"],
        sections=[("§ 1\x1b", "<p>Text\x0c mit\x0b Zeichen</p>")],
    )
    text = flat(read(render_pdf(document)))
    assert "Titel mit Steuerzeichen" in text
    assert "Text mit Zeichen" in text
    assert "Partei A" in text


def test_an_amendment_document():
    from kooperation.amendments.texts import AgreementFields
    from kooperation.amendments.texts import Amendment
    from kooperation.amendments.texts import describe_amendment
    from kooperation.amendments.texts import SectionChange
    from kooperation.amendments.texts import Version
    from kooperation.printing.pdf import clause_sections

    base = Version(date(2015, 5, 20), SEED, AgreementFields(parties=("jc", "bfo", "zib")))
    amendment = Amendment(
        "a2",
        "2. Änderung",
        changes=[
            SectionChange(
                "replace",
                "VII",
                "<p>Sie verlängert sich, wenn sie nicht drei Monate vorher gekündigt wird.</p>",
            ),
            SectionChange(
                "insert_after", "VII", "<h2>VIII. Beitritt</h2><p>Die Stadt tritt bei.</p>"
            ),
        ],
        parties_joining=("stadt",),
    )
    sections = clause_sections(describe_amendment(base, amendment))
    assert [s.heading for s in sections] == [
        "1. Section “VII. Gültigkeit der Vereinbarung” is worded as follows:",
        "2. After section “VII. Gültigkeit der Vereinbarung” the following is inserted:",
        "3. stadt joins as a party.",
    ]
    names = ["Jobcenter", "BFO", "ZIB", "Stadt Oberhausen"]
    pdf = render_pdf(PrintDocument(title="2. Änderung", parties=names, sections=sections))
    pages = read(pdf)
    text = flat(pages)
    assert "wenn sie nicht drei Monate vorher gekündigt wird." in text
    assert "VIII. Beitritt" in text
    assert Counter(line for page in pages for line in page["lines"])["Signature"] == 4
