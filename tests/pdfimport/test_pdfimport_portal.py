"""The import in the portal: a draft from a PDF, no duplicates, rules only on confirm."""

from conftest import corpus_pdf
from datetime import date
from kooperation.agreements.validity import IValidityRules
from kooperation.deadlines import Period
from kooperation.pdfimport import ExtractionError
from kooperation.pdfimport.portal import check_rules
from kooperation.pdfimport.portal import confirm_rules
from kooperation.pdfimport.portal import import_pdf
from kooperation.pdfimport.portal import is_pending
from kooperation.pdfimport.portal import parse_rules
from kooperation.pdfimport.portal import proposal
from kooperation.pdfimport.portal import proposed_rules
from kooperation.pdfimport.portal import RuleInputError
from plone import api

import pytest


class TestImport:
    @pytest.fixture(autouse=True)
    def _setup(self, demo_portal):
        self.portal = demo_portal
        self.network = demo_portal["oberhausen"]
        with api.env.adopt_roles(["Manager"]):
            self.agreement, self.extraction, self.created = import_pdf(
                self.network, corpus_pdf("01_oberhausen_seed"), "kooperation-2015.pdf"
            )

    def test_a_draft_with_text_parties_and_the_original(self):
        agreement = self.agreement
        assert self.created
        assert api.content.get_state(agreement) == "draft"
        assert agreement.title == "Kooperationserklärung"
        assert agreement.agreement_kind == "erklaerung"
        network = self.network
        assert agreement.parties == [
            network["jobcenter-oberhausen"].UID(),
            network["bfo"].UID(),
            network["zib"].UID(),
        ]
        assert agreement.intended_parties == [network["stadt-oberhausen"].UID()]
        assert "§ 78 SGB VIII" in agreement.legal_bases
        assert agreement.text_date == date(2015, 5, 20)
        assert "<h2>VII. Gültigkeit der Vereinbarung</h2>" in agreement.text.raw
        original = agreement["original.pdf"]
        assert original.portal_type == "File"
        assert original.file.data == corpus_pdf("01_oberhausen_seed")
        assert original.file.filename == "kooperation-2015.pdf"

    def test_rules_wait_for_confirmation(self):
        rules = IValidityRules(self.agreement)
        assert rules.renewal_term is None
        assert rules.notice_period is None
        assert is_pending(self.agreement)
        stored = proposal(self.agreement)
        assert stored["extraction"]["renewal_term"] == {"value": 1, "unit": "years"}
        assert "halbes Jahr" in stored["extraction"]["evidence"]["notice_period"]

    def test_confirm_applies_the_rules(self):
        parsed = parse_rules(proposed_rules(self.extraction))
        assert check_rules(parsed) == []
        with api.env.adopt_roles(["Manager"]):
            confirm_rules(self.agreement, parsed)
        rules = IValidityRules(self.agreement)
        assert rules.initial_term == Period(1, "years")
        assert rules.renewal_term == Period(1, "years")
        assert rules.notice_period == Period(6, "months")
        assert rules.written_form_termination is True
        assert not is_pending(self.agreement)

    def test_contradicting_rules_are_refused(self):
        values = proposed_rules(self.extraction)
        values["notice_period"] = {"value": 2, "unit": "years"}
        problems = check_rules(parse_rules(values))
        assert [p.field for p in problems] == ["notice_period"]
        with pytest.raises(RuleInputError):
            parse_rules({**values, "notice_anchor": "zu Ostern"})

    def test_same_file_again_creates_nothing(self):
        before = len(self.network.objectIds())
        with api.env.adopt_roles(["Manager"]):
            again, extraction, created = import_pdf(
                self.network, corpus_pdf("01_oberhausen_seed"), "copy.pdf"
            )
        assert not created
        assert again.UID() == self.agreement.UID()
        assert extraction == self.extraction
        assert len(self.network.objectIds()) == before

    def test_full_text_search_finds_words_of_the_pdf(self):
        catalog = api.portal.get_tool("portal_catalog")
        with api.env.adopt_roles(["Manager"]):
            brains = catalog(
                SearchableText="Warteschleifen", path="/".join(self.agreement.getPhysicalPath())
            )
        types = {brain.portal_type for brain in brains}
        assert "File" in types

    def test_the_duplicate_check_survives_a_rename_and_a_deletion(self):
        from kooperation.pdfimport.portal import DIGESTS
        from zope.annotation.interfaces import IAnnotations

        data = corpus_pdf("01_oberhausen_seed")
        with api.env.adopt_roles(["Manager"]):
            renamed = api.content.rename(obj=self.agreement, new_id="umbenannt")
            again, _extraction, created = import_pdf(self.network, data, "copy.pdf")
            assert not created
            assert again.UID() == renamed.UID()
            api.content.delete(obj=renamed, check_linkintegrity=False)
            fresh, _extraction, created = import_pdf(self.network, data, "copy.pdf")
            assert created
            # an index lost or made before: built again from the objects
            del IAnnotations(self.network)[DIGESTS]
            again, _extraction, created = import_pdf(self.network, data, "copy.pdf")
        assert not created
        assert again.UID() == fresh.UID()

    def test_a_broken_file_creates_nothing(self):
        before = len(self.network.objectIds())
        with api.env.adopt_roles(["Manager"]), pytest.raises(ExtractionError) as info:
            import_pdf(self.network, b"%PDF-1.4 broken", "broken.pdf")
        assert info.value.code == "truncated"
        assert len(self.network.objectIds()) == before


class TestBulk:
    def test_folder_import_and_rerun_without_duplicates(self, demo_portal, tmp_path):
        from kooperation.pdfimport.bulk import import_folder
        from kooperation.pdfimport.bulk import summary

        import io

        for name in ("01_oberhausen_seed", "06_bochum_month_end"):
            (tmp_path / f"{name}.pdf").write_bytes(corpus_pdf(name))
        (tmp_path / "kaputt.pdf").write_bytes(b"not a pdf")
        (tmp_path / "notes.txt").write_text("ignored")
        network = demo_portal["oberhausen"]
        stream = io.StringIO()
        commits = []
        with api.env.adopt_roles(["Manager"]):
            rows = import_folder(network, tmp_path, stream=stream, commit=commits.append, batch=1)
            assert [row[1] for row in rows] == ["created", "created", "error"]
            # one commit per batch of new drafts (here: one file each)
            assert commits == [["01_oberhausen_seed.pdf"], ["06_bochum_month_end.pdf"]]
            assert "[" + "#" * 30 + "] 3/3" in stream.getvalue()
            count = len(network.objectIds())
            again = import_folder(network, tmp_path, stream=io.StringIO(), commit=commits.append)
        assert [row[1] for row in again] == ["duplicate", "duplicate", "error"]
        assert commits == [["01_oberhausen_seed.pdf"], ["06_bochum_month_end.pdf"]]
        assert len(network.objectIds()) == count
        table = io.StringIO()
        summary(again, table)
        assert "2 duplicate, 1 error" in table.getvalue()
        assert "The file is not a PDF." in table.getvalue()


def test_bulk_commits_in_batches(demo_portal, tmp_path):
    from kooperation.pdfimport.bulk import import_folder

    import io

    names = ("01_oberhausen_seed", "06_bochum_month_end", "07_kiel_24_months_renewal_12")
    for name in names:
        (tmp_path / f"{name}.pdf").write_bytes(corpus_pdf(name))
    commits = []
    with api.env.adopt_roles(["Manager"]):
        network = demo_portal["oberhausen"]
        import_folder(network, tmp_path, stream=io.StringIO(), commit=commits.append, batch=2)
    assert commits == [[f"{names[0]}.pdf", f"{names[1]}.pdf"], [f"{names[2]}.pdf"]]


def test_bulk_command_refuses_a_missing_folder(tmp_path, capsys):
    from kooperation.cli.importpdfs import main

    assert main(["oberhausen", str(tmp_path / "nope")]) == 2
    assert "is not a folder" in capsys.readouterr().err
