"""The PDFs for signing are PDF/A-2b (issue 20): checked here for the structure that
ISO 19005-2 level B asks for; a full validator (veraPDF) checks far more, see news/20."""

from io import BytesIO
from kooperation.printing import pdf
from pyhanko.pdf_utils.reader import PdfFileReader

import pytest
import re


@pytest.fixture(scope="module")
def document():
    data = pdf.render_pdf(
        pdf.PrintDocument(
            title="Kooperationsvereinbarung „U25“ – Fortschreibung",
            subtitle="Fassung vom 01.12.2026",
            parties=[{"title": "Jobcenter Oberhausen"}, {"title": "BFO"}],
            sections=[{"heading": "§ 1 Zweck", "html": "<p>Zusammenarbeit für Jugendliche.</p>"}],
            author="Kim Koordination",
        )
    )
    return data, PdfFileReader(BytesIO(data))


def test_xmp_declares_pdfa_2b_and_repeats_the_info(document):
    data, reader = document
    metadata = reader.root["/Metadata"]
    assert "/Filter" not in metadata  # readable without decoding
    xmp = metadata.data.decode("utf-8")
    assert "<pdfaid:part>2</pdfaid:part>" in xmp
    assert "<pdfaid:conformance>B</pdfaid:conformance>" in xmp
    info = reader.trailer["/Info"]
    assert f">{info['/Title']}</rdf:li>" in xmp
    assert f"<rdf:li>{info['/Author']}</rdf:li>" in xmp
    created = str(info["/CreationDate"])  # D:YYYYMMDDHHmmSS+hh'mm'
    stamp = re.match(r"D:(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)([+-]\d\d)'(\d\d)'", created)
    y, mo, d, h, mi, s, zh, zm = stamp.groups()
    assert f"<xmp:CreateDate>{y}-{mo}-{d}T{h}:{mi}:{s}{zh}:{zm}</xmp:CreateDate>" in xmp


def test_srgb_output_intent(document):
    _data, reader = document
    (intent,) = reader.root["/OutputIntents"]
    intent = intent.get_object()
    assert intent["/S"] == "/GTS_PDFA1"
    profile = intent["/DestOutputProfile"]
    assert profile["/N"] == 3
    assert profile.data[36:40] == b"acsp"  # an ICC profile


def test_every_font_used_is_embedded_and_the_trailer_has_an_id(document):
    data, reader = document
    assert "/ID" in reader.trailer
    assert "/Encrypt" not in reader.trailer
    for page in reader.root["/Pages"]["/Kids"]:
        page = page.get_object()
        content = page["/Contents"]
        streams = content if isinstance(content, list) else [content]
        text = b"".join(stream.get_object().data for stream in streams)
        used = set(re.findall(rb"/(F\d+(?:\+\d+)?) [\d.]+ Tf", text))
        fonts = page["/Resources"]["/Font"]
        for name in used:
            font = fonts["/" + name.decode()].get_object()
            descendants = font.get("/DescendantFonts")
            descriptor = (
                descendants[0].get_object()["/FontDescriptor"]
                if descendants
                else font["/FontDescriptor"]
            )
            assert "/FontFile2" in descriptor, font
    assert b"/JavaScript" not in data
