"""One PDF's text, sections and fields: the work done inside the sandboxed child."""

from html import escape
from kooperation.pdfimport.errors import ExtractionError
from kooperation.pdfimport.fields import extract_fields
from kooperation.pdfimport.layout import paragraphs_from
from kooperation.pdfimport.layout import split_furniture
from kooperation.pdfimport.reader import read_pages


def body_html(paragraphs):
    """The text as HTML: sections as h2/h3, bullets as lists, the rest as paragraphs."""
    out = []
    in_list = False
    for paragraph in paragraphs:
        text = escape(paragraph.text)
        if paragraph.bullet:
            if not in_list:
                out.append("<ul>")
                in_list = True
            out.append(f"<li>{text}</li>")
            continue
        if in_list:
            out.append("</ul>")
            in_list = False
        if paragraph.heading == 1:
            out.append(f"<h2>{text}</h2>")
        elif paragraph.heading == 2:
            out.append(f"<h3>{text}</h3>")
        else:
            out.append(f"<p>{text}</p>")
    if in_list:
        out.append("</ul>")
    return "\n".join(out)


def analyse(pages):
    """Fields, sections and text of pages read by ``read_pages``."""
    furniture = split_furniture(pages)
    paragraphs = paragraphs_from(pages)
    text = "\n\n".join(p.text for p in paragraphs)
    if not text.strip():
        raise ExtractionError("no_text")
    result = extract_fields(paragraphs, furniture)
    result["pages"] = len(pages)
    result["ocr_pages"] = [page.number for page in pages if page.ocr]
    result["text_chars"] = len(text)
    result["sections"] = [p.text for p in paragraphs if p.heading]
    result["text"] = text
    result["html"] = body_html(paragraphs)
    return result


def extract_bytes(data, max_pages=300, ocr=True, ocr_languages="deu", on_ocr_page=None):
    """The extraction of a PDF given as bytes, in this process (no limits but the pages)."""
    pages = read_pages(
        data, max_pages=max_pages, ocr=ocr, ocr_languages=ocr_languages, on_ocr_page=on_ocr_page
    )
    return analyse(pages)
