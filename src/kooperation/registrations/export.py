"""Rows of the coordinators' CSV/XLSX export, safe against spreadsheet formula injection.

Every export of the product neutralises cells with
``kooperation.common.csvsafe.neutralise``, so all follow one rule.
"""

from kooperation.common.csvsafe import neutralise
from kooperation.registrations.rules import STATES

import numbers


FIELDS = ("id", "state", "position", "partner", "email", "created", "awaiting")


def neutralise_cell(value):
    """A cell value a spreadsheet shows as data: numbers stay numbers (XLSX writes them as
    numbers, so -5 is no formula), text starting with = + - @ tab or CR gets a leading
    apostrophe, None becomes the empty text."""
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        return value
    return neutralise(value)


def export_rows(registrations):
    """Header and one row per registration, every cell neutralised."""
    yield list(FIELDS)
    for r in registrations:
        yield [
            neutralise_cell(value)
            for value in (
                r.id,
                r.state,
                r.position,
                r.partner,
                r.email,
                r.created.isoformat(),
                " ".join(r.awaiting),
            )
        ]


__all__ = ["FIELDS", "STATES", "export_rows", "neutralise_cell"]
