"""Approved minutes are locked; coordinators and editors correct them as new versions."""

from kooperation.agreements.errors import KooperationError
from kooperation.meetings.corrections import correct
from kooperation.meetings.corrections import version_text
from kooperation.meetings.corrections import versions
from plone import api
from plone.app.textfield.value import RichTextValue

import pytest


OLD = "<p>Der Flyer wird im Mai gedruckt.</p>"
NEW = "<p>Der Flyer wird im Juni gedruckt.</p>"


def _can(user, permission, obj):
    with api.env.adopt_user(username=user):
        return bool(api.user.has_permission(permission, obj=obj))


class TestCorrections:
    @pytest.fixture(autouse=True)
    def _setup(self, table):
        self.t = table
        with api.env.adopt_user(username="coordinator"):
            self.minutes = api.content.create(
                container=table["meeting"],
                type="Minutes",
                id="protokoll",
                title="Protokoll",
                text=RichTextValue(OLD, "text/html", "text/x-html-safe"),
                decisions=["Flyer im Mai"],
            )
            api.content.transition(obj=self.minutes, transition="circulate")

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
