"""Rich-text HTML (the subset an agreement uses) as reportlab flowables.

Headings, paragraphs, nested lists, block quotes, simple tables, line breaks and
bold/italic/underline/strike/sub/superscript are kept; every other element gives
its text. All text is escaped before it reaches reportlab's paragraph markup, so
no user input is read as markup, and malformed HTML cannot break the parser.
"""

from kooperation.common.html import parse_fragment
from reportlab.lib.units import mm
from reportlab.platypus import HRFlowable
from reportlab.platypus import ListFlowable
from reportlab.platypus import ListItem
from reportlab.platypus import Paragraph
from reportlab.platypus import Spacer
from reportlab.platypus import Table
from reportlab.platypus import TableStyle
from xml.sax.saxutils import escape


HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
BLOCKS = {
    *HEADINGS,
    "p",
    "div",
    "section",
    "article",
    "header",
    "footer",
    "main",
    "aside",
    "nav",
    "figure",
    "address",
    "ul",
    "ol",
    "li",
    "blockquote",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "td",
    "th",
    "pre",
    "hr",
    "dl",
    "dt",
    "dd",
}
# HTML inline tag -> reportlab paragraph tag
INLINE = {
    "b": "b",
    "strong": "b",
    "i": "i",
    "em": "i",
    "cite": "i",
    "u": "u",
    "ins": "u",
    "s": "strike",
    "strike": "strike",
    "del": "strike",
    "sub": "sub",
    "sup": "super",
}
SKIP = {"script", "style", "head", "title", "template", "noscript"}


def _tag(element):
    return element.tag.lower() if isinstance(element.tag, str) else ""


class Renderer:
    """Turns HTML into flowables with the given paragraph styles.

    ``styles`` maps "body", "h1".."h6", "quote", "cell" to ParagraphStyles;
    ``width`` is the text width (for tables); ``clean`` makes text printable with
    the document's font.
    """

    def __init__(self, styles, width, clean=lambda text: text, bullet_font="Helvetica"):
        self.styles = styles
        self.width = width
        self.clean = clean
        self.bullet_font = bullet_font

    def text(self, text):
        return escape(self.clean(text or ""))

    def inline(self, element):
        """Paragraph markup of an inline element and its children (not its tail)."""
        tag = _tag(element)
        if tag in SKIP or not tag:
            return ""
        if tag == "br":
            return "<br/>"
        inner = [self.text(element.text)]
        for child in element:
            inner.append(self.inline(child))
            inner.append(self.text(child.tail))
        content = "".join(inner)
        mapped = INLINE.get(tag)
        if mapped and content.strip():
            return f"<{mapped}>{content}</{mapped}>"
        if tag in BLOCKS:  # a block inside inline content: keep it apart
            return f"<br/>{content}<br/>" if content.strip() else ""
        return content

    def container(self, element, style, out):
        """The children of ``element``: inline runs as paragraphs, blocks as they are."""
        run = [self.text(element.text)]

        def flush():
            markup = "".join(run).strip()
            while markup.startswith("<br/>"):
                markup = markup[5:].strip()
            while markup.endswith("<br/>"):
                markup = markup[:-5].strip()
            if markup:
                out.append(Paragraph(markup, style))
            run.clear()

        for child in element:
            tag = _tag(child)
            if tag in BLOCKS:
                flush()
                self.block(child, out)
            elif tag and tag not in SKIP:
                run.append(self.inline(child))
            run.append(self.text(child.tail))
        flush()

    def block(self, element, out):
        tag = _tag(element)
        if tag in HEADINGS:
            markup = self.inline(element).strip()
            if markup:
                out.append(Paragraph(markup, self.styles[tag]))
        elif tag in ("ul", "ol"):
            self.list(element, out)
        elif tag == "blockquote":
            self.container(element, self.styles["quote"], out)
        elif tag == "table":
            self.table(element, out)
        elif tag == "hr":
            out.append(
                HRFlowable(width="100%", thickness=0.5, spaceBefore=3 * mm, spaceAfter=3 * mm)
            )
        elif tag == "pre":
            lines = (element.text_content() or "").splitlines()
            markup = "<br/>".join(self.text(line) for line in lines)
            if markup.strip():
                out.append(Paragraph(markup, self.styles["body"]))
        elif tag == "dt":
            markup = self.inline(element).strip()
            if markup:
                out.append(Paragraph(f"<b>{markup}</b>", self.styles["body"]))
        elif tag == "dd":
            self.container(element, self.styles["quote"], out)
        else:  # p, div, section, li outside a list, ...
            self.container(element, self.styles["body"], out)

    def list(self, element, out):
        items = []
        for child in element:
            if _tag(child) == "li":
                flowables = []
                self.container(child, self.styles["body"], flowables)
                items.append(ListItem(flowables or [Spacer(1, 0)]))
            elif _tag(child) in ("ul", "ol"):  # a list directly in a list
                nested = []
                self.list(child, nested)
                items.extend(ListItem([flowable]) for flowable in nested)
        if not items:
            return
        ordered = _tag(element) == "ol"
        start = element.get("start", "1")
        out.append(
            ListFlowable(
                items,
                bulletType="1" if ordered else "bullet",
                start=(start if start.isdigit() else "1") if ordered else "•",
                bulletFontName=self.bullet_font,
                bulletFontSize=self.styles["body"].fontSize,
                leftIndent=6 * mm,
                bulletDedent=5 * mm,
                spaceAfter=self.styles["body"].spaceAfter,
            )
        )

    def table(self, element, out):
        rows = []
        for row in element.iter("tr"):
            cells = []
            for cell in row:
                if _tag(cell) in ("td", "th"):
                    flowables = []
                    self.container(cell, self.styles["cell"], flowables)
                    cells.append(flowables or "")
            if cells:
                rows.append(cells)
        if not rows:
            return
        width = max(len(row) for row in rows)
        rows = [row + [""] * (width - len(row)) for row in rows]
        table = Table(rows, colWidths=[self.width / width] * width, hAlign="LEFT")
        table.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.4, "#555555"),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        out.append(table)
        out.append(Spacer(1, self.styles["body"].spaceAfter))

    def flowables(self, html):
        root = parse_fragment(html)
        out = []
        self.container(root, self.styles["body"], out)
        return out
