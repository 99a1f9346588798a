"""What the proposal form gathers, as the data the REST API stores (pure Python, no Zope).

The form shows every validity rule with its value in force; the amendment keeps only
the rules that differ (``rule_changes``), in the JSON shapes of the REST rule fields.
Section changes are checked one after the other so that the form can point at the
change (row) that does not apply (``first_bad_change``).
"""

from datetime import date
from kooperation.amendments.texts import AmendmentError
from kooperation.amendments.texts import apply_changes
from kooperation.amendments.texts import RULE_NAMES
from kooperation.amendments.texts import SectionChange
from kooperation.amendments.texts import text_blocks
from kooperation.deadlines import Period


# The part of a change row an AmendmentError of ``texts`` is about.
ROW_PART = {
    "error_change_operation": "operation",
    "error_change_key_missing": "key",
    "error_section_unknown": "key",
    "error_change_text_missing": "html",
    "error_section_duplicate": "html",
}
# Operations offered in a row; "replace_all" stays with the REST API.
ROW_OPERATIONS = ("replace", "insert_after", "delete")


def rule_json(value):
    """A rule value in the shape of the REST rule fields."""
    if isinstance(value, Period):
        return value.to_json()
    if isinstance(value, date):
        return value.isoformat()
    return value


def rule_changes(rules, values, stored=None):
    """The ``rules`` of an amendment: each of ``values`` (name -> value) that differs from
    ``rules`` (the rules in force), as JSON; rules of ``stored`` the form does not show
    are kept."""
    result = {name: value for name, value in (stored or {}).items() if name not in values}
    for name, value in values.items():
        if name not in RULE_NAMES:
            raise AmendmentError("error_rule_unknown", {"name": name}, field="rules")
        if value != getattr(rules, name):
            result[name] = rule_json(value)
    return result


def row_change(operation, key, html):
    """The JSON of one change row, or None for a row without operation (left empty)."""
    if not operation:
        return None
    if not text_blocks(html or ""):  # an editor's empty paragraph is no wording
        html = ""
    return {
        "operation": operation,
        "key": key or None,
        "html": "" if operation == "delete" else (html or ""),
    }


def first_bad_change(html, changes):
    """(index, part, AmendmentError) of the first change that does not apply to ``html``
    after the ones before it, else None; ``part`` is "operation", "key" or "html"."""
    done = []
    for index, change in enumerate(changes):
        try:
            done.append(SectionChange.from_json(change))
            apply_changes(html, done)
        except AmendmentError as error:
            return index, ROW_PART.get(error.msgid, "html"), error
    return None
