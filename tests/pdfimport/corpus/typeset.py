"""A small typesetter on reportlab's canvas for the test corpus.

It draws agreements the way offices produce them: one or two columns, letter-spaced
titles, running headers and "Seite x von y" footers, hyphenated line ends, landscape
pages, signature tables side by side. The markup of a text:

    # Title                    (large; "#!" letter-spaced)
    ## Heading                 (bold)
    - bullet
    | left cell | right cell   (a row of a signature table)
    blank line                 paragraph break
"""

from reportlab.lib.pagesizes import A4
from reportlab.lib.pagesizes import landscape as landscape_of
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas


BOLD = {
    "Helvetica": "Helvetica-Bold",
    "Times-Roman": "Times-Bold",
    "Courier": "Courier-Bold",
}
VOWELS = set("aeiouäöüy")


def hyphen_split(word, font, size, room):
    """Split ``word`` so the first part plus '-' fits ``room``; None when it cannot."""
    if len(word) < 8 or not word.isalpha():
        return None
    best = None
    for i in range(3, len(word) - 3):
        # break after a vowel before a consonant: "Koope-ration", "Verein-barung"
        if word[i - 1].lower() in VOWELS and word[i].lower() not in VOWELS:
            head = word[:i] + "-"
            if stringWidth(head, font, size) <= room:
                best = i
    if best is None:
        return None
    return word[:best] + "-", word[best:]


def wrap(text, font, size, width, hyphenate):
    lines, current = [], ""
    words = text.split()
    while words:
        word = words.pop(0)
        candidate = f"{current} {word}" if current else word
        if stringWidth(candidate, font, size) <= width:
            current = candidate
            continue
        if hyphenate:
            room = width - stringWidth(current + " ", font, size) if current else width
            split = hyphen_split(word, font, size, room)
            if split:
                lines.append(f"{current} {split[0]}" if current else split[0])
                current = ""
                words.insert(0, split[1])
                continue
        if current:
            lines.append(current)
        current = word
    if current:
        lines.append(current)
    return lines


def parse(text):
    """Blocks (kind, text) from the markup."""
    blocks, buffer = [], []

    def flush():
        if buffer:
            blocks.append(("p", " ".join(buffer)))
            buffer.clear()

    for raw in text.strip().splitlines():
        line = raw.strip()
        if not line:
            flush()
        elif line.startswith("#!"):
            flush()
            blocks.append(("spaced", line[2:].strip()))
        elif line.startswith("## "):
            flush()
            blocks.append(("h", line[3:]))
        elif line.startswith("# "):
            flush()
            blocks.append(("title", line[2:]))
        elif line.startswith("- "):
            flush()
            blocks.append(("bullet", line[2:]))
        elif line.startswith("|"):
            flush()
            blocks.append(("row", [cell.strip() for cell in line.strip("|").split("|")]))
        elif line == "~":
            flush()
            blocks.append(("gap", ""))
        else:
            buffer.append(line)
    flush()
    return blocks


class Typesetter:
    def __init__(
        self,
        path,
        font="Helvetica",
        size=10.5,
        columns=1,
        landscape=False,
        header=None,
        footer="Seite {page} von {pages}",
        hyphenate=False,
        margin=60,
        leading=1.35,
        title_size=16,
    ):
        self.path = path
        self.font = font
        self.bold = BOLD.get(font, font)
        self.size = size
        self.columns = columns
        self.pagesize = landscape_of(A4) if landscape else A4
        self.header = header
        self.footer = footer
        self.hyphenate = hyphenate
        self.margin = margin
        self.leading = leading
        self.title_size = title_size

    # Layout in two passes: first count the pages, then draw with "Seite x von y".
    def render(self, text):
        blocks = parse(text)
        pages = self._layout(blocks)
        canvas = Canvas(str(self.path), pagesize=self.pagesize, invariant=1)
        canvas.setTitle("")
        for number, items in enumerate(pages, start=1):
            self._furniture(canvas, number, len(pages))
            for item in items:
                self._draw(canvas, item)
            canvas.showPage()
        canvas.save()
        return len(pages)

    def _furniture(self, canvas, number, total):
        width, height = self.pagesize
        canvas.setFont(self.font, 8)
        if self.header:
            canvas.drawString(self.margin, height - 30, self.header)
        if self.footer:
            canvas.drawCentredString(width / 2, 25, self.footer.format(page=number, pages=total))

    def _draw(self, canvas, item):
        kind, x, y, payload = item
        if kind == "text":
            font, size, text = payload
            canvas.setFont(font, size)
            canvas.drawString(x, y, text)
        elif kind == "spaced":
            font, size, text = payload
            canvas.saveState()
            obj = canvas.beginText(x, y)
            obj.setFont(font, size)
            obj.setCharSpace(size * 0.5)
            obj.textLine(text.upper())
            canvas.drawText(obj)
            canvas.restoreState()
        elif kind == "rule":
            canvas.line(x, y, x + payload, y)

    def _layout(self, blocks):
        width, height = self.pagesize
        top = height - self.margin - 10
        bottom = self.margin + 10
        gutter = 24
        col_width = (width - 2 * self.margin - gutter * (self.columns - 1)) / self.columns
        pages = [[]]
        state = {"col": 0, "y": top, "full_top": top, "lowest": top}
        line_height = self.size * self.leading

        def column_x():
            return self.margin + state["col"] * (col_width + gutter)

        def need(h):
            if state["y"] - h < bottom:
                if state["col"] + 1 < self.columns:
                    state["col"] += 1
                    state["y"] = state["full_top"]
                else:
                    pages.append([])
                    state["col"] = 0
                    state["y"] = top
                    state["full_top"] = top
                    state["lowest"] = top

        def full_width(h):
            """Title, tables: span all columns below everything the columns hold so far."""
            state["y"] = min(state["y"], state["lowest"])
            state["col"] = 0
            if state["y"] - h < bottom:
                pages.append([])
                state["y"] = top

        for kind, content in blocks:
            if kind == "title" or kind == "spaced":
                size = self.title_size
                full_width(size * 1.6)
                y = state["y"] - size
                if kind == "title":
                    pages[-1].append(("text", self.margin, y, (self.bold, size, content)))
                else:
                    pages[-1].append(("spaced", self.margin, y, (self.bold, size, content)))
                state["y"] = y - size * 0.9
                state["full_top"] = state["lowest"] = state["y"]
            elif kind == "row":
                full_width(line_height * 1.5)
                cell_width = (width - 2 * self.margin) / len(content)
                y = state["y"] - line_height
                for index, cell in enumerate(content):
                    x = self.margin + index * cell_width
                    if cell == "___":
                        pages[-1].append(("rule", x, y, cell_width - 20))
                    elif cell:
                        pages[-1].append(("text", x, y, (self.font, self.size, cell)))
                state["y"] = y - line_height * 0.4
                state["full_top"] = state["lowest"] = state["y"]
            elif kind == "gap":
                state["y"] = min(state["y"], state["lowest"]) - line_height * 1.5
                state["col"] = 0
                state["full_top"] = state["lowest"] = state["y"]
            else:
                font = self.bold if kind == "h" else self.font
                indent = 12 if kind == "bullet" else 0
                text = content
                lines = wrap(text, font, self.size, col_width - indent - 14, self.hyphenate)
                if kind == "h":
                    need(line_height * 3)
                    state["y"] -= line_height * 0.5
                for index, line in enumerate(lines):
                    need(line_height)
                    state["y"] -= line_height
                    x = column_x()
                    if kind == "bullet":
                        if index == 0:
                            pages[-1].append(("text", x, state["y"], (font, self.size, "-")))
                        x += indent
                    pages[-1].append(("text", x, state["y"], (font, self.size, line)))
                    state["lowest"] = min(state["lowest"], state["y"])
                state["y"] -= line_height * 0.6
        return pages
