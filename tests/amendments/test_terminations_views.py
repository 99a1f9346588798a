"""The notice, cancellation and withdrawal forms: preview, confirm, bad input at its field.

Integration tests calling the forms with a filled-in request, as the browser posts it.
"""

from amendments_helpers import uid
from datetime import date
from datetime import timedelta
from kooperation.amendments.terminations import records
from plone import api
from zExceptions import Unauthorized
from ZPublisher.HTTPRequest import FileUpload

import io
import pytest


class Storage:
    def __init__(self, data, filename, content_type):
        self.file = io.BytesIO(data)
        self.filename = filename
        self.name = "form.widgets.evidence"
        self.headers = {"content-type": content_type}


def upload(data, filename="letter.pdf", content_type="application/pdf"):
    return FileUpload(Storage(data, filename, content_type))


PDF = b"%PDF-1.4\n% Kuendigung\n"


class TestNoticeForm:
    @pytest.fixture(autouse=True)
    def _setup(self, agreement, network):
        self.agreement = agreement
        self.network = network
        self.bfo = uid(network, "bfo")

    def form(self, name="notice", **values):
        request = self.agreement.REQUEST
        request.form.clear()
        request.set("LANGUAGE", "de")
        request.form.update(values)
        posted = any(key.startswith("form.buttons.") for key in values)
        request.environ["REQUEST_METHOD"] = "POST" if posted else "GET"  # as the browser
        with api.env.adopt_roles(["Coordinator"]):
            view = api.content.get_view(name=name, context=self.agreement, request=request)
            html = view()
        return view, html

    def facts(self, party="BFO", received="2015-10-01", written=True, **more):
        values = {
            "form.widgets.party": [self.bfo if party == "BFO" else party] if party else [],
            "form.widgets.party-empty-marker": "1",
            "form.widgets.received_on": received,
            "form.widgets.ends_for": ["all"],
            "form.widgets.ends_for-empty-marker": "1",
            "form.widgets.written_form-empty-marker": "1",
        }
        if written:
            values["form.widgets.written_form"] = ["selected"]
        values.update(more)
        return values

    def test_first_step_asks_for_the_facts_only(self):
        view, html = self.form()
        assert "Kündigung erfassen" in html
        assert "form.widgets.evidence" not in html
        assert 'name="form.buttons.confirm"' not in html
        assert "BFO" in html

    def test_preview_shows_the_computed_end_and_records_nothing(self):
        view, html = self.form(**self.facts(**{"form.buttons.preview": "Vorschau"}))
        assert view.preview["text"] == "fristgerecht — endet am 19.05.2016"
        assert 'id="notice-preview"' in html
        assert "form.widgets.evidence" in html
        assert 'name="form.buttons.confirm"' in html
        assert view.widgets["preview_key"].value
        assert list(records(self.agreement)) == []

    def test_late_preview(self):
        view, _html = self.form(
            **self.facts(received="2015-11-20", **{"form.buttons.preview": "Vorschau"})
        )
        assert view.preview["text"] == "verspätet — endet frühestens am 19.05.2017"

    def confirm(self, evidence=None, key=None, **facts):
        values = self.facts(**facts)
        preview, _html = self.form(**{**values, "form.buttons.preview": "Vorschau"})
        values["form.widgets.preview_key"] = key or preview.widgets["preview_key"].value
        values["form.buttons.confirm"] = "Bestätigen"
        if evidence is not None:
            values["form.widgets.evidence"] = evidence
        return self.form(**values)

    def test_confirm_records_through_record_notice(self):
        self.confirm(evidence=upload(PDF))
        [record] = records(self.agreement)
        assert record["party"] == self.bfo
        assert record["end"] == date(2016, 5, 19)
        assert record["evidence"].data == PDF
        assert api.content.get_state(self.agreement) in ("terminated", "ended")
        response = self.agreement.REQUEST.response
        assert response.getHeader("Location").endswith("#agreement-notices")

    def test_changed_after_the_preview_shows_the_new_preview_first(self):
        view, html = self.confirm(key=f"{self.bfo}|2015-11-20|True|all")
        assert list(records(self.agreement)) == []
        assert view.changed
        assert "haben sich seit der Vorschau geändert" in html

    @pytest.mark.parametrize(
        ("facts", "field", "message"),
        [
            (
                {"received": (date.today() + timedelta(days=3)).isoformat()},
                "received_on",
                "in der Zukunft",
            ),
            ({"received": "2016-02-31"}, "received_on", "Diesen Tag gibt es nicht"),
            ({"received": "31.02.2016"}, "received_on", "Diesen Tag gibt es nicht"),
            ({"received": ""}, "received_on", "Erforderliche Eingabe fehlt"),
            ({"party": None}, "party", "Erforderliche Eingabe fehlt"),
            ({"party": "not-a-party"}, "party", ""),
        ],
    )
    def test_bad_facts_at_their_field(self, facts, field, message):
        values = self.facts(**facts)
        view, html = self.form(**{**values, "form.buttons.preview": "Vorschau"})
        assert view.preview is None
        error = view.widgets[field].error
        assert error is not None, html
        assert message in error.render()
        if field != "received_on":
            assert values["form.widgets.received_on"] in html  # nothing typed is lost
        assert list(records(self.agreement)) == []

    def test_a_stadt_uid_is_no_party(self):
        values = self.facts(party=uid(self.network, "stadt"))
        view, _html = self.form(**{**values, "form.buttons.preview": "Vorschau"})
        assert view.widgets["party"].error is not None

    @pytest.mark.parametrize(
        ("data", "filename", "content_type", "message"),
        [
            (b"hello, not a letter", "letter.pdf", "application/pdf", "als PDF oder Bild"),
            (b"MZ\x90\x00", "letter.exe", "application/octet-stream", "als PDF oder Bild"),
        ],
    )
    def test_evidence_that_is_no_pdf_or_image(self, data, filename, content_type, message):
        view, html = self.confirm(evidence=upload(data, filename, content_type))
        assert list(records(self.agreement)) == []
        assert message in view.widgets["evidence"].error.render()
        assert view.preview is not None  # the outcome stays in view

    def test_huge_evidence(self, monkeypatch):
        from kooperation.agreements import notice

        monkeypatch.setattr(notice, "EVIDENCE_MAX", 1024)
        view, _html = self.confirm(evidence=upload(PDF + b"x" * 2048))
        assert list(records(self.agreement)) == []
        assert "größer als 0 MB" in view.widgets["evidence"].error.render()

    def test_only_for_this_party(self):
        values = self.facts(**{"form.widgets.ends_for": ["others_continue"]})
        view, _html = self.form(**{**values, "form.buttons.preview": "Vorschau"})
        assert "die anderen bleiben gebunden" in view.preview["text"]

    def test_who_lacks_the_right_is_refused(self):
        request = self.agreement.REQUEST
        with api.env.adopt_roles(["Reader"]), pytest.raises(Unauthorized):
            api.content.get_view(name="notice", context=self.agreement, request=request)()

    def test_an_ended_agreement_takes_no_notice(self):
        from kooperation.amendments.terminations import record_cancellation

        with api.env.adopt_roles(["Manager"]):
            record_cancellation(self.agreement, date(2015, 9, 1), date(2015, 12, 31))
        assert api.content.get_state(self.agreement) == "ended"
        with pytest.raises(Unauthorized):
            self.form()


class TestCancellationForm:
    @pytest.fixture(autouse=True)
    def _setup(self, agreement):
        self.agreement = agreement

    def form(self, **values):
        request = self.agreement.REQUEST
        request.form.clear()
        request.set("LANGUAGE", "de")
        request.form.update(values)
        posted = any(key.startswith("form.buttons.") for key in values)
        request.environ["REQUEST_METHOD"] = "POST" if posted else "GET"  # as the browser
        with api.env.adopt_roles(["Coordinator"]):
            view = api.content.get_view(
                name="cancellation", context=self.agreement, request=request
            )
            return view, view()

    def test_preview(self):
        view, _html = self.form(
            **{
                "form.widgets.concluded_on": "2015-09-01",
                "form.widgets.ends_on": "2015-12-31",
                "form.buttons.preview": "Vorschau",
            }
        )
        assert view.preview["text"] == "einvernehmliche Aufhebung — endet am 31.12.2015"

    def test_end_before_conclusion(self):
        view, html = self.form(
            **{
                "form.widgets.concluded_on": "2015-09-01",
                "form.widgets.ends_on": "2015-08-31",
                "form.buttons.preview": "Vorschau",
            }
        )
        assert view.preview is None
        assert view.widgets["ends_on"].error is not None
        assert "2015-09-01" in html


class TestWithdrawForm:
    @pytest.fixture(autouse=True)
    def _setup(self, agreement, network):
        from kooperation.amendments.terminations import record_notice

        self.agreement = agreement
        today = date.today()
        year = today.year if today > date(today.year, 11, 19) else today.year - 1
        with api.env.adopt_roles(["Manager"]):
            self.record = record_notice(agreement, uid(network, "bfo"), date(year, 11, 20), True)

    def form(self, **values):
        request = self.agreement.REQUEST
        request.form.clear()
        request.set("LANGUAGE", "de")
        request.form.update(values)
        posted = any(key.startswith("form.buttons.") for key in values)
        request.environ["REQUEST_METHOD"] = "POST" if posted else "GET"  # as the browser
        with api.env.adopt_roles(["Coordinator"]):
            view = api.content.get_view(
                name="withdraw-notice", context=self.agreement, request=request
            )
            return view, view()

    def test_shows_the_notice(self):
        _view, html = self.form(notice=self.record["id"])
        assert "verspätet — endet frühestens am" in html
        assert "form.widgets.reason" in html

    def test_reason_required(self):
        view, html = self.form(
            **{
                "form.widgets.notice": self.record["id"],
                "form.widgets.reason": "  ",
                "form.buttons.withdraw": "Zurückziehen",
            }
        )
        assert "Erforderliche Eingabe fehlt" in view.widgets["reason"].error.render()
        assert api.content.get_state(self.agreement) == "terminated"

    def test_withdraws(self):
        self.form(
            **{
                "form.widgets.notice": self.record["id"],
                "form.widgets.reason": "Versehen",
                "form.buttons.withdraw": "Zurückziehen",
            }
        )
        assert api.content.get_state(self.agreement) == "in_force"
        assert self.record["withdrawn"]["reason"] == "Versehen"

    def test_unknown_notice(self):
        _view, html = self.form(notice="nope")
        assert "Diese Kündigung gibt es nicht." in html

    def test_the_agreement_page_lists_it_with_its_withdraw_link(self):
        with api.env.adopt_roles(["Coordinator"]):
            html = api.content.get_view(
                name="view", context=self.agreement, request=self.agreement.REQUEST
            )()
        assert 'id="agreement-notices"' in html
        assert f"@@withdraw-notice?notice={self.record['id']}" in html
        assert "Kündigung erfassen" in html


class TestMenu:
    @pytest.fixture(autouse=True)
    def _setup(self, agreement):
        self.agreement = agreement

    def buttons(self, roles):
        with api.env.adopt_roles(roles):
            infos = api.portal.get_tool("portal_actions").listActionInfos(
                object=self.agreement, categories=["object_buttons"]
            )
            transitions = api.portal.get_tool("portal_workflow").getTransitionsFor(self.agreement)
        return {info["id"] for info in infos}, {t["id"] for t in transitions}

    def test_coordinators_get_the_forms_not_the_bare_transition(self):
        actions, transitions = self.buttons(["Coordinator"])
        assert {"kooperation-record-notice", "kooperation-record-cancellation"} <= actions
        assert "give_notice" not in transitions

    def test_readers_get_neither(self):
        actions, _transitions = self.buttons(["Reader"])
        assert "kooperation-record-notice" not in actions

    def test_upgrade_1005_adds_the_actions(self):
        from kooperation.upgrades.v1005 import upgrade_notice_actions

        buttons = api.portal.get_tool("portal_actions").object_buttons
        with api.env.adopt_roles(["Manager"]):
            buttons.manage_delObjects(["kooperation-record-notice"])
            upgrade_notice_actions(api.portal.get_tool("portal_setup"))
        assert "kooperation-record-notice" in buttons.objectIds()


def test_the_bare_transition_is_refused_through_the_web(agreement):
    """content_status_modify?workflow_action=give_notice (a typed URL) changes nothing."""
    from Products.CMFCore.WorkflowCore import WorkflowException

    request = agreement.REQUEST
    request.form["workflow_action"] = "give_notice"
    request.other["workflow_action"] = "give_notice"
    wf = api.portal.get_tool("portal_workflow")
    with api.env.adopt_roles(["Coordinator"]), pytest.raises(WorkflowException):
        wf.doActionFor(agreement, "give_notice")
    assert api.content.get_state(agreement) == "in_force"
