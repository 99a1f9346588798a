"""Redline of an amendment: the sections it changes, word by word.

Each changed section is shown with deleted words in ``<del>`` and inserted words
in ``<ins>`` (both in one text, and as old and new text side by side), added and
removed sections as a whole. Only the words of the user's text are carried over,
escaped; the markup is rebuilt from a small set of tags (headings, paragraphs,
lists), so the result is safe HTML that keeps the paragraph structure and reads
the same in the browser and in print. Formatting-only changes (bold, links) are
not shown. The plain-text form marks changes as ``[-deleted-]{+inserted+}``.
"""

from dataclasses import dataclass
from difflib import SequenceMatcher
from kooperation.amendments.texts import apply_change
from kooperation.amendments.texts import block_range
from kooperation.amendments.texts import join_sections
from kooperation.amendments.texts import SectionChange
from kooperation.amendments.texts import split_sections
from kooperation.amendments.texts import text_blocks

import html as htmllib
import re


# Styles for a page that shows a redline: colour on screen, and marks that survive
# black-and-white printing (underline, strike-through, a bar in the margin).
CSS = """
.redline-section { border-left: 3px solid #888; padding-left: 0.75em; margin: 1em 0; }
.redline-section ins { color: #05620f; background: #e6f4e6; text-decoration: underline; }
.redline-section del { color: #9b1c1c; background: #fbe9e9; text-decoration: line-through; }
.redline-added { border-left-color: #05620f; }
.redline-removed { border-left-color: #9b1c1c; }
@media print {
  .redline-section ins, .redline-section del { background: none; color: #000; }
  .redline-section { break-inside: avoid-page; }
}
"""
# Paragraphs less alike than this are shown as deleted and inserted, not word by word.
PAIR_RATIO = 0.3
# Numbers with their dots (dates, 1.2) are one word; punctuation is a word of its own.
_TOKEN = re.compile(r"\d+(?:[.,/]\d+)+|\w+|[^\w\s]|\s+")
# Between two changes, a gap of at most this many characters without a letter joins them.
GAP_CHARS = 3


def _escape(text):
    return htmllib.escape(text, quote=True)


def _words(text):
    return _TOKEN.findall(text)


def word_diff(old, new):
    """[(op, old text, new text)] with op "equal" or "change", words and spaces kept.

    A short gap of spaces or punctuation between two changes joins them, so that
    "ein halbes Jahr" -> "drei Monate" is one deletion and one insertion, not three.
    """
    a, b = _words(old), _words(new)
    segments = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        segments.append(
            ("equal" if op == "equal" else "change", "".join(a[i1:i2]), "".join(b[j1:j2]))
        )
    merged = []
    for index, segment in enumerate(segments):
        is_gap = (
            segment[0] == "equal"
            and len(segment[1]) <= GAP_CHARS
            and not re.search(r"\w", segment[1])
            and 0 < index < len(segments) - 1
            and segments[index - 1][0] == "change"
            and segments[index + 1][0] == "change"
        )
        op = "change" if is_gap else segment[0]
        if merged and merged[-1][0] == op == "change":
            merged[-1] = ("change", merged[-1][1] + segment[1], merged[-1][2] + segment[2])
        else:
            merged.append((op, segment[1], segment[2]))
    return merged


def _similarity(a, b):
    return SequenceMatcher(None, a.text.split(), b.text.split(), autojunk=False).ratio()


def _pair(old_blocks, new_blocks):
    """Pair the paragraphs of a replaced run: alike ones word by word, others whole."""
    i = j = 0
    while i < len(old_blocks) and j < len(new_blocks):
        a, b = old_blocks[i], new_blocks[j]
        if _similarity(a, b) >= PAIR_RATIO:
            yield a, b
            i, j = i + 1, j + 1
            continue
        later_b = max((_similarity(a, x) for x in new_blocks[j + 1 :]), default=0)
        later_a = max((_similarity(x, b) for x in old_blocks[i + 1 :]), default=0)
        if later_b >= PAIR_RATIO and later_b >= later_a:
            yield None, b
            j += 1
        else:
            yield a, None
            i += 1
    for a in old_blocks[i:]:
        yield a, None
    for b in new_blocks[j:]:
        yield None, b


def block_diff(old_blocks, new_blocks):
    """[(old block or None, new block or None)]: paragraphs aligned by their text."""
    key = [(block.tag, block.text) for block in old_blocks]
    other = [(block.tag, block.text) for block in new_blocks]
    pairs = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, key, other, autojunk=False).get_opcodes():
        if op == "equal":
            pairs.extend(zip(old_blocks[i1:i2], new_blocks[j1:j2], strict=True))
        else:
            pairs.extend(_pair(old_blocks[i1:i2], new_blocks[j1:j2]))
    return pairs


class _Builder:
    """HTML of a sequence of blocks, with lists nested as the blocks say."""

    def __init__(self):
        self.out = []
        self.levels = []  # [list tag, an <li> is open]

    def _close_level(self):
        tag, li_open = self.levels.pop()
        if li_open:
            self.out.append("</li>")
        self.out.append(f"</{tag}>")

    def add(self, block, inner, css=""):
        attribute = f' class="{css}"' if css else ""
        if block.tag != "li":
            while self.levels:
                self._close_level()
            self.out.append(f"<{block.tag}{attribute}>{inner}</{block.tag}>")
            return
        while len(self.levels) > block.depth + 1:
            self._close_level()
        if len(self.levels) == block.depth + 1 and self.levels[-1][0] != block.list_tag:
            self._close_level()
        while len(self.levels) < block.depth + 1:
            self.out.append(f"<{block.list_tag}>")
            self.levels.append([block.list_tag, False])
        if self.levels[-1][1]:
            self.out.append("</li>")
        self.out.append(f"<li{attribute}>{inner}")
        self.levels[-1][1] = True

    def html(self):
        while self.levels:
            self._close_level()
        return "".join(self.out)


def _prefix(block):
    return ("  " * block.depth + "- ") if block.tag == "li" else ""


@dataclass(frozen=True)
class SectionDiff:
    """One changed, added or removed section (with the sections nested in it)."""

    key: str
    status: str  # changed | added | removed
    old_heading: str
    new_heading: str
    old_html: str  # the old text, deleted words in <del>; "" for an added section
    new_html: str  # the new text, inserted words in <ins>; "" for a removed section
    html: str  # one text: deleted words in <del>, inserted words in <ins>
    text: str  # plain text: [-deleted-]{+inserted+}
    # per paragraph: {"tag", "depth", "status", "runs": [{"op": equal|delete|insert, "text"}]}
    blocks: tuple = ()

    @property
    def heading(self):
        return self.new_heading or self.old_heading

    def as_json(self):
        """For clients (``GET <amendment>/@redline``): runs instead of markup."""
        return {
            "key": self.key,
            "status": self.status,
            "old_heading": self.old_heading,
            "new_heading": self.new_heading,
            "blocks": [dict(block) for block in self.blocks],
            "text": self.text,
        }


def section_diff(key, old_html, new_html):
    """The redline of one section; None when its text did not change."""
    old_blocks, new_blocks = text_blocks(old_html), text_blocks(new_html)
    if [(b.tag, b.text) for b in old_blocks] == [(b.tag, b.text) for b in new_blocks]:
        return None
    old_view, new_view, both = _Builder(), _Builder(), _Builder()
    lines, blocks = [], []

    def block_json(block, status, runs):
        return {"tag": block.tag, "depth": block.depth, "status": status, "runs": runs}

    for a, b in block_diff(old_blocks, new_blocks):
        if b is None:
            inner = f"<del>{_escape(a.text)}</del>"
            old_view.add(a, inner, "redline-removed")
            both.add(a, inner, "redline-removed")
            lines.append(f"{_prefix(a)}[-{a.text}-]")
            blocks.append(block_json(a, "removed", [{"op": "delete", "text": a.text}]))
        elif a is None:
            inner = f"<ins>{_escape(b.text)}</ins>"
            new_view.add(b, inner, "redline-added")
            both.add(b, inner, "redline-added")
            lines.append(f"{_prefix(b)}{{+{b.text}+}}")
            blocks.append(block_json(b, "added", [{"op": "insert", "text": b.text}]))
        elif a.text == b.text:
            old_view.add(a, _escape(a.text))
            new_view.add(b, _escape(b.text))
            both.add(b, _escape(b.text))
            lines.append(_prefix(b) + b.text)
            blocks.append(block_json(b, "equal", [{"op": "equal", "text": b.text}]))
        else:
            old_parts, new_parts, both_parts, text_parts, runs = [], [], [], [], []
            for op, old, new in word_diff(a.text, b.text):
                if op == "equal":
                    for parts in (old_parts, new_parts, both_parts):
                        parts.append(_escape(old))
                    text_parts.append(old)
                    runs.append({"op": "equal", "text": old})
                    continue
                if old:
                    old_parts.append(f"<del>{_escape(old)}</del>")
                    both_parts.append(f"<del>{_escape(old)}</del>")
                    text_parts.append(f"[-{old}-]")
                    runs.append({"op": "delete", "text": old})
                if new:
                    new_parts.append(f"<ins>{_escape(new)}</ins>")
                    # a space keeps "old new" two words where the marks are lost
                    both_parts.append((" " if old.strip() else "") + f"<ins>{_escape(new)}</ins>")
                    text_parts.append(f"{{+{new}+}}")
                    runs.append({"op": "insert", "text": new})
            old_view.add(a, "".join(old_parts), "redline-changed")
            new_view.add(b, "".join(new_parts), "redline-changed")
            both.add(b, "".join(both_parts), "redline-changed")
            lines.append(_prefix(b) + "".join(text_parts))
            blocks.append(block_json(b, "changed", runs))
    status = "changed"
    if not old_blocks:
        status = "added"
    elif not new_blocks:
        status = "removed"
    return SectionDiff(
        key=key,
        status=status,
        old_heading=_first_heading(old_html),
        new_heading=_first_heading(new_html),
        old_html=old_view.html() if old_blocks else "",
        new_html=new_view.html() if new_blocks else "",
        html=both.html(),
        text="\n".join(lines),
        blocks=tuple(blocks),
    )


def _first_heading(html):
    sections = split_sections(html)
    return sections[0].heading if sections else ""


@dataclass(frozen=True)
class Redline:
    """The sections an amendment changes, adds or removes, in the order of the text."""

    sections: tuple = ()

    @property
    def html(self):
        """All sections, each in a <section> with its status as class and its key."""
        return "\n".join(
            f'<section class="redline-section redline-{diff.status}" '
            f'data-key="{_escape(diff.key)}">{diff.html}</section>'
            for diff in self.sections
        )

    @property
    def text(self):
        return "\n\n".join(diff.text for diff in self.sections)

    def by_status(self, status):
        return tuple(diff for diff in self.sections if diff.status == status)

    def as_json(self):
        return [diff.as_json() for diff in self.sections]


def _by_key(old_sections, new_sections):
    """Section diffs of two versions of a text, sections paired by their keys."""
    old_keys = [s.key for s in old_sections]
    new_keys = [s.key for s in new_sections]
    old_by_key = {s.key: s for s in old_sections}
    new_by_key = {s.key: s for s in new_sections}
    diffs = []

    def add(key, old, new):
        diff = section_diff(key, old.html if old else "", new.html if new else "")
        if diff is not None:
            diffs.append(diff)

    matcher = SequenceMatcher(None, old_keys, new_keys, autojunk=False)
    for _op, i1, i2, j1, j2 in matcher.get_opcodes():
        for key in old_keys[i1:i2]:
            if key not in new_by_key:
                add(key, old_by_key[key], None)
        for key in new_keys[j1:j2]:
            add(key, old_by_key.get(key), new_by_key[key])
    return diffs


def redline(old_html, new_html):
    """The redline between two versions of a body, sections paired by their keys."""
    return Redline(tuple(_by_key(split_sections(old_html), split_sections(new_html))))


def redline_changes(old_html, changes):
    """The redline of an amendment's changes against the text they change.

    A replaced section is paired with its new text even when its heading (and so
    its key) changes; insertions and deletions show as added and removed sections.
    """
    sections = split_sections(old_html)
    diffs = []
    for change in changes:
        change = SectionChange.from_json(change)
        after = apply_change(sections, change)
        if change.operation == "replace":
            start, end = block_range(sections, change.key)
            new_html = change.html
            new_sections = split_sections(new_html)
            if new_sections and new_sections[0].level == 0 and sections[start].level > 0:
                new_html = sections[start].heading_html + "\n" + new_html
            diff = section_diff(change.key, join_sections(sections[start:end]), new_html)
            if diff is not None:
                diffs.append(diff)
        else:
            diffs.extend(_by_key(sections, after))
        sections = after
    return Redline(tuple(diffs))
