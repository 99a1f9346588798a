"""How German readers write dates and numbers: 20.05.2015, 20.05.2015 14:00, 210.000.

Pure (no Zope): the domain cores format their messages with it too. Everything accepts
what the content holds: date, datetime, Zope DateTime, an ISO string ("2026-12-15", as
rows store them) or nothing.
"""

from datetime import date
from datetime import datetime

import re


_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


def _as_python(value):
    if value is None or value == "":
        return None
    if hasattr(value, "asdatetime"):  # Zope DateTime
        return value.asdatetime()
    if isinstance(value, (date, datetime)):
        return value
    if isinstance(value, str):
        match = _ISO_DAY.match(value.strip())
        if match:
            try:
                return datetime.fromisoformat(value.strip())
            except ValueError:
                pass
            try:
                return date(*(int(x) for x in match.groups()))
            except ValueError:  # "2026-13-45": no date, stays as it is
                return value
        return value
    return value


def german_date(value):
    """20.05.2015 (four-digit year); "" for nothing; text that is no date stays as it is."""
    value = _as_python(value)
    if value is None:
        return ""
    if isinstance(value, (date, datetime)):
        return f"{value.day:02d}.{value.month:02d}.{value.year:04d}"
    return str(value)


def german_datetime(value):
    """20.05.2015 14:00; a date without a time is shown as a date."""
    value = _as_python(value)
    if isinstance(value, datetime):
        return f"{german_date(value)} {value.hour:02d}:{value.minute:02d}"
    return german_date(value)


def german_number(value):
    """210.000; 1.234,5 for fractions; "" for nothing."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        try:
            value = float(value) if "." in value else int(value)
        except ValueError:
            return value
    if isinstance(value, float) and not value.is_integer():
        text = f"{value:,.2f}".rstrip("0").rstrip(".")
    else:
        text = f"{int(value):,}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")
