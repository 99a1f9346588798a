"""Spreadsheet-safe cells for every export (OWASP "CSV injection"); plain Python.

A cell that starts with one of FORMULA_PREFIXES is run as a formula by spreadsheets;
it gets a leading apostrophe. Numbers stay numbers, ``None`` becomes an empty cell.
"""

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """A cell value that a spreadsheet shows as text, never runs as a formula."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value
