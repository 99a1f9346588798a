"""The network's page on the demo network: what it is, and what the visitor may see of it
by kind (partners, agreements, round tables with their next meeting, events)."""

from AccessControl.SecurityManagement import newSecurityManager
from AccessControl.SpecialUsers import nobody
from datetime import datetime
from kooperation.interfaces import IKooperationLayer
from plone import api
from zope.component import getMultiAdapter
from zope.interface import alsoProvides

import pytest


@pytest.fixture
def network(demo_portal):
    network = demo_portal["oberhausen"]
    alsoProvides(network.REQUEST, IKooperationLayer)
    network.REQUEST["LANGUAGE"] = "de"
    return network


def page(network, user):
    """The page as ``user`` sees it (None: anonymous)."""
    view = getMultiAdapter((network, network.REQUEST), name="view")
    if user is None:
        with api.env.adopt_roles(["Anonymous"]):
            newSecurityManager(None, nobody)
            return view, view.sections(), view()
    with api.env.adopt_user(username=user):
        return view, view.sections(), view()


def titles(sections):
    return {s["id"]: [row["title"] for row in s["rows"]] for s in sections}


def test_the_coordinator_sees_the_network_by_kind(network):
    _view, sections, html = page(network, "koordination")
    assert [s["id"] for s in sections] == [
        "network-partners",
        "network-agreements",
        "network-series",
        "network-events",
    ]
    assert [s["heading"] for s in sections] == [
        "Partner",
        "Kooperationsvereinbarungen",
        "Runde Tische und Arbeitskreise",
        "Fortbildungen und Jugendkonferenzen",
    ]
    found = titles(sections)
    assert found["network-partners"][0] == "Jobcenter Oberhausen"
    assert len(found["network-partners"]) == 4
    (agreement,) = sections[1]["rows"]
    assert agreement["title"] == "Kooperationserklärung vom 20.05.2015"
    assert agreement["details"] == "In Kraft"
    # events by their start, with start and state
    events = sections[3]["rows"]
    assert [e["title"] for e in events] == [
        "Gemeinsame Fortbildung 2027: Übergänge gestalten",
        "Jugendkonferenz Oberhausen 2027",
    ]
    assert events[0]["details"] == "18.02.2027 09:00 · Anmeldung geöffnet"
    # the network's fields, not its technical settings; no generic list of everything
    assert "Quartier Oberhausen-Innenstadt (Sozialraum Mitte/Styrum)" in html
    assert "210.000" in html
    assert "Kurzname" not in html
    assert 'id="network-login-hint"' not in html


def test_a_round_table_shows_its_next_meeting(network):
    _view, sections, _html = page(network, "koordination")
    series = {row["title"]: row["details"] for row in sections[2]["rows"]}
    assert series["Runder Tisch „Arbeitsmarkt und Beschäftigung“"] == (
        "Nächster Termin: 19.01.2027 14:00"
    )
    assert series["AK Soziales Mitte/Styrum"] == "Noch kein Termin geplant"


def test_without_a_planned_meeting_the_schedule_gives_the_date(network):
    series = network["runder-tisch-arbeitsmarkt"]
    with api.env.adopt_roles(["Manager"]):
        api.content.delete(obj=series["2027-01-19"])
    _view, sections, _html = page(network, "koordination")
    details = {row["title"]: row["details"] for row in sections[2]["rows"]}
    text = details["Runder Tisch „Arbeitsmarkt und Beschäftigung“"]
    assert text.startswith("Nächster Termin laut Turnus: ")
    day = datetime.strptime(text.rsplit(" ", 1)[1], "%d.%m.%Y").date()
    assert day >= datetime.now().date()
    assert (day - datetime(2026, 11, 10).date()).days % (7 * series.interval_weeks) == 0


def test_anonymous_visitors_see_the_public_part_and_are_told_there_is_more(network):
    _view, sections, html = page(network, None)
    found = titles(sections)
    assert "network-agreements" not in found  # the agreement is not public
    assert "network-events" not in found  # neither the open workshop nor the conference
    assert len(found["network-partners"]) == 4
    assert "Kooperationserklärung" not in html
    assert 'id="network-login-hint"' in html
    assert "sehen die Mitglieder des Netzwerks" in html


def test_staff_see_what_their_roles_allow(network):
    _view, sections, _html = page(network, "jobcenter-u25")
    found = titles(sections)
    assert found["network-agreements"] == ["Kooperationserklärung vom 20.05.2015"]
    assert "Gemeinsame Fortbildung 2027: Übergänge gestalten" in found["network-events"]


def test_whatever_else_the_network_holds_is_listed_last(network):
    with api.env.adopt_roles(["Manager"]):
        api.content.create(container=network, type="Document", id="flyer", title="Flyer 2027")
        api.content.create(container=network, type="Folder", id="material", title="Material")
    _view, sections, _html = page(network, "koordination")
    assert sections[-1]["id"] == "network-more"
    assert sections[-1]["heading"] == "Weitere Inhalte"
    assert sorted(row["title"] for row in sections[-1]["rows"]) == ["Flyer 2027", "Material"]
