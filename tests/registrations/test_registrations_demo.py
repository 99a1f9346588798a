"""The demo: the Oberhausen workshop open with a few registrations, the youth conference
in consultation with one partner's consent missing."""

from kooperation.registrations import ledger
from plone import api


def test_the_workshop_is_open_with_registrations(demo_portal):
    workshop = demo_portal["oberhausen"]["fortbildung-2027"]
    assert api.content.get_state(workshop) == "registration_open"
    assert ledger.counts(workshop).by_state["confirmed"] == 4
    assert workshop["anmeldung"].portal_type == "EasyForm"


def test_the_youth_conference_waits_for_one_partner(demo_portal):
    conference = demo_portal["oberhausen"]["jugendkonferenz-2027"]
    assert api.content.get_state(conference) == "consultation"
    status = conference.restrictedTraverse("@@conference-status")
    assert status.missing() == ["ZIB Bildungsoffensive – die kurbel"]
    assert not status.all_consented()
