"""Links that may be written and rendered: only http and https (mailto only where an
e-mail address is meant). Pure Python."""

from urllib.parse import urlsplit

import re


WEB_SCHEMES = ("http", "https")
# Control characters and whitespace inside a URL let browsers ignore what follows.
_UNSAFE = re.compile(r"[\x00-\x20\x7f-\x9f\u2028\u2029\u200b-\u200f\u2060\ufeff]")


def is_web_url(value, schemes=WEB_SCHEMES):
    """Whether ``value`` is an absolute http(s) URL with a host (no javascript:, data:,
    vbscript:, protocol-relative or relative links; no whitespace or control characters)."""
    if not isinstance(value, str) or not value or len(value) > 2000 or _UNSAFE.search(value):
        return False
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    if parts.scheme.lower() not in schemes:
        return False
    if parts.scheme.lower() == "mailto":
        return bool(parts.path)
    return bool(parts.netloc) and not parts.netloc.startswith("@")


def safe_url(value, schemes=WEB_SCHEMES):
    """``value`` if it may be rendered as a link, else None (for values stored before
    the check existed)."""
    return value if is_web_url(value, schemes) else None
