"""@@audit-log: who may read it, filters, batches and the CSV download."""

from kooperation import audit
from kooperation.interfaces import IKooperationLayer
from plone import api
from zope.component import getMultiAdapter
from zope.interface import alsoProvides

import csv
import io
import pytest


class TestPermission:
    @pytest.mark.parametrize(
        ("role", "allowed"),
        [
            ("Manager", True),
            ("Site Administrator", True),
            ("Editor", False),
            ("Reviewer", False),
            ("Member", False),
        ],
    )
    def test_who_reads_the_log(self, portal, role, allowed):
        with api.env.adopt_roles([role]):
            assert api.user.has_permission("kooperation: View audit log", obj=portal) is allowed

    def test_view_is_protected(self, portal):
        from AccessControl import Unauthorized

        with api.env.adopt_roles(["Site Administrator"]):
            assert portal.restrictedTraverse("@@audit-log").__name__ == "audit-log"
        with api.env.adopt_roles(["Editor"]), pytest.raises(Unauthorized):
            portal.restrictedTraverse("@@audit-log")


class TestAuditLogView:
    @pytest.fixture(autouse=True)
    def _setup(self, portal, request_from, as_manager):
        self.portal = portal
        self.request = request_from
        alsoProvides(self.request, IKooperationLayer)
        for i in range(60):
            audit.log_event("consent", obj=portal, subject=f"young-{i}", n=i)
        doc = api.content.create(container=portal, type="Document", id="x", title="=1+2")
        audit.log_event("publish", obj=doc, note="-1")

    def render(self, **form):
        self.request.form.clear()
        self.request.form.update(form)
        return getMultiAdapter((self.portal, self.request), name="audit-log")()

    def test_newest_first_in_batches(self):
        html = self.render()
        assert "1–50 / 61" in html
        assert html.index("Veröffentlicht") < html.index("young-59") < html.index("young-11<")
        assert "young-10<" not in html
        assert "10.1.2.3" in html
        assert "203.0.113.9" in html
        assert "b_start=50" in html
        html = self.render(b_start="50")
        assert "51–61 / 61" in html
        assert "young-10<" in html

    def test_the_log_has_the_page_width(self):
        """No portlet columns beside its table (Plone's layout reads these flags; the page
        of the registrations shows the effect: tests/registrations)."""
        assert self.request.get("disable_plone.rightcolumn") is None
        html = self.render()
        assert self.request.get("disable_plone.leftcolumn") == 1
        assert self.request.get("disable_plone.rightcolumn") == 1
        assert "portal-column-two" not in html

    def test_filters(self):
        html = self.render(user="young-7")
        assert "1–1 / 1" in html
        html = self.render(action="publish", path="/x")
        assert "1–1 / 1" in html
        assert "=1+2" in html

    def test_bad_date_is_a_message(self):
        html = self.render(since="gestern")
        assert "audit-log-error" in html
        assert "gestern" in html

    def test_csv_neutralises_formulas_and_logs_the_export(self):
        body = self.render(action="publish", format="csv")
        assert self.request.response.getHeader("Content-Type").startswith("text/csv")
        assert "attachment" in self.request.response.getHeader("Content-Disposition")
        rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff")), delimiter=";"))
        header, row = rows
        assert len(rows) == 2
        assert row[header.index("title")] == "'=1+2"
        assert row[header.index("address")] == "10.1.2.3"
        assert row[header.index("details")] == '{"note": "-1"}'
        entry = audit.query(size=1)[1][0]
        assert entry.action == "export_audit_log"
        assert entry.details == {"filters": {"action": "publish"}}

    def test_a_signature_reads_in_words_not_ids(self):
        """The page names partner and signatory by their titles, says yes/no and the form
        in German, and leaves out empty details and the validation report; the CSV keeps
        every detail as it was logged."""
        party, signatory = "ab" * 16, "cd" * 16
        audit.log_event(
            "sign_on_behalf",
            obj=self.portal,
            party=party,
            party_title="Jobcenter Oberhausen",
            signatory=signatory,
            signatory_name="Petra Albers",
            on_behalf=True,
            form="written",
            qes_reference=None,
            validation={"indication": "TOTAL-PASSED"},
            date="2016-03-01",
        )
        html = self.render(action="sign_on_behalf")
        for text in (
            "Partner: Jobcenter Oberhausen",
            "Unterzeichnet von: Petra Albers",
            "In Vertretung: ja",
            "Form: schriftlich",
            "Datum: 01.03.2016",
        ):
            assert text in html
        for text in (party, signatory, "qes_reference", "TOTAL-PASSED", "on_behalf:", ": None"):
            assert text not in html, text
        body = self.render(action="sign_on_behalf", format="csv")
        assert party in body
        assert "TOTAL-PASSED" in body

    def test_amendments_and_notices_read_in_words(self):
        audit.log_event(
            "amendment_applied",
            obj=self.portal,
            amendment="ef" * 16,
            amendment_title="1. Änderung",
            effective_on="2027-01-01",
        )
        audit.log_event(
            "notice", obj=self.portal, kind="notice", ends_for="others_continue", end=None
        )
        html = self.render()
        for text in (
            "Änderung wirksam geworden",
            "Änderung: 1. Änderung",
            "Wirksam ab: 01.01.2027",
            "Kündigung erfasst",
            "Art: ordentliche Kündigung",
            "Endet für: diesen Partner; die übrigen setzen fort",
        ):
            assert text in html
        for text in ("amendment_applied<", "ef" * 16, "effective_on", "others_continue<"):
            assert text not in html, text
