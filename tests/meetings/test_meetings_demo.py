"""The round tables of seed 000 in the demo network."""

from datetime import date
from kooperation.interfaces import IKooperationLayer
from kooperation.meetings.series import rotation_plan
from plone import api
from zope.component import getMultiAdapter
from zope.interface import alsoProvides


def test_four_bodies_and_the_rotation(demo_portal):
    net = demo_portal["oberhausen"]
    series = [o for o in net.objectValues() if o.portal_type == "MeetingSeries"]
    assert len(series) == 4
    rt = net["runder-tisch-arbeitsmarkt"]
    partners = [net[p].UID() for p in ("jobcenter-oberhausen", "bfo", "zib")]
    assert rt.members == partners
    meetings = rt.objectValues()
    assert [m.held for m in meetings] == [True, True, False]
    # The first minutes for the network, the second also for the public.
    states = [api.content.get_state(held["protokoll"]) for held in meetings[:2]]
    assert states == ["published", "published_public"]
    upcoming = meetings[2]
    assert upcoming.agenda[1]["presenter"] == "Jobcenter"
    assert set(upcoming.duty_holders.values()) == set(partners)
    plan = rotation_plan(rt, 3, today=date(2026, 11, 25))
    assert len(plan.held) == 2
    # The planned meeting first, then every 8 weeks after it.
    assert [m.day for m in plan.upcoming] == [
        date(2027, 1, 19),
        date(2027, 3, 16),
        date(2027, 5, 11),
    ]
    # The holders set on the planned meeting are kept.
    assert plan.upcoming[0].holders == upcoming.duty_holders
    tally = {row.partner: row for row in plan.tally}
    assert sum(row.held.get("minutes", 0) for row in tally.values()) == 2


def test_upcoming_meeting_shows_open_action_items(demo_portal):
    meeting = demo_portal["oberhausen"]["runder-tisch-arbeitsmarkt"]["2027-01-19"]
    request = meeting.REQUEST
    alsoProvides(request, IKooperationLayer)
    with api.env.adopt_roles(["Manager"]):
        html = getMultiAdapter((meeting, request), name="view")()
    assert "Druck und Verteilung des Flyers" in html
    assert "Termine des AK Soziales für 2027 abstimmen" in html
    assert "Entwurf des gemeinsamen Flyers" not in html  # done
