"""Catalog messages from the pure reporting core (``kooperation.members.reporting``).

The core keeps message ids with English defaults in plain dicts; here they become
``zope.i18nmessageid`` messages so that forms, services and mails translate them.
"""

from kooperation import _
from kooperation.members.reporting import MESSAGES


def message(pure):
    """A translatable message for a ``kooperation.members.reporting.Message``."""
    mapping = {
        key: (value.strftime("%d.%m.%Y") if hasattr(value, "strftime") else value)
        for key, value in pure.mapping.items()
    }
    return _(pure.msgid, default=MESSAGES[pure.msgid], mapping=mapping)
