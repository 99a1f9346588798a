"""The server-side SVG chart (pure)."""

from kooperation.members.chart import line_chart
from kooperation.members.chart import nice_max
from xml.etree import ElementTree

import pytest


@pytest.mark.parametrize(
    ("value", "expected"), [(0, 1), (1, 1), (3, 5), (7, 10), (130, 200), (219, 500), (1000, 1000)]
)
def test_nice_max(value, expected):
    assert nice_max(value) == expected


def test_well_formed_with_a_line_per_series_and_escaped_labels():
    svg = line_chart(
        ["30.06.2018", "30.09.2018"], [("SGB <VIII>", [120, 130]), ("frei & offen", [39, 31])], "T"
    )
    root = ElementTree.fromstring(svg)
    ns = {"s": "http://www.w3.org/2000/svg"}
    assert len(root.findall("s:polyline", ns)) == 2
    assert len(root.findall("s:circle", ns)) == 4
    texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert "SGB <VIII>" in texts
    assert "frei & offen" in texts


def test_single_point_draws_dots_and_nothing_draws_nothing():
    svg = line_chart(["15.11.2018"], [("Plätze", [219])], "T")
    assert "<polyline" not in svg
    assert "<circle" in svg
    assert line_chart([], [], "T") == ""
