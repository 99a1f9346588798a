"""The export neutralises formula cells with kooperation.common.csvsafe; numbers stay numbers."""

from datetime import datetime
from kooperation.common.csvsafe import neutralise
from kooperation.registrations.export import export_rows
from kooperation.registrations.export import neutralise_cell
from kooperation.registrations.rules import Registration

import pytest


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+49 208 123", "'+49 208 123"),
        ("-1+1", "'-1+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("Zukunftsbüro", "Zukunftsbüro"),
        ("a=b", "a=b"),
        (None, ""),
        (3, 3),
        (-5, -5),
        (2.5, 2.5),
    ],
)
def test_neutralise_cell(value, cell):
    result = neutralise_cell(value)
    assert result == cell
    assert type(result) is type(cell)


def test_same_rule_as_the_audit_csv():
    for text in ("=1", "+1", "-1", "@a", "\t", "\r", "plain", ""):
        assert neutralise_cell(text) == neutralise(text)


def test_export_rows():
    created = datetime(2026, 4, 1, 12, 0)
    registrations = [
        Registration("r1", "=cmd|' /C calc'!A0@x.de", created, partner="-ZIB"),
        Registration("r2", "b@x.de", created, state="waiting", position=1, partner="Stadt"),
    ]
    header, first, second = export_rows(registrations)
    assert header[:5] == ["id", "state", "position", "partner", "email"]
    assert first[3:5] == ["'-ZIB", "'=cmd|' /C calc'!A0@x.de"]
    assert first[2] == ""
    assert second[1:5] == ["waiting", 1, "Stadt", "b@x.de"]
