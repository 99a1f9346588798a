"""iCal: a meeting and the series' feed through plone.app.event's @@ics_view."""

from plone import api
from plone.app.event.interfaces import IBrowserLayer
from zope.component import getMultiAdapter
from zope.interface import alsoProvides


def _ics(obj):
    request = obj.REQUEST
    alsoProvides(request, IBrowserLayer)
    with api.env.adopt_roles(["Manager"]):
        view = getMultiAdapter((obj, request), name="ics_view")
        return view.get_ical_string().decode()


def test_meeting_and_series_feed(demo_portal):
    series = demo_portal["oberhausen"]["runder-tisch-arbeitsmarkt"]
    one = _ics(series["2027-01-19"])
    assert one.count("BEGIN:VEVENT") == 1
    assert "SUMMARY:Runder Tisch am 19.01.2027" in one
    assert "DTSTART;TZID=Europe/Berlin:20270119T140000" in one
    feed = _ics(series)
    assert feed.count("BEGIN:VEVENT") == 3
    assert "SUMMARY:Runder Tisch am 15.09.2026" in feed


def test_location_is_the_place_or_the_video_link(table):
    meeting = table["meeting"]
    meeting.place = "Rathaus, Raum 12"
    assert "LOCATION:Rathaus\\, Raum 12" in _ics(meeting)
    meeting.place = None
    meeting.video_link = "https://meet.example.org/rt"
    assert "LOCATION:https://meet.example.org/rt" in _ics(meeting)
    assert "LOCATION:https://meet.example.org/rt" in _ics(table["series"])
