"""From positioned text lines to paragraphs in reading order.

pdfminer.six gives lines with coordinates; with ``boxes_flow=None`` it skips its own (slow)
box ordering, so the order is decided here: columns (also signature tables side by side),
running headers/footers and page numbers, letter-spaced headings, hyphenation at line ends.
"""

from dataclasses import dataclass
from dataclasses import field
from statistics import median

import re


@dataclass
class Line:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    size: float = 10.0
    bold: bool = False
    page: int = 1
    column: int = 0

    @property
    def top(self):
        return self.y1


@dataclass
class Page:
    number: int
    width: float
    height: float
    lines: list = field(default_factory=list)
    ocr: bool = False


@dataclass
class Paragraph:
    text: str
    page: int
    size: float = 10.0
    bold: bool = False
    heading: int = 0  # 0: body text, 1: section, 2: subsection
    bullet: bool = False
    lines: list = field(default_factory=list)


# Letter-spaced text ---------------------------------------------------------------------------


def despace_chars(glyphs):
    """Text of a letter-spaced line from its glyphs [(char, x0, x1)], keeping word gaps.

    Returns None when the line is not letter-spaced (fewer than four single-letter tokens).
    """
    glyphs = [g for g in glyphs if g[0].strip()]
    if len(glyphs) < 4:
        return None
    gaps = [b[1] - a[2] for a, b in zip(glyphs, glyphs[1:], strict=False)]
    if not gaps:
        return None
    typical = median(gaps)
    widths = [g[2] - g[1] for g in glyphs]
    width = median(widths) if widths else 1.0
    if typical < 0.15 * width:
        return None  # tight text, not letter-spaced
    words = [glyphs[0][0]]
    for gap, glyph in zip(gaps, glyphs[1:], strict=True):
        if gap > typical + 0.45 * width:
            words.append(" ")
        words.append(glyph[0])
    return "".join(words)


def despace_text(text):
    """'K O O P E R A T I O N S E R K L Ä R U N G' -> 'KOOPERATIONSERKLÄRUNG' (text only).

    Words are kept apart where the letters are separated by two or more spaces.
    """
    stripped = text.strip()
    tokens = stripped.split()
    if len(tokens) < 4 or sum(len(t) == 1 for t in tokens) < 0.8 * len(tokens):
        return text
    return " ".join(word.replace(" ", "") for word in re.split(r"\s{2,}", stripped))


# Running headers and footers ------------------------------------------------------------------

PAGE_NUMBER = re.compile(
    r"^(?:[-–—]\s*)?(?:Seite|S\.|Page|Blatt)?\s*\d{1,4}\s*(?:(?:von|/|of|aus)\s*\d{1,4})?"
    r"(?:\s*[-–—])?$",
    re.I,
)
ZONE = 0.09


def _furniture_key(text):
    return re.sub(r"\d+", "#", re.sub(r"\s+", " ", text.strip().lower()))


def split_furniture(pages):
    """Remove page numbers and headers/footers repeated on most pages; return the removed lines."""
    counts = {}
    for page in pages:
        seen = set()
        for line in page.lines:
            if _in_zone(line, page):
                key = _furniture_key(line.text)
                if key not in seen:
                    seen.add(key)
                    counts[key] = counts.get(key, 0) + 1
    text_pages = sum(1 for page in pages if page.lines)
    repeated = {key for key, n in counts.items() if n >= 2 and n >= 0.5 * text_pages}
    removed = []
    for page in pages:
        kept = []
        for line in page.lines:
            if _in_zone(line, page) and (
                PAGE_NUMBER.match(line.text.strip()) or _furniture_key(line.text) in repeated
            ):
                removed.append(line)
            else:
                kept.append(line)
        page.lines = kept
    return removed


def _in_zone(line, page):
    return line.y0 >= page.height * (1 - ZONE) or line.y1 <= page.height * ZONE


# Reading order --------------------------------------------------------------------------------


def _gutter(lines, lo, hi):
    """The x in the middle half of [lo, hi] crossed by the fewest lines, or None."""
    width = hi - lo
    if width <= 0:
        return None
    best = None
    steps = 40
    for i in range(steps + 1):
        x = lo + width * (0.25 + 0.5 * i / steps)
        crossing = sum(1 for line in lines if line.x0 < x < line.x1)
        distance = abs(x - (lo + hi) / 2)
        key = (crossing, distance)
        if best is None or key < best[0]:
            best = (key, x)
    x = best[1]
    left = sum(1 for line in lines if line.x1 <= x)
    right = sum(1 for line in lines if line.x0 >= x)
    if left < 2 or right < 2:
        return None
    return x


def _side_by_side(left, right):
    """Whether two groups of lines stand as columns: most lines of the right one have a line
    of the left one beside them (at the same height)."""
    if not left or not right:
        return True
    beside = sum(1 for r in right if any(a.y0 < r.y1 and r.y0 < a.y1 for a in left))
    return beside * 2 >= len(right)


def order_lines(lines, lo, hi, depth=0):
    """Lines in reading order: top to bottom, and column by column between full-width lines."""
    lines = sorted(lines, key=lambda line: (-line.top, line.x0))
    if depth >= 3 or len(lines) < 4:
        return lines
    x = _gutter(lines, lo, hi)
    if x is None:
        return lines
    result = []
    left, right = [], []

    def flush():
        if not _side_by_side(left, right):
            # short lines on the left and a table's cells on the right (an empty logo column)
            # are one column read top to bottom, not two
            result.extend(sorted(left + right, key=lambda line: (-line.top, line.x0)))
        else:
            result.extend(order_lines(left, lo, x, depth + 1))
            for line in right:
                line.column = max(line.column, depth + 1)
            result.extend(order_lines(right, x, hi, depth + 1))
        left.clear()
        right.clear()

    for line in lines:
        if line.x1 <= x:
            left.append(line)
        elif line.x0 >= x:
            right.append(line)
        else:
            flush()
            result.append(line)
    flush()
    return result


# Paragraphs -----------------------------------------------------------------------------------

HEADING_PATTERNS = [
    (1, re.compile(r"^(?:Präambel|Praeambel|Vorbemerkung(?:en)?|Vorwort|Anlagen?)\s*:?$", re.I)),
    (1, re.compile(r"^[IVX]{1,6}\.\s+[A-ZÄÖÜ].{0,80}$")),
    (1, re.compile(r"^§\s*\d+[a-z]?\.?(?:\s+[A-ZÄÖÜ].{0,80})?$")),
    (1, re.compile(r"^(?:Artikel|Art\.|Abschnitt|Teil)\s+\d+[a-z]?\.?(?:\s+[A-ZÄÖÜ].{0,80})?$")),
    (1, re.compile(r"^[A-H]\.\s+[A-ZÄÖÜ].{0,80}$")),
    (2, re.compile(r"^\d{1,2}(?:\.\d{1,2})*\.?\s+[A-ZÄÖÜ][^;:]{0,80}$")),
]
BARE_HEADING = re.compile(
    r"^(?:§\s*\d+[a-z]?|(?:Artikel|Art\.|Abschnitt|Teil)\s+\d+[a-z]?|[IVX]{1,6})\.?$"
)
MONTH_WORD = re.compile(
    r"^\d{1,2}\.\s*(?:Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|"
    r"November|Dezember)\b"
)
BULLET = re.compile(r"^(?:[-–•·▪*]\s+|[a-z]\)\s+|\(\d{1,2}\)\s+|\d{1,2}\)\s+)")
SENTENCE_END = re.compile(r"[.:;!?]$")
JOINERS = ("und", "oder", "bzw", "sowie", "als", "bis")


def heading_level(text):
    """1 for 'I. Präambel', '§ 1 ...', 'Präambel'; 2 for '1. Zusammenarbeit ...'; else 0."""
    text = text.strip()
    if len(text) > 90 or text.endswith((",", ";")) or MONTH_WORD.match(text):
        return 0
    if text.endswith(".") and not BARE_HEADING.match(text):
        return 0
    for level, pattern in HEADING_PATTERNS:
        if pattern.match(text):
            if level == 2 and len(text.split()) > 10:
                return 0
            return level
    return 0


def join_lines(first, second):
    """Join two lines of one paragraph, undoing a hyphenation at the end of the first."""
    first = first.rstrip()
    second = second.lstrip()
    if not first:
        return second
    if not second:
        return first
    if (
        first.endswith(("-", "\u00ad"))
        and len(first) >= 2
        and first[-2].isalpha()
        and second[:1].isalpha()
    ):
        next_word = re.match(r"[\wÄÖÜäöüß]+", second)
        word = next_word.group(0) if next_word else ""
        if first.endswith("\u00ad") or (second[0].islower() and word not in JOINERS):
            return first[:-1] + second
        if word in JOINERS:
            return first + " " + second  # "Sach-" + "und Fallangelegenheiten"
        return first + second  # "Jugend-" + "Berufsagentur": a real hyphen
    return first + " " + second


def line_pitch(pitches):
    """The pitch of lines inside a paragraph (relative to the font size).

    The smallest pitch that recurs: lines of one paragraph are the closest regular ones,
    even in a text of mostly one-line paragraphs (where a quartile would find the gaps).
    """
    if not pitches:
        return 1.2
    bins = {}
    for pitch in pitches:
        key = round(pitch * 20)  # 0.05 steps
        bins[key] = bins.get(key, 0) + 1
    enough = max(2, len(pitches) // 10)
    found = min(sorted(pitches)[len(pitches) // 4], 1.5)
    for key in sorted(bins):
        if bins[key] + bins.get(key + 1, 0) >= enough:
            found = key / 20
            break
    # Lines are set at 1.1-1.5 times their size; a wider recurring pitch is the space
    # between one-line paragraphs (a text of headings, list items and short clauses).
    return min(found, 1.5)


def paragraphs_from(pages):
    """Group the ordered lines of all pages into paragraphs."""
    pitches = []
    for page in pages:
        for a, b in zip(page.lines, page.lines[1:], strict=False):
            pitch = a.y0 - b.y0
            if a.column == b.column and 0 < pitch < 3 * max(a.size, 1):
                pitches.append(pitch / max(a.size, 1))
    ratio = line_pitch(pitches)
    paragraphs = []
    current = None
    previous = None
    for page in pages:
        for line in page.lines:
            text = line.text.strip()
            if not text:
                continue
            level = heading_level(text)
            layout_break = current is None or abs(line.size - current.size) > 1.0
            complete = previous is None or bool(SENTENCE_END.search(previous.text.strip()))
            if previous is not None and not layout_break:
                same_flow = previous.page == line.page and previous.column == line.column
                if same_flow:
                    pitch = previous.y0 - line.y0
                    gap = pitch > max(ratio * 1.25, ratio + 0.25) * max(line.size, 1)
                    indent = line.x0 > previous.x0 + 2.5 * line.size and complete
                    if pitch < 0 or gap or indent:
                        layout_break = True
                elif complete:
                    layout_break = True
            if (
                current is not None
                and current.heading
                and BARE_HEADING.match(current.text)
                and not level
                and len(text) < 80
                and not SENTENCE_END.search(text)
            ):
                # "§ 1" on its own line, the title below it
                current.text += " " + text
                current.lines.append(text)
                previous = line
                continue
            if level and not (layout_break or complete or current.heading or line.bold):
                level = 0
            starts_new = layout_break or bool(level) or current.heading or bool(BULLET.match(text))
            if starts_new:
                current = Paragraph(
                    text=text,
                    page=line.page,
                    size=line.size,
                    bold=line.bold,
                    heading=level,
                    bullet=bool(BULLET.match(text)),
                    lines=[text],
                )
                paragraphs.append(current)
            else:
                current.text = join_lines(current.text, text)
                current.lines.append(text)
            previous = line
    return paragraphs
