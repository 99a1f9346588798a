"""A fixed catalogue of hostile request bodies for the fuzz test (issue 14).

Kept in the repository so every run sends the same bodies: wrong types per field,
nesting, sizes and encodings. ``test_security_fuzz.py`` sends them to every product
write endpoint and to a PATCH of every product content type and asserts that no answer
is a 5xx.
"""

import json


# Values of a wrong (or hostile) type, sent as the value of each field in a PATCH body.
FIELD_VALUES = (
    ("object", {}),
    ("object_nested", {"a": {"b": [1, {"c": None}]}}),
    ("list", []),
    ("list_of_objects", [{}]),
    ("list_of_texts", ["x", "31.12.2023"]),
    ("int", 1),
    ("negative", -1),
    ("huge_int", 10**40),
    ("float", 1.5),
    ("true", True),
    ("null", None),
    ("empty", ""),
    ("german_date", "31.12.2023"),
    ("year_zero", "-0001-01-01"),
    ("javascript", "javascript:alert(1)"),
    ("zero_width", "\u200b"),
    ("nul", "a\x00b"),
    ("long_text", "x" * 100_001),
    ("nested_40", json.loads("[" * 40 + "]" * 40)),
)

# Whole bodies: (name, raw bytes, content type). Sent to every write endpoint.
MAX_DEPTH = 50_000
RAW_BODIES = (
    ("deep_arrays", b"[" * MAX_DEPTH + b"]" * MAX_DEPTH, "application/json"),
    ("deep_objects", b'{"a":' * MAX_DEPTH + b"1" + b"}" * MAX_DEPTH, "application/json"),
    (
        "deep_in_field",
        b'{"title": ' + b"[" * MAX_DEPTH + b"]" * MAX_DEPTH + b"}",
        "application/json",
    ),
    ("not_json", b"{title: 'x'", "application/json"),
    ("truncated", b'{"title": "x', "application/json"),
    ("bad_utf8", b'{"title": "\xff\xfe\xfa"}', "application/json"),
    ("utf16", '{"title": "x"}'.encode("utf-16"), "application/json"),
    ("null", b"null", "application/json"),
    ("array", b"[]", "application/json"),
    ("number", b"1", "application/json"),
    ("string", b'"x"', "application/json"),
    ("nan", b'{"title": NaN, "capacity": Infinity}', "application/json"),
    ("duplicate_keys", b'{"title": "a", "title": {}}', "application/json"),
    ("lone_surrogate", b'{"title": "\\ud800"}', "application/json"),
    ("text_plain", b'{"title": "x"}', "text/plain"),
    ("form", b"title=x&partner=y", "application/x-www-form-urlencoded"),
    ("wide_object", json.dumps({f"k{i}": i for i in range(20_000)}).encode(), "application/json"),
)

# One body above the stated limit (kooperation.common.requestlimits.MAX_BODY_BYTES).
OVERSIZED = 33 * 1024 * 1024


def patch_bodies(fields):
    """(name, body) for every field and hostile value."""
    for field in fields:
        for name, value in FIELD_VALUES:
            yield f"{field}={name}", {field: value}
