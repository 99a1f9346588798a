"""German number words, periods ("ein halbes Jahr", "drei Monate") and dates ("20. Mai 2015").

Pure functions over text: the field extraction finds a phrase, these turn it into values.
"""

from datetime import date

import re


UNITS_WORDS = {
    "einer": 1,
    "eins": 1,
    "ein": 1,
    "eine": 1,
    "einen": 1,
    "einem": 1,
    "zwei": 2,
    "zwo": 2,
    "drei": 3,
    "vier": 4,
    "fünf": 5,
    "sechs": 6,
    "sieben": 7,
    "acht": 8,
    "neun": 9,
}
SMALL_WORDS = {
    "zehn": 10,
    "elf": 11,
    "zwölf": 12,
    "dreizehn": 13,
    "vierzehn": 14,
    "fünfzehn": 15,
    "sechzehn": 16,
    "siebzehn": 17,
    "achtzehn": 18,
    "neunzehn": 19,
}
TENS_WORDS = {
    "zwanzig": 20,
    "dreißig": 30,
    "dreissig": 30,
    "vierzig": 40,
    "fünfzig": 50,
    "sechzig": 60,
    "siebzig": 70,
    "achtzig": 80,
    "neunzig": 90,
}
MONTHS = {
    "januar": 1,
    "jänner": 1,
    "februar": 2,
    "märz": 3,
    "maerz": 3,
    "april": 4,
    "mai": 5,
    "juni": 6,
    "juli": 7,
    "august": 8,
    "september": 9,
    "oktober": 10,
    "november": 11,
    "dezember": 12,
}

_UNIT_STEMS = (
    ("days", r"(?:Kalender|Werk|Arbeits)?tag(?:e|en|es)?"),
    ("weeks", r"Wochen?"),
    ("months", r"(?:Kalender)?monat(?:e|en|s)?"),
    ("years", r"(?:Kalender)?jahr(?:e|en|es)?"),
)
UNIT_PATTERN = "|".join(f"(?P<{unit}>{stem})" for unit, stem in _UNIT_STEMS)

_ALL_WORDS = sorted(
    list(UNITS_WORDS) + list(SMALL_WORDS) + list(TENS_WORDS),
    key=len,
    reverse=True,
)
# "vierundzwanzig", "zwölf", "24", "ein": a number as word or digits.
NUMBER_PATTERN = (
    r"(?:\d{1,4}|(?:(?:"
    + "|".join(sorted(UNITS_WORDS, key=len, reverse=True))
    + r")und)?(?:"
    + "|".join(_ALL_WORDS)
    + r"))"
)

# Whole-phrase periods; the order matters: the special phrases come first.
_SPECIAL = [
    (
        re.compile(r"\b(?:ein(?:em|es|en)?\s+)?halb(?:es|en)?\s+Jahr(?:es|e)?\b", re.I),
        (6, "months"),
    ),
    (re.compile(r"\bHalbjahr(?:es)?\b", re.I), (6, "months")),
    (re.compile(r"\banderthalb\s+Jahr(?:e|en)?\b", re.I), (18, "months")),
    (re.compile(r"\b(?:ein(?:em|es)?\s+)?Vierteljahr(?:es)?\b", re.I), (3, "months")),
    (re.compile(r"\bVierteljahresfrist\b", re.I), (3, "months")),
    (re.compile(r"\bHalbjahresfrist\b", re.I), (6, "months")),
]
# "dreimonatige Frist", "6-wöchigen", "zweijährige Laufzeit"
ADJECTIVE_UNITS = {"tägig": "days", "wöchig": "weeks", "monatig": "months", "jährig": "years"}
PERIOD_RE = re.compile(
    r"\b(?P<number>" + NUMBER_PATTERN + r")(?:\s*\(\s*[0-9a-zäöüß]{1,20}\s*\))?\s+"
    r"(?:(?:weitere|weiteres|weiteren|volle|vollen|volles|ganze|ganzes|ganzen)\s+)?"
    r"(?:" + UNIT_PATTERN + r")\b",
    re.I,
)


ADJECTIVE_RE = re.compile(
    r"\b(?P<number>" + NUMBER_PATTERN + r")\s?-?\s?(?P<unit>tägig|wöchig|monatig|jährig)"
    r"(?:e[nmrs]?)?\b",
    re.I,
)


def number_value(word):
    """The value of a German number word or digits; None when it is none."""
    word = word.strip().lower()
    if word.isdigit():
        return int(word)
    if word in UNITS_WORDS:
        return UNITS_WORDS[word]
    if word in SMALL_WORDS:
        return SMALL_WORDS[word]
    if word in TENS_WORDS:
        return TENS_WORDS[word]
    if "und" in word:
        ones, _sep, tens = word.partition("und")
        if ones in UNITS_WORDS and tens in TENS_WORDS:
            return UNITS_WORDS[ones] + TENS_WORDS[tens]
    return None


def _normalize(value, unit):
    """12 months stays 12 months: the text's own unit is kept (the engine handles both)."""
    return {"value": value, "unit": unit}


def find_periods(text):
    """All periods in ``text`` as (start, end, {"value", "unit"}), in order of appearance."""
    found = []
    taken = []
    for match in ADJECTIVE_RE.finditer(text):
        value = number_value(match.group("number"))
        if value:
            unit = ADJECTIVE_UNITS[match.group("unit").lower()]
            found.append((match.start(), match.end(), _normalize(value, unit)))
            taken.append((match.start(), match.end()))
    for pattern, (value, unit) in _SPECIAL:
        for match in pattern.finditer(text):
            found.append((match.start(), match.end(), _normalize(value, unit)))
            taken.append((match.start(), match.end()))
    for match in PERIOD_RE.finditer(text):
        if any(start < match.end() and match.start() < end for start, end in taken):
            continue
        value = number_value(match.group("number"))
        if not value:
            continue
        unit = next(name for name in ("days", "weeks", "months", "years") if match.group(name))
        found.append((match.start(), match.end(), _normalize(value, unit)))
    found.sort(key=lambda item: item[0])
    return found


DATE_NUMERIC = re.compile(r"\b(?P<d>\d{1,2})\s?\.\s?(?P<m>\d{1,2})\s?\.\s?(?P<y>\d{4}|\d{2})\b")
DATE_WORDS = re.compile(
    r"\b(?P<d>\d{1,2})\.\s*(?P<m>" + "|".join(MONTHS) + r")\s+(?P<y>\d{4})\b",
    re.I,
)
DATE_ISO = re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b")


def _make_date(year, month, day):
    if year < 100:
        year += 2000
    try:
        return date(year, month, day)
    except ValueError:
        return None


def find_dates(text):
    """All dates in ``text`` as (start, end, date), in order of appearance."""
    found = []
    for match in DATE_NUMERIC.finditer(text):
        value = _make_date(int(match["y"]), int(match["m"]), int(match["d"]))
        if value:
            found.append((match.start(), match.end(), value))
    for match in DATE_WORDS.finditer(text):
        value = _make_date(int(match["y"]), MONTHS[match["m"].lower()], int(match["d"]))
        if value:
            found.append((match.start(), match.end(), value))
    for match in DATE_ISO.finditer(text):
        value = _make_date(int(match["y"]), int(match["m"]), int(match["d"]))
        if value:
            found.append((match.start(), match.end(), value))
    found.sort(key=lambda item: item[0])
    return found


def first_date(text):
    dates = find_dates(text)
    return dates[0][2] if dates else None
