"""Read a PDF into positioned lines with pdfminer.six (and Tesseract for pages without text).

Runs inside the sandboxed child process (see ``sandbox``): it trusts no limit of its own
except the page count and the size of decoded streams, which it checks as it goes.
"""

from kooperation.pdfimport.collector import LineCollector
from kooperation.pdfimport.errors import ExtractionError
from kooperation.pdfimport.layout import despace_chars
from kooperation.pdfimport.layout import despace_text
from kooperation.pdfimport.layout import Line
from kooperation.pdfimport.layout import order_lines
from kooperation.pdfimport.layout import Page
from kooperation.pdfimport.ocr import OcrSession
from kooperation.pdfimport.ocr import tsv_lines
from kooperation.pdfimport.sandbox import check_header
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfdocument import PDFEncryptionError
from pdfminer.pdfdocument import PDFPasswordIncorrect
from pdfminer.pdfinterp import PDFPageInterpreter
from pdfminer.pdfinterp import PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import resolve1

import io
import re
import unicodedata


# Tesseract sometimes sets a capital apart: "J ugendberufsagentur", "A gentur".
OCR_SPLIT_CAPITAL = re.compile(r"\b([A-ZÄÖÜ]) ([a-zäöüß]{3,})")


HYPHENS = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2212": "-", "\u00a0": " "})


def normalize(text):
    """Ligatures (ﬁ, ﬂ), odd hyphens and no-break spaces as plain text (NFKC)."""
    return unicodedata.normalize("NFKC", text.translate(HYPHENS))


def _line(raw, number):
    """A layout Line from the collector's RawLine (letter-spaced headings joined)."""
    text = normalize(raw.text).rstrip()
    if not text.strip():
        return None
    tokens = text.split()
    if len(tokens) >= 4 and sum(len(t) == 1 for t in tokens) >= 0.8 * len(tokens):
        spaced = despace_chars(raw.glyphs)
        text = spaced if spaced else despace_text(text)
    return Line(
        text=text,
        x0=raw.x0,
        y0=raw.y0,
        x1=raw.x1,
        y1=raw.y1,
        size=round(raw.size, 1),
        bold=raw.bold,
        page=number,
    )


def open_document(data):
    parser = PDFParser(io.BytesIO(data))
    try:
        document = PDFDocument(parser)
    except (PDFPasswordIncorrect, PDFEncryptionError) as error:
        raise ExtractionError("encrypted") from error
    except ExtractionError:
        raise
    except Exception as error:
        raise ExtractionError("corrupt") from error
    if not document.is_extractable:
        raise ExtractionError("encrypted")
    return document


def page_count(document):
    try:
        count = resolve1(resolve1(document.catalog["Pages"])["Count"])
        return int(count)
    except Exception:
        return None


def _scanned(page, image_area):
    """A page to OCR: no text, or a little text (a stamp, a page number) on a full-page image."""
    if not page.lines:
        return True
    chars = sum(len(line.text) for line in page.lines)
    return chars < 200 and image_area > 0.5 * page.width * page.height


def read_pages(data, max_pages, ocr=True, ocr_languages="deu", on_ocr_page=None):
    """The document's pages with their lines in reading order; OCR for pages without text."""
    check_header(data)
    document = open_document(data)
    count = page_count(document)
    if count is not None and count > max_pages:
        raise ExtractionError("too_many_pages", pages=count, limit=max_pages)
    manager = PDFResourceManager(caching=True)
    device = LineCollector(manager)
    interpreter = PDFPageInterpreter(manager, device)
    pages = []
    session = OcrSession(data, ocr_languages, on_page=on_ocr_page)
    try:
        for number, pdfpage in enumerate(PDFPage.create_pages(document), start=1):
            if number > max_pages:
                raise ExtractionError("too_many_pages", pages=number, limit=max_pages)
            interpreter.process_page(pdfpage)
            page = Page(number=number, width=device.width, height=device.height)
            images = device.images
            for raw in device.lines:
                line = _line(raw, number)
                if line is not None:
                    page.lines.append(line)
            if ocr and images and _scanned(page, device.image_area):
                text = session.page(number)
                read = _ocr_lines(text, page) if text else []
                if read:
                    page.lines = read
                    page.ocr = True
            if not page.ocr:
                page.lines = order_lines(page.lines, 0, page.width)
            pages.append(page)
    except ExtractionError:
        raise
    except MemoryError:
        raise
    except RecursionError as error:
        raise ExtractionError("corrupt") from error
    except Exception as error:
        raise ExtractionError("corrupt") from error
    finally:
        session.__exit__(None, None, None)
    if not pages:
        raise ExtractionError("corrupt")
    return pages


# what follows a section number read by OCR: a law ("SGB", "ThürKGG", "des Gesetzes …")
_OCR_LAW = (
    r"(?:SGB|(?:Thür\s)?[A-ZÄÖÜ][A-Za-zÄÖÜäöü]*[A-ZÄÖÜ][A-Za-zÄÖÜäöü]*\b|des\b|der\b"
    r"|i\.\s?V\.|$)"
)
_OCR_SUB = r"(?:Abs\.\s*\d+\s+)?(?:Satz\s*\d+\s+)?(?:Nr\.\s*\d+\s+)?"
_OCR_REFS = (
    r"\d+[a-z]?(?:\s*Abs\.\s*\d+)?(?:\s*Satz\s*\d+)?"
    r"(?:[\s,\-–]*(?:und\s+)?\d+[a-z]?(?:\s*Abs\.\s*\d+)?(?:\s*Satz\s*\d+)?)*"
)
OCR_FIXES = [
    # "SGB Il", "SGB VIll", "SGB 1I": Roman numerals read as l, 1 or |
    (
        re.compile(r"\bSGB\s+([IVXl1|]{1,5})\b"),
        lambda m: "SGB " + m.group(1).replace("l", "I").replace("1", "I").replace("|", "I"),
    ),
    # "$ 1 Gegenstand", "$$ 27 ff." : the section sign read as a dollar
    (re.compile(r"(?:(?<=\s)|^)\$\$\s*(?=\d)"), lambda m: "§§ "),
    (re.compile(r"(?:(?<=\s)|^)\$\s*(?=\d)"), lambda m: "§ "),
    # "nach 88 27 ff, SGB" / "8 78 SGB": the section sign read as an 8
    (
        re.compile(
            r"\b88\s+(?=" + _OCR_REFS + r"[\s,\-–]*(?:ff[.,]?\s*)?(?:\d+\s*)?" + _OCR_LAW + ")"
        ),
        lambda m: "§§ ",
    ),
    (
        re.compile(
            r"(?<![\d.,])\b8\s+(?=\d+(?:\s?[a-z]\b)?(?:\s+"
            + _OCR_SUB
            + _OCR_LAW
            + r"|\s+Abs\.\s*\d+\s*$))"
        ),
        lambda m: "§ ",
    ),
    # specks before a line's first word: "‚dem Sportverein …", "= nachfolgend … genannt -",
    # ": .2. Agentur für Arbeit …"
    (re.compile(r"^(?:[‚‘’'`=:;.,]+\s*)+(?=[A-Za-zÄÖÜäöü§\d])"), lambda m: ""),
    # a section's heading whose sign was misread: "& 1 Gegenstand", "$ I Aufgabe",
    # "‚81 Gegenstand" (a speck and an 8 for the sign), "81 Gegenstand" on a line of its own
    (re.compile(r"^[&$]\s*(?=\d)"), lambda m: "§ "),
    (
        re.compile(
            r"^[‚,'‘’]?8\s+(?=[1-9]\d?[a-z]?\s+[A-ZÄÖÜ][a-zäöüß-]+(?:\s+[\wäöüß-]+){0,3}[\s|]*$)"
        ),
        lambda m: "§ ",
    ),
    (re.compile(r"^[&$§]\s*[Il|](?=\s+[A-ZÄÖÜ][a-zäöüß])"), lambda m: "§ 1"),
    (
        re.compile(r"^[‚,'‘’]?8([1-9]\d?[a-z]?)\s+(?=[A-ZÄÖÜ][a-zäöüß-]+(?:\s+[\wäöüß-]+){0,3}$)"),
        lambda m: f"§ {m.group(1)} ",
    ),
    (re.compile(r"\bff,(?=\s*SGB)"), lambda m: "ff."),
    # Tesseract sometimes sets a capital apart: "J ugendberufsagentur", "A gentur"
    (OCR_SPLIT_CAPITAL, lambda m: m.group(1) + m.group(2)),
]


def ocr_cleanup(text):
    """Undo Tesseract's usual misreadings of legal citations and split capitals."""
    for pattern, replace in OCR_FIXES:
        text = pattern.sub(replace, text)
    return text


def _ocr_lines(tsv, page):
    """Lines of an OCRed page, from Tesseract's word boxes."""
    return [
        Line(
            text=ocr_cleanup(despace_text(normalize(text))),
            x0=x0,
            y0=y0,
            x1=x1,
            y1=y1,
            size=size,
            page=page.number,
        )
        for text, x0, y0, x1, y1, size in tsv_lines(tsv, page.width, page.height)
    ]
