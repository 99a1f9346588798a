"""Agenda, minutes and the attendance list as PDF, read back with pdfminer."""

from io import BytesIO
from kooperation.meetings.printing import attendance_rows
from kooperation.testing import add_person
from pdfminer.high_level import extract_text
from plone import api

import pytest


def _text(data):
    assert data.startswith(b"%PDF")
    return " ".join(extract_text(BytesIO(data)).split())


def _view(obj, name, user="coordinator"):
    request = obj.REQUEST
    with api.env.adopt_user(username=user):
        data = api.content.get_view(name, obj, request)()
    assert request.response.getHeader("Content-Type") == "application/pdf"
    return data


class TestMeetingPdfs:
    @pytest.fixture(autouse=True)
    def _setup(self, table):
        self.t = table
        meeting = table["meeting"]
        meeting.place = "Rathaus Oberhausen, Raum 12"
        meeting.agenda = [
            {"title": "Begrüßung", "time": "10:00"},
            {"title": "Übergang Schule–Beruf", "presenter": "Jobcenter"},
        ]
        with api.env.adopt_user(username="coordinator"):
            earlier = api.content.create(
                container=table["series"],
                type="Meeting",
                id="m0",
                title="Sitzung 0",
                start=meeting.start.replace(month=2),
                end=meeting.end.replace(month=2),
            )
            api.content.create(
                container=earlier,
                type="Minutes",
                id="p0",
                title="Protokoll 0",
                action_items=[
                    {"what": "Flyer entwerfen", "partner": table["uids"]["b"], "due": "2026-03-01"},
                    {"what": "Erledigtes", "person": "X", "done": True},
                ],
            )
            self.minutes = api.content.create(
                container=meeting,
                type="Minutes",
                id="p1",
                title="Protokoll Sitzung 1",
                agenda_texts=[{"title": "TOP 1 Begrüßung", "html": "<p>Alle sind da.</p>"}],
                decisions=["Der Flyer wird gedruckt."],
                action_items=[{"what": "Druck beauftragen", "partner": table["uids"]["a"]}],
            )

    def test_agenda(self):
        text = _text(_view(self.t["meeting"], "agenda-pdf"))
        assert "Sitzung 1" in text
        assert "Runder Tisch · 02.03.2026, 10:00–12:00 · Rathaus Oberhausen, Raum 12" in text
        assert "10:00 – Begrüßung" in text
        assert "Übergang Schule–Beruf – (Jobcenter)" in text
        # the open action item of the earlier meeting carries over, the done one not
        assert "Flyer entwerfen" in text
        assert "Partner B" in text
        assert "Erledigtes" not in text
        assert "Druck beauftragen" not in text  # from this meeting's own minutes

    def test_minutes(self):
        text = _text(_view(self.minutes, "minutes-pdf"))
        assert "Protokoll Sitzung 1" in text
        assert "TOP 1 Begrüßung" in text
        assert "Alle sind da." in text
        assert "Der Flyer wird gedruckt." in text
        assert "Druck beauftragen" in text
        assert "Partner A" in text

    def test_minutes_pdf_needs_view_permission(self):
        # a draft: only the minute-taker's partner and the coordinators see it
        from zExceptions import Unauthorized

        with api.env.adopt_user(username="staff_b"), pytest.raises(Unauthorized):
            self.minutes.restrictedTraverse("@@minutes-pdf")

    def test_attendance_list(self):
        # Everyone who still works at an invited partner, per partner, and blank rows.
        with api.env.adopt_roles(["Manager"]):
            add_person(container=self.t["partners"]["c"], id="carl", title="Carl Clausen")
        text = _text(_view(self.t["meeting"], "attendance-list-pdf"))
        assert "Unterschrift" in text or "Signature" in text
        for name in ("Anna Mustera", "Anna Musterb", "Carl Clausen"):
            assert name in text
        assert text.index("Anna Mustera") < text.index("Anna Musterb") < text.index("Carl Clausen")
        self.t["meeting"].invited = [self.t["uids"]["b"]]
        text = _text(_view(self.t["meeting"], "attendance-list-pdf"))
        assert "Anna Musterb" in text
        assert "Anna Mustera" not in text


def test_attendance_rows():
    rows = attendance_rows([("A", ["Anna", "Bert"]), ("B", [])])
    assert rows[:2] == [("1", "Anna", "A"), ("2", "Bert", "A")]
    assert rows[2:] == [("3", "", ""), ("4", "", ""), ("5", "", "")]


def test_attendance_list_is_not_for_anonymous(table):
    from plone.app.testing import logout
    from zExceptions import Unauthorized

    meeting = table["meeting"]
    logout()
    with pytest.raises(Unauthorized):
        api.content.get_view("attendance-list-pdf", meeting, meeting.REQUEST)()
