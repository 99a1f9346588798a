"""An agreement's text in sections, amendments applied to it, and the text in force on a day.

Pure Python (lxml for the HTML, no Zope), like ``kooperation.deadlines``: the Zope
side feeds it the stored text and the *effective* amendments and renders the result.

Sections
--------
The body is rich-text HTML. A section starts at a heading (``h1``-``h6``) or, in a
text without such headings, at a short paragraph that looks like one (``§ 3
Laufzeit``, ``II. Ziele``, ``1. Ebene``, or a paragraph that is bold as a whole,
without a full stop at its end). Whatever comes before the first heading is
the ``preamble``. Each section has a stable key taken from its number: ``§ 3``,
``Art. 2``, ``II``; a numbered heading below another one is qualified by its parent
(``III.1``), an unnumbered heading by a slug of its words (``III.ziele``). A
section's *block* is the section with the sections nested below it (deeper
heading levels): replacing or deleting ``III`` replaces or deletes ``III.1`` too.

Consolidation
-------------
Amendments need the written form (§ 126 (2) BGB, seed 000 VI.): nothing changes
until every party has signed. ``versions``/``consolidate`` therefore take **only
effective amendments** (all parties signed, effective date known); the caller
leaves out proposals and amendments with a missing signature, which so change
nothing. An amendment applies from its effective date on; amendments with the same
effective date apply in the order given.
"""

from dataclasses import dataclass
from dataclasses import field
from dataclasses import fields as dataclass_fields
from dataclasses import replace
from datetime import date
from datetime import timedelta
from functools import cached_property
from kooperation.common import phrases
from kooperation.common.html import parse_fragment
from kooperation.common.phrases import interpolate
from kooperation.deadlines import Period
from kooperation.deadlines import Rules
from kooperation.deadlines import validate_rules

import html as htmllib
import json
import lxml.html
import re
import unicodedata


# msgid -> English default, for the i18n catalog (like kooperation.deadlines.MESSAGES).
MESSAGES = {
    "error_change_operation": (
        "A change must replace, insert_after, delete or replace_all, not ${operation}."
    ),
    "error_change_key_missing": "Name the section that the change ${operation} applies to.",
    "error_change_text_missing": "The change ${operation} needs the new text.",
    "error_section_unknown": "The text has no section ${key}.",
    "error_section_duplicate": "After the change the text would have section ${key} twice.",
    "error_party_is_party": "${party} is a party already and cannot join.",
    "error_party_not_party": "${party} is not a party and cannot leave.",
    "error_party_joins_and_leaves": "${party} cannot join and leave in the same amendment.",
    "error_too_few_parties": (
        "An agreement needs at least two parties; after this amendment it would have ${count}."
    ),
    "error_rule_unknown": "${name} is not a validity rule.",
    "error_rules_invalid": "The validity rules after this amendment do not hold: ${reasons}",
    "error_rule_value": (
        "${name}: ${value} is no valid value (a period is a whole number of at least 1 "
        "with the unit days, weeks, months or years; a date is written YYYY-MM-DD)."
    ),
    "error_item_listed": "${item} is listed already.",
    "error_item_not_listed": "${item} is not listed.",
    "error_not_in_force": "The agreement is not in force: not every party has signed it.",
    "error_before_entry_into_force": (
        "The agreement entered into force on ${start}; no text was in force on ${date}."
    ),
    "error_amendment_without_date": "The amendment ${title} has no effective date.",
    "error_amendment_before_start": (
        "The amendment ${title} would take effect on ${date}, before the agreement "
        "entered into force on ${start}."
    ),
    "error_amendment_twice": "The amendment ${title} is listed twice.",
    "version_original": "Version of ${date}.",
    "version_amended": "Version of ${date}, last amended by ${title} of ${amended_on}.",
    # What an amendment says, clause by clause (the amendment's own document).
    "change_replace": "Section “${heading}” is worded as follows:",
    "change_insert_after": "After section “${heading}” the following is inserted:",
    "change_insert_first": "Before the first section the following is inserted:",
    "change_delete": "Section “${heading}” is deleted.",
    "change_replace_all": "The text is worded as follows:",
    "change_party_joins": "${party} joins as a party.",
    "change_party_leaves": "${party} leaves as a party.",
    "change_rule": "${name}: ${old} is replaced by ${new}.",
    "change_legal_basis_added": "Legal basis added: ${item}.",
    "change_legal_basis_removed": "Legal basis removed: ${item}.",
    "change_target_group_added": "Target group added: ${item}.",
    "change_target_group_removed": "Target group removed: ${item}.",
}

HEADING_TAGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
WRAPPER_TAGS = {"div", "section", "article", "main", "body"}
BLOCK_TAGS = {"p", "div", "ul", "ol", "table", "blockquote", "section", "article"} | set(
    HEADING_TAGS
)
# A paragraph longer than this is text, not a heading, whatever it starts with.
MAX_HEADING_CHARS = 120
PREAMBLE = "preamble"
OPERATIONS = ("replace", "insert_after", "delete", "replace_all")
PERIOD_RULES = ("initial_term", "renewal_term", "notice_period")
DATE_RULES = ("effective_date", "end_date")
RULE_NAMES = tuple(f.name for f in dataclass_fields(Rules))


class Phrase(phrases.Phrase):
    """A sentence of an amendment's text or of the version note."""

    MESSAGES = MESSAGES


class AmendmentError(ValueError):
    """Bad text, amendment or date; ``msgid``/``default``/``mapping`` for the catalog.

    ``field`` names the input at fault (for a form or a 400 answer), ``amendment``
    the id of the amendment that could not be applied, ``errors`` the deadline
    engine's RuleErrors when the rules after an amendment contradict each other.
    """

    def __init__(self, msgid, mapping=None, field=None, errors=()):
        self.msgid = msgid
        self.mapping = dict(mapping or {})
        self.field = field
        self.errors = tuple(errors)
        self.amendment = None
        super().__init__(interpolate(MESSAGES[msgid], self.mapping))

    @property
    def default(self):
        return MESSAGES[self.msgid]


# --- Sections ------------------------------------------------------------------------------

_PARAGRAPH = re.compile(r"^§\s*(\d+[a-z]?)(?![\w.])")
_ARTICLE = re.compile(r"^(?:Art\.|Artikel)\s*(\d+[a-z]?)(?!\w)", re.IGNORECASE)
_ROMAN = re.compile(r"^([IVXLCDM]+)[.)](?=\s|$)")
_VALID_ROMAN = re.compile(r"^M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")
_NUMBER = re.compile(r"^(\d{1,3}(?:\.\d{1,3})*)\.?(?=\s|$)")
_LETTER = re.compile(r"^([A-Z])[.)](?=\s|$)")
_SENTENCE_END = (".", ";", ",", "!", "?")
_TRANSLITERATION = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def normalize_space(text):
    return " ".join((text or "").split())


def slug(text):
    """``Ziele:`` -> ``ziele``, ``Präambel`` -> ``praeambel``."""
    text = normalize_space(text).lower().translate(_TRANSLITERATION)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    return text[:60].rstrip("-") or "section"


def _marker(text):
    """(label, kind, rest of the text) of a heading's number, or a slug of its words."""
    match = _PARAGRAPH.match(text)
    if match:
        return "§ " + match.group(1), "paragraph", text[match.end() :].strip()
    match = _ARTICLE.match(text)
    if match:
        return "Art. " + match.group(1), "article", text[match.end() :].strip()
    match = _ROMAN.match(text)
    if match and _VALID_ROMAN.match(match.group(1)):
        return match.group(1), "roman", text[match.end() :].strip()
    match = _NUMBER.match(text)
    if match:
        return match.group(1), "number", text[match.end() :].strip()
    match = _LETTER.match(text)
    if match:
        return match.group(1), "letter", text[match.end() :].strip()
    return slug(text), "slug", text


def section_label(heading):
    """(label, kind) of a heading: ("§ 3", "paragraph"), ("II", "roman"), ("ziele", "slug")."""
    label, kind, _rest = _marker(normalize_space(heading))
    return label, kind


def _is_bold_only(element):
    children = [child for child in element if isinstance(child.tag, str)]
    return (
        len(children) == 1
        and children[0].tag in ("strong", "b")
        and not (element.text or "").strip()
        and not (children[0].tail or "").strip()
    )


def _heading_of(element):
    """(level, text) when ``element`` starts a section, else None.

    Headings are h1-h6; a short paragraph is one when it starts with a number
    (§ 3, Art. 2, II., 1., 1.2, A.) or is bold as a whole, and does not read as
    a sentence (no full stop after the number's words).
    """
    tag = element.tag.lower() if isinstance(element.tag, str) else ""
    text = normalize_space(element.text_content()) if tag else ""
    if not text:
        return None
    if tag in HEADING_TAGS:
        return HEADING_TAGS[tag], text
    if tag not in ("p", "div") or len(text) > MAX_HEADING_CHARS:
        return None
    if any(
        isinstance(child.tag, str) and child.tag in BLOCK_TAGS
        for child in element.iterdescendants()
    ):
        return None
    label, kind, rest = _marker(text)
    if rest.endswith(_SENTENCE_END):
        return None
    if kind not in ("paragraph", "slug") and not rest:
        return None  # a bare "1." or "A." is an item, not a heading
    if kind in ("paragraph", "article", "roman", "letter"):
        return 2, text
    if kind == "number":
        return 3 + label.count("."), text
    if _is_bold_only(element):
        return 3, text
    return None


@dataclass(frozen=True)
class Section:
    """One section: its heading element and the HTML that follows it up to the next heading."""

    key: str
    label: str
    heading: str
    level: int
    heading_html: str
    body_html: str

    @property
    def html(self):
        return "\n".join(part for part in (self.heading_html, self.body_html) if part)

    @property
    def text(self):
        """Plain text, one line per paragraph or list item."""
        lines = [self.heading] if self.heading else []
        lines.extend(block.plain for block in text_blocks(self.body_html))
        return "\n".join(lines)


def _root(html):
    root = parse_fragment(html)
    while True:
        children = [child for child in root if isinstance(child.tag, str)]
        if (
            len(children) == 1
            and children[0].tag in WRAPPER_TAGS
            and not (root.text or "").strip()
            and not (children[0].tail or "").strip()
            and any(isinstance(grandchild.tag, str) for grandchild in children[0])
        ):
            root = children[0]
        else:
            return root


def _items(root):
    """(element or None, html) for each top-level piece; loose text is escaped."""
    if (root.text or "").strip():
        yield None, htmllib.escape(root.text.strip(), quote=False)
    for child in root:
        if isinstance(child.tag, str):
            yield child, lxml.html.tostring(child, encoding="unicode", with_tail=False)
        if (child.tail or "").strip():
            yield None, htmllib.escape(child.tail.strip(), quote=False)


def _split(html):
    """The sections and the keys that occurred more than once (before numbering them)."""
    raw = []  # [level, heading, heading_html, [body html]]
    items = list(_items(_root(html)))
    # A text with real headings has no paragraph headings ("1. Jobcenter" is a line).
    only_tags = any(element is not None and element.tag in HEADING_TAGS for element, _ in items)
    for element, piece in items:
        heading = None
        if element is not None and (element.tag in HEADING_TAGS or not only_tags):
            heading = _heading_of(element)
        if heading is not None:
            raw.append([heading[0], heading[1], piece, []])
        elif raw:
            raw[-1][3].append(piece)
        else:
            raw.append([0, "", "", [piece]])
    sections = []
    seen = {}
    duplicates = set()
    stack = []  # (level, key, label) of the open headings
    for level, heading, heading_html, body in raw:
        if level == 0:
            label, kind, key = PREAMBLE, "preamble", PREAMBLE
        else:
            label, kind = section_label(heading)
            while stack and stack[-1][0] >= level:
                stack.pop()
            parent = stack[-1] if stack else None
            if parent is None or kind in ("paragraph", "article"):
                key = label
            elif kind == "number" and label.startswith(parent[2] + ".") and parent[2][0].isdigit():
                key = parent[1][: len(parent[1]) - len(parent[2])] + label
            else:
                key = f"{parent[1]}.{label}"
            stack.append((level, key, label))
        count = seen.get(key, 0) + 1
        seen[key] = count
        if count > 1:
            duplicates.add(key)
            key = f"{key}-{count}"
        sections.append(Section(key, label, heading, level, heading_html, "\n".join(body)))
    return tuple(sections), duplicates


def split_sections(html):
    """The sections of an agreement body (HTML), in order; the preamble first if any."""
    return _split(html)[0]


def join_sections(sections):
    return "\n".join(section.html for section in sections)


def block_range(sections, key):
    """(start, end) indexes of the section ``key`` and the sections nested below it."""
    for start, section in enumerate(sections):
        if section.key == key:
            end = start + 1
            if section.level > 0:
                while end < len(sections) and sections[end].level > section.level:
                    end += 1
            return start, end
    raise AmendmentError("error_section_unknown", {"key": key}, field="changes")


def section_map(html):
    return {section.key: section for section in split_sections(html)}


# --- Blocks: the text of a section, paragraph by paragraph ------------------------------------


@dataclass(frozen=True)
class Block:
    """A paragraph-like piece of text: a heading, a paragraph or a list item."""

    tag: str  # h1..h6, p, li
    text: str
    list_tag: str = ""  # ul or ol for list items
    depth: int = 0  # nesting of list items

    @property
    def plain(self):
        if self.tag == "li":
            return "  " * self.depth + "- " + self.text
        return self.text


def _own_text(element):
    """Text of ``element`` without nested lists, scripts and styles."""
    parts = [element.text or ""]
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag == "br":
            parts.append(" ")
        elif tag and tag not in ("ul", "ol", "script", "style"):
            parts.append(_own_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _blocks_of(element, depth=0, list_tag=""):
    tag = element.tag.lower() if isinstance(element.tag, str) else ""
    if not tag or tag in ("script", "style"):
        return
    if tag in HEADING_TAGS:
        text = normalize_space(element.text_content())
        if text:
            yield Block(tag, text)
    elif tag in ("ul", "ol"):
        for child in element:
            if isinstance(child.tag, str):
                yield from _blocks_of(child, depth, tag)
    elif tag == "li":
        text = normalize_space(_own_text(element))
        if text:
            yield Block("li", text, list_tag or "ul", depth)
        for child in element:
            if isinstance(child.tag, str) and child.tag in ("ul", "ol"):
                yield from _blocks_of(child, depth + 1)
    elif tag == "tr":
        cells = [
            normalize_space(cell.text_content()) for cell in element if cell.tag in ("td", "th")
        ]
        text = " | ".join(cell for cell in cells if cell)
        if text:
            yield Block("p", text)
    elif tag in ("table", "thead", "tbody", "tfoot", "div", "section", "article", "blockquote"):
        if (element.text or "").strip():
            yield Block("p", normalize_space(element.text))
        for child in element:
            yield from _blocks_of(child, depth, list_tag)
            if (child.tail or "").strip():
                yield Block("p", normalize_space(child.tail))
    else:
        text = normalize_space(_own_text(element))
        if text:
            yield Block("p", text)
        for child in element:
            if isinstance(child.tag, str) and child.tag in ("ul", "ol"):
                yield from _blocks_of(child, depth)


def text_blocks(html):
    """The paragraphs, headings and list items of an HTML fragment, as plain text."""
    root = parse_fragment(html)
    blocks = []
    if (root.text or "").strip():
        blocks.append(Block("p", normalize_space(root.text)))
    for child in root:
        blocks.extend(_blocks_of(child))
        if (child.tail or "").strip():
            blocks.append(Block("p", normalize_space(child.tail)))
    return tuple(blocks)


# --- Changes to the text ----------------------------------------------------------------------


@dataclass(frozen=True)
class SectionChange:
    """One change to the text.

    ``replace``: the block ``key`` (with its subsections) becomes ``html``; when
    ``html`` starts without a heading the old heading is kept. ``insert_after``:
    ``html`` goes after the block ``key`` (``key=None``: before the first heading,
    after the preamble).
    ``delete``: the block ``key`` goes. ``replace_all``: the whole body becomes ``html``.
    """

    operation: str
    key: str | None = None
    html: str = ""

    def __post_init__(self):
        if self.operation not in OPERATIONS:
            raise AmendmentError(
                "error_change_operation", {"operation": self.operation}, field="changes"
            )
        if self.operation in ("replace", "delete") and not self.key:
            raise AmendmentError(
                "error_change_key_missing", {"operation": self.operation}, field="changes"
            )
        if self.operation != "delete" and not (self.html or "").strip():
            raise AmendmentError(
                "error_change_text_missing", {"operation": self.operation}, field="changes"
            )

    @classmethod
    def from_json(cls, data):
        if isinstance(data, SectionChange):
            return data
        if not isinstance(data, dict):
            raise AmendmentError("error_change_operation", {"operation": data}, field="changes")
        return cls(data.get("operation"), data.get("key") or None, data.get("html") or "")

    def to_json(self):
        return {"operation": self.operation, "key": self.key, "html": self.html}


def apply_change(sections, change):
    """The sections after one change (keys recomputed in their new context)."""
    if change.operation == "replace_all":
        return split_sections(change.html)
    sections = list(sections)
    if change.operation == "insert_after" and change.key is None:
        start = end = 1 if sections and sections[0].level == 0 else 0
    else:
        start, end = block_range(sections, change.key)
    if change.operation == "delete":
        del sections[start:end]
    else:
        new = list(split_sections(change.html))
        if change.operation == "replace":
            old = sections[start]
            if new and new[0].level == 0 and old.level > 0:
                new[0] = replace(new[0], heading_html=old.heading_html)
            sections[start:end] = new
        else:
            sections[end:end] = new
    return split_sections(join_sections(sections))


def apply_changes(html, changes):
    """The body after ``changes``, applied one after the other (each sees the previous result).

    Raises AmendmentError for an unknown section or a section number that would
    occur twice.
    """
    before = _split(html)[1]
    sections = split_sections(html)
    for change in changes:
        sections = apply_change(sections, SectionChange.from_json(change))
    result = join_sections(sections)
    for key in sorted(_split(result)[1] - before):
        raise AmendmentError("error_section_duplicate", {"key": key}, field="changes")
    return result


# --- Structured fields ------------------------------------------------------------------------


@dataclass(frozen=True)
class AgreementFields:
    """The structured part of an agreement that amendments change. Parties are ids (UIDs)."""

    parties: tuple = ()
    intended_parties: tuple = ()
    rules: Rules = Rules()
    legal_bases: tuple = ()
    target_groups: tuple = ()

    def __post_init__(self):
        for name in ("parties", "intended_parties", "legal_bases", "target_groups"):
            object.__setattr__(self, name, tuple(getattr(self, name) or ()))


def _rule_value(name, value):
    if name in PERIOD_RULES:
        return Period.from_json(value)
    if name in DATE_RULES and isinstance(value, str):
        return date.fromisoformat(value)
    return value


def _shown(value):
    """A value as a reader of an error message sees it (short)."""
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 80 else text[:79] + "…"


def rules_after(rules, changes):
    """``rules`` with ``changes`` (name -> new value; periods as Period or JSON) applied."""
    values = {}
    for name, value in (changes or {}).items():
        if name not in RULE_NAMES:
            raise AmendmentError("error_rule_unknown", {"name": name}, field="rules")
        try:
            values[name] = _rule_value(name, value)
        except (TypeError, ValueError) as error:
            raise AmendmentError(
                "error_rule_value", {"name": name, "value": _shown(value)}, field="rules"
            ) from error
    new = replace(rules, **values)
    errors = validate_rules(new)
    if errors:
        raise AmendmentError(
            "error_rules_invalid",
            {"reasons": " ".join(str(error) for error in errors)},
            field="rules",
            errors=errors,
        )
    return new


def _list_after(items, added, removed, field_name):
    items = list(items)
    for item in removed:
        if item not in items:
            raise AmendmentError("error_item_not_listed", {"item": item}, field=field_name)
        items.remove(item)
    for item in added:
        if item in items:
            raise AmendmentError("error_item_listed", {"item": item}, field=field_name)
        items.append(item)
    return tuple(items)


@dataclass(frozen=True)
class Amendment:
    """An amendment (Änderung / Ergänzung): its text changes and its field changes.

    ``effective`` is the day it applies from (the last signature or a later fixed
    date); ``dated`` the amendment's own date for "… of <date>" (default: effective).
    ``rules`` maps validity rule names to their new values.
    """

    id: str
    title: str
    effective: date | None = None
    dated: date | None = None
    changes: tuple = ()
    parties_joining: tuple = ()
    parties_leaving: tuple = ()
    rules: dict = field(default_factory=dict, hash=False)
    legal_bases_added: tuple = ()
    legal_bases_removed: tuple = ()
    target_groups_added: tuple = ()
    target_groups_removed: tuple = ()

    def __post_init__(self):
        object.__setattr__(
            self, "changes", tuple(SectionChange.from_json(c) for c in self.changes or ())
        )
        for name in (
            "parties_joining",
            "parties_leaving",
            "legal_bases_added",
            "legal_bases_removed",
            "target_groups_added",
            "target_groups_removed",
        ):
            object.__setattr__(self, name, tuple(getattr(self, name) or ()))
        object.__setattr__(self, "rules", dict(self.rules or {}))

    @property
    def date(self):
        """The date it is cited with: "2. Änderung vom <date>"."""
        return self.dated or self.effective


def signing_parties(fields, amendment):
    """Who must sign ``amendment``: every party of the version it changes (leaving
    ones too, since it needs mutual consent) and every party that joins by it."""
    joining = tuple(p for p in amendment.parties_joining if p not in fields.parties)
    return (*fields.parties, *joining)


def apply_fields(fields, amendment):
    """The structured fields after ``amendment``; AmendmentError when it does not fit them."""
    both = set(amendment.parties_joining) & set(amendment.parties_leaving)
    for party in sorted(both):
        raise AmendmentError("error_party_joins_and_leaves", {"party": party}, field="parties")
    parties = list(fields.parties)
    for party in amendment.parties_leaving:
        if party not in parties:
            raise AmendmentError("error_party_not_party", {"party": party}, field="parties")
        parties.remove(party)
    for party in amendment.parties_joining:
        if party in parties:
            raise AmendmentError("error_party_is_party", {"party": party}, field="parties")
        parties.append(party)
    if len(parties) < 2:
        raise AmendmentError("error_too_few_parties", {"count": len(parties)}, field="parties")
    intended = tuple(p for p in fields.intended_parties if p not in amendment.parties_joining)
    return AgreementFields(
        parties=tuple(parties),
        intended_parties=intended,
        rules=rules_after(fields.rules, amendment.rules) if amendment.rules else fields.rules,
        legal_bases=_list_after(
            fields.legal_bases,
            amendment.legal_bases_added,
            amendment.legal_bases_removed,
            "legal_bases",
        ),
        target_groups=_list_after(
            fields.target_groups,
            amendment.target_groups_added,
            amendment.target_groups_removed,
            "target_groups",
        ),
    )


# --- Versions and the text in force -----------------------------------------------------------


@dataclass(frozen=True)
class Original:
    """The agreement as signed: body, fields, first day in force (None: not all signed)."""

    html: str
    fields: AgreementFields
    in_force_since: date | None
    text_date: date | None = None


@dataclass(frozen=True)
class Version:
    """The text and fields in force from ``valid_from`` until ``valid_until`` (None: open)."""

    valid_from: date
    html: str
    fields: AgreementFields
    applied: tuple = ()  # the amendments applied, oldest first
    text_date: date | None = None  # the original's Stand
    valid_until: date | None = None

    @cached_property
    def sections(self):
        return split_sections(self.html)

    @property
    def last_amendment(self):
        return self.applied[-1] if self.applied else None

    @property
    def version_date(self):
        """ "Fassung vom": the original's Stand, or the day the last amendment took effect."""
        if self.applied:
            return self.valid_from
        return self.text_date or self.valid_from

    @property
    def stand(self):
        """ "Fassung vom …, zuletzt geändert durch <title> vom …" as a Phrase."""
        last = self.last_amendment
        if last is None:
            return Phrase("version_original", {"date": self.version_date})
        return Phrase(
            "version_amended",
            {"date": self.version_date, "title": last.title, "amended_on": last.date},
        )

    def in_force_on(self, day):
        return self.valid_from <= day and (self.valid_until is None or day <= self.valid_until)


def _ordered(original, amendments):
    if original.in_force_since is None:
        raise AmendmentError("error_not_in_force", field="date")
    seen = set()
    for amendment in amendments:
        if amendment.effective is None:
            raise AmendmentError(
                "error_amendment_without_date", {"title": amendment.title}, field="effective"
            )
        if amendment.effective < original.in_force_since:
            raise AmendmentError(
                "error_amendment_before_start",
                {
                    "title": amendment.title,
                    "date": amendment.effective,
                    "start": original.in_force_since,
                },
                field="effective",
            )
        if amendment.id in seen:
            raise AmendmentError("error_amendment_twice", {"title": amendment.title})
        seen.add(amendment.id)
    return sorted(amendments, key=lambda amendment: amendment.effective)  # stable


def apply_amendment(version, amendment):
    """The version that ``amendment`` makes of ``version`` (from its effective date on)."""
    try:
        html = apply_changes(version.html, amendment.changes)
        fields = apply_fields(version.fields, amendment)
    except AmendmentError as error:
        error.amendment = amendment.id
        raise
    return Version(
        valid_from=amendment.effective or version.valid_from,
        html=html,
        fields=fields,
        applied=(*version.applied, amendment),
        text_date=version.text_date,
    )


def versions(original, amendments):
    """Every version from the original on, one per effective amendment, oldest first."""
    result = [
        Version(
            valid_from=original.in_force_since,
            html=original.html or "",
            fields=original.fields,
            text_date=original.text_date,
        )
    ]
    for amendment in _ordered(original, amendments):
        result.append(apply_amendment(result[-1], amendment))
    for index in range(len(result) - 1):
        until = result[index + 1].valid_from - timedelta(days=1)
        result[index] = replace(result[index], valid_until=until)
    return tuple(result)


def consolidate(original, amendments, day):
    """The text and fields in force on ``day`` (konsolidierte Fassung).

    ``amendments`` are the effective ones only (see the module docstring). Raises
    AmendmentError for a day before the entry into force, or when the agreement is
    not in force at all.
    """
    if original.in_force_since is None:
        raise AmendmentError("error_not_in_force", field="date")
    if day < original.in_force_since:
        raise AmendmentError(
            "error_before_entry_into_force",
            {"date": day, "start": original.in_force_since},
            field="date",
        )
    current = None
    for version in versions(original, amendments):
        if version.valid_from <= day:
            current = version
    return current


def base_version(original, amendments, amendment):
    """The version that ``amendment`` changes, for its redline.

    An effective amendment (in ``amendments``) changes the version before its own;
    a proposal changes the version in force on its planned effective date, or the
    latest version when it has none yet.
    """
    history = versions(original, [a for a in amendments if a.id != amendment.id])
    if any(a.id == amendment.id for a in amendments):
        own = versions(original, amendments)
        for index, version in enumerate(own):
            if version.last_amendment is not None and version.last_amendment.id == amendment.id:
                return own[index - 1]
    if amendment.effective is None:
        return history[-1]
    current = history[0]
    for version in history:
        if version.valid_from <= amendment.effective:
            current = version
    return current


@dataclass(frozen=True)
class Clause:
    """One clause of an amendment's own document: a sentence and the new text it brings."""

    message: Phrase
    html: str = ""


def _heading_for(sections, key):
    for section in sections:
        if section.key == key:
            return section.heading or key
    return key


def describe_amendment(base, amendment):
    """The clauses of ``amendment`` against the Version it changes (see ``base_version``).

    For the amendment's document and its PDF: "Section VII. … is worded as
    follows:" with the new text, "… joins as a party.", and so on. Party ids,
    rule names (``name``) and Periods in the mappings are for the caller to
    render (party titles, field labels, translated periods).
    """
    clauses = []
    sections = split_sections(base.html)
    for change in amendment.changes:
        heading = _heading_for(sections, change.key) if change.key else ""
        mapping = {"heading": heading, "key": change.key or ""}
        if change.operation == "insert_after" and not change.key:
            clauses.append(Clause(Phrase("change_insert_first", mapping), change.html))
        elif change.operation == "delete":
            clauses.append(Clause(Phrase("change_delete", mapping)))
        else:
            clauses.append(Clause(Phrase(f"change_{change.operation}", mapping), change.html))
        sections = apply_change(sections, change)
    for party in amendment.parties_joining:
        clauses.append(Clause(Phrase("change_party_joins", {"party": party})))
    for party in amendment.parties_leaving:
        clauses.append(Clause(Phrase("change_party_leaves", {"party": party})))
    clauses.extend(describe_fields(base.fields, apply_fields(base.fields, amendment)))
    return tuple(clauses)


def describe_fields(before, after):
    """Clauses for the rules, legal bases and target groups that differ between two versions."""
    clauses = []
    for name in RULE_NAMES:
        old, new = getattr(before.rules, name), getattr(after.rules, name)
        if old != new:
            mapping = {
                "name": name,
                "old": "–" if old is None else old,
                "new": "–" if new is None else new,
            }
            clauses.append(Clause(Phrase("change_rule", mapping)))
    for attribute, kind in (("legal_bases", "legal_basis"), ("target_groups", "target_group")):
        old, new = getattr(before, attribute), getattr(after, attribute)
        for item in old:
            if item not in new:
                clauses.append(Clause(Phrase(f"change_{kind}_removed", {"item": item})))
        for item in new:
            if item not in old:
                clauses.append(Clause(Phrase(f"change_{kind}_added", {"item": item})))
    return tuple(clauses)
