"""Plan a meeting and write minutes in forms: rows instead of JSON, the rotation's holders.

The fields stay JSON (REST unchanged); the add and edit forms post table cells
(``kooperation.fields.rows``). Bad input is a field-level German message, never a 500.
"""

from datetime import date
from datetime import datetime
from kooperation.fields.rows import MAX_ROWS
from kooperation.interfaces import IKooperationLayer
from kooperation.meetings.series import holders_from_rotation
from kooperation.meetings.series import next_free_meeting
from plone import api
from zope.i18n import translate
from zope.interface import alsoProvides

import pytest


A = "form.widgets.agenda"
T = "form.widgets.attendance"
H = "form.widgets.duty_holders"
D = "form.widgets.decisions"
X = "form.widgets.action_items"
I = "form.widgets.agenda_texts"  # noqa: E741


def _request(context, fields, language="de"):
    request = context.REQUEST
    alsoProvides(request, IKooperationLayer)
    request.form.clear()
    request.form.update(fields)
    request["LANGUAGE"] = language
    request.other["LANGUAGE"] = language
    return request


def _form(context, view_name, fields, user="coordinator"):
    _request(context, fields)
    with api.env.adopt_user(username=user):
        view = context.restrictedTraverse(view_name)
        form = getattr(view, "form_instance", view)
        form.update()
        data, errors = form.extractData()
        messages = {
            (error.widget.__name__ if error.widget else ""): translate(
                error.message, context=form.request
            )
            for error in errors
            # start and end are plone.app.event's, not posted here
            if not (error.widget and error.widget.__name__.startswith("IEventBasic."))
        }
        return form, data, messages


def _render(context, view_name, user="coordinator"):
    _request(context, {})
    with api.env.adopt_user(username=user):
        return context.restrictedTraverse(view_name)()


def _cells(prefix, columns, rows):
    fields = {f"{prefix}.rows": str(len(rows))}
    for number, row in enumerate(rows):
        for column, value in zip(columns, row, strict=True):
            fields[f"{prefix}.{column}.{number}"] = value
    return fields


def _widget(html, field):
    return html.split(f'data-fieldname="form.widgets.{field}"')[1].split("data-fieldname=")[0]


class TestPlanMeeting:
    @pytest.fixture(autouse=True)
    def _setup(self, table):
        self.t = table
        self.series = table["series"]
        self.meeting = table["meeting"]
        self.uids = table["uids"]

    def test_add_form_prefills_the_duty_holders_from_the_rotation(self):
        planned = next_free_meeting(self.series, today=date(2026, 3, 3))
        html = _render(self.series, "++add++Meeting")
        widget = _widget(html, "duty_holders")
        assert "Vorgeschlagen" in widget or "Proposed" in widget
        holders = {a.duty: a.partner for a in next_free_meeting(self.series).assignments}
        for duty, uid in holders.items():
            cell = widget.split(f'value="{duty}"')[1].split("</tr>")[0]
            assert f'value="{uid}" selected="selected"' in cell, duty
        assert planned is not None
        # the rotation's reason next to each duty
        assert "Partner" in widget
        assert "Protokoll" in widget

    def test_add_form_has_no_json_text_areas(self):
        html = _render(self.series, "++add++Meeting")
        for field in ("agenda", "attendance", "duty_holders"):
            widget = _widget(html, field)
            assert "<textarea" not in widget.split("<template")[0], field
            assert "rows-widget" in widget

    def test_a_new_meeting_takes_its_holders_from_the_rotation(self):
        with api.env.adopt_user(username="coordinator"):
            meeting = api.content.create(
                container=self.series,
                type="Meeting",
                id="m9",
                title="Sitzung Mai",
                start=datetime(2026, 5, 4, 10),
                end=datetime(2026, 5, 4, 12),
            )
        assert meeting.duty_holders
        assert set(meeting.duty_holders) == set(self.series.duties)
        assert set(meeting.duty_holders.values()) <= set(self.series.members)
        assert meeting.duty_holders == holders_from_rotation(meeting)

    def test_edit_saves_rows_as_the_json_of_rest(self):
        fields = {
            "form.widgets.IBasic.title": "Sitzung 1",
            **_cells(
                A,
                ("time", "title", "presenter", "documents"),
                [("10:00", "Ausbildungsmarkt", "Partner B", ""), ("", "Verschiedenes", "", "")],
            ),
            **_cells(
                T,
                ("partner", "person", "status"),
                [(self.uids["a"], "Anna Mustera", "present"), (self.uids["c"], "", "")],
            ),
            **_cells(
                H,
                ("duty", "partner", "reason"),
                [("topics", self.uids["a"], ""), ("minutes", self.uids["b"], "")],
            ),
        }
        form, data, errors = _form(self.meeting, "@@edit", fields)
        assert not errors, errors
        assert data["agenda"] == [
            {"title": "Ausbildungsmarkt", "presenter": "Partner B", "time": "10:00"},
            {"title": "Verschiedenes"},
        ]
        assert data["attendance"] == [
            {"partner": self.uids["a"], "person": "Anna Mustera", "status": "present"}
        ]
        assert data["duty_holders"] == {"topics": self.uids["a"], "minutes": self.uids["b"]}

    def test_edit_form_shows_attendance_per_invited_partner_and_person(self):
        html = _render(self.meeting, "@@edit")
        widget = _widget(html, "attendance")
        for title in ("Partner A", "Partner B", "Partner C", "Anna Mustera", "Anna Musterb"):
            assert title in widget
        assert "anwesend" in widget
        assert "entschuldigt" in widget

    @pytest.mark.parametrize(
        ("field", "columns", "row", "message"),
        [
            (A, ("time", "title", "presenter", "documents"), ("", "", "Partner B", ""), "Thema"),
            (
                A,
                ("time", "title", "presenter", "documents"),
                ("", "X", "Fremder Träger", ""),
                "keine der Auswahlmöglichkeiten",
            ),
            (
                T,
                ("partner", "person", "status"),
                ("unbekannt", "", "present"),
                "keine der Auswahlmöglichkeiten",
            ),
            (
                T,
                ("partner", "person", "status"),
                ("A", "", "vielleicht"),
                "keine der Auswahlmöglichkeiten",
            ),
            (H, ("duty", "partner", "reason"), ("kaffee", "A", ""), "keine Aufgabe"),
            (
                H,
                ("duty", "partner", "reason"),
                ("topics", "fremd", ""),
                "keine der Auswahlmöglichkeiten",
            ),
        ],
    )
    def test_bad_rows_are_german_field_errors(self, field, columns, row, message):
        row = tuple(self.uids["a"] if cell == "A" else cell for cell in row)
        fields = {"form.widgets.IBasic.title": "Sitzung 1", **_cells(field, columns, [row])}
        _form_, _data, errors = _form(self.meeting, "@@edit", fields)
        name = field.rsplit(".", 1)[1]
        assert name in errors, errors
        assert message in errors[name], errors[name]

    @pytest.mark.parametrize("text", ["Begrüßung, dann Berichte", "[" * 5000, "{'a': 1}"])
    def test_text_instead_of_rows_is_a_field_error(self, text):
        fields = {"form.widgets.IBasic.title": "Sitzung 1", A: text}
        _form_, _data, errors = _form(self.meeting, "@@edit", fields)
        assert "agenda" in errors, errors

    def test_too_many_rows_are_refused(self):
        rows = [("", f"Punkt {i}", "", "") for i in range(MAX_ROWS + 300)]
        fields = {
            "form.widgets.IBasic.title": "Sitzung 1",
            **_cells(A, ("time", "title", "presenter", "documents"), rows),
        }
        _form_, _data, errors = _form(self.meeting, "@@edit", fields)
        assert "höchstens 200 Zeilen" in errors["agenda"], errors

    @pytest.mark.parametrize(
        ("link", "message"),
        [("http://meet.example.org/x", "https://"), ("javascript:alert(1)", "http://")],
    )
    def test_video_link_must_be_https(self, link, message):
        fields = {"form.widgets.IBasic.title": "Sitzung 1", "form.widgets.video_link": link}
        _form_, _data, errors = _form(self.meeting, "@@edit", fields)
        assert message in errors["video_link"], errors

    def test_posted_page_keeps_what_was_typed(self):
        fields = {
            "form.widgets.IBasic.title": "Sitzung 1",
            "form.buttons.save": "Speichern",
            **_cells(
                A, ("time", "title", "presenter", "documents"), [("9:30", "", "Partner B", "")]
            ),
        }
        request = _request(self.meeting, fields)
        request["REQUEST_METHOD"] = "POST"
        with api.env.adopt_user(username="coordinator"):
            html = self.meeting.restrictedTraverse("@@edit")()
        widget = _widget(html, "agenda")
        assert 'value="9:30"' in widget
        assert "Zeile 1: Bitte" in widget


class TestWriteMinutes:
    @pytest.fixture(autouse=True)
    def _setup(self, table):
        self.t = table
        self.meeting = table["meeting"]
        self.uids = table["uids"]
        self.meeting.agenda = [{"title": "Ausbildungsmarkt"}, {"title": "Verschiedenes"}]

    def test_add_form_has_a_text_per_agenda_item(self):
        html = _render(self.meeting, "++add++Minutes")
        widget = _widget(html, "agenda_texts")
        assert "Ausbildungsmarkt" in widget
        assert "Verschiedenes" in widget
        assert widget.count("<textarea") == 2

    def test_add_minutes_with_two_action_items(self):
        fields = {
            "form.widgets.IDublinCore.title": "Protokoll",
            "form.widgets.IBasic.title": "Protokoll",
            **_cells(
                I,
                ("title", "html"),
                [("Ausbildungsmarkt", "Bericht.\n\nZweiter Absatz"), ("Verschiedenes", "")],
            ),
            **_cells(D, ("text",), [("Flyer wird gedruckt",)]),
            **_cells(
                X,
                ("what", "partner", "person", "due", "done"),
                [
                    ("Flyer drucken", self.uids["b"], "", "2026-04-30", ""),
                    ("Raum buchen", "", "Anna Mustera", "", "on"),
                ],
            ),
        }
        _form_, data, errors = _form(self.meeting, "++add++Minutes", fields)
        assert not errors, errors
        assert data["agenda_texts"] == [
            {"title": "Ausbildungsmarkt", "html": "<p>Bericht.</p><p>Zweiter Absatz</p>"}
        ]
        assert data["decisions"] == ["Flyer wird gedruckt"]
        assert data["action_items"] == [
            {
                "what": "Flyer drucken",
                "partner": self.uids["b"],
                "due": "2026-04-30",
                "done": False,
            },
            {"what": "Raum buchen", "person": "Anna Mustera", "due": None, "done": True},
        ]

    @pytest.mark.parametrize(
        ("row", "message"),
        [
            (("Flyer", "A", "", "31.02.2026", ""), "kein Datum"),
            (("Flyer", "", "", "", ""), "verantwortlichen Partner"),
            (("Flyer", "fremd", "", "", ""), "keine der Auswahlmöglichkeiten"),
            (("", "A", "", "", "on"), "Bitte"),
        ],
    )
    def test_bad_action_items_are_german_field_errors(self, row, message):
        row = tuple(self.uids["a"] if cell == "A" else cell for cell in row)
        fields = {
            "form.widgets.IBasic.title": "Protokoll",
            **_cells(X, ("what", "partner", "person", "due", "done"), [row]),
        }
        _form_, _data, errors = _form(self.meeting, "++add++Minutes", fields)
        assert message in errors.get("action_items", ""), errors

    def test_german_date_is_stored_as_iso(self):
        fields = {
            "form.widgets.IBasic.title": "Protokoll",
            **_cells(
                X,
                ("what", "partner", "person", "due", "done"),
                [("Flyer", self.uids["a"], "", "30.04.2026", "")],
            ),
        }
        _form_, data, errors = _form(self.meeting, "++add++Minutes", fields)
        assert not errors
        assert data["action_items"][0]["due"] == "2026-04-30"


class TestWhoWritesMinutes:
    """The rotation's minute-taker (partner A's confirmed people), the editors and the
    coordinators write the minutes; partner B's staff does not."""

    @pytest.fixture(autouse=True)
    def _setup(self, table):
        self.t = table
        self.meeting = table["meeting"]

    def button(self, user):
        html = _render(self.meeting, "view", user=user)
        return html.split('id="write-minutes"')[1][:300] if 'id="write-minutes"' in html else None

    @pytest.mark.parametrize("user", ["staff_a", "editor", "coordinator"])
    def test_may_write_and_circulate(self, user):
        assert "++add++Minutes" in self.button(user)
        assert "Protokoll schreiben" in self.button(user)
        with api.env.adopt_user(username=user):
            minutes = api.content.create(
                container=self.meeting, type="Minutes", id="protokoll", title="Protokoll"
            )
            minutes.action_items = [{"what": "Flyer", "person": "Anna Mustera", "done": False}]
            api.content.transition(obj=minutes, transition="circulate")
        assert api.content.get_state(minutes) == "circulation"
        with api.env.adopt_user(username=user):
            assert api.user.has_permission("Modify portal content", obj=minutes)
        assert "Protokoll bearbeiten" in self.button(user)

    def test_other_partners_staff_may_not(self):
        assert self.button("staff_b") is None
        with api.env.adopt_user(username="staff_b"):
            assert not api.user.has_permission("kooperation: Add Minutes", obj=self.meeting)

    def test_new_minute_taker_takes_over(self):
        holders = dict(self.meeting.duty_holders)
        holders["minutes"] = self.t["uids"]["b"]
        self.meeting.duty_holders = holders
        from zope.event import notify
        from zope.lifecycleevent import ObjectModifiedEvent

        notify(ObjectModifiedEvent(self.meeting))
        assert self.button("staff_a") is None
        assert "++add++Minutes" in self.button("staff_b")


class TestMinutesPage:
    @pytest.fixture(autouse=True)
    def _setup(self, table):
        self.t = table
        self.meeting = table["meeting"]
        with api.env.adopt_roles(["Manager"]):
            self.minutes = api.content.create(
                container=self.meeting,
                type="Minutes",
                id="protokoll",
                title="Protokoll März",
                decisions=["Frau Erika Mustermann (Kundin) erhält einen Platz."],
                action_items=[{"what": "Flyer", "partner": table["uids"]["b"], "done": False}],
            )
            for transition in ("circulate", "approve"):
                api.content.transition(obj=self.minutes, transition=transition)

    def test_blocked_public_publishing_says_why_and_where(self):
        html = _render(self.minutes, "view")
        assert 'id="publish-blocked"' in html
        blocked = html.split('id="publish-blocked"')[1].split("</div>")[0]
        assert "Beschluss 1" in blocked
        assert "Frau Erika" in blocked
        assert "@@correct" in blocked

    def test_not_shown_to_who_cannot_publish(self):
        html = _render(self.minutes, "view", user="staff_b")
        assert 'id="publish-blocked"' not in html

    def test_action_items_name_the_partner(self):
        html = _render(self.minutes, "view")
        table = html.split('id="action-items"')[1].split("</table>")[0]
        assert "Partner B" in table
        assert self.t["uids"]["b"] not in table

    def test_later_minutes_show_carried_over_items(self):
        with api.env.adopt_roles(["Manager"]):
            later = api.content.create(
                container=self.t["series"],
                type="Meeting",
                id="m2",
                title="Sitzung April",
                start=datetime(2026, 4, 6, 10),
                end=datetime(2026, 4, 6, 12),
            )
            minutes = api.content.create(container=later, type="Minutes", id="p", title="P")
        html = _render(minutes, "view")
        carried = html.split('id="carried-over"')[1].split("</table>")[0]
        assert "Flyer" in carried
        assert "Partner B" in carried
        assert "02.03.2026" in carried
        form = _render(later, "++add++Minutes")
        assert "Übernommen" in _widget(form, "action_items")
