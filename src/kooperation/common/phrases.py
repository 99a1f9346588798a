"""A sentence of a pure core: a catalog message id, its English default and its values.

The cores (deadlines, amendments, rotation, reporting) keep their messages as ids with
English defaults in plain dicts, so that they run and explain themselves without Zope;
in the portal the catalog translates the same ids (``_(phrase.msgid, default=…)``).
Each core subclasses ``Phrase`` with its own ``MESSAGES``.
"""

from dataclasses import dataclass
from dataclasses import field
from datetime import date
from kooperation.common.german import german_datetime
from typing import ClassVar


def interpolate(text, mapping):
    """``text`` with its ``${name}`` placeholders filled as people read them: German dates
    (with the time for a datetime), periods as "6 months"."""
    for key, value in (mapping or {}).items():
        if isinstance(value, date):
            value = german_datetime(value)
        elif hasattr(value, "unit") and hasattr(value, "value"):  # deadlines.Period
            value = f"{value.value} {value.unit}"
        text = text.replace("${" + key + "}", str(value))
    return text


@dataclass(frozen=True)
class Phrase:
    msgid: str
    mapping: dict = field(default_factory=dict, hash=False)
    MESSAGES: ClassVar[dict] = {}

    @property
    def default(self):
        return self.MESSAGES[self.msgid]

    def __str__(self):
        return interpolate(self.default, self.mapping)

    def to_json(self):
        mapping = {k: v.isoformat() if isinstance(v, date) else v for k, v in self.mapping.items()}
        return {"msgid": self.msgid, "default": self.default, "mapping": mapping, "text": str(self)}
