"""Extracted party names to the partners of a network."""

from kooperation.pdfimport.portal import match_parties
from kooperation.pdfimport.portal import match_partner

import pytest


class FakePartner:
    def __init__(self, uid, title, short_name=None):
        self.uid, self.title, self.short_name = uid, title, short_name

    def Title(self):
        return self.title

    def UID(self):
        return self.uid


PARTNERS = [
    FakePartner("jc", "Jobcenter Oberhausen"),
    FakePartner("bfo", "Beschäftigungsförderung Oberhausen gGmbH", "BFO"),
    FakePartner("zib", "ZIB Bildungsoffensive – die kurbel", "ZIB"),
    FakePartner("stadt", "Stadt Oberhausen"),
    FakePartner("aa", "Agentur für Arbeit Oberhausen"),
]


@pytest.mark.parametrize(
    ("name", "uid"),
    [
        ("Jobcenter Oberhausen", "jc"),
        ("Beschäftigungsförderung Oberhausen gGmbH (BFO)", "bfo"),
        ("ZIB Bildungsoffensive - die kurbel", "zib"),
        ("Stadt Oberhausen, Bereich Bildung und Jugend", "stadt"),
        ("Agentur für Arbeit Oberhausen", "aa"),
        ("Agentur für Arbeit Duisburg", None),
        ("Jobcenter Essen", None),
        ("Landkreis Wesel", None),
    ],
)
def test_match_partner(name, uid):
    partner = match_partner(name, PARTNERS)
    assert (partner.uid if partner else None) == uid


def test_match_parties_keeps_order_and_reports_the_rest():
    uids, unmatched = match_parties(
        ["Jobcenter Oberhausen", "Verein XY e. V.", "Jobcenter Oberhausen", "BFO gGmbH"],
        PARTNERS,
    )
    assert uids == ["jc", "bfo"]
    assert unmatched == ["Verein XY e. V."]
