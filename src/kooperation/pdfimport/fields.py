"""Fields of a German cooperation agreement from its paragraphs, each with its evidence.

Every value comes with the sentence it was read from; a field without such a sentence is
None. The names and shapes are those of the agreement's REST fields (``effective_rule``,
``initial_term`` {"value", "unit"}, ``notice_anchor`` ...), so the result can be posted.
"""

from kooperation.pdfimport.layout import join_lines
from kooperation.pdfimport.numbers import find_dates
from kooperation.pdfimport.numbers import find_periods
from kooperation.pdfimport.numbers import first_date

import re


FIELDS = (
    "title",
    "kind",
    "parties",
    "intended_parties",
    "place",
    "date",
    "legal_bases",
    "effective_rule",
    "effective_date",
    "initial_term",
    "end_date",
    "renewal_term",
    "notice_period",
    "notice_anchor",
    "written_form_amendments",
    "written_form_termination",
)

# Sentences -----------------------------------------------------------------------------------

ABBREVIATIONS = (
    "Abs",
    "Nr",
    "Art",
    "bzw",
    "ca",
    "d.h",
    "d. h",
    "evtl",
    "ff",
    "gem",
    "ggf",
    "i.d.R",
    "i. d. R",
    "i.V.m",
    "i. V. m",
    "inkl",
    "insb",
    "max",
    "mind",
    "S",
    "sog",
    "u.a",
    "u. a",
    "usw",
    "vgl",
    "z.B",
    "z. B",
    "Ziff",
    "gGmbH",
    "e.V",
    "e. V",
    "Str",
    "Dr",
    "Hr",
    "Fr",
)
_ABBREVIATION_END = re.compile(
    r"(?:\b(?:"
    + "|".join(re.escape(a) for a in ABBREVIATIONS)
    + r")|\b\d{1,2}|\b[IVX]+|\b[A-Za-z])$"
)
_BOUNDARY = re.compile(r"(?<=[.!?])\s+(?=[A-ZÄÖÜ„\"(§])")


def sentences(text):
    """Split a paragraph into sentences, not at 'Abs.', 'z. B.', '20. Mai' and the like."""
    result = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        head = text[start : match.start()]
        if _ABBREVIATION_END.search(head[:-1]):
            continue
        result.append(head.strip())
        start = match.end()
    tail = text[start:].strip()
    if tail:
        result.append(tail)
    return result


# Helpers -------------------------------------------------------------------------------------


def _clean(text):
    return re.sub(r"\s+", " ", text).strip(" ,;:–-")


ARTICLE = re.compile(r"^(?:zwischen\s+)?(?:dem|der|den|die|das|des)\s+", re.I)


def _strip_article(text):
    return ARTICLE.sub("", text.strip())


# Title and kind ------------------------------------------------------------------------------

TITLE_WORDS = re.compile(
    r"(kooperation|vereinbarung|erklärung|vertrag|rahmen|absichtserklärung|"
    r"zusammenarbeit|jugendberufsagentur|verwaltungsvereinbarung)",
    re.I,
)
DOCUMENT_WORDS = re.compile(r"(vereinbarung|erklärung|vertrag|memorandum)", re.I)
PARTY_START = re.compile(r"^\s*zwischen\b", re.I)


TITLE_STAND = re.compile(r"\s*\((?:Stand|Fassung)\b[^)]*\)\s*$", re.I)
TITLE_MAX = 320


def _body_size(paragraphs):
    sizes = sorted(p.size for p in paragraphs)
    return sizes[len(sizes) // 2] if sizes else 10.0


def _title_like(paragraph, body):
    """A short line that may continue a title block of the body's size: no sentence, no date."""
    text = paragraph.text.strip()
    return (
        len(text) < 90
        and not text.endswith((".", ":", ";"))
        and not STAND.search(text)
        and not re.search(r"\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}", text)
        and abs(paragraph.size - body) <= max(0.5, 0.12 * body)
    )


def _same_size(a, b):
    return abs(a.size - b.size) <= max(0.5, 0.12 * max(a.size, b.size))


ADJECTIVE_END = re.compile(r"(?:e|en|er|es)$", re.I)
TITLE_PARTIES = re.compile(r"\bzwischen\s+(?:dem|der|den)\s+\S.*\s(?:und|sowie)\s+\S", re.I)


# a title that stops on a word like these goes on below, even in capitals ("… NACH" / "§ 24 …")
FUNCTION_WORDS = frozenset(
    re.findall(
        r"\S+",
        "nach gemäß gem. zur zum zu der des dem den die das über im in und für von vom bei mit "
        "auf an am aus durch einer eines eine einem einen sowie oder bzw. i.v.m.",
    )
)
# a template's label above the agreement's own name: "Mustervertrag zur …" / "Kooperationsvertrag"
TEMPLATE_LABEL = re.compile(r"^(?:Muster|Entwurf\b|Vorlage\b|Formular\b)", re.I)


def _unfinished(text):
    """A title line that stops before its noun: '… zur gemeinsamen', '… IM VERFAHREN NACH'."""
    words = text.split()
    if not words:
        return False
    last = words[-1]
    return last[:1].islower() or last.casefold() in FUNCTION_WORDS


def title_block(paragraphs):
    """(title, source, the paragraphs it was read from): the largest text before the parties
    (or the first section) on page 1, with the lines of its size around it: a title wrapped
    over several lines, a letter-spaced first line, 'zwischen A und B' when both parties stand
    in the title line itself."""
    body = _body_size(paragraphs)
    head = []
    for paragraph in paragraphs:
        if paragraph.page > 1:
            break
        if paragraph.heading and not (
            # "… IM ORDNUNGSWIDRIGKEITSVERFAHREN NACH" / "§ 24 DES STRASSENVERKEHRSGESETZES"
            head
            and head[-1].size > body + 0.5
            and _same_size(head[-1], paragraph)
            and _unfinished(head[-1].text)
            and len(paragraph.text) < 90
        ):
            break
        if PARTY_START.match(paragraph.text) and paragraph.size <= body + 0.5:
            break
        head.append(paragraph)
    short = [p for p in head if len(p.text) < 200]
    # "…vereinbarung/…erklärung/…vertrag" first, a letterhead naming the agency second
    candidates = (
        [p for p in short if DOCUMENT_WORDS.search(p.text)]
        or [p for p in short if TITLE_WORDS.search(p.text)]
        or short
    )
    if not candidates:
        return None, None, []
    largest = max(p.size for p in candidates)
    first = next(p for p in candidates if p.size >= largest - 0.5)
    named = _named_below_label(head, first)
    if named is not None:
        first = named
    distinct = first.size > body + 0.5  # larger than the body text
    at = short.index(first)
    chosen = [first]
    # a first line of the title above the document word: "ÖFFENTLICH-RECHTLICHE" / "VEREINBARUNG"
    for before in reversed(short[max(0, at - 2) : at]):
        words = before.text.split()
        if named is not None or not (
            _same_size(before, first)
            and len(before.text) < 60
            and not re.search(r"\d", before.text)
            and words
            and ADJECTIVE_END.search(words[-1])
            and head.index(before) == head.index(chosen[0]) - 1
        ):
            break
        chosen.insert(0, before)
    for following in short[at + 1 :]:
        so_far = sum(len(p.text) for p in chosen)
        if so_far + len(following.text) > TITLE_MAX or len(chosen) >= 12:
            break
        unfinished = _unfinished(chosen[-1].text)  # "… zur gemeinsamen": a title ends in a noun
        same = _same_size(following, first) and (distinct or _title_like(following, body))
        continued = (
            unfinished and len(following.text) < 90 and not PARTY_START.match(following.text)
        )
        if named is not None:
            same = False  # the name under a template's label: what follows is its subtitle
        if not (same or continued):
            break
        chosen.append(following)
    source = " ".join(p.text for p in chosen)
    title = _clean(re.sub(r"\s\|\s", " ", source))  # "|": a ruled line read by OCR
    if not (distinct and TITLE_PARTIES.search(title)):
        title = _clean(re.split(r"\s+zwischen\b", title, maxsplit=1, flags=re.I)[0])
    title = TITLE_STAND.sub("", title)
    title = re.sub(r"^[^\wÄÖÜäöü§]+|[^\wÄÖÜäöü)“\"]+$", "", title)  # OCR specks at the ends
    if title.isupper() and " " not in title:
        title = title[:1] + title[1:].lower()
    return title, source, chosen


def _named_below_label(head, first):
    """The agreement's own name on the line under a template's label ("Mustervertrag zur
    trilateralen Kooperation" / "Kooperationsvertrag"), else None."""
    if not TEMPLATE_LABEL.match(first.text.strip()):
        return None
    at = head.index(first)
    if at + 1 >= len(head):
        return None
    below = head[at + 1]
    text = below.text.strip()
    words = text.split()
    if (
        words
        and DOCUMENT_WORDS.search(words[0])
        and not TEMPLATE_LABEL.match(text)
        and len(text) < 90
        and not text.endswith((".", ":", ";"))
    ):
        return below
    return None


KINDS = [
    ("ziel", re.compile(r"zielvereinbarung", re.I)),
    ("rahmen", re.compile(r"rahmen(vereinbarung|vertrag|konzept)", re.I)),
    ("erklaerung", re.compile(r"erklärung", re.I)),
    ("vereinbarung", re.compile(r"vereinbarung|vertrag", re.I)),
]


def find_kind(title):
    if not title:
        return None
    for kind, pattern in KINDS:
        if pattern.search(title):
            return kind
    return "other"


# Parties -------------------------------------------------------------------------------------

PARTY_END = re.compile(
    r"^(?:wird|werden|schließen|vereinbaren|wird folgende|nachstehend|es wird|"
    r"Präambel|Vorbemerkung|Inhalt|über|betreffend|bezüglich|hinsichtlich|gemäß|gem\.|"
    r"aufgrund|auf\s+grund|auf\s+der\s+grundlage|zur\s+regelung)\b",
    re.I,
)
# "vertreten durch", also as OCR reads it from a noisy scan ("Verireteh durch")
_REPR = r"(?:vertreten|\bver[a-zäöüß]{5,7})\s+durch"
# "… einerseits und …", "… andererseits (Parteien)": the side a party stands on, and what follows
SIDES = re.compile(r"\s+(?:einerseits|andererseits)\b.*$", re.I)
NOTES = [
    re.compile(r"\(\s*(?:im\s+)?(?:nachfolgend|folgend|nachstehend|im Folgenden)[^)]*\)", re.I),
    re.compile(r"[-–]\s*(?:im\s+)?(?:nachfolgend|nachstehend|im Folgenden)[^–-]*[-–]?", re.I),
    re.compile(r",?\s*(?:im\s+)?(?:nachfolgend|nachstehend|im Folgenden)\b.*$", re.I),
    re.compile(r",?\s*" + _REPR + r"\b.*$", re.I),
    SIDES,  # "… e.V. andererseits (Parteien)"
    re.compile(r",\s*hier\s.*$"),  # "… und Wächtersbach, hier die Gemeinde Schöneck, …"
    re.compile(r",?\s*(?:mit\s+Sitz\s+in|Sitz:)\s.*$", re.I),
    re.compile(r"\s+als\s+(?!Anstalt|Körperschaft)\S.*$"),  # "… als Jugendhilfeträger"
    re.compile(r"\s+(?:zu|nach)\s+(?:§|Art\.|\d).*$"),
    re.compile(r",\s+(?:stellvertretend\s+)?für\s+(?:die|den|das|deren|dessen)\s.*$"),
    re.compile(r"\s+(?:auf\s+der\s+Grundlage|auf\s+Grund|aufgrund|gemäß|gem\.)\s.*$", re.I),
]
ADDRESS = re.compile(
    r"^(?:\d{5}\s+\S+|.*(?:straße|str\.|weg|platz|allee|ring|gasse|feld|damm|ufer)\s+\d+\w?\b.*"
    r"|[A-ZÄÖÜ][\wÄÖÜäöüß.\- ]{2,40}\s\d{1,4}(?:\s?[-–]\s?\d{1,4})?[a-z]?"
    r"|\((?:Adresse|Anschrift)\))$",
    re.I,
)
SPLIT_PARTIES = re.compile(
    r"\s*(?:\n|;|,\s*(?=(?:dem|der|den|die|das|des)\s)|\s+und\s+(?=(?:dem|der|den|die|das|des)\s)"
    r"|\s+sowie\s+)\s*",
    re.I,
)
# a line that is an address: "Am Alten Versuchsfeld 1", "07629 Hermsdorf", "Marktplatz 3, …"
ADDRESS_LINE = re.compile(
    r"^(?:\d{5}\s+\S.*|[A-ZÄÖÜ][\wÄÖÜäöüß.\- ]{2,40}?\s\d{1,4}(?:\s?[-–]\s?\d{1,4})?[a-z]?"
    r"(?:,.*)?|\((?:Adresse|Anschrift)\))$"
)
# an organisational unit named below its body: "Behörde für Soziales …", "Amt für Familie …"
DEPARTMENT = re.compile(
    r"^(?:Behörde|Amt|Abteilung|Referat|Dezernat|Fachbereich|Fachdienst|Dienststelle|"
    r"Geschäftsbereich|Bereich|Team|Sachgebiet)\b"
)
_GROUP_NOUNS = (
    r"(?:Gemeinden|Städten?|Kommunen|(?:Land)?[Kk]reisen?|Märkten?|Ämtern?|Samtgemeinden|"
    r"Verbandsgemeinden|Verbänden?|Trägern?|Mitgliedern?)"
)
# a representation runs until the next party in the dative ("und der Stadt …") or the line end
REPRESENTED = re.compile(
    r",?\s*" + _REPR + r"\b\W?.*?(?=,?\s+(?:und|sowie)\s+(?:dem|der|des)\s|,\s+(?:dem|der|des)\s"
    r"|,?\s+sowie\s+die\s+(?:Gemeinden|Städte|Landkreise|Kreise|Märkte|Ämter)\s"
    r"|\s+einerseits\b"  # "… vertreten durch den Magistrat einerseits und den …"
    # "… vertreten durch den Kreisausschuss und die kreisangehörigen Kommunen A, B …"
    r"|,?\s+(?:und|sowie)\s+(?:die|den)\s+(?:[a-zäöü][\wäöüß-]*\s+){0,2}?" + _GROUP_NOUNS + r"\b"
    r"|\n|$)",
    re.I,
)
ENUMERATION = re.compile(r"^\s*(?:\d{1,2}[.)]|[a-z][.)]|[-–•])\s+")
PLURAL_KINDS = {
    "Gemeinden": "Gemeinde",
    "Städte": "Stadt",
    "Städten": "Stadt",
    "Landkreise": "Landkreis",
    "Landkreisen": "Landkreis",
    "Kreise": "Kreis",
    "Kreisen": "Kreis",
    "Märkte": "Markt",
    "Märkten": "Markt",
    "Ämter": "Amt",
    "Ämtern": "Amt",
    "Samtgemeinden": "Samtgemeinde",
    "Verbandsgemeinden": "Verbandsgemeinde",
    # bodies of several kinds named together: each by its name alone
    "Kommunen": "",
    "Mitgliedskommunen": "",
    "Städte und Gemeinden": "",
    "Städten und Gemeinden": "",
}
# "den Gemeinden A und B", "die kreisangehörigen Kommunen A, B, … und Z"
PLURAL = re.compile(
    r"^(?:[a-zäöü][\wäöüß-]*e[n]?\s+)?(?P<kind>"
    + "|".join(sorted(PLURAL_KINDS, key=len, reverse=True))
    + r")\s+(?P<names>[A-ZÄÖÜ].+)$"
)
# members named after their group: "den in der Landesarbeitsgemeinschaft … zusammengefassten
# Verbänden der Einrichtungsträger im Lande Bremen Arbeiterwohlfahrt, Landesverband Bremen e.V.,
# Caritasverband Bremen e.V., …" (a place after "im Lande", "in", "für" is one word)
GROUP_MEMBERS = re.compile(
    r"^(?:in|im|bei)\s.{3,160}?\s(?:zusammengefasst|zusammengeschlossen|organisiert|vereinigt)en\s+"
    r"[A-ZÄÖÜ][\wäöüß-]*(?:\s+(?:der|des)\s+[A-ZÄÖÜ][\wäöüß-]*)*"
    r"(?:\s+(?:im\s+Lande?|in|für)\s+[A-ZÄÖÜ][\wäöüß-]*)?\s*:?\s+(?P<names>[A-ZÄÖÜ„\"].+)$"
)
LEGAL_FORM = r"(?:e\.\s?V\.|gGmbH|GmbH|AöR|KdöR|gAG|AG|eG)"
# a name that ends in its legal form, commas inside it: "Arbeiterwohlfahrt, Landesverband … e.V."
FORMED_NAME = re.compile(
    r"\s*(?:,|und\b|sowie\b)?\s*(?P<name>.+?"
    + LEGAL_FORM
    + r")(?=\s*(?:,|$|\s+(?:und|sowie)\s|\s+[a-zäöü]))"
)
NAMED = re.compile(
    r"^(?:Verein|Verband|Träger|Firma|Gesellschaft)\s+[„\"»](?P<name>[^“”\"«]+)[“”\"«]"
)

# a body's noun in the genitive: "des Kreises Offenbach" is "Kreis Offenbach"
GENITIVE = re.compile(
    r"^(?P<noun>(?:Land|Stadt)?[Kk]reis|Bezirk|Verein|(?:Zweck)?[Vv]erband|Land|Amt|Markt)"
    r"(?:es|s)\b"
)


def _cut_address(text):
    parts = [p.strip() for p in text.split(",")]
    for index, part in enumerate(parts):
        if index and ADDRESS.match(part):
            return ", ".join(parts[:index])
    return text


# what OCR leaves of an enumeration before a name: "ie Landkreis Musterland" (from "1.")
OCR_STUB = re.compile(
    r"^(?!(?:im|in|an|am|zu|ob|da|so|ab|um|es|er|wo)\s)[a-zäöü]{1,2}\s+(?=[A-ZÄÖÜ][a-zäöü])"
)


def _group_members(text):
    """The members a group names after itself (see GROUP_MEMBERS), else None."""
    group = GROUP_MEMBERS.match(ARTICLE.sub("", text, count=1))
    if not group:
        return None
    names = SIDES.sub("", group["names"])
    if len(re.findall(LEGAL_FORM, names)) >= 2:
        pieces = [m["name"] for m in FORMED_NAME.finditer(names)]
    else:
        pieces = re.split(r",\s*|\s+(?:und|sowie)\s+", names)
    members = []
    for piece in pieces:
        for name in _party_names(piece, keep_capital_article=True):
            if name not in members:
                members.append(name)
    return members or None


def _party_names(part, keep_capital_article=False):
    """The names one part of a party list holds (several for 'den Gemeinden A und B')."""
    raw = ENUMERATION.sub("", part.strip())
    raw = OCR_STUB.sub("", raw)
    if raw.rstrip().endswith(":"):
        return []  # a group's label: "Kammern und Verbände im Land Bremen, vertreten durch:"
    members = _group_members(raw)
    if members:
        return members
    text = raw
    for note in NOTES:
        text = note.sub("", text)
    text = re.split(r"\s+(?:über|betreffend|bezüglich|hinsichtlich)\s", text)[0]
    text = _clean(_cut_address(text))
    text = re.sub(r"^(?:und|sowie)\s+", "", text, flags=re.I)
    article = ARTICLE.match(text)
    if article and not (keep_capital_article and article.group(0)[:1].isupper()):
        text = ARTICLE.sub("", text, count=1)
        if article.group(0).split()[-1].lower() == "des":
            text = GENITIVE.sub(r"\g<noun>", text)
    text = _clean(text)
    if re.search(r"\S-$", raw.rstrip(" ,;")) and re.search(r"\s[–-]\S", text):
        text += "-"  # "–KVÜ MIL-": the dash closes a name's abbreviation
    named = NAMED.match(text)
    if named:
        text = named["name"].strip()
    plural = PLURAL.match(text)
    if plural:
        kind = PLURAL_KINDS[plural["kind"]]
        names = re.split(r",\s*|\s+(?:und|sowie)\s+", plural["names"])
        return [f"{kind} {name.strip()}".strip() for name in names if name.strip()]
    if not text or len(text) < 3 or ADDRESS.match(text) or len(text) > 120:
        return []
    if not re.match(r"[A-ZÄÖÜ]|[a-zäöü]+\s[A-ZÄÖÜ]", text):
        return []  # "kreisfreien Stadt Kaufbeuren" is a name, "für die Stadt …" is not
    if re.match(r"(?:für|im|in|an|bei|von|mit)\s", text):
        return []
    return [text]


def _party_name(part):
    names = _party_names(part)
    return names[0] if names else None


NEW_PARTY_LINE = re.compile(
    r"^(?:(?:\d{1,2}[.)]|[a-z][.)])\s+|(?:\d{1,2}[.)]\s+|[a-z]\)\s+)?(?:und\s+|sowie\s+)?"
    r"(?:dem|der|den|die|das|des)(?:\s|$))",
    re.I,
)
SEGMENT_LINE = re.compile(
    r"^(?:" + _REPR + r"|[-–(]?\s*(?:im\s+)?(?:nachfolgend|nachstehend|im\s+Folgenden))", re.I
)


def _party_lines(lines):
    """A paragraph's lines, broken where a new party starts ("der …", "dem …", "2. …", "a. …")
    and around addresses, representations and notes, so that they fall away on their own."""
    out = ""
    previous = ""
    for line in lines:
        # "… und den in" / "der Arbeitsgemeinschaft …": a sentence wrapped after a preposition
        # or an article goes on; the article does not start a new party
        last = previous.split()[-1] if previous.split() else ""
        wrapped = (last in FUNCTION_WORDS and last not in ("und", "sowie", "oder", "bzw.")) or bool(
            re.search(r"\sals\s+[\wäöüß-]+$", previous)  # "… als Träger" / "der Jugendhilfe"
        )
        new = (
            (NEW_PARTY_LINE.match(line) and not wrapped)
            or SEGMENT_LINE.match(line)
            or ADDRESS_LINE.match(line.strip())
            or (DEPARTMENT.match(line) and not SEGMENT_LINE.match(previous))
            or previous.rstrip().endswith(":")
            or re.search(r"(?:e\.\s?V\.|GmbH|AöR|KdöR)[“\"]?$", previous.rstrip(" ,"))
        )
        if out and new:
            out += "\n" + line
        else:
            out = join_lines(out, line) if out else line
        previous = line
    return out


PARTY_INLINE = re.compile(
    r"(?:^|\s)zwischen(?:\s*[.,:;|]?\s*$|\s+(?=(?:dem|der|den|die|das|des)(?:\s|$)|\d|[A-ZÄÖÜ]))|"
    r"^(?:Vertrags|Kooperations)?(?:partner|parteien|beteiligte)(?:innen)?\s*:\s*|"
    r"^(?:(?:Vertrags|Kooperations)?(?:partner|parteien)(?:innen)?|Unterzeichnende|Beteiligte)"
    r"\s*:?\s*$",
    re.I,
)
LIST_HEAD = re.compile(
    r"^(?:(?:Vertrags|Kooperations)?(?:partner|parteien)(?:innen)?|Unterzeichnende|Beteiligte)"
    r"\s*:?\s*$",
    re.I,
)


ORGANISATION = re.compile(
    r"Stadt|Kreis|Jobcenter|Agentur|Amt\b|[Aa]mt |Verein|Träger|Gemeinde|Bezirk|Schule|"
    r"Bundesagentur|Region|Ministerium|GmbH|AöR|e\.\s?V\.|Stiftung|Diakonie|Caritas|Werk\b"
)


def _split_block(block):
    """Names of a party block: representations and department lines dropped, then split."""
    kept = []
    lines = block.split("\n")
    for number, line in enumerate(lines):
        if number and DEPARTMENT.match(line.strip()) and not NEW_PARTY_LINE.match(line):
            continue  # "Behörde für Soziales …" under "der Freien und Hansestadt Hamburg"
        if line.rstrip().endswith(":"):
            if SEGMENT_LINE.match(line.strip()) and kept:
                kept.pop()  # "2. Kammern und Verbände …," / "vertreten durch:" label a group
            continue  # a group's label: "1. Jugendberufsagentur, vertreten durch:"
        kept.append(REPRESENTED.sub("", line))
    parts = [p for p in SPLIT_PARTIES.split("\n".join(kept)) if p.strip()]
    bare = [p for p in parts if not ARTICLE.match(ENUMERATION.sub("", p.strip()))]
    keep_capital = len(bare) * 2 > len(parts)  # a list of names, not a sentence
    names = []
    for part in parts:
        for name in _party_names(part, keep_capital_article=keep_capital):
            if name not in names:
                names.append(name)
    return names


def _parties_from(paragraphs, body, with_title_size, title_source=""):
    for index, paragraph in enumerate(paragraphs[:40]):
        if paragraph.heading and not LIST_HEAD.match(paragraph.text.strip()):
            continue
        in_title = paragraph.text and paragraph.text in title_source
        if not with_title_size and (paragraph.size > body + max(0.5, 0.12 * body) or in_title):
            continue
        found = None
        labelled = False
        for number, line in enumerate(paragraph.lines or [paragraph.text]):
            match = PARTY_INLINE.search(line)
            if match:
                found = [line[match.end() :]] + paragraph.lines[number + 1 :]
                labelled = not match.group(0).lower().strip().startswith("zwischen")
                break
        if found is None:
            continue
        chunks = [_party_lines([f for f in found if f.strip()])]
        last_number = None
        for following in paragraphs[index + 1 : index + 41]:
            text = following.text.strip()
            number = re.match(r"(\d+)\.", text)
            if number and last_number is not None and int(number.group(1)) <= last_number:
                break  # numbering starts again: the sections begin
            if number:
                last_number = int(number.group(1))
            numbered_party = following.heading == 2 and (labelled or ORGANISATION.search(text))
            if (following.heading and not numbered_party) or PARTY_END.match(text):
                break
            if len(text) > 250:
                break
            lines = following.lines or [following.text]
            if (
                len(text.split()) == 1
                and not ORGANISATION.search(text)
                and text.lower().strip(",.") not in ("und", "sowie", "zwischen")
            ):
                break  # a section's title read without its size: "Ziel"
            represented = (
                re.search(_REPR + r"\b\W{0,2}(?:\w+\W{0,2}){0,2}$", chunks[-1], re.I)
                and not NEW_PARTY_LINE.match(lines[0])
            ) or re.search(_REPR + r"\s*,?$", chunks[-1], re.I)  # "… vertreten durch" / "die …"
            wrapped = (
                lines[0][:1].islower()
                and lines[0].strip(" ,.") not in ("und", "sowie", "einerseits", "andererseits")
                and not NEW_PARTY_LINE.match(lines[0])
                and not SEGMENT_LINE.match(lines[0])
            )
            if represented or wrapped:
                chunks[-1] = join_lines(chunks[-1], _party_lines(lines))  # one line, broken
                continue
            chunks.append(_party_lines(lines))
            if re.search(r"(?:wird|werden)\s+(?:folgende|nachstehende)", text, re.I):
                break
        block = "\n".join(c for c in chunks if c.strip())
        block = re.split(
            r"\b(?:wird|werden)\s+(?:die\s+)?(?:folgende|nachstehende)[rsn]?\b"
            r"|\s(?:auf\s+der\s+Grundlage|auf\s+Grund|aufgrund|gemäß|gem\.)\s",
            block,
            flags=re.I,
        )[0]
        names = _split_block(block)
        if len(names) >= 2:
            return names, _clean(paragraph.text + " " + " ".join(chunks[1:]))[:500]
    return None, None


def find_parties(paragraphs, title_source="", title_paragraphs=()):
    """Parties from 'zwischen … und …' or a list under 'Vertragspartner' (else the subject of
    the sentence after the title, else the signature blocks 'Für das Jobcenter …'); the title's
    own 'zwischen A und B' comes next, the bodies of a shared letterhead last."""
    body = _body_size(paragraphs)
    names, evidence = _parties_from(paragraphs, body, False, title_source or "")
    if names:
        return names, evidence
    names, evidence = find_subject_parties(paragraphs)
    if names:
        return names, evidence
    names, evidence = find_genitive_parties(paragraphs, title_paragraphs)
    if names:
        return names, evidence
    names, evidence = _parties_from(paragraphs, body, with_title_size=True)
    if names:
        return names, evidence
    names, evidence = find_signature_parties(paragraphs)
    if names:
        return names, evidence
    return find_letterhead_parties(paragraphs, title_paragraphs)


# a letterhead's body named with its legal form: "… e.V."
LETTERHEAD_FORM = r"(?:e\.\s?V\.|gGmbH|GmbH|AöR)$"
# a body that heads a letterhead: "Bezirksamt …", "Senatsverwaltung …", "Landratsamt …",
# "Agentur für Arbeit …", "Jobcenter …", "Staatliches Schulamt …", "… e.V."
LETTERHEAD_BODY = re.compile(
    r"^(?:(?:Staatliche[sr]?|Freie[sn]?|Kreisfreie)\s+)?[\wÄÖÜäöüß-]*(?:amt|verwaltung|ministerium|"
    r"behörde|senat|senator(?:in)?|agentur|jobcenter|[Kk]reis|stadt|gemeinde|regierung|"
    r"kammer|direktion)\b"
    r"|" + LETTERHEAD_FORM,
    re.I,
)
# a word that starts a body's or a unit's name in a letterhead run together into one line:
# "Bezirksamt X von Berlin Abteilung Jugend Senatsverwaltung für Bildung - Außenstelle X"
BODY_WORD = re.compile(
    r"^(?:Staatliche[sr]?|Freie[sn]?|Kreisfreie|Abteilung|Referat|Dezernat|Fachbereich|Fachdienst|"
    r"Dienststelle|Geschäftsbereich|Sachgebiet|[\wÄÖÜäöüß-]*(?:amt|verwaltung|ministerium|behörde|"
    r"senat|senator|senatorin|agentur|jobcenter|kreis|stadt|gemeinde|regierung|kammer|direktion))$",
    re.I,
)
UNIT_WORD = re.compile(
    r"^(?:Abteilung|Referat|Dezernat|Fachbereich|Fachdienst|Dienststelle|Geschäftsbereich|"
    r"Sachgebiet|Amt|Behörde)$",
    re.I,
)


def _letterhead_pieces(text):
    """A letterhead's text cut where a new body or unit begins after a name."""
    caps = text.isupper()
    pieces = [[]]
    for word in text.split():
        previous = pieces[-1][-1] if pieces[-1] else ""
        after_name = (
            previous[:1].isupper()
            and not previous.endswith("-")
            and previous.casefold() not in FUNCTION_WORDS
            and not BODY_WORD.match(previous)
        )
        starts = BODY_WORD.match(word) or (not caps and word in ("Der", "Die", "Das"))
        if pieces[-1] and starts and after_name:
            pieces.append([])
        pieces[-1].append(word)
    return [" ".join(piece) for piece in pieces if piece]


def find_letterhead_parties(paragraphs, title_paragraphs):
    """The bodies named in a letterhead above the title when the text names no parties
    otherwise: 'Bezirksamt X' / 'Abteilung …' / 'Senatsverwaltung Y - Außenstelle X' /
    'Kooperationsvereinbarung'. Units, officials and addresses fall away; two bodies at least."""
    if not title_paragraphs or not DOCUMENT_WORDS.search(
        " ".join(p.text for p in title_paragraphs)
    ):
        return None, None
    text = ""
    for paragraph in paragraphs:
        if any(paragraph is t for t in title_paragraphs) or paragraph.page > 1:
            break
        if paragraph.heading:
            return None, None
        for line in paragraph.lines or [paragraph.text]:
            line = re.sub(r"^[^\wÄÖÜäöü]+|[\s|_]+$", "", line)  # OCR specks: "‚Senats…", "… |"
            text = join_lines(text, line) if text else line
    names = []
    for piece in _letterhead_pieces(text):
        name = _clean(piece)
        words = name.split()
        # a body and its name: "Bezirksamt Mitte", not a bare "Jugendamt" or "Der Landrat"
        body = (
            len(name) < 120
            and len(words) >= 2
            and not ARTICLE.match(name)
            and not UNIT_WORD.match(words[0])
            and (BODY_WORD.match(words[0]) or re.search(LETTERHEAD_FORM, name))
        )
        unit = DEPARTMENT.match(name) or ADDRESS_LINE.match(name) or ADDRESS.match(name)
        if body and not unit and name not in names:
            names.append(name)
    if len(names) >= 2:
        return names, " / ".join(names)
    return None, None


SUBJECT_PARTIES = re.compile(
    r"^(?P<list>(?:Der|Die|Das)\s.+?)\s*(?:\([^)]*\))?\s+(?:vereinbaren|schließen|treffen|"
    r"beschließen|erklären|verpflichten\s+sich|kommen\s+überein)\b"
)


def find_subject_parties(paragraphs):
    """Parties named as the subject before the first section: 'Der Kreis X, das Jobcenter Y
    und die Agentur Z (im Folgenden: die Partner) vereinbaren: …'."""
    for paragraph in paragraphs[:20]:
        if paragraph.heading:
            break
        match = SUBJECT_PARTIES.match(paragraph.text.lstrip("‘’'\"„“ "))  # OCR specks
        if not match:
            continue
        names = _split_block(match["list"])
        if len(names) >= 2:
            return names, sentences(paragraph.text)[0]
    return None, None


# the parties in the genitive under the title or in it: "Öffentlich-rechtliche Vereinbarung" /
# "der Städte Adorf und Bedorf" / "zur Wahrnehmung …"; "Vereinbarung des Kreises A und der Stadt B"
GENITIVE_LIST = re.compile(
    r"^(?P<list>(?:der|des)\s+[A-ZÄÖÜ].+?)"
    r"(?:\s+(?:zur|zum|über|für\s+(?:die|den|das)|betreffend|bezüglich|hinsichtlich|zwischen)\s.*)?$"
)
TITLE_GENITIVE = re.compile(
    r"(?:vereinbarung|vertrag|erklärung)\s+(?P<rest>(?:der|des)\s+[A-ZÄÖÜ].*)$", re.I
)


def find_genitive_parties(paragraphs, title_paragraphs):
    """Bodies in the genitive right after the agreement's name, each a body by its kind."""
    if not title_paragraphs:
        return None, None
    title_text = " ".join(p.text for p in title_paragraphs)
    texts = []
    in_title = TITLE_GENITIVE.search(title_text)
    if in_title:
        texts.append(in_title["rest"])
    last = max(i for i, p in enumerate(paragraphs) if any(p is t for t in title_paragraphs))
    if last + 1 < len(paragraphs) and not paragraphs[last + 1].heading:
        texts.append(paragraphs[last + 1].text)
    for text in texts:
        text = text.strip()
        if len(text) > 200 or text.endswith((".", ":", ";")):
            continue
        match = GENITIVE_LIST.match(text)
        # "der Stadt A mit dem Jobcenter B": a partner named after "mit" is one too
        listed = re.sub(r"\s+mit\s+(?=(?:dem|der|den)\s)", " und ", match["list"]) if match else ""
        if not re.search(r"\s(?:und|sowie)\s|,", listed):
            continue
        names = _split_block(listed)
        if len(names) >= 2 and all(
            ORGANISATION.search(name) or LETTERHEAD_BODY.search(name.split()[0]) for name in names
        ):
            return names, text
    return None, None


SIGNATURE_FOR = re.compile(r"^Für\s+(?P<who>(?:den|die|das|dem|der)\s+.{3,100})$")


def find_signature_parties(paragraphs):
    names, evidence = [], []
    start = int(len(paragraphs) * 0.5)
    for paragraph in paragraphs[start:]:
        match = SIGNATURE_FOR.match(paragraph.text.strip())
        if match:
            name = _party_name(match["who"])
            if name and name not in names:
                names.append(name)
                evidence.append(paragraph.text.strip())
    if len(names) >= 2:
        return names, " / ".join(evidence)
    return None, None


INTENDED = [
    re.compile(
        r"(?:Mitwirkung|Beteiligung|Beitritt|Einbindung|Mitarbeit|Teilnahme)\s+"
        r"(?:der|des|von)\s+(?P<who>.+?),?\s+(?:wird|ist|soll|werden)\b[^.]*?"
        r"(?:angestrebt|erwünscht|vorgesehen|gewünscht|wünschenswert|beabsichtigt)",
        re.I,
    ),
    re.compile(
        r"(?P<who>(?:Die|Der|Das)\s+[A-ZÄÖÜ].+?)\s+(?:soll|wird)\s+(?:als\s+weitere[rs]?\s+"
        r"(?:Partner(?:in)?|Vertragspartei|Kooperationspartner(?:in)?)\s+gewonnen|"
        r"eingeladen,\s+(?:dieser|der)\s+\w+\s+beizutreten)",
    ),
]


NOT_A_PARTY = re.compile(r"^(?:Vertreter|Mitarbeit|Fachkr)|\s(?:an|bei|zu|in)\s+(?:den|der|dem)\s")


def find_intended(all_sentences):
    names, evidence = [], None
    for sentence in all_sentences:
        for pattern in INTENDED:
            match = pattern.search(sentence)
            if match and len(match["who"]) <= 90 and not NOT_A_PARTY.search(match["who"]):
                name = _party_name(match["who"])
                if name and name not in names:
                    names.append(name)
                    evidence = evidence or sentence
    return (names or None), evidence


# Place and date ------------------------------------------------------------------------------

STAND = re.compile(r"\b(?:Stand|Fassung vom|in der Fassung vom)\s*:?\s*", re.I)
PLACE_DATE = re.compile(
    r"^(?P<place>[A-ZÄÖÜ][\wÄÖÜäöüß.\- ]{1,40}?)[,;]\s*(?:den\s+|am\s+)?"
    r"(?P<date>\d{1,2}\.\s?\S+\s?\d{2,4})"
)
PLACE_PREFIX = re.compile(r"^(?:Ort\s*(?:,|und|/)\s*Datum|Ort)\s*:\s*", re.I)
NOT_PLACE = re.compile(r"^(?:Stand|Datum|Ort|Seite|Fassung|Unterschrift|Für|Im|Am|Vom)\b", re.I)


def find_place_date(paragraphs, furniture):
    """Place from 'Oberhausen, den 20.05.2015'; date from 'Stand: …' else that line."""
    place = place_evidence = None
    line_dates = []
    stand = stand_evidence = None
    pieces = []
    for paragraph in paragraphs:
        pieces += paragraph.lines + sentences(paragraph.text)
    for line in furniture:
        pieces += re.split(r"\s{3,}", line.text)
    for piece in (PLACE_PREFIX.sub("", p.strip()) for p in pieces):
        match = STAND.search(piece)
        if match and match.start() > 1 and not re.match(r"[(\-–]\s*$", piece[: match.start()]):
            match = None  # "… des Gesetzes in der Fassung vom …" dates a law, not this text
        if match and stand is None:
            value = first_date(piece[match.end() : match.end() + 30])
            if value:
                stand, stand_evidence = value, piece
        match = PLACE_DATE.match(piece)
        if match and not NOT_PLACE.match(match["place"]) and len(piece) < 120:
            value = first_date(piece[match.start("date") :])
            if value:
                line_dates.append((value, piece))
                if place is None:
                    place, place_evidence = _clean(match["place"]), piece
    if stand is not None:
        return place, place_evidence, stand, stand_evidence
    if line_dates:
        value, evidence = max(line_dates, key=lambda item: item[0])
        return place, place_evidence, value, evidence
    return place, place_evidence, None, None


TITLE_DATE = re.compile(r"\svom\s+(?P<date>\d{1,2}\.\s?(?:\d{1,2}\.|[A-Za-zä]+)\s?\d{2,4})\)?$")
AMENDING = re.compile(r"Änderung|Ergänzung|Nachtrag|Fortschreibung|Verlängerung|Aufhebung", re.I)


def title_date(title):
    """The date a title gives its agreement: "Öffentlich-rechtliche Vereinbarung über … vom
    28. Mai 1980"; not when the title amends or names another agreement ("Änderung der
    Vereinbarung vom …", "… zur Rahmenvereinbarung vom …")."""
    match = TITLE_DATE.search(title)
    if not match or AMENDING.search(title) or len(DOCUMENT_WORDS.findall(title)) != 1:
        return None
    return first_date(match["date"])


# Legal bases ---------------------------------------------------------------------------------

ROMAN = {
    "1": "I",
    "2": "II",
    "3": "III",
    "4": "IV",
    "5": "V",
    "6": "VI",
    "7": "VII",
    "8": "VIII",
    "9": "IX",
    "10": "X",
    "11": "XI",
    "12": "XII",
}
_NUM = r"\d+(?:\s?[a-z]\b)?"
_SUB = (
    r"(?:\s*(?:Abs\.|Absatz)\s*\d+[a-z]?)?(?:\s*(?:S\.|Satz)\s*\d+)?(?:\s*(?:Nr\.|Nummer)\s*\d+)?"
)
LEGAL = re.compile(
    r"(?:(?P<para>§§?\s*"
    + _NUM
    + _SUB
    + r"(?:\s*(?:-|–|bis|,|und|u\.)\s*"
    + _NUM
    + _SUB
    + r")*(?:\s*ff?\.)?)\s*(?:(?:des|der|nach\s+dem|im|i\.\s?V\.\s?m\.)\s+)?)?"
    r"SGB\s*(?P<book>XII|XI|IX|X|VIII|VII|VI|IV|V|III|II|I|1[0-2]|[1-9])\b"
)


def _normalize_paragraph(text):
    text = re.sub(r"\s+", " ", text.strip())
    text = re.sub(r"(\d)\s([a-z])\b", r"\1\2", text)  # "§ 78 f" is "§ 78f"
    text = re.sub(r"^(§§?)\s*", r"\1 ", text)
    text = re.sub(r"(Abs\.|Nr\.|S\.)\s*(?=\d)", r"\1 ", text)
    text = re.sub(r"\s*[-–]\s*(?=\d)", "-", text)
    return text


ORDINAL_STEMS = {
    "erst": "I",
    "zweit": "II",
    "dritt": "III",
    "viert": "IV",
    "fünft": "V",
    "sechst": "VI",
    "siebt": "VII",
    "acht": "VIII",
    "neunt": "IX",
    "zehnt": "X",
    "elft": "XI",
    "zwölft": "XII",
}
_ORDINAL = r"(?:" + "|".join(ORDINAL_STEMS) + r")(?:e[snmr]?)?"
BOOKS = re.compile(
    r"\b(?P<list>" + _ORDINAL + r"(?:(?:\s*,\s*|\s+und\s+|\s+sowie\s+)" + _ORDINAL + r")*)"
    r"\s+Buch(?:es|s)?\s+(?:des\s+)?Sozialgesetzbuch(?:es|s)?",
    re.I,
)


# "Sozialgesetzbuch (SGB) Achtes Buch (VIII)"
BOOK_PARENS = re.compile(r"Sozialgesetz(?:buch)?\s*\(SGB\)\s*\w+\s+Buch\s*\((?P<book>[IVX]+)\)")
# "§ 78f des Achten Buches Sozialgesetzbuch"
PARA_BOOK = re.compile(
    r"(?P<para>§§?\s*" + _NUM + _SUB + r")\s+(?:des\s+)?(?P<ordinal>" + _ORDINAL + r")\s+"
    r"Buch(?:es|s)?\s+(?:des\s+)?Sozialgesetzbuch(?:es|s)?",
    re.I,
)

# Other laws, kept as written with their abbreviation: "§§ 1 und 23 ff. GkG NRW",
# "Art. 2 Abs. 1 KommZG", "§ 6 des Thüringer Ausführungsgesetzes … (Thür AGPStG)",
# "§ 1 des Gesetzes über kommunale Gemeinschaftsarbeit -GkG-", "§ 24 des Straßenverkehrsgesetzes".
_REF = (
    r"(?:§§?|Art\.)\s*\d+(?:\s?[a-z]\b)?"
    + _SUB
    + r"(?:\s*(?:,|und|bis|-|–)\s*\d+(?:\s?[a-z]\b)?"
    + _SUB
    + r")*(?:\s*ff\.?)?"
)
# "ThürKGG", "GkG NRW", "AG KJHG" (an Ausführungsgesetz)
_ABBR = (
    r"(?:(?:Thür|AG(?!\sSGB))\s)?[A-ZÄÖÜ][A-Za-zÄÖÜäöü]*[A-ZÄÖÜ][A-Za-zÄÖÜäöü]*"
    r"(?:\s(?:NRW|NW|M-V|BW|LSA|SH))?"
)
OTHER_LAW = re.compile(
    r"(?P<ref>" + _REF + r")\s+(?:"
    r"(?P<abbr>" + _ABBR + r")\b(?!\s*\()"  # "§ 7 Abs. 2 ThürKGG"
    r"|(?:(?:des|der)\s+)?(?!Abs\.|Absatz|Satz|Nr\.|Art\.)(?=[A-ZÄÖÜ])[^§()–]{0,140}?"
    r"(?:[Gg]esetz|[Vv]erordnung|[Oo]rdnung|[Vv]erfassung)[^§()–]{0,160}?"
    r"(?:\((?P<paren>" + _ABBR + r")\)"
    r"|\s[-–]\s?(?P<dashed>" + _ABBR + r")\s?[-–])"  # "… (KGG)", "… –KommZG-"
    r"|(?P<named>(?:des|der)\s+[A-ZÄÖÜ][\wäöüß-]*(?:gesetz(?:es|buch(?:es)?)?|ordnung|verfassung)"
    r"(?:\s+für\s+das\s+Land\s+[A-ZÄÖÜ][\wäöüß-]*)?)"
    # a law named by its title alone: "§ 23 des Gesetzes über kommunale Gemeinschaftsarbeit vom …"
    r"|(?P<titled>(?:des|der)\s+(?:[A-ZÄÖÜ][\wäöüß-]*)?(?:[Gg]esetzes|[Vv]erordnung)\s+"
    r"(?:über|zur|zum)\s+[^§(),;:.]{3,100}?)"
    r"(?=\s+vom\s|\s+in\s+der\s|\s*[(),;:]|\s+[-–]\s|\s+i\.\s?V\.|\s+(?:wird|werden|schließen|"
    r"vereinbaren|bleibt|bleiben|ist|sind|gilt|gelten|geschlossen|übertr\w*)\b|\.?\s*$)"
    r")"
)
# A reference written without its sign after a cue: "gemäß 8a SGB VIII", "zu 42 Abs. 6
# Schulgesetz NRW, 4 KKG und 8a SGB VIII". The law must look like one: an SGB book, an
# abbreviation ending in G/O/V/B with two capitals at least ("KKG", "SchulG", "GO"), or a word
# ending in -gesetz/-ordnung, so that "nach 3 Jahren" or "von 100 EUR" stay out.
_BARE_REF = (
    r"\d{1,3}[a-z]?(?:\s*(?:Abs\.|Absatz)\s*\d+[a-z]?)?(?:\s*(?:S\.|Satz)\s*\d+)?"
    r"(?:\s*(?:Nr\.|Nummer)\s*\d+)?"
)
_BARE_LAW = (
    r"(?:SGB\s?(?:XII|XI|IX|X|VIII|VII|VI|IV|V|III|II|I)\b"
    r"|(?:(?:Thür|AG(?!\sSGB))\s)?(?=[A-ZÄÖÜ][a-zäöü]*[A-ZÄÖÜ])[A-ZÄÖÜ][A-Za-zÄÖÜäöü]*[GOVB]\b"
    r"|[A-ZÄÖÜ][a-zäöüß]+(?:gesetz|ordnung)\b)"
    r"(?:\s(?:NRW|NW|M-V|BW|LSA|SH)\b)?"
)
BARE_CUE = re.compile(
    r"(?<![\w.§])(?:gemäß|gem\.|nach|zu|von|laut|lt\.|i\.\s?V\.\s?m\.|im\s+Sinne\s+(?:des|von))"
    r"\s+(?=\d)",
    re.I,
)
BARE_ITEM = re.compile(r"(?P<ref>" + _BARE_REF + r")\s+(?P<law>" + _BARE_LAW + ")")
BARE_NEXT = re.compile(r"(?:\s*,\s*|\s+(?:und|sowie)\s+)(?=\d)")


def _bare_references(sentence):
    """([value], sentence without them) for references written without '§' after a cue."""
    found = []
    spans = []
    for cue in BARE_CUE.finditer(sentence):
        at = cue.end()
        while True:
            item = BARE_ITEM.match(sentence, at)
            if not item:
                break
            law = " ".join(item["law"].split())
            law = re.sub(r"^SGB(?=[IVX])", "SGB ", law)
            found.append(f"{_normalize_paragraph(item['ref'])} {law}")
            spans.append(item.span())
            more = BARE_NEXT.match(sentence, item.end())
            if not more:
                break
            at = more.end()
    for start, end in reversed(spans):
        sentence = sentence[:start] + " " + sentence[end:]
    return found, sentence


# A title set in capitals: "RAHMENVERTRAG NACH § 78 F SGB VIII", "(ART. 2 AGPSTG)", "§ 24 DES
# STRASSENVERKEHRSGESETZES" read as the references they are, a law's abbreviation spelled as
# the body spells it.
CAPS_WORDS = {
    "ART.": "Art.",
    "ABS.": "Abs.",
    "ABSATZ": "Absatz",
    "SATZ": "Satz",
    "NR.": "Nr.",
    "FF.": "ff.",
    "FF": "ff",
    "DES": "des",
    "DER": "der",
    "DEM": "dem",
    "NACH": "nach",
    "GEMÄSS": "gemäß",
    "GEM.": "gem.",
    "ZU": "zu",
    "VON": "von",
    "UND": "und",
    "SOWIE": "sowie",
}
LAW_WORD = re.compile(r"(?:GESETZ|GESETZES|GESETZBUCH|GESETZBUCHES|ORDNUNG|VERFASSUNG)$")


def _uncapped(text, spellings):
    """A text in capitals with the case its references need; other texts as they are."""
    if not text.isupper():
        return text
    text = re.sub(r"(\d)(\s?)([A-ZÄÖÜ])\b", lambda m: m[1] + m[2] + m[3].lower(), text)
    words = []
    for word in text.split(" "):
        core = word.strip("(),;:")
        if core in CAPS_WORDS:
            word = word.replace(core, CAPS_WORDS[core])
        elif core.casefold() in spellings:
            word = word.replace(core, spellings[core.casefold()])
        elif len(core) > 6 and LAW_WORD.search(core):
            word = word.replace(core, core[:1] + core[1:].lower())
        words.append(word)
    return " ".join(words)


def _spellings(all_sentences):
    """{casefolded: as written} of the mixed-case abbreviations of a text ("AGPStG")."""
    spellings = {}
    for sentence in all_sentences:
        for word in re.findall(
            r"\b[A-ZÄÖÜ][A-Za-zÄÖÜäöü]*[a-zäöü][A-Za-zÄÖÜäöü]*[A-ZÄÖÜ]\w*", sentence
        ):
            spellings.setdefault(word.casefold(), word)
    return spellings


PENDING_REF = re.compile(r"(?P<ref>" + _REF + r")\s*(?:und|sowie|,)\s*$")


def _other_laws(sentence):
    """References to laws other than the SGB books, each with its law as written."""
    found = []
    for match in OTHER_LAW.finditer(sentence):
        law = (
            match["abbr"] or match["paren"] or match["dashed"] or match["named"] or match["titled"]
        )
        if not law or law.startswith("SGB"):
            continue
        refs = [match["ref"]]
        # "Art. 2 Abs. 1 und Art. 7 ff des Gesetzes … (KommZG)": the first takes the law too
        before = sentence[: match.start()]
        pending = PENDING_REF.search(before[-80:]) if before else None
        if pending:
            refs.insert(0, pending["ref"])
        for ref in refs:
            value = f"{_normalize_paragraph(ref)} {' '.join(law.split())}"
            if value not in found:
                found.append(value)
    return found


def find_legal_bases(all_sentences, title=None):
    """Legal bases as written, from the sentences and the title read as one line."""
    found, evidence = [], None
    spellings = _spellings(all_sentences)
    all_sentences = [_uncapped(s, spellings) for s in ([title] if title else []) + all_sentences]

    def add(value, sentence):
        nonlocal evidence
        if value not in found:
            found.append(value)
            evidence = evidence or sentence

    for sentence in all_sentences:
        for match in PARA_BOOK.finditer(sentence):
            book = ORDINAL_STEMS.get(re.sub(r"(?:e[snmr]?)$", "", match["ordinal"].lower()))
            if book:
                add(f"{_normalize_paragraph(match['para'])} SGB {book}", sentence)
        sentence_books = PARA_BOOK.sub(" ", sentence)
        for match in BOOKS.finditer(sentence_books):
            for word in re.findall(_ORDINAL, match["list"], re.I):
                stem = re.sub(r"(?:e[snmr]?)$", "", word.lower())
                book = ORDINAL_STEMS.get(stem) or ORDINAL_STEMS.get(word.lower())
                if book:
                    add(f"SGB {book}", sentence)
        for match in BOOK_PARENS.finditer(sentence):
            add(f"SGB {match['book']}", sentence)
        rest = BOOK_PARENS.sub(" ", BOOKS.sub(" ", sentence_books))
        bare, rest = _bare_references(rest)
        for value in bare:
            add(value, sentence)
        for match in LEGAL.finditer(rest):
            book = ROMAN.get(match["book"], match["book"])
            value = f"SGB {book}"
            if match["para"]:
                value = _normalize_paragraph(match["para"]) + " " + value
            add(value, sentence)
        for value in _other_laws(sentence):
            add(value, sentence)
    return (found or None), evidence


# Validity rules ------------------------------------------------------------------------------

IN_FORCE = re.compile(
    r"in\s+Kraft|Wirkung\s+(?:vom|zum|ab)|wirksam\s+(?:ab|mit|zum|am)|\bbeginnt\s+(?:am|mit|zum)|"
    r"\bgilt\s+(?:ab|vom|seit)\b|\bLaufzeit\s*:|Beginn\s+(?:der\s+)?(?:Laufzeit|Zusammenarbeit)\s*:",
    re.I,
)
# by the word's tail, so that an OCR misreading of its start ("Üriterzeichnung") still counts
SIGNATURE = re.compile(r"terzeichn|nterschri", re.I)
FIXED_START = re.compile(
    r"(?:(?:am|zum|ab(?:\s+dem)?|mit\s+Wirkung\s+(?:vom|zum|ab)|vom|von|ab)\s+|"
    r"(?:Laufzeit|Beginn)\s*:\s*(?:vom\s+|von\s+)?)$",
    re.I,
)


# a law's history inside a citation: "zuletzt geändert durch … in Kraft getreten am 4. Juli 2015"
STATUTE_HISTORY = re.compile(
    r"zuletzt\s+geändert|Fassung\s+der\s+Bekanntmachung|\bGV\.?\s?NRW|GVBl|BGBl|Gesetz(?:es)?\s+vom",
    re.I,
)


def find_effective(all_sentences):
    for sentence in all_sentences:
        if not IN_FORCE.search(sentence) or re.search(r"außer\s+Kraft", sentence, re.I):
            continue
        if re.search(r"in\s+Kraft\s+getreten", sentence, re.I) and (
            STATUTE_HISTORY.search(sentence)
            or re.search(r"\)\s*,?\s*in\s+Kraft\s+getreten", sentence)
        ):
            continue  # a cited law's own entry into force
        for start, _end, value in find_dates(sentence):
            before = sentence[max(0, start - 40) : start]
            if FIXED_START.search(before) and not END_CUES.search(before):
                return "fixed_date", value, sentence
        if SIGNATURE.search(sentence):
            return "on_signature", None, sentence
    return None, None, None


TERMINATION = re.compile(r"kündig|kündbar|Kündigung", re.I)
RENEWAL = re.compile(r"verlänger", re.I)
END_CUES = re.compile(
    r"(?:bis\s+(?:zum|einschließlich|am)?|endet\s+(?:am|mit\s+(?:dem\s+)?Ablauf\s+des|zum)|"
    r"befristet\s+bis(?:\s+zum)?|mit\s+Ablauf\s+des|Laufzeit\s+bis(?:\s+zum)?)\s*$",
    re.I,
)
UNLIMITED = re.compile(r"unbestimmte\s+Zeit|unbefristet", re.I)
INITIAL_CUES = re.compile(
    r"(?:Laufzeit|Dauer|Zeitraum|zunächst|befristet\s+auf|gilt\s+für|für|"
    r"geschlossen\s+für|abgeschlossen\s+für)\s+(?:beträgt\s+)?(?:von\s+|auf\s+)?"
    r"(?:zunächst\s+)?(?:insgesamt\s+)?$",
    re.I,
)
RENEWAL_CUES = re.compile(
    r"(?:\bum|\bfür|jeweils)\s+(?:jeweils\s+)?(?:(?:ein|eine|einen)\s+)?"
    r"(?:weitere[nsr]?\s+)?$",
    re.I,
)
NOTICE_LEFT = re.compile(
    r"(?:Frist|Kündigungsfrist(?:\s+beträgt)?|Einhaltung\s+(?:einer|der)\s+\w*frist|"
    r"spätestens|mindestens|Frist\s+von)\s+(?:von\s+)?(?:mindestens\s+|jeweils\s+)?$",
    re.I,
)
NOTICE_RIGHT = re.compile(
    r"^\s*(?:vorher|vor\s+(?:dem\s+|der\s+)?(?:Ablauf|Ende|Beginn)|im\s+Voraus|"
    r"(?:zum|zu)\s+\w+\s+(?:gekündigt|kündig|kündbar)|gekündigt|kündig|kündbar|"
    r"(?:Kündigungs)?[Ff]rist\b)",
    re.I,
)
ANCHORS = [
    (
        "end_of_year",
        re.compile(
            # "Schuljahresende", "Kitajahresende" are no calendar year's end
            r"(?<![^\W\d_])(?:Kalender|Haushalts)?jahres(?:ende|schluss|ablauf)"
            r"|Ende\s+(?:eines|des|jedes)\s+(?:Kalender|"
            r"Haushalts)?jahres|Schluss\s+(?:eines|des)\s+(?:Kalender)?jahres|Kalenderjahres|"
            r"zum\s+31\.\s?12\.",
            re.I,
        ),
    ),
    (
        "end_of_quarter",
        re.compile(
            r"Quartal|Vierteljahresende|Ende\s+(?:eines|des)\s+(?:Kalender)?vierteljahr", re.I
        ),
    ),
    (
        "end_of_month",
        re.compile(
            r"Monatsende|Monatsschluss|Monatsletzten|Ende\s+(?:eines|des|jedes)\s+"
            r"(?:Kalender)?monats",
            re.I,
        ),
    ),
]


OTHER_ANCHOR = re.compile(
    r"zum\s+(?:Ende|Schluss|Ablauf)\s+(?:eines|einer|des|der|jedes|jeder)\s+(?:jeweiligen\s+)?"
    r"(?P<what>[\wäöüß]+)|zum\s+(?P<day>\d{1,2}\.\s?\d{1,2}\.)"
    r"|zum\s+(?P<compound>[\wäöüß]+?)(?:ende|schluss|ablauf)\b",  # "zum Schuljahresende"
    re.I,
)
TERM_WORDS = re.compile(r"(?:laufzeit|vertrag|vereinbarung|verlängerung|zeitraum|frist)", re.I)


def notice_anchor(tail):
    """The anchor a notice clause names; None when it names one the rules cannot express
    ("zum Ende eines Schulhalbjahres", "zum 30.06."); end_of_term when it names none."""
    for anchor, pattern in ANCHORS:
        if pattern.search(tail):
            return anchor
    other = OTHER_ANCHOR.search(tail)
    named = other and (other["what"] or other["compound"])
    if other and not (named and TERM_WORDS.search(named)):
        return None
    return "end_of_term"


INITIAL_RIGHT = re.compile(
    r"^\s*(?:Laufzeit|Vertragslaufzeit|Dauer|Geltungsdauer|befristet\b)", re.I
)
TACIT = re.compile(r"verlänger(?:t|n)\s+sich|stillschweigend|automatisch|jeweils", re.I)
OPTIONAL = re.compile(
    r"\bkann\b|\bkönnen\b|möglich|auf\s+Antrag|einvernehmlich|vereinbart\s+werden", re.I
)
TERM_SUBJECT = re.compile(
    r"Vereinbarung|Vertrag|Erklärung|Kooperation|Laufzeit|Dauer|gilt|geschlossen|befristet",
    re.I,
)


def classify_periods(sentence):
    """(kind, period, start) for each period in a sentence: initial, renewal or notice.

    A renewal counts only when it is tacit ("verlängert sich", "stillschweigend"), not
    one the parties may agree on; an initial term only in a sentence about the agreement.
    """
    result = []
    notice_sentence = bool(TERMINATION.search(sentence))
    renewal_sentence = bool(RENEWAL.search(sentence)) and (
        bool(TACIT.search(sentence)) or not OPTIONAL.search(sentence)
    )
    term_sentence = bool(TERM_SUBJECT.search(sentence))
    for start, end, period in find_periods(sentence):
        left = sentence[max(0, start - 60) : start]
        right = sentence[end : end + 60]
        token = sentence[start:end].lower()
        if notice_sentence and (
            NOTICE_LEFT.search(left) or NOTICE_RIGHT.match(right) or "frist" in token
        ):
            result.append(("notice", period, start))
        elif renewal_sentence and RENEWAL_CUES.search(left):
            result.append(("renewal", period, start))
        elif term_sentence and (INITIAL_CUES.search(left) or INITIAL_RIGHT.match(right)):
            result.append(("initial", period, start))
    return result


def find_terms(all_sentences):
    """initial_term, end_date, renewal_term, notice_period, notice_anchor with evidence."""
    found = {}
    evidence = {}

    def put(name, value, sentence):
        if name not in found:
            found[name] = value
            evidence[name] = sentence

    for sentence in all_sentences:
        if re.search(r"außer\s+Kraft", sentence, re.I):
            continue
        for kind, period, start in classify_periods(sentence):
            if kind == "notice":
                put("notice_period", period, sentence)
                put("notice_anchor", notice_anchor(sentence[start:]), sentence)
            elif kind == "renewal":
                put("renewal_term", period, sentence)
            elif kind == "initial":
                put("initial_term", period, sentence)
        if "end_date" not in found and TERM_SUBJECT.search(sentence):
            for start, _end, value in find_dates(sentence):
                before = sentence[max(0, start - 40) : start]
                if END_CUES.search(before) and not TERMINATION.search(before):
                    put("end_date", value, sentence)
                    break
        if UNLIMITED.search(sentence) and "initial_term" not in found:
            evidence.setdefault("initial_term", sentence)
            evidence.setdefault("end_date", sentence)
    # A calendar anchor named without a period ("zum Jahresende kündbar") stays unset.
    if "renewal_term" in found and "initial_term" not in found and "end_date" not in found:
        sentence = evidence["renewal_term"]
        if re.search(r"jeweils", sentence, re.I):
            found["initial_term"] = found["renewal_term"]
            evidence["initial_term"] = sentence
    if "initial_term" in found and "end_date" in found:
        # Both named: the end date is the stronger statement ("bis zum 31.12.2018").
        del found["initial_term"]
        evidence.pop("initial_term", None)
    return found, evidence


SCHRIFT = re.compile(r"Schriftform|schriftlich|in\s+Schrift", re.I)
TEXTFORM = re.compile(r"Textform|per\s+E-?Mail|formlos", re.I)
AMENDMENT = re.compile(r"Änderung|Ergänzung|Nebenabrede|Abänderung", re.I)


def find_written_form(all_sentences):
    amendments = termination = None
    evidence = {}
    for sentence in all_sentences:
        if SCHRIFT.search(sentence) or TEXTFORM.search(sentence):
            written = bool(SCHRIFT.search(sentence)) and not TEXTFORM.search(sentence)
            if amendments is None and AMENDMENT.search(sentence):
                amendments = written
                evidence["written_form_amendments"] = sentence
            if termination is None and TERMINATION.search(sentence):
                termination = written
                evidence["written_form_termination"] = sentence
    return amendments, termination, evidence


# All fields ----------------------------------------------------------------------------------


def extract_fields(paragraphs, furniture=()):
    """The fields (see FIELDS) and ``evidence`` {field: sentence} of an agreement's paragraphs."""
    split_body = [(p, sentences(p.text)) for p in paragraphs if not p.heading]
    all_sentences = [s for _p, split in split_body for s in split]
    result = dict.fromkeys(FIELDS)
    evidence = {}

    title, source, title_paragraphs = title_block(paragraphs)
    if title:
        result["title"] = title
        evidence["title"] = source
        result["kind"] = find_kind(title)
        evidence["kind"] = source

    parties, source = find_parties(paragraphs, evidence.get("title", ""), title_paragraphs)
    if parties:
        result["parties"] = parties
        evidence["parties"] = source
    intended, source = find_intended(all_sentences)
    if intended:
        result["intended_parties"] = [n for n in intended if n not in (parties or [])] or None
        if result["intended_parties"]:
            evidence["intended_parties"] = source

    place, place_source, day, day_source = find_place_date(paragraphs, furniture)
    if place:
        result["place"] = place
        evidence["place"] = place_source
    if not day and title:
        day, day_source = title_date(title), title
    if day:
        result["date"] = day.isoformat()
        evidence["date"] = day_source

    # the title as one line: a reference broken over its lines is read whole
    untitled = [
        s for p, split in split_body if not any(p is t for t in title_paragraphs) for s in split
    ]
    bases, source = find_legal_bases(untitled, title)
    if bases:
        result["legal_bases"] = bases
        evidence["legal_bases"] = source

    rule, effective_date, source = find_effective(all_sentences)
    if rule:
        result["effective_rule"] = rule
        evidence["effective_rule"] = source
        if effective_date:
            result["effective_date"] = effective_date.isoformat()
            evidence["effective_date"] = source

    terms, term_evidence = find_terms(all_sentences)
    for name, value in terms.items():
        result[name] = value.isoformat() if hasattr(value, "isoformat") else value
    evidence.update(term_evidence)

    amendments, termination, form_evidence = find_written_form(all_sentences)
    result["written_form_amendments"] = amendments
    result["written_form_termination"] = termination
    evidence.update(form_evidence)

    result["evidence"] = {name: _clean(text)[:600] for name, text in evidence.items() if text}
    return result
