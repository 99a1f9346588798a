"""Warn the editor when minutes look like they contain personal data of third parties.

Pure Python (no Zope). Minutes of a round table must not name young people or other
clients ("gemeinsame Falllagen" stay with the partners who need them), so the editor
gets a warning listing what looks like such data: names in the patterns typical of
German minutes, dates of birth, ages of named persons, addresses, phone numbers, e-mail
addresses, case and customer numbers, bank accounts. It is a warning, not a filter:
some findings are harmless, and nothing here proves a text clean.

How named staff are told apart from third parties
-------------------------------------------------
* ``known``: names (and addresses, phone numbers, e-mail addresses) of people who may be
  named: the contact persons and staff of the partners. The view passes the network's
  Person entries. A name whose words all belong to one known entry is never reported
  ("Frau Müller", "A. Müller" and "Anna Müller" for a known "Anna Müller").
* Context: a titled name followed by an institution or a staff role ("Frau Müller vom
  Jobcenter", "Herr Kaya (BFO)", "Frau Schmidt, Fallmanagerin") or preceded by a role
  ("Kollegin Frau Weber") is taken for staff, and so is every other mention of that name
  ("Herr Becker, BFO" ... "Herr Becker begrüßt"). Other "Herr X"/"Frau X" are reported: in
  minutes, a titled stranger is more often a client than not, and a warning costs less
  than a published name. An age right after a name always counts as a third party.
* Institutional contact data is not personal: functional e-mail addresses (info@,
  kontakt@, ...), switchboard numbers (ending in -0) and addresses on a line that names
  the venue ("Ort: ...") are skipped.

HTML (rich text) is read as its text: tags are dropped (block tags separate words),
entities decoded, and every finding's ``start``/``end`` point into the markup as given,
so that a view can highlight them there; ``text`` is the finding as plain text.
"""

from dataclasses import dataclass

import html as htmllib
import re


KINDS = (
    "person",
    "birth_date",
    "age",
    "address",
    "phone",
    "email",
    "case_number",
    "bank_account",
)

MESSAGES = {
    "thirdparty_person": "Looks like the name of a person who is not known as staff.",
    "thirdparty_birth_date": "Looks like a date of birth.",
    "thirdparty_age": "Looks like the age of a person.",
    "thirdparty_address": "Looks like a postal address.",
    "thirdparty_phone": "Looks like a phone number.",
    "thirdparty_email": "Looks like a personal e-mail address.",
    "thirdparty_case_number": "Looks like a case or customer number.",
    "thirdparty_bank_account": "Looks like a bank account number.",
    "thirdparty_warning": (
        "The text may contain personal data of third parties (${count} places). "
        "Minutes must not name young people or other clients."
    ),
}


@dataclass(frozen=True)
class Finding:
    kind: str
    text: str  # as plain text
    start: int  # offsets into the input as given (the markup for HTML)
    end: int

    @property
    def msgid(self):
        return f"thirdparty_{self.kind}"

    @property
    def default(self):
        return MESSAGES[self.msgid]

    def to_json(self):
        return {
            "kind": self.kind,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "msgid": self.msgid,
            "default": self.default,
        }


# ---------------------------------------------------------------- HTML

BLOCK_TAGS = {
    "address",
    "article",
    "blockquote",
    "br",
    "dd",
    "div",
    "dl",
    "dt",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "td",
    "th",
    "tr",
    "ul",
}
_MARKUP = re.compile(
    r"(?P<skip><!--.*?-->|<(?P<raw>script|style)\b.*?</(?P=raw)\s*>)"
    r"|(?P<tag></?(?P<name>[a-zA-Z][a-zA-Z0-9]*)\b[^>]*>)"
    r"|(?P<entity>&(?:#\d+|#[xX][0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);)",
    re.S | re.I,
)
_LOOKS_LIKE_HTML = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*\b[^>]*>|&[a-zA-Z]+;|&#\d+;")


def plain_text(markup):
    """The text of ``markup`` and, per character, its (start, end) in the markup."""
    chars, spans, pos = [], [], 0
    for match in _MARKUP.finditer(markup):
        for i in range(pos, match.start()):
            chars.append(markup[i])
            spans.append((i, i + 1))
        if match.group("tag") and match.group("name").lower() in BLOCK_TAGS:
            chars.append("\n")
            spans.append((match.start(), match.start()))
        elif match.group("entity"):
            for char in htmllib.unescape(match.group("entity")):
                chars.append(char)
                spans.append((match.start(), match.end()))
        pos = match.end()
    for i in range(pos, len(markup)):
        chars.append(markup[i])
        spans.append((i, i + 1))
    return "".join(chars), spans


# ---------------------------------------------------------------- patterns

UP, LOW = "A-ZÄÖÜ", "a-zäöüß"
NAME = rf"[{UP}][{LOW}]+(?:-[{UP}][{LOW}]+)?"
INITIAL = rf"[{UP}]\."

# Frequent given names in German youth services (German, Turkish, Arabic, Slavic, ...).
# Names that are also common words (Ernst, Mark, Frank, Rose) are left out.
_GIVEN_NAMES = """
    Aaron Adam Ahmad Ahmed Aisha Alexander Alexandra Ali Alina Amelie Amir Ana Andreas
    Angelika Anja Anna Anne Annika Anton Arne Aylin Ayse Ayşe Ben Benjamin Bernd Bianca
    Birgit Can Carina Carla Carolin Christian Christina Claudia Daniel Daniela David Deniz
    Dennis Dirk Dominik Dmitri Elias Elif Elena Elisa Ella Emily Emil Emilia Emin Emir Emma
    Emre Erik Fabian Fatima Fatma Felix Finn Florian Franziska Hamza Hannah Hanna Hassan
    Heike Helena Hussein Ibrahim Ida Isabel Jacqueline Jan Jana Janina Jannik Jasmin Jens
    Jessica Johanna Johannes Jonas Jonathan Josef Joshua Julia Julian Justin Kai Karim
    Katharina Kathrin Kerstin Kevin Khaled Kim Klara Laura Lea Lena Leon Leonie Leyla Lina
    Linda Lisa Lukas Luca Luis Lara Mahmoud Maik Malte Mandy Manuel Marcel Marco Maria Marie
    Mario Marius Markus Martin Martina Marvin Mathias Matthias Max Maximilian Mehmet Melanie
    Melissa Merve Mia Michael Michelle Mila Mohamed Mohammad Mohammed Moritz Murat Mustafa
    Nadine Natalia Nico Niklas Nils Nina Noah Nora Oksana Olga Omar Oliver Pascal Patrick
    Paul Paula Peter Petra Philipp Piotr Rafael Ramona Rene René Robin Ronja Sabine Sabrina
    Samir Sandra Sara Sarah Sascha Sebastian Selin Sergej Simon Sina Sofia Sophia Sophie
    Stefan Stefanie Steffen Stephanie Susanne Sven Tanja Thomas Tim Timo Tobias Tom Torsten
    Ulrike Ursula Uwe Valentina Vanessa Viktor Viktoria Yasin Yusuf Zeynep
"""
GIVEN_NAMES = frozenset(_GIVEN_NAMES.split())

TITLE = r"(?:Herrn?|Frau|Hr\.|Fr\.)"
ROLE = (
    r"(?:Ober)?[Bb]ürgermeister|Dezernent|Minister|Vorsitzende|Direktor|Präsident|Kolleg"
    r"|Amtsleiter|Abteilungsleiter|Teamleiter|Bereichsleiter|Leiter|Geschäftsführer"
    r"|Koordinator|Berater|Fallmanager|Sachbearbeiter|Mitarbeiter|Referent|Rektor|Lehrer"
    r"|Schulsozialarbeiter|Sozialarbeiter|Sozialpädagog|Pfarrer|Abgeordnete|Landrat|Landrätin"
    r"|Stadtrat|Stadträtin|Beigeordnete|Integrationsfachkraft|Vermittler|Moderator"
    r"|Protokollant|Ansprechpart|Vertreter|Projektleiter|Coach|Jobcoach|Bildungsbegleiter"
)
ROLE_WORD = rf"(?:{ROLE})(?:in|innen|en|e|er|r|s|ner|nerin)?\b"
INSTITUTION = (
    r"(?:Jobcenter|Agentur|Arbeitsagentur|Jugendamt|Jugendberufsagentur|Stadt|Stadtverwaltung"
    r"|Kreis|Landkreis|Schulamt|Sozialamt|Schule|Berufskolleg|Gymnasium|Realschule"
    r"|Gesamtschule|Hauptschule|Kammer|Handwerkskammer|Caritas|Diakonie|Träger|Bildungsträger"
    r"|Beratungsstelle|Koordinierungsstelle|Verein|Projekt|Team|Bereich|Fachbereich|Amt"
    r"|Ministerium|Bezirksregierung|Kommune|Gemeinde|Netzwerk|Jugendhilfe|Jugendmigrationsdienst"
    r"|[A-ZÄÖÜ]{2,})"
)
STAFF_AFTER = re.compile(
    rf"\s*(?:\(\s*(?:{INSTITUTION}|{ROLE_WORD})"
    rf"|,\s*(?:(?:die|der|unsere?r?)\s+)?(?:{ROLE_WORD}|{INSTITUTION})"
    rf"|\s+(?:vo[mn]|aus\s+de[mr]|bei[m]?|für\s+d(?:as|ie|en))\b"
    rf"|\s+\((?:{NAME}\s+)?[A-ZÄÖÜ]{{2,}}\))"
)
STAFF_BEFORE = re.compile(rf"{ROLE_WORD}\s*(?:{TITLE}\s+)?(?:(?:Dr|Prof)\.\s+)?$")
AGE_AFTER = re.compile(
    r"\s*(?:\(\s*\d{1,2}(?:\s*(?:J\.|Jahre))?\s*\)|,\s*\d{1,2}\s*(?:J\.|Jahre\b|,))"
)
TITLED = re.compile(rf"\b{TITLE}[^\S\n]+(?:(?:Dr|Prof)\.[^\S\n]+)?(?P<name>{NAME}|{INITIAL})")
CLIENT_NOUN = (
    r"(?:Jugendliche[rn]?|Schüler(?:in)?|Teilnehmer(?:in)?|Teilnehmende[rn]?|Kunde|Kundin"
    r"|Klient(?:in)?|Azubi|Auszubildende[rn]?|Bewerber(?:in)?|Leistungsberechtigte[rn]?"
    r"|Alleinerziehende[rn]?|Mutter|Vater|Sohn|Tochter|Praktikant(?:in)?|Ratsuchende[rn]?"
    r"|junge[rn]?[^\S\n]+(?:Mann|Frau|Mensch|Erwachsene[rn]?)|Heranwachsende[rn]?)"
)
SINGULAR_VERB = (
    r"(?:hat|ist|war|wird|wurde|soll|kann|möchte|will|befindet|besucht|nimmt|erscheint|lebt"
    r"|wohnt|braucht|benötigt|sucht|beginnt|bricht|absolviert|erhält|bekommt|hatte|konnte"
    r"|sollte|wollte|macht|geht|fehlt|fehlte|kam|kommt)"
)
CLIENT = re.compile(
    rf"\b{CLIENT_NOUN}[^\S\n]+(?P<name>{INITIAL}|{NAME})(?P<rest>(?:[^\S\n]+(?:{INITIAL}|{NAME}))?)"
)
CASE = re.compile(rf"\b[Ff]all(?:es)?[^\S\n]+(?P<name>{INITIAL}|{NAME})")
CASE_END = re.compile(
    rf"\s*(?:[,.;:!?()]|\n|$|{SINGULAR_VERB}\b|und\b|besprochen|erörtert|vorgestellt|beraten)"
)
INITIAL_SURNAME = re.compile(
    rf"(?<![\w.])(?P<name>[{UP}]\.[^\S\n]?(?:[{UP}]\.[^\S\n]?)?[{UP}][{LOW}]{{2,}}(?:-[{UP}][{LOW}]+)?)"
)
# a lookahead, so that "Fall Jonas B." is seen as "Fall Jonas" and as "Jonas B."
GIVEN = re.compile(rf"(?=\b(?P<name>{NAME})(?P<rest>[^\S\n]+(?:{NAME}|{INITIAL}))?(?!-))")
NOT_A_SURNAME = re.compile(
    r"(?:Schule|Gymnasium|Realschule|Gesamtschule|Hauptschule|Berufskolleg|Haus|Straße"
    r"|Platz|Stiftung|Kolleg|Zentrum|Kita|Kindergarten|Heim|Werk|Preis|Park|Brücke|Kirche)$"
)
NOT_A_NAME = {
    "Nr",
    "Nummer",
    "Management",
    "Manager",
    "Fallmanagement",
    "Anlage",
    "Punkt",
    "Top",
}
HEADING_WORDS = re.compile(r"(?:Punkt|TOP|Anlage|Abschnitt|Teil|Ziffer|Seite)\s*$")
SAINT = re.compile(r"(?:St\.|Sankt|Heilige[rn]?)\s*$")

BIRTH_DATE = re.compile(
    r"(?:\b[Gg]eb(?:oren)?\.?(?:\s+am)?|\bGeburtsdatum:?|\bGeb\.-Datum:?|\*)\s*"
    r"\d{1,2}\.\s?\d{1,2}\.\s?(?:\d{4}|\d{2})\b"
    r"|\b(?:Jahrgang|Jg\.)\s*(?:19|20)\d{2}\b"
)
AGE = re.compile(
    r"\b(?:ist|wird|war|wurde)\s+\d{1,2}\s+Jahre\s+alt\b"
    r"|\b(?:[Dd]er|[Dd]ie|[Dd]as|[Ee]ine?r?|[Dd]em|[Ee]inem)\s+\d{1,2}-[Jj]ährige[rn]?\b"
    rf"|(?:\b[{UP}][{LOW}]+|\b[{UP}]\.)\s?(?P<paren>\(\s*\d{{2}}\s*(?:J\.|Jahre)?\s*\))"
)
STREET = re.compile(
    rf"\b(?:[{UP}][{LOW}]+[\s-])?(?:[{UP}][{LOW}-]*)?"
    r"(?:[Ss]tra(?:ße|sse)|[Ss]tr\.|[Ww]eg|[Pp]latz|[Aa]llee|[Gg]asse|[Rr]ing|[Dd]amm|[Uu]fer"
    r"|[Cc]haussee|[Pp]fad|[Ss]teig)"
    r"\s+\d{1,4}(?:\s?[a-z])?\b"
)
POSTCODE = re.compile(rf"\b\d{{5}}[^\S\n]+(?P<city>[{UP}][{LOW}]+(?:[ -][{UP}][{LOW}]+)?)")
NOT_A_CITY = {"Euro", "Plätze", "Stunden", "Personen", "Menschen", "Jugendliche", "Fälle"}
VENUE_LINE = re.compile(
    r"[ \t]*(?:Ort|Tagungsort|Sitzungsort|Veranstaltungsort|Treffpunkt|Anschrift|Adresse)\b"
)
PHONE = re.compile(r"(?<![\w/.,+-])(?:\+49|0049|0)\s?\(?[1-9][\d /()-]{5,20}\d(?!\d|[.,]\d)")
# bounded runs that start at a boundary: no quadratic backtracking on long words
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}\b")
FUNCTIONAL_MAIL = re.compile(
    r"^(?:info|kontakt|post|poststelle|mail|office|service|team|sekretariat|jba"
    r"|jugendberufsagentur|buero|büro|noreply|no-reply|presse|verwaltung|zentrale|anmeldung"
    r"|koordination|jobcenter|hotline|datenschutz|webmaster)(?:[.-]|$)",
    re.I,
)
CASE_NUMBER = re.compile(
    r"\b(?:BG-?(?:Nummer|Nr\.?)|Bedarfsgemeinschafts-?(?:nummer|Nr\.?)|Kunden-?(?:nummer|Nr\.?)"
    r"|Kundennr\.?|Kd\.?-?Nr\.?|Fall-?(?:nummer|Nr\.?)|Aktenzeichen|Az\.|Personalnummer"
    r"|(?:Sozial)?[Vv]ersicherungsnummer|Steuer-?ID)\s*:?\s*"
    r"(?=[A-Z0-9/.\- ]{0,30}?\d[A-Z0-9/.\- ]{0,30}?\d[A-Z0-9/.\- ]{0,30}?\d)"
    r"[A-Z0-9][A-Z0-9/.\-]{0,40}(?:\s\d{1,10}){0,4}"
    r"|\b\d{5}BG\d{7}\b|\b\d{3}[A-Z]\d{6}\b"
)
BANK_ACCOUNT = re.compile(r"\bDE\d{2}(?:\s?[0-9]{4}){4}\s?[0-9]{2}\b")
WORD = re.compile(rf"[{UP}{LOW}]+", re.I)
TITLE_WORDS = {"herr", "herrn", "frau", "hr", "fr", "dr", "prof"}


# ---------------------------------------------------------------- known people


class _Known:
    """What may be named: token sets of names, normalised addresses and numbers."""

    def __init__(self, entries):
        self.names, self.texts, self.digits = [], set(), set()
        for entry in entries or ():
            if not isinstance(entry, str) or not entry.strip():
                continue
            tokens = {w.lower() for w in WORD.findall(entry) if len(w) > 1}
            if tokens:
                self.names.append(tokens)
            self.texts.add(_normal(entry))
            digits = re.sub(r"\D", "", entry)
            if len(digits) >= 5:
                self.digits.add(digits.removeprefix("49").lstrip("0"))

    def person(self, text):
        words = [w for w in WORD.findall(text) if w.lower() not in TITLE_WORDS]
        tokens = {w.lower() for w in words if len(w) > 1}
        initials = {w.lower() for w in words if len(w) == 1}
        if not tokens:
            return False
        return any(
            tokens <= entry and all(any(t.startswith(i) for t in entry) for i in initials)
            for entry in self.names
        )

    def other(self, kind, text):
        if kind == "phone":
            return re.sub(r"\D", "", text).removeprefix("49").lstrip("0") in self.digits
        normal = _normal(text)
        return any(normal in known for known in self.texts)


def _normal(text):
    text = re.sub(r"\s+", " ", text.strip().lower())
    return re.sub(r"str(?:\.|asse)(?=\s|$)", "straße", text)


# ---------------------------------------------------------------- detection


def _before(text, start, width=60):
    """The few characters before ``start``, for context patterns that end at it."""
    return text[max(0, start - width) : start]


def _persons(text, known):
    """Names; a name introduced once as staff ("Herr Becker, BFO") is staff in the
    whole text ("Herr Becker begrüßt die Anwesenden")."""
    found, staff = [], []

    def add(start, end, staff_context=True):
        name = text[start:end]
        aged = AGE_AFTER.match(text, end)
        if not aged:
            if known.person(name):
                return
            if staff_context and (
                STAFF_AFTER.match(text, end) or STAFF_BEFORE.search(_before(text, start))
            ):
                staff.append(name)
                return
        found.append(("person", start, end, bool(aged)))

    for match in TITLED.finditer(text):
        name = match.group("name")
        if re.fullmatch(ROLE_WORD, name) or name in NOT_A_NAME:
            continue
        end = match.end()
        if name in GIVEN_NAMES or name.endswith("."):  # "Frau Anna Müller", "Frau A. Müller"
            more = re.compile(rf"[^\S\n]?{NAME}").match(text, end)
            if more:
                end = more.end()
        add(match.start(), end)
    for match in CLIENT.finditer(text):
        name, end = match.group("name"), match.end("name")
        if name.endswith(".") or name in GIVEN_NAMES:
            end = match.end()
        elif name in NOT_A_NAME or not re.compile(rf"\s*(?:,|\(|{SINGULAR_VERB}\b)").match(
            text, match.end("name")
        ):
            continue
        add(match.start("name"), end, staff_context=False)
    for match in CASE.finditer(text):
        name = match.group("name")
        if name in NOT_A_NAME:
            continue
        if name.endswith(".") or name in GIVEN_NAMES or CASE_END.match(text, match.end()):
            add(match.start("name"), match.end("name"), staff_context=False)
    for match in INITIAL_SURNAME.finditer(text):
        before = _before(text, match.start())
        if not text[text.rfind("\n", 0, match.start()) + 1 : match.start()].strip():
            continue  # "A. Organisatorisches" at the start of a line: a heading
        if HEADING_WORDS.search(before):
            continue
        add(match.start(), match.end())
    for match in GIVEN.finditer(text):
        if match.group("name") not in GIVEN_NAMES:
            continue
        if SAINT.search(_before(text, match.start())):
            continue
        rest = match.group("rest")
        if rest and NOT_A_SURNAME.search(rest.strip()):
            continue
        if rest and rest.strip() not in NOT_A_NAME and rest.strip() not in GIVEN_NAMES:
            add(match.start(), match.end("rest"))
        elif re.compile(rf"\s*(?:\(\s*\d|,\s*\d{{1,2}}\b|{SINGULAR_VERB}\b)").match(
            text, match.end("name")
        ):
            add(match.start(), match.end("name"))
    introduced = _Known(staff)
    return [
        (kind, start, end)
        for kind, start, end, aged in found
        if aged or not introduced.person(text[start:end])
    ]


def _others(text, known):
    found = []
    for kind, pattern in (
        ("birth_date", BIRTH_DATE),
        ("age", AGE),
        ("case_number", CASE_NUMBER),
        ("bank_account", BANK_ACCOUNT),
        ("email", EMAIL),
        ("phone", PHONE),
        ("address", STREET),
        ("address", POSTCODE),
    ):
        for match in pattern.finditer(text):
            start, end = match.start(), match.end()
            value = text[start:end]
            if kind == "phone" and (len(re.sub(r"\D", "", value)) < 7 or value.endswith("-0")):
                continue  # too short, or a switchboard (Zentrale: -0)
            if kind == "email" and FUNCTIONAL_MAIL.match(value.split("@")[0]):
                continue
            if kind == "address":
                if pattern is POSTCODE and match.group("city").split()[0] in NOT_A_CITY:
                    continue
                if VENUE_LINE.match(text, text.rfind("\n", 0, start) + 1):
                    continue
            if kind == "age" and match.group("paren"):
                if match.group(0).split()[0].rstrip("(") in NOT_A_NAME:
                    continue
                start = match.start("paren")
            if known.other(kind, text[start:end]):
                continue
            found.append((kind, start, end))
    return found


def warning(findings):
    """The editor's warning for ``findings``: (msgid, default, mapping), or None."""
    if not findings:
        return None
    mapping = {"count": len(findings)}
    text = MESSAGES["thirdparty_warning"].replace("${count}", str(len(findings)))
    return "thirdparty_warning", text, mapping


def find_third_party_data(text, known=(), html=None):
    """Findings in ``text`` (plain or HTML), sorted by position; ``known``: names and
    contact data of staff that may appear. ``html``: None guesses from the text."""
    if text is None:
        return ()
    if not isinstance(text, str):
        raise TypeError("the text to check must be a string")
    if html is None:
        html = bool(_LOOKS_LIKE_HTML.search(text))
    if html:
        plain, spans = plain_text(text)
    else:
        plain, spans = text, None
    people = _Known([known] if isinstance(known, str) else known)
    candidates = _persons(plain, people) + _others(plain, people)
    candidates.sort(key=lambda c: (c[1], -(c[2] - c[1])))
    result, last_end = [], -1
    for kind, start, end in candidates:
        if start < last_end:
            continue  # overlaps a longer or earlier finding
        last_end = end
        snippet = plain[start:end]
        if spans is not None:
            start, end = spans[start][0], spans[end - 1][1]
        result.append(Finding(kind, snippet, start, end))
    return tuple(result)
