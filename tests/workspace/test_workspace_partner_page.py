"""A partner's page on the demo network: its facts, its people with what counts of their
entries (the part the partner confirmed), and its internal area for its staff only."""

from AccessControl.SecurityManagement import newSecurityManager
from AccessControl.SpecialUsers import nobody
from kooperation.interfaces import IKooperationLayer
from plone import api
from zope.component import getMultiAdapter
from zope.interface import alsoProvides

import pytest


@pytest.fixture
def partner(demo_portal):
    partner = demo_portal["oberhausen"]["jobcenter-oberhausen"]
    alsoProvides(partner.REQUEST, IKooperationLayer)
    partner.REQUEST["LANGUAGE"] = "de"
    return partner


def page(partner, user):
    """(facts, people, areas, html) as ``user`` sees them (None: anonymous)."""
    view = getMultiAdapter((partner, partner.REQUEST), name="view")

    def read():
        return view.facts(), view.people(), [b.Title for b in view.areas()], view()

    if user is None:
        with api.env.adopt_roles(["Anonymous"]):
            newSecurityManager(None, nobody)
            return read()
    with api.env.adopt_user(username=user):
        return read()


def test_facts_with_a_value_in_german(partner):
    facts, _people, _areas, html = page(partner, "koordination")
    assert [(f["label"], f["value"]) for f in facts] == [
        ("Kurzname", "Jobcenter"),
        ("Art der Organisation", "Jobcenter"),
        ("Rechtskreise", "SGB II (Grundsicherung für Arbeitsuchende)"),
    ]
    assert "Anschrift" not in html  # empty fields are left out
    assert "jobcenter-oberhausen</" not in html  # no technical settings


def test_people_with_what_counts_of_their_entries(partner):
    _facts, people, _areas, _html = page(partner, "koordination")
    by_name = {p["name"]: p for p in people}
    assert by_name["Petra Demo"]["position"] == "Geschäftsführung"
    assert by_name["Petra Demo"]["roles"] == (
        "Ansprechperson · Zeichnungsberechtigt für den Partner · "
        "Verwaltet die Personen des Partners"
    )
    assert by_name["Markus Beispiel"]["roles"] == "Ansprechperson"


def test_a_proposed_grant_does_not_count_before_the_partner_confirms(partner):
    person = partner["teamleitung-u25"]
    with api.env.adopt_roles(["Manager"]):
        person.may_sign = True  # as written by the coordinator: a proposal
    _facts, people, _areas, _html = page(partner, "koordination")
    roles = {p["name"]: p["roles"] for p in people}["Markus Beispiel"]
    assert "Zeichnungsberechtigt" not in roles
    assert roles == "Ansprechperson · Änderungen warten auf die Bestätigung des Partners"


def test_the_internal_area_is_listed_for_the_partner_s_staff_only(partner):
    assert page(partner, "jobcenter-u25")[2] == ["Interner Bereich"]
    assert page(partner, "koordination")[2] == []
    assert page(partner, "bfo-gf")[2] == []


def test_anonymous_visitors_see_the_partner_not_its_people(partner):
    facts, people, areas, html = page(partner, None)
    assert facts
    assert people == []
    assert areas == []
    assert "Petra Demo" not in html
