"""A lean pdfminer.six device: glyph boxes straight into text lines, no LTChar objects.

pdfminer's layout analysis builds an object per glyph and then groups them (half of its
time). Agreements need lines only: reading order, paragraphs and columns are decided in
``layout``. So this device keeps a small tuple per glyph and joins glyphs into lines as
the content stream draws them, as pdfminer's ``group_objects`` would (same baseline,
next to each other), with a space where the gap is wider than a word margin.
"""

from pdfminer.converter import PDFLayoutAnalyzer
from pdfminer.pdffont import PDFUnicodeNotDefined
from pdfminer.utils import apply_matrix_rect

import math


CHAR_MARGIN = 2.0  # as LAParams: glyphs further apart (in glyph widths) start a new line
WORD_MARGIN = 0.1  # as LAParams: a wider gap (relative to the size) is a space


class RawLine:
    """Glyphs of one line: (text, x0, x1) each, with the line's box, size and fonts."""

    __slots__ = ("bold", "glyphs", "parts", "size", "x0", "x1", "y0", "y1")

    def __init__(self, text, x0, y0, x1, y1, size, bold):
        self.parts = [text]
        self.glyphs = [(text, x0, x1)]
        self.x0, self.y0, self.x1, self.y1 = x0, y0, x1, y1
        self.size = size
        self.bold = bold

    def add(self, text, x0, y0, x1, y1, space):
        if space:
            self.parts.append(" ")
        self.parts.append(text)
        self.glyphs.append((text, x0, x1))
        self.x1 = max(self.x1, x1)
        self.y0 = min(self.y0, y0)
        self.y1 = max(self.y1, y1)

    @property
    def text(self):
        return "".join(self.parts)


class LineCollector(PDFLayoutAnalyzer):
    """Collects the text lines and counts the images of each page."""

    def __init__(self, rsrcmgr):
        super().__init__(rsrcmgr, pageno=1, laparams=None)
        self.lines = []
        self.images = 0
        self.image_area = 0.0
        self.width = self.height = 0.0
        self._current = None
        self._bold = {}

    def begin_page(self, page, ctm):
        super().begin_page(page, ctm)
        self.lines = []
        self.images = 0
        self.image_area = 0.0
        self._current = None
        self.width, self.height = self.cur_item.width, self.cur_item.height

    def end_page(self, page):
        self._current = None
        self.pageno += 1

    def end_figure(self, _name):
        self.cur_item = self._stack.pop()  # figures are not kept, only their glyphs

    def render_image(self, name, stream):
        self.images += 1
        item = self.cur_item  # the image's figure, placed on the page
        self.image_area += abs((item.x1 - item.x0) * (item.y1 - item.y0))

    def paint_path(self, gstate, stroke, fill, evenodd, path):
        """Rules and boxes carry no text."""

    def _is_bold(self, font):
        name = getattr(font, "fontname", "") or ""
        bold = self._bold.get(name)
        if bold is None:
            bold = self._bold[name] = "bold" in name.lower()
        return bold

    def render_char(self, matrix, font, fontsize, scaling, rise, cid, ncs, graphicstate):
        try:
            text = font.to_unichr(cid)
        except PDFUnicodeNotDefined:
            text = ""
        adv = font.char_width(cid) * fontsize * scaling
        if font.is_vertical() or not text:
            return adv
        descent = font.get_descent() * fontsize
        x0, y0, x1, y1 = apply_matrix_rect(
            matrix, (0, descent + rise, adv, descent + rise + fontsize)
        )
        size = y1 - y0
        if size <= 0 or not (math.isfinite(x0) and math.isfinite(y0)):
            return adv
        current = self._current
        if current is not None:
            gap = x0 - current.x1
            same_line = (
                abs(y0 - current.y0) < 0.5 * size
                and abs(size - current.size) < 0.3 * size
                and -0.5 * size < gap < CHAR_MARGIN * max(x1 - x0, 0.5 * size)
            )
            if same_line:
                space = (
                    gap > WORD_MARGIN * size
                    and not text.isspace()
                    and current.parts[-1][-1:] != " "
                )
                current.add(text, x0, y0, x1, y1, space)
                return adv
        if text.isspace():
            self._current = None
            return adv
        self._current = RawLine(text, x0, y0, x1, y1, size, self._is_bold(font))
        self.lines.append(self._current)
        return adv
