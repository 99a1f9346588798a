"""Approved minutes are locked; coordinators and editors correct them as new versions."""

from kooperation.common.errors import KooperationError
from kooperation.meetings.corrections import correct
from kooperation.meetings.corrections import version_text
from kooperation.meetings.corrections import versions
from plone import api
from plone.app.textfield.value import RichTextValue

import pytest
import re


OLD = "<p>Der Flyer wird im Mai gedruckt.</p>"
NEW = "<p>Der Flyer wird im Juni gedruckt.</p>"


def _can(user, permission, obj):
    with api.env.adopt_user(username=user):
        return bool(api.user.has_permission(permission, obj=obj))


def circulated_minutes(table, **fields):
    """Minutes of the table's meeting by the coordinator, in circulation."""
    with api.env.adopt_user(username="coordinator"):
        minutes = api.content.create(
            container=table["meeting"],
            type="Minutes",
            id="protokoll",
            title="Protokoll",
            text=RichTextValue(OLD, "text/html", "text/x-html-safe"),
            **fields,
        )
        api.content.transition(obj=minutes, transition="circulate")
    return minutes


class TestCorrections:
    @pytest.fixture(autouse=True)
    def _setup(self, table):
        self.t = table
        self.minutes = circulated_minutes(table, decisions=["Flyer im Mai"])

    def _approve(self):
        with api.env.adopt_user(username="editor"):
            api.content.transition(obj=self.minutes, transition="approve")

    def test_only_approved_minutes_are_corrected(self):
        with api.env.adopt_user(username="coordinator"), pytest.raises(KooperationError) as e:
            correct(self.minutes, "Tippfehler", text=NEW)
        assert e.value.field == "state"

    def test_approval_locks_and_keeps_the_approved_version(self):
        self._approve()
        for state in ("approved", "published", "published_public"):
            for user in ("staff_a", "coordinator", "editor"):
                assert not _can(user, "Modify portal content", self.minutes), (state, user)
            if state != "published_public":
                next_step = "publish" if state == "approved" else "publish_public"
                with api.env.adopt_user(username="editor"):
                    api.content.transition(obj=self.minutes, transition=next_step)
        assert [v["comment"] for v in versions(self.minutes)] == ["approved"]

    def test_the_reason_is_required(self):
        self._approve()
        for reason in (None, "", "   "):
            with api.env.adopt_user(username="editor"), pytest.raises(KooperationError) as e:
                correct(self.minutes, reason, text=NEW)
            assert e.value.field == "reason"
            # translated for the request (the site speaks German)
            assert "Grund für die Korrektur" in e.value.message(self.minutes.REQUEST)
        assert self.minutes.text.raw == OLD

    def test_others_may_not_correct(self):
        self._approve()
        for user in ("staff_a", "staff_b"):
            with api.env.adopt_user(username=user), pytest.raises(KooperationError) as e:
                correct(self.minutes, "Tippfehler", text=NEW)
            assert e.value.field == "permission"

    def test_a_correction_is_a_new_version_and_the_old_ones_stay(self):
        self._approve()
        with api.env.adopt_user(username="editor"):
            assert correct(self.minutes, "Monat falsch", text=NEW) == 1
            with pytest.raises(KooperationError) as e:
                correct(self.minutes, "noch einmal", text=NEW)
            assert e.value.field == "text"  # nothing changed
        with api.env.adopt_user(username="coordinator"):
            assert (
                correct(self.minutes, "Beschluss ergänzt", decisions="Flyer im Juni\nPlakat") == 2
            )
        assert self.minutes.text.raw == NEW
        assert self.minutes.decisions == ["Flyer im Juni", "Plakat"]
        kept = versions(self.minutes)
        assert [v["comment"] for v in kept] == ["approved", "Monat falsch", "Beschluss ergänzt"]
        assert [v["by"] for v in kept[1:]] == ["editor", "coordinator"]
        assert version_text(self.minutes, 0) == OLD
        assert version_text(self.minutes, 1) == NEW
        assert api.content.get_state(self.minutes) == "approved"

        html = self.minutes.restrictedTraverse("@@view")()
        assert 'id="minutes-versions"' in html
        assert "Monat falsch" in html
        assert "Beschluss ergänzt" in html

    def test_public_minutes_stay_free_of_third_party_data(self):
        self._approve()
        with api.env.adopt_user(username="editor"):
            api.content.transition(obj=self.minutes, transition="publish_public")
            with pytest.raises(KooperationError) as e:
                correct(
                    self.minutes,
                    "Nachtrag",
                    text="<p>Kevin Meier (17) sucht einen Ausbildungsplatz.</p>",
                )
        assert e.value.field == "text"
        assert self.minutes.text.raw == OLD
        assert len(versions(self.minutes)) == 1


ITEMS = [
    {"what": "Flyer drucken", "partner": "", "person": "Frau Kaya", "due": "2026-05-31"},
    {"what": "Raum buchen", "person": "Herr Öz", "done": False},
]


def _kept_items(minutes, version_id):
    repository = api.portal.get_tool("portal_repository")
    with api.env.adopt_roles(["Manager"]):
        return repository.retrieve(minutes, version_id).object.action_items


class TestActionItemCorrections:
    """Done flag and due date of action items in a correction with a reason."""

    @pytest.fixture(autouse=True)
    def _setup(self, table):
        self.t = table
        self.minutes = circulated_minutes(table, action_items=[dict(item) for item in ITEMS])
        with api.env.adopt_user(username="editor"):
            api.content.transition(obj=self.minutes, transition="approve")

    def _correct(self, changes, reason="Stand nachgetragen", user="editor"):
        with api.env.adopt_user(username=user):
            return correct(self.minutes, reason, action_items=changes)

    def test_done_and_due_change_in_a_new_version(self):
        version = self._correct(
            [{"index": 0, "done": True}, {"index": 1, "due": "2026-06-30", "done": False}]
        )
        assert version == 1
        assert self.minutes.action_items == [
            {**ITEMS[0], "done": True},
            {**ITEMS[1], "due": "2026-06-30"},
        ]
        assert [v["comment"] for v in versions(self.minutes)] == [
            "approved",
            "Stand nachgetragen",
        ]
        assert _kept_items(self.minutes, 0) == ITEMS  # the approved state stays on record
        assert _kept_items(self.minutes, 1) == self.minutes.action_items
        assert self.minutes.text.raw == OLD
        # a due date is cleared with null
        assert self._correct([{"index": 0, "due": None}], reason="Termin offen") == 2
        assert self.minutes.action_items[0]["due"] is None
        assert self.minutes.action_items[0]["done"] is True

    def test_nothing_changed_is_refused(self):
        with pytest.raises(KooperationError) as e:
            self._correct([{"index": 0, "due": "2026-05-31"}, {"index": 1, "done": False}])
        assert e.value.field == "text"
        assert len(versions(self.minutes)) == 1

    def test_others_may_not(self):
        with pytest.raises(KooperationError) as e:
            self._correct([{"index": 0, "done": True}], user="staff_a")
        assert e.value.field == "permission"
        assert "done" not in self.minutes.action_items[0]

    @pytest.mark.parametrize(
        "changes",
        [
            {"index": 0, "done": True},
            "0",
            [0],
            [{"index": 0, "what": "Plakat"}],
            [{"index": 0, "person": "Herr X"}],
            [{"done": True}],
            [{"index": 2, "done": True}],
            [{"index": -1, "done": True}],
            [{"index": True, "done": True}],
            [{"index": "0", "done": True}],
            [{"index": 0, "done": True}, {"index": 0, "due": "2026-06-01"}],
            [{"index": 0, "done": "ja"}],
            [{"index": 0, "due": "31.05.2026"}],
            [{"index": 0, "due": "20260531"}],
            [{"index": 0, "due": "2026-02-30"}],
            [{"index": 0, "due": 2026}],
        ],
    )
    def test_bad_changes_are_refused(self, changes):
        with pytest.raises(KooperationError) as e:
            self._correct(changes)
        assert e.value.field == "action_items"
        assert e.value.message(self.minutes.REQUEST)
        assert self.minutes.action_items == ITEMS
        assert len(versions(self.minutes)) == 1

    def _form(self, **form):
        from kooperation.interfaces import IKooperationLayer
        from plone.protect.authenticator import createToken
        from zope.component import getMultiAdapter
        from zope.interface import alsoProvides

        request = self.minutes.REQUEST
        alsoProvides(request, IKooperationLayer)
        request.form.clear()
        request.response.setStatus(200)
        with api.env.adopt_user(username="coordinator"):
            if form:
                request.method = "POST"
                request.form.update(form, _authenticator=createToken())
            else:
                request.method = "GET"
            html = getMultiAdapter((self.minutes, request), name="correct")()
        return request.response.getStatus(), html

    def test_the_form_shows_and_corrects_the_action_items(self):
        status, html = self._form()
        assert status == 200
        assert 'id="correction-action-items"' in html
        assert re.search(r'name="action_due_0"[^>]*value="2026-05-31"', html)
        assert not re.search(r'name="action_done_\d"[^>]*checked', html)
        sent = {
            "form.correct": "1",
            "reason": "Flyer erledigt",
            "text": OLD,
            "decisions": "",
            "action_items_shown": "1",
            "action_due_0": "2026-05-31",
            "action_done_0": "1",
            "action_due_1": "2026-07-01",
        }
        status, _html = self._form(**sent)
        assert status == 302
        assert self.minutes.action_items == [
            {**ITEMS[0], "done": True},
            {**ITEMS[1], "due": "2026-07-01"},
        ]
        assert versions(self.minutes)[-1]["comment"] == "Flyer erledigt"
        # a bad date: 400, the form shows the error and keeps what was sent
        status, html = self._form(**{**sent, "reason": "x", "action_due_1": "bald"})
        assert status == 400
        assert 'id="correction-error"' in html
        assert re.search(r'name="action_due_1"[^>]*value="bald"', html)
        assert self.minutes.action_items[1]["due"] == "2026-07-01"

    def test_a_form_without_the_action_items_leaves_them(self):
        # e.g. a page opened before the items were listed: text only
        status, _html = self._form(
            **{"form.correct": "1", "reason": "Monat", "text": NEW, "decisions": ""}
        )
        assert status == 302
        assert self.minutes.action_items == ITEMS
        assert self.minutes.text.raw == NEW
