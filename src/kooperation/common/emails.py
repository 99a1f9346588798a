"""One normal form for e-mail addresses, used by registrations and every e-mail field.

Pure Python. ``normalise_email`` applies NFKC (full-width letters become ASCII), removes
zero-width and other format characters, strips, lowercases the domain and drops its
trailing dot; then it checks the address and raises ``InvalidEmailAddress`` when it is
not one that can be delivered to. The local part keeps its case (RFC 5321); duplicates
are recognised by ``email_key`` (the normal form, case-folded).
"""

import re
import unicodedata


MAX_LENGTH = 254
_LOCAL = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$")
_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")


class InvalidEmailAddress(ValueError):
    """Not an e-mail address that mail can be delivered to."""


def _strip_format_characters(text):
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cf")


def normalise_email(value):
    """The normal form of an e-mail address; InvalidEmailAddress otherwise."""
    if not isinstance(value, str):
        raise InvalidEmailAddress(value)
    text = _strip_format_characters(unicodedata.normalize("NFKC", value)).strip()
    if not text or len(text) > MAX_LENGTH + 1 or text.count("@") != 1:
        raise InvalidEmailAddress(value)
    local, domain = text.split("@")
    domain = domain.lower()
    if domain.endswith("."):
        domain = domain[:-1]
    if not (0 < len(local) <= 64 and _LOCAL.match(local)):
        raise InvalidEmailAddress(value)
    try:
        ascii_domain = domain.encode("idna").decode("ascii") if domain else ""
    except UnicodeError:
        raise InvalidEmailAddress(value) from None
    labels = ascii_domain.split(".")
    if len(labels) < 2 or not all(_LABEL.match(label) for label in labels):
        raise InvalidEmailAddress(value)
    if labels[-1].isdigit():
        raise InvalidEmailAddress(value)
    address = f"{local}@{domain}"
    if len(address) > MAX_LENGTH:
        raise InvalidEmailAddress(value)
    return address


def is_email(value):
    """Whether ``value`` is (or normalises to) a deliverable e-mail address."""
    try:
        normalise_email(value)
    except InvalidEmailAddress:
        return False
    return True


def email_key(value):
    """What duplicates are recognised by: the normal form, case-folded."""
    return normalise_email(value).casefold()
