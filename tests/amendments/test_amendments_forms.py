"""The Classic UI forms of amendments: propose (with the redline as preview), edit,
consent or object; bad input gives a German message at its field, never a 500."""

from amendments_helpers import add_amendment
from amendments_helpers import uid
from kooperation.amendments import drafting
from kooperation.amendments import texts
from kooperation.amendments.forms import key_token
from kooperation.deadlines import Period
from kooperation.deadlines import Rules
from kooperation.workspace import confirm_person
from kooperation.workspace import group_ids
from plone import api
from plone.app.testing import login
from plone.app.testing import logout
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.protect.authenticator import createToken
from zExceptions import Forbidden
from zope.event import notify
from zope.lifecycleevent import ObjectModifiedEvent

import pytest


NEW_VII = "<p>Die Erklärung gilt bis auf Weiteres; sie wird jährlich überprüft.</p>"


def form_view(obj, name, **form):
    request = obj.REQUEST
    request.form.clear()
    request.form.update(form)
    request.other.pop("disable_border", None)
    request.set("LANGUAGE", "de")
    request.method = "POST" if form else "GET"
    request.environ["REQUEST_METHOD"] = request.method
    view = api.content.get_view(name=name, context=obj, request=request)
    return view


def proposal(**extra):
    """The request of the form: title and one change row rewording section VII."""
    values = {
        "form.rows": "2",
        "form.widgets.title": "2. Änderung",
        "form.widgets.rationale": "",
        "form.widgets.change_0_operation": ["replace"],
        "form.widgets.change_0_key": [key_token("VII")],
        "form.widgets.change_0_html": NEW_VII,
        "form.widgets.change_1_operation": ["--NOVALUE--"],
        "form.widgets.change_1_key": ["--NOVALUE--"],
        "form.widgets.change_1_html": "",
        "form.widgets.rule_initial_term.value": "1",
        "form.widgets.rule_initial_term.unit": "years",
        "form.widgets.rule_renewal_term.value": "1",
        "form.widgets.rule_renewal_term.unit": "years",
        "form.widgets.rule_notice_period.value": "6",
        "form.widgets.rule_notice_period.unit": "months",
        "form.widgets.rule_notice_anchor": ["end_of_term"],
        "form.widgets.rule_written_form_amendments": ["selected"],
        "form.widgets.rule_written_form_termination": ["selected"],
        "form.widgets.effective_rule": ["on_signature"],
        "_authenticator": createToken(),
    }
    values.update(extra)
    return values


def errors_of(view):
    return {
        error.widget.__name__ if error.widget is not None else None: error.message
        for error in view.widgets.errors
    }


class TestDrafting:
    def test_only_changed_rules_are_kept_in_rest_shapes(self):
        rules = Rules(initial_term=Period(1, "years"), notice_period=Period(6, "months"))
        values = {"initial_term": Period(1, "years"), "notice_period": Period(3, "months")}
        assert drafting.rule_changes(rules, values) == {
            "notice_period": {"value": 3, "unit": "months"}
        }

    def test_stored_rules_the_form_does_not_show_are_kept(self):
        stored = {"effective_rule": "fixed_date", "notice_period": {"value": 1, "unit": "months"}}
        result = drafting.rule_changes(Rules(), {"notice_period": None}, stored)
        assert result == {"effective_rule": "fixed_date"}

    def test_unknown_rule(self):
        with pytest.raises(texts.AmendmentError):
            drafting.rule_changes(Rules(), {"colour": "red"})

    def test_empty_row_is_no_change(self):
        assert drafting.row_change(None, "VII", "<p>x</p>") is None
        assert drafting.row_change("delete", "VII", "<p>x</p>") == {
            "operation": "delete",
            "key": "VII",
            "html": "",
        }

    def test_first_bad_change_names_row_and_part(self):
        html = "<h2>I. Ziele</h2><p>a</p><h2>II. Wege</h2><p>b</p>"
        changes = [
            {"operation": "replace", "key": "I", "html": "<p>c</p>"},
            {"operation": "replace", "key": "XII", "html": "<p>d</p>"},
        ]
        index, part, error = drafting.first_bad_change(html, changes)
        assert (index, part, error.msgid) == (1, "key", "error_section_unknown")
        index, part, error = drafting.first_bad_change(
            html, [{"operation": "replace", "key": "I", "html": " "}]
        )
        assert (index, part, error.msgid) == (0, "html", "error_change_text_missing")
        assert drafting.first_bad_change(html, changes[:1]) is None


class TestProposeForm:
    @pytest.fixture(autouse=True)
    def _setup(self, portal, network, agreement):
        self.portal = portal
        self.network = network
        self.agreement = agreement
        setRoles(portal, TEST_USER_ID, ["Manager"])
        login(portal, "test-user")

    def test_shows_each_section_with_its_wording(self):
        html = form_view(self.agreement, "propose-amendment")()
        assert "VII. Gültigkeit der Vereinbarung" in html
        assert "Die Erklärung tritt mit dem Tag der" in html
        assert 'name="form.pick.replace"' in html
        assert "Vorschau" in html
        assert 'id="form-buttons-save"' not in html  # saving comes after the preview
        assert '"operation"' not in html  # no JSON anywhere

    def test_pick_fills_a_row_with_the_current_wording(self):
        view = form_view(
            self.agreement,
            "propose-amendment",
            **{"form.rows": "1", "form.pick.replace": key_token("VII")},
        )
        view.update()
        assert view.rows == 2
        assert "Die Erklärung tritt mit dem Tag der" in view.widgets["change_0_html"].value.raw
        assert list(view.widgets["change_0_key"].value) == [key_token("VII")]

    def test_preview_shows_old_and_new_wording_then_save_stores_rest_shapes(self):
        view = form_view(
            self.agreement,
            "propose-amendment",
            **proposal(
                **{
                    "form.buttons.preview": "Vorschau",
                    "form.widgets.rule_notice_period.value": "3",
                }
            ),
        )
        html = view()
        assert not view.widgets.errors, errors_of(view)
        assert "<del" in view.preview["redline"]
        assert "jährlich überprüft" in view.preview["redline"]
        assert "Die Erklärung tritt mit dem Tag der" in view.preview["redline"]
        assert "Kündigungsfrist" in " ".join(c["text"] for c in view.preview["clauses"])
        assert 'id="form-buttons-save"' in html
        assert not self.agreement.objectIds()
        fingerprint = view.fingerprint
        view = form_view(
            self.agreement,
            "propose-amendment",
            **proposal(
                **{
                    "form.buttons.save": "Speichern",
                    "form.fingerprint": fingerprint,
                    "form.widgets.rule_notice_period.value": "3",
                }
            ),
        )
        view()
        assert not view.widgets.errors, errors_of(view)
        (obj,) = self.agreement.objectValues()
        assert obj.portal_type == "Amendment"
        assert api.content.get_state(obj) == "draft"
        assert obj.changes == [{"operation": "replace", "key": "VII", "html": NEW_VII}]
        assert obj.rules == {"notice_period": {"value": 3, "unit": "months"}}
        assert obj.effective_rule == "on_signature"

    def test_save_after_a_change_shows_the_preview_again(self):
        view = form_view(
            self.agreement,
            "propose-amendment",
            **proposal(**{"form.buttons.save": "Speichern", "form.fingerprint": "old"}),
        )
        view()
        assert view.preview is not None
        assert not self.agreement.objectIds()
        assert "Vorschau" in view.status

    def test_unknown_section_is_refused_at_its_field(self):
        view = form_view(
            self.agreement,
            "propose-amendment",
            **proposal(
                **{
                    "form.buttons.preview": "Vorschau",
                    "form.widgets.change_0_key": ["XII"],
                }
            ),
        )
        view()
        assert errors_of(view) == {"change_0_key": "Der Text hat keinen Abschnitt XII."}

    def test_empty_wording(self):
        view = form_view(
            self.agreement,
            "propose-amendment",
            **proposal(
                **{"form.buttons.preview": "Vorschau", "form.widgets.change_0_html": "<p> </p>"}
            ),
        )
        view()
        assert list(errors_of(view)) == ["change_0_html"]
        assert "braucht den neuen Text" in errors_of(view)["change_0_html"]

    def test_contradicting_rules_in_german_at_the_rule(self):
        view = form_view(
            self.agreement,
            "propose-amendment",
            **proposal(
                **{
                    "form.buttons.preview": "Vorschau",
                    "form.widgets.rule_end_date": "2030-01-01",
                }
            ),
        )
        view()
        errors = errors_of(view)
        assert errors
        assert all(name.startswith("rule_") for name in errors), errors
        text = " ".join(errors.values())
        assert "must" not in text, text

    def test_wrong_period_unit(self):
        view = form_view(
            self.agreement,
            "propose-amendment",
            **proposal(
                **{
                    "form.buttons.preview": "Vorschau",
                    "form.widgets.rule_notice_period.unit": "Monate",
                    "form.widgets.rule_notice_period.value": "-3",
                }
            ),
        )
        view()
        assert list(errors_of(view)) == ["rule_notice_period"]

    def test_party_who_is_a_party_cannot_join(self):
        view = form_view(
            self.agreement,
            "propose-amendment",
            **proposal(
                **{
                    "form.buttons.preview": "Vorschau",
                    "form.widgets.parties_leaving": [
                        view_token(self, "parties_leaving", uid(self.network, "bfo")),
                        view_token(self, "parties_leaving", uid(self.network, "zib")),
                    ],
                }
            ),
        )
        view()
        errors = errors_of(view)
        assert list(errors) == ["parties_leaving"]
        assert "mindestens zwei" in errors["parties_leaving"]

    def test_absurd_sizes(self):
        view = form_view(
            self.agreement,
            "propose-amendment",
            **proposal(
                **{
                    "form.buttons.preview": "Vorschau",
                    "form.rows": "1000000000",
                    "form.widgets.title": "T" * 5000,
                    "form.widgets.change_0_html": "<p>" + "x" * 200_000 + "</p>",
                }
            ),
        )
        view()
        assert view.rows == 40
        assert {"title", "change_0_html"} <= set(errors_of(view))

    def test_fixed_date_in_the_past_at_its_field(self):
        view = form_view(
            self.agreement,
            "propose-amendment",
            **proposal(
                **{
                    "form.buttons.preview": "Vorschau",
                    "form.widgets.effective_rule": ["fixed_date"],
                    "form.widgets.fixed_date": "2020-01-01",
                }
            ),
        )
        view()
        errors = errors_of(view)
        assert list(errors) == ["fixed_date"]
        assert "01.01.2020" in errors["fixed_date"]

    def test_nothing_typed_is_lost_after_an_error(self):
        view = form_view(
            self.agreement,
            "propose-amendment",
            **proposal(
                **{"form.buttons.preview": "Vorschau", "form.widgets.change_0_key": ["XII"]}
            ),
        )
        html = view()
        assert "jährlich überprüft" in html
        assert 'value="2. Änderung"' in html

    @pytest.mark.parametrize(
        ("rules", "expected"),
        [
            ({"notice_period": {"value": 3, "unit": "Monate"}}, "kein gültiger Wert"),
            ({"end_date": "31.12.2030"}, "kein gültiger Wert"),
            ({"notice_period": {"value": 2, "unit": "years"}}, "Kündigungsfrist"),
        ],
    )
    def test_rest_answers_bad_rules_in_german(self, rules, expected):
        from kooperation.amendments.proposal import check_proposal
        from kooperation.amendments.serialize import AmendmentUserError

        with pytest.raises(AmendmentUserError) as info:
            check_proposal(self.agreement, {"title": "3. Änderung", "rules": rules})
        request = self.portal.REQUEST
        request.set("LANGUAGE", "de")
        text = info.value.message(request)
        assert expected in text
        assert "must" not in text
        assert "notice_period" not in text

    def test_draft_agreement_cannot_be_amended(self):
        with api.env.adopt_roles(["Manager"]):
            draft = api.content.create(container=self.network, type="Agreement", title="Entwurf")
        with pytest.raises(Forbidden):
            form_view(draft, "propose-amendment")()

    def test_add_menu_leads_to_the_form(self):
        self.portal.REQUEST.set("LANGUAGE", "de")
        view = self.agreement.restrictedTraverse("++add++Amendment")
        view()
        assert self.portal.REQUEST.response.getHeader("location").endswith(
            "/agreement/@@propose-amendment"
        )


def view_token(test, name, value):
    view = form_view(test.agreement, "propose-amendment")
    view.update()
    return view.widgets[name].terms.getTerm(value).token


class TestEditForm:
    @pytest.fixture(autouse=True)
    def _setup(self, portal, network, agreement):
        self.agreement = agreement
        setRoles(portal, TEST_USER_ID, ["Manager"])
        login(portal, "test-user")
        self.obj = add_amendment(
            agreement,
            id="aenderung",
            title="1. Änderung",
            changes=[{"operation": "delete", "key": "VII", "html": ""}],
            rules={"notice_period": {"value": 3, "unit": "months"}},
        )

    def test_edit_form_is_filled_with_what_is_stored(self):
        view = form_view(self.obj, "edit")
        view.update()
        assert list(view.widgets["change_0_operation"].value) == ["delete"]
        assert list(view.widgets["change_0_key"].value) == [key_token("VII")]
        assert view.widgets["rule_notice_period"].value == Period(3, "months") or (
            "3" in str(view.widgets["rule_notice_period"].value)
        )
        assert view.widgets["title"].value == "1. Änderung"
        assert '"operation"' not in view.render()

    def test_edit_saves_through_the_rest_deserializer(self):
        view = form_view(
            self.obj,
            "edit",
            **proposal(**{"form.buttons.preview": "Vorschau", "form.widgets.title": "Neu"}),
        )
        view()
        assert not view.widgets.errors, errors_of(view)
        view = form_view(
            self.obj,
            "edit",
            **proposal(
                **{
                    "form.buttons.save": "Speichern",
                    "form.widgets.title": "Neu",
                    "form.fingerprint": view.fingerprint,
                }
            ),
        )
        view()
        assert self.obj.Title() == "Neu"
        assert self.obj.changes == [{"operation": "replace", "key": "VII", "html": NEW_VII}]
        assert self.obj.rules == {}


class TestConsent:
    @pytest.fixture(autouse=True)
    def _setup(self, portal, network, agreement):
        self.portal = portal
        self.network = network
        self.obj = add_amendment(
            agreement,
            id="aenderung",
            title="1. Änderung",
            changes=[{"operation": "delete", "key": "VII", "html": ""}],
        )
        with api.env.adopt_roles(["Manager"]):
            api.content.transition(obj=self.obj, transition="submit_for_consultation")
            api.user.create(email="zib@example.org", username="zibboss", password="secret-pw-123")
            person = network["zib"]["boss"]
            person.user_id = "zibboss"
            notify(ObjectModifiedEvent(person))
            confirm_person(person, by="test")
            api.user.create(email="x@example.org", username="stranger", password="secret-pw-123")
            api.group.add_user(groupname=group_ids(network)["members"], username="stranger")

    def post(self, **form):
        form.setdefault("_authenticator", createToken())
        form.setdefault("form.submitted", "1")
        view = form_view(self.obj, "consent", **form)
        return view, view()

    def test_decision_maker_sees_buttons_for_own_party_only(self):
        login(self.portal, "zibboss")
        rows = {row["title"]: row for row in form_view(self.obj, "view").parties()}
        assert rows["ZIB"]["may_consent"]
        assert not rows["BFO"]["may_consent"]
        html = form_view(self.obj, "view")()
        assert "Zustimmen" in html
        assert "Widersprechen (mit Begründung)" in html
        assert "Zustimmung fehlt noch von" in html

    def test_consent_is_recorded(self):
        login(self.portal, "zibboss")
        self.post(party=uid(self.network, "zib"), decision="consent")
        from kooperation.amendments.consents import consents

        assert consents(self.obj)[uid(self.network, "zib")]["decision"] == "consent"

    def test_objection_needs_a_reason(self):
        login(self.portal, "zibboss")
        view, html = self.post(party=uid(self.network, "zib"), decision="objection", comment=" ")
        assert "Geben Sie den Grund" in view.errors["comment"]
        view, html = self.post(
            party=uid(self.network, "zib"), decision="objection", comment="Zu kurz gedacht."
        )
        from kooperation.amendments.consents import consents

        record = consents(self.obj)[uid(self.network, "zib")]
        assert (record["decision"], record["comment"]) == ("objection", "Zu kurz gedacht.")

    def test_someone_else_is_refused_in_german(self):
        login(self.portal, "stranger")
        assert not any(row["may_consent"] for row in form_view(self.obj, "view").parties())
        view, html = self.post(party=uid(self.network, "zib"), decision="consent")
        assert self.portal.REQUEST.response.getStatus() == 403
        assert "Sie dürfen" in view.error
        from kooperation.amendments.consents import consents

        assert not consents(self.obj)

    def test_without_token_nothing_is_recorded(self):
        from kooperation.amendments.consents import consents

        login(self.portal, "zibboss")
        view, _html = self.post(
            party=uid(self.network, "zib"), decision="consent", _authenticator="bad"
        )
        assert self.portal.REQUEST.response.getStatus() == 403
        assert "Sicherheitsschlüssel" in view.error
        assert not consents(self.obj)
        logout()
