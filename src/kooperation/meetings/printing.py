"""Paper for a meeting: agenda and minutes as print documents, and the attendance list to sign.

Plain data in, PDF bytes out (reportlab through ``kooperation.printing.pdf``: same
font, page numbers "x of y" and HTML subset as the agreement print). The caller
translates the labels.
"""

from dataclasses import dataclass
from io import BytesIO
from kooperation.printing import pdf
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph
from reportlab.platypus import SimpleDocTemplate
from reportlab.platypus import Spacer
from reportlab.platypus import Table
from reportlab.platypus import TableStyle
from xml.sax.saxutils import escape


BLANK_ROWS = 3  # for guests and substitutes nobody knew of


def _e(text):
    return escape(pdf.printable(str(text or "")))


def html_list(items, ordered=True):
    tag = "ol" if ordered else "ul"
    return f"<{tag}>" + "".join(f"<li>{_e(item)}</li>" for item in items) + f"</{tag}>"


def html_table(header, rows):
    head = "<tr>" + "".join(f"<th><b>{_e(h)}</b></th>" for h in header) + "</tr>"
    body = "".join("<tr>" + "".join(f"<td>{_e(c)}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table>{head}{body}</table>"


def document(title, subtitle, sections, page_label, language="de", author=""):
    """A PrintDocument without signature blocks (sections: (heading, html) pairs)."""
    labels = pdf.Labels(page=page_label)
    return pdf.PrintDocument(
        title=title,
        subtitle=subtitle,
        sections=[s for s in sections if s[1]],
        labels=labels,
        language=language,
        author=author,
    )


def render(doc):
    return pdf.render_pdf(doc)


@dataclass(frozen=True)
class AttendanceLabels:
    number: str = "No."
    name: str = "Name"
    partner: str = "Partner"
    signature: str = "Signature"
    page: str = "Page ${page} of ${pages}"


def attendance_rows(people):
    """Rows (number, name, partner) of ``people`` ((partner, [names]) pairs), then blank rows."""
    rows = []
    for partner, names in people:
        for name in names:
            rows.append((str(len(rows) + 1), name, partner))
    for _i in range(BLANK_ROWS):
        rows.append((str(len(rows) + 1), "", ""))
    return rows


def attendance_list_pdf(title, subtitle, people, labels=None, language="de"):
    """The attendance list: one row per invited person, with a wide column for the signature."""
    labels = labels or AttendanceLabels()
    pdf._fonts()
    style = pdf.styles()
    buffer = BytesIO()
    template = SimpleDocTemplate(
        buffer,
        pagesize=pdf.PAGE_SIZE,
        bottomMargin=pdf.BOTTOM_MARGIN,
        title=pdf.printable(title),
        subject=pdf.printable(subtitle),
        creator="kooperation",
        lang=language,
        **pdf.MARGINS,
    )
    width = template.width
    cell = style["cell"]
    header = [
        Paragraph(f"<b>{_e(text)}</b>", cell)
        for text in (labels.number, labels.name, labels.partner, labels.signature)
    ]
    rows = [header] + [
        [Paragraph(_e(n), cell), Paragraph(_e(name), cell), Paragraph(_e(partner), cell), ""]
        for n, name, partner in attendance_rows(people)
    ]
    number = 10 * mm
    rest = width - number
    table = Table(
        rows,
        colWidths=[number, rest * 0.3, rest * 0.3, rest * 0.4],
        rowHeights=[None] + [12 * mm] * (len(rows) - 1),
        repeatRows=1,
        hAlign="LEFT",
    )
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, "#333333"),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("BACKGROUND", (0, 0), (-1, 0), "#e6e6e6"),
            ]
        )
    )
    story = [Paragraph(_e(title), style["title"])]
    if subtitle:
        story.append(Paragraph(_e(subtitle), style["subtitle"]))
    story += [Spacer(1, 6 * mm), table]
    doc = pdf.PrintDocument(title=title, labels=pdf.Labels(page=labels.page))
    template.build(story, canvasmaker=pdf._canvas_class(doc))
    return buffer.getvalue()
