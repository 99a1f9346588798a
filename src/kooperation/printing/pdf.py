"""A print-ready PDF of an agreement or an amendment, for signing in wet ink.

Title, version date and parties, the full text section by section, then one
signature block per party (lines for place, date, signature, name and function),
every page numbered "page x of y" so that pages cannot be swapped unnoticed.

Input is plain data: the caller translates the labels; the version date is
formatted with ``date_format``. The font is Bitstream Vera, shipped inside the pinned reportlab
package and embedded (subset) in the PDF: it covers German (ä ö ü ß), §, dashes
and German quotes; any other character it lacks is printed without its accent
(ő -> o) or as "?", never as an empty box.
"""

from dataclasses import dataclass
from dataclasses import field
from datetime import date
from io import BytesIO
from kooperation.printing.markup import Renderer
from pathlib import Path
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas
from reportlab.platypus import CondPageBreak
from reportlab.platypus import HRFlowable
from reportlab.platypus import Indenter
from reportlab.platypus import KeepTogether
from reportlab.platypus import Paragraph
from reportlab.platypus import SimpleDocTemplate
from reportlab.platypus import Spacer
from reportlab.platypus import Table
from reportlab.platypus import TableStyle
from xml.sax.saxutils import escape

import reportlab
import threading
import unicodedata


FONT = "KooperationSans"
FONT_FILES = {
    FONT: "Vera.ttf",
    f"{FONT}-Bold": "VeraBd.ttf",
    f"{FONT}-Italic": "VeraIt.ttf",
    f"{FONT}-BoldItalic": "VeraBI.ttf",
}
FONT_DIRECTORY = Path(reportlab.__file__).resolve().parent / "fonts"
PAGE_SIZE = A4
MARGINS = {"leftMargin": 25 * mm, "rightMargin": 20 * mm, "topMargin": 20 * mm}
BOTTOM_MARGIN = 25 * mm
INDENT = 8 * mm
_charset = None
_lock = threading.Lock()


def _fonts():
    """Register the font family once (Zope serves in threads); the characters it can print."""
    global _charset
    if _charset is not None:
        return _charset
    with _lock:
        if _charset is not None:
            return _charset
        for name, filename in FONT_FILES.items():
            pdfmetrics.registerFont(TTFont(name, str(FONT_DIRECTORY / filename)))
        pdfmetrics.registerFontFamily(
            FONT,
            normal=FONT,
            bold=f"{FONT}-Bold",
            italic=f"{FONT}-Italic",
            boldItalic=f"{FONT}-BoldItalic",
        )
        charsets = [frozenset(pdfmetrics.getFont(name).face.charToGlyph) for name in FONT_FILES]
        _charset = frozenset.intersection(*charsets)
        return _charset


def printable(text):
    """``text`` with what the font cannot print replaced: base letters, or "?"."""
    charset = _fonts()
    out = []
    for char in text or "":
        if char in "\n\t":
            out.append(char)
            continue
        if unicodedata.category(char).startswith("C"):
            continue  # control and format characters (zero-width space, soft hyphen)
        if ord(char) in charset:
            out.append(char)
            continue
        if char.isspace():
            out.append(" ")
            continue
        base = [c for c in unicodedata.normalize("NFKD", char) if ord(c) in charset]
        base = [c for c in base if not unicodedata.combining(c)]
        out.append("".join(base) or "?")
    return "".join(out)


@dataclass(frozen=True)
class Labels:
    """The words printed around the text, in the reader's language (the caller translates).

    ``page`` has the placeholders ${page} and ${pages}.
    """

    version_date: str = "Version of"
    parties: str = "Parties"
    signatures: str = "Signatures"
    place: str = "Place"
    date: str = "Date"
    signature: str = "Signature"
    name: str = "Name"
    function: str = "Function"
    page: str = "Page ${page} of ${pages}"


GERMAN = Labels(
    version_date="Stand",
    parties="Vertragsparteien",
    signatures="Unterschriften",
    place="Ort",
    date="Datum",
    signature="Unterschrift",
    name="Name",
    function="Funktion",
    page="Seite ${page} von ${pages}",
)


def labels_for(language):
    """The labels in ``language`` ("de…": German; otherwise English)."""
    return GERMAN if str(language or "de").startswith("de") else Labels()


@dataclass(frozen=True)
class Party:
    """A party that signs; ``signatory``/``function`` are pre-printed when known."""

    name: str
    signatory: str = ""
    function: str = ""

    @classmethod
    def make(cls, value):
        if isinstance(value, Party):
            return value
        if isinstance(value, str):
            return cls(value)
        if isinstance(value, dict):
            return cls(
                str(value.get("name") or ""),
                str(value.get("signatory") or ""),
                str(value.get("function") or ""),
            )
        raise ValueError(f"a party is a name, a dict or a Party, not {value!r}")


@dataclass(frozen=True)
class PrintSection:
    """A section: its heading (plain text), its body (HTML), its heading level (1-6).

    ``indent`` sets the body in from the left, as new wording quoted by an amendment.
    """

    heading: str = ""
    html: str = ""
    level: int = 2
    indent: bool = False

    @classmethod
    def make(cls, value):
        if isinstance(value, PrintSection):
            return value
        if hasattr(value, "body_html"):  # kooperation.amendments.texts.Section
            return cls(value.heading, value.body_html, value.level or 2)
        if isinstance(value, tuple | list) and 2 <= len(value) <= 4:
            return cls(*value)
        if isinstance(value, dict):
            return cls(value.get("heading") or "", value.get("html") or "", value.get("level", 2))
        raise ValueError(f"a section is (heading, html[, level]), not {value!r}")


@dataclass(frozen=True)
class PrintDocument:
    """What is printed: ``sections`` of the text, ``parties`` that sign it."""

    title: str
    subtitle: str = ""
    version_date: date | None = None  # Stand
    parties: tuple = ()
    sections: tuple = ()
    labels: Labels = field(default_factory=Labels)
    date_format: str = "%d.%m.%Y"
    footer: str = ""  # left in the footer of every page; default: the title
    language: str = "de"
    author: str = ""

    def __post_init__(self):
        object.__setattr__(self, "parties", tuple(Party.make(p) for p in self.parties or ()))
        object.__setattr__(
            self, "sections", tuple(PrintSection.make(s) for s in self.sections or ())
        )


def clause_sections(clauses, translate=str):
    """Print sections of an amendment's clauses (``texts.describe_amendment``), numbered.

    ``translate`` renders a clause's Message in the reader's language (the Zope
    side passes its catalog lookup); the new wording is set in from the left.
    """
    return tuple(
        PrintSection(f"{number}. {translate(clause.message)}", clause.html, 4, indent=True)
        for number, clause in enumerate(clauses, start=1)
    )


def styles():
    body = ParagraphStyle("body", fontName=FONT, fontSize=10.5, leading=14.5, spaceAfter=2.5 * mm)
    heading = ParagraphStyle(
        "heading", parent=body, fontName=f"{FONT}-Bold", keepWithNext=1, spaceBefore=3 * mm
    )
    return {
        "body": body,
        "cell": ParagraphStyle("cell", parent=body, spaceAfter=1 * mm),
        "quote": ParagraphStyle("quote", parent=body, leftIndent=8 * mm),
        "title": ParagraphStyle(
            "title",
            parent=body,
            fontName=f"{FONT}-Bold",
            fontSize=17,
            leading=22,
            alignment=TA_CENTER,
            spaceAfter=3 * mm,
        ),
        "subtitle": ParagraphStyle(
            "subtitle", parent=body, fontSize=12, leading=16, alignment=TA_CENTER
        ),
        "meta": ParagraphStyle("meta", parent=body, alignment=TA_CENTER, spaceAfter=1 * mm),
        "h1": ParagraphStyle("h1", parent=heading, fontSize=14, leading=18, spaceBefore=6 * mm),
        "h2": ParagraphStyle("h2", parent=heading, fontSize=12.5, leading=16, spaceBefore=5 * mm),
        "h3": ParagraphStyle("h3", parent=heading, fontSize=11, leading=15),
        "h4": ParagraphStyle("h4", parent=heading, fontSize=10.5),
        "h5": ParagraphStyle("h5", parent=heading, fontName=f"{FONT}-BoldItalic"),
        "h6": ParagraphStyle("h6", parent=heading, fontName=f"{FONT}-Italic"),
        "party": ParagraphStyle(
            "party", parent=body, fontName=f"{FONT}-Bold", keepWithNext=1, spaceBefore=6 * mm
        ),
        "fill": ParagraphStyle("fill", parent=body, spaceAfter=0),
        "label": ParagraphStyle("label", parent=body, fontSize=8, leading=10, spaceAfter=0),
        "footer": ParagraphStyle("footer", parent=body, fontSize=8, leading=10),
    }


def _text(value):
    return escape(printable(value or ""))


def signature_block(party, labels, style, width):
    """Name of the party, then lines to fill in: place and date, signature, name and function."""
    gap = 10 * mm
    column = (width - gap) / 2

    def cell(text, name="fill"):
        return Paragraph(_text(text), style[name])

    rows = [
        [cell(""), "", cell("")],
        [cell(labels.place, "label"), "", cell(labels.date, "label")],
        ["", "", ""],
        [cell(labels.signature, "label"), "", ""],
        [cell(party.signatory), "", cell(party.function)],
        [cell(labels.name, "label"), "", cell(labels.function, "label")],
    ]
    table = Table(
        rows,
        colWidths=[column, gap, column],
        rowHeights=[10 * mm, None, 16 * mm, None, 10 * mm, None],
        hAlign="LEFT",
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("FONTNAME", (0, 0), (-1, -1), FONT),  # not Helvetica (PDF/A: embedded)
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                ("SPAN", (0, 2), (2, 2)),
                ("SPAN", (0, 3), (2, 3)),
                *(
                    ("LINEBELOW", start, end, 0.6, "#000000")
                    for start, end in (
                        ((0, 0), (0, 0)),  # place
                        ((2, 0), (2, 0)),  # date
                        ((0, 2), (2, 2)),  # signature
                        ((0, 4), (0, 4)),  # name
                        ((2, 4), (2, 4)),  # function
                    )
                ),
            ]
        )
    )
    # kept together by keep_with_next (the party's style keeps it with the table)
    return [Paragraph(_text(party.name), style["party"]), table]


def keep_with_next(story):
    """Headings grouped with what follows them: reportlab's own keepWithNext skips lists."""
    out, pending = [], []
    for flowable in story:
        pending.append(flowable)
        if not getattr(getattr(flowable, "style", None), "keepWithNext", 0):
            out.append(KeepTogether(pending) if len(pending) > 1 else flowable)
            pending = []
    out.extend(pending)
    return out


def _story(document, style, width):
    renderer = Renderer(style, width, clean=printable, bullet_font=FONT)
    story = [Paragraph(_text(document.title), style["title"])]
    if document.subtitle:
        story.append(Paragraph(_text(document.subtitle), style["subtitle"]))
    story.append(Spacer(1, 3 * mm))
    if document.version_date is not None:
        day = document.version_date.strftime(document.date_format)
        stand = f"{document.labels.version_date}: {day}"
        story.append(Paragraph(_text(stand), style["meta"]))
    if document.parties:
        story.append(Paragraph(f"<b>{_text(document.labels.parties)}</b>", style["meta"]))
        for party in document.parties:
            story.append(Paragraph(_text(party.name), style["meta"]))
    story.append(HRFlowable(width="100%", thickness=0.6, spaceBefore=4 * mm, spaceAfter=4 * mm))
    for section in document.sections:
        if section.heading:
            level = min(max(int(section.level or 2), 1), 6)
            story.append(Paragraph(_text(section.heading), style[f"h{level}"]))
        body = renderer.flowables(section.html)
        if section.indent and body:
            body = [Indenter(left=INDENT), *body, Indenter(left=-INDENT)]
        story.extend(body)
    if document.parties:
        story.append(CondPageBreak(60 * mm))
        story.append(Paragraph(_text(document.labels.signatures), style["h2"]))
        for party in document.parties:
            story.extend(signature_block(party, document.labels, style, width))
    return keep_with_next(story)


def _canvas_class(document):
    """A canvas that numbers every page "x of y" once the page count is known."""
    footer = printable(document.footer or document.title)
    page_label = printable(document.labels.page)

    class NumberedCanvas(canvas.Canvas):
        def __init__(self, *args, **kwargs):
            # The page preamble names the initial font: the embedded one, not Helvetica
            # (PDF/A wants every font embedded).
            kwargs["initialFontName"] = kwargs.get("initialFontName") or FONT
            super().__init__(*args, **kwargs)
            self._pages = []

        def showPage(self):
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._footer(total)
                super().showPage()
            make_pdfa(self, document.language)
            super().save()

        def _footer(self, total):
            width, _height = PAGE_SIZE
            left, right = MARGINS["leftMargin"], width - MARGINS["rightMargin"]
            y = 14 * mm
            self.saveState()
            self.setLineWidth(0.4)
            self.line(left, y + 4 * mm, right, y + 4 * mm)
            self.setFont(FONT, 8)
            text = page_label.replace("${page}", str(self._pageNumber)).replace(
                "${pages}", str(total)
            )
            self.drawRightString(right, y, text)
            room = right - left - pdfmetrics.stringWidth(text, FONT, 8) - 10 * mm
            short = footer
            while short and pdfmetrics.stringWidth(short, FONT, 8) > room:
                short = short[:-2] + "…"
            self.drawString(left, y, short)
            self.restoreState()

    return NumberedCanvas


XMP = """<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
   <pdfaid:part>2</pdfaid:part>
   <pdfaid:conformance>B</pdfaid:conformance>
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{subject}</rdf:li></rdf:Alt>
   </dc:description>
   <xmp:CreatorTool>{creator}</xmp:CreatorTool>
   <xmp:CreateDate>{date}</xmp:CreateDate>
   <xmp:ModifyDate>{date}</xmp:ModifyDate>
   <pdf:Producer>{producer}</pdf:Producer>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""


def _srgb_profile():
    """An sRGB ICC profile (made by LittleCMS through Pillow), or None without it."""
    try:
        from PIL import ImageCms

        return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    except (ImportError, OSError):  # pragma: no cover - Pillow comes with Plone
        return None


def make_pdfa(pdf_canvas, language="de"):
    """Mark the document PDF/A-2b: XMP metadata (pdfaid part 2, conformance B) that
    repeats the document information, and an sRGB output intent for the RGB colours.

    The fonts are embedded TrueType subsets and the trailer carries an ID (reportlab);
    no encryption, JavaScript, transparency groups or annotations are used. Checked by
    tests/printing (structure); a full validator (veraPDF) is not part of the build.
    """
    from reportlab.pdfbase.pdfdoc import format as pdf_format
    from reportlab.pdfbase.pdfdoc import PDFArray
    from reportlab.pdfbase.pdfdoc import PDFDictionary
    from reportlab.pdfbase.pdfdoc import PDFName
    from reportlab.pdfbase.pdfdoc import PDFStream
    from reportlab.pdfbase.pdfdoc import PDFString

    profile = _srgb_profile()
    if profile is None:
        return
    doc = pdf_canvas._doc
    stamp = doc._timeStamp
    year, month, day, hour, minute, second = stamp.YMDhms
    sign = "-" if stamp.dhh < 0 else "+"
    moment = (
        f"{year:04d}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}:{second:02d}"
        f"{sign}{abs(stamp.dhh):02d}:{stamp.dmm:02d}"
    )
    info = doc.info
    xmp = XMP.format(
        title=escape(info.title or ""),
        author=escape(info.author or ""),
        subject=escape(info.subject or ""),
        creator=escape(info.creator or ""),
        producer=escape(info.producer or ""),
        date=moment,
    )

    class PlainStream(PDFStream):
        """A stream without any /Filter (PDF/A: metadata readable without decoding)."""

        def format(self, document):
            dictionary = PDFDictionary(self.dictionary.dict.copy())
            content = document.encrypt.encode(self.content)
            dictionary["Length"] = len(content)
            return (
                pdf_format(dictionary, document)
                + b"\nstream\n"
                + pdf_format(content, document)
                + b"endstream\n"
            )

    metadata = PlainStream(
        PDFDictionary({"Type": PDFName("Metadata"), "Subtype": PDFName("XML")}),
        xmp.encode("utf-8"),
    )
    icc = PDFStream(PDFDictionary({"N": 3}), profile)
    intent = PDFDictionary(
        {
            "Type": PDFName("OutputIntent"),
            "S": PDFName("GTS_PDFA1"),
            "OutputConditionIdentifier": PDFString("sRGB IEC61966-2.1"),
            "Info": PDFString("sRGB IEC61966-2.1"),
            "DestOutputProfile": doc.Reference(icc),
        }
    )
    catalog = doc.Catalog
    catalog.Metadata = metadata
    catalog.OutputIntents = PDFArray([doc.Reference(intent)])
    catalog.__NoDefault__ = [*type(catalog).__NoDefault__, "OutputIntents"]
    if language:
        catalog.Lang = PDFString(language)


def render_pdf(document):
    """The PDF of ``document`` (a PrintDocument) as bytes."""
    if not isinstance(document, PrintDocument):
        raise ValueError("render_pdf needs a PrintDocument")
    _fonts()
    buffer = BytesIO()
    template = SimpleDocTemplate(
        buffer,
        pagesize=PAGE_SIZE,
        bottomMargin=BOTTOM_MARGIN,
        title=printable(document.title),
        subject=printable(document.subtitle),
        author=printable(document.author),
        creator="kooperation",
        lang=document.language,
        **MARGINS,
    )
    style = styles()
    template.build(_story(document, style, template.width), canvasmaker=_canvas_class(document))
    return buffer.getvalue()
