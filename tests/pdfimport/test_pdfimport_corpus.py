"""Every corpus PDF yields its hand-written expected fields (see corpus/agreements.py)."""

from conftest import corpus_names
from conftest import corpus_pdf
from conftest import expected
from conftest import ocr_available
from kooperation.pdfimport.document import extract_bytes

import pytest
import shutil
import subprocess


def comparable(name, value):
    if name == "title" and value:
        return " ".join(value.lower().split())
    return value


@pytest.mark.parametrize("name", corpus_names())
def test_corpus_fields(name):
    if name.endswith("_ocr") and not ocr_available():
        pytest.skip("tesseract with German is not installed (make system-deps)")
    result = extract_bytes(corpus_pdf(name))
    fields = expected(name)
    if "_noisy_" in name:
        # A poor scan: all but the legal bases ("SGB VII" for VIII) must survive Tesseract's
        # misreadings; all fields count in bench/pdfimport_accuracy.py.
        fields = {k: v for k, v in fields.items() if k != "legal_bases"}
    wrong = {
        field: (result[field], value)
        for field, value in fields.items()
        if comparable(field, result[field]) != comparable(field, value)
    }
    assert not wrong
    for field, value in fields.items():
        if value is not None:
            assert result["evidence"].get(field), field
    assert result["ocr_pages"] == ([1] if name.endswith("_ocr") else [])


def test_seed_sections_and_text():
    result = extract_bytes(corpus_pdf("01_oberhausen_seed"))
    assert result["sections"][:3] == [
        "I. Präambel",
        "II. Zielsetzungen der Kooperationsvereinbarung",
        "III. Kooperationsebenen",
    ]
    assert "VII. Gültigkeit der Vereinbarung" in result["sections"]
    # running footer and page numbers are gone, the text is whole
    assert "Seite 1 von" not in result["text"]
    assert "Die Erklärung tritt mit dem Tag der Unterzeichnung in Kraft." in result["text"]
    assert "<h2>I. Präambel</h2>" in result["html"]
    assert result["pages"] == 3


def test_two_columns_keep_reading_order():
    text = extract_bytes(corpus_pdf("02_jba_offenbach_two_columns"))["text"]
    assert text.index("§ 4 Inkrafttreten") < text.index("§ 5 Schlussbestimmungen")
    # the running header of both pages is gone
    assert "Jugendberufsagentur Kreis Offenbach" not in text.split("\n\n")


def test_hyphenated_lines_are_joined():
    text = extract_bytes(corpus_pdf("10_leipzig_two_columns_hyphenated_textform"))["text"]
    assert "rechtskreisübergreifende" in text
    assert "-\n" not in text


@pytest.mark.skipif(not shutil.which("pdftocairo"), reason="poppler-utils is not installed")
@pytest.mark.parametrize(
    "name",
    ["01_oberhausen_seed", "02_jba_offenbach_two_columns", "h7_muenster_two_columns_intended"],
)
def test_same_fields_from_another_pdf_producer(name, tmp_path):
    """Re-rendered by cairo (subset CID fonts, other text operators): the same result."""
    source, target = tmp_path / "in.pdf", tmp_path / "out.pdf"
    source.write_bytes(corpus_pdf(name))
    subprocess.run(["pdftocairo", "-pdf", str(source), str(target)], check=True, timeout=60)
    assert target.read_bytes() != source.read_bytes()
    result = extract_bytes(target.read_bytes())
    for field, value in expected(name).items():
        assert comparable(field, result[field]) == comparable(field, value), field
