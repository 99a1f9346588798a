"""The form rule (§§ 126, 126a BGB) and the matching of certificates to signatories."""

from datetime import date
from kooperation.esign.form import Candidate
from kooperation.esign.form import match_signer
from kooperation.esign.form import normalise
from kooperation.esign.form import PartySignature
from kooperation.esign.form import written_form

import pytest


PARTIES = ("a", "b", "c")


def sig(party, form="electronic", qualified=True, content="h1"):
    return PartySignature(
        party,
        form=form,
        qualified=qualified,
        content_hash=content if form == "electronic" else None,
        name=f"Person {party}",
        party_title=f"Partner {party.upper()}",
    )


class TestWrittenForm:
    def test_all_qualified_electronic_over_identical_content(self):
        result = written_form(PARTIES, [sig("a"), sig("b"), sig("c")])
        assert result.met
        assert result.messages[0].msgid == "esign_form_met"

    def test_hybrid_paper_and_electronic(self):
        result = written_form(PARTIES, [sig("a", "written"), sig("b"), sig("c", "written")])
        assert result.met

    def test_one_simple_signature_fails_with_a_clear_message(self):
        result = written_form(PARTIES, [sig("a"), sig("b", qualified=False), sig("c")])
        assert not result.met
        assert result.insufficient == ("b",)
        (message,) = result.messages
        assert message.msgid == "esign_form_not_qualified"
        assert "Partner B" in str(message)
        assert "§ 126a BGB" in str(message)

    def test_a_missing_party(self):
        result = written_form(PARTIES, [sig("a"), sig("b")], {"c": "Partner C"})
        assert not result.met
        assert result.missing == ("c",)
        assert "Partner C" in str(result.messages[-1])

    def test_different_content(self):
        result = written_form(PARTIES, [sig("a"), sig("b"), sig("c", content="h2")])
        assert not result.met
        assert result.insufficient == ("c",)
        assert result.messages[0].msgid == "esign_form_content_differs"


CANDIDATES = [
    Candidate("p1", "Dr. Anna Berger", "a", "Jobcenter Mülheim an der Ruhr"),
    Candidate("p2", "Bernd Cramer", "b", "Stadt Mülheim an der Ruhr"),
    Candidate("p3", "Clara Dietz", "c", "Agentur für Arbeit Oberhausen", entitled=False),
]


class TestMatching:
    @pytest.mark.parametrize(
        ("name", "organisation", "uid"),
        [
            ("Anna Berger", "Jobcenter Mülheim an der Ruhr", "p1"),
            ("Berger, Anna", "", "p1"),
            ("Bernd Cramer", "Stadt Muelheim an der Ruhr", "p2"),
            ("Bernd Cramer", "Irgendwo GmbH", None),  # another organisation
            ("Clara Dietz", "Agentur für Arbeit Oberhausen", None),  # not entitled that day
            ("Mallory Fremd", "", None),
        ],
    )
    def test_match(self, name, organisation, uid):
        found, phrase = match_signer(name, organisation, CANDIDATES, date(2026, 12, 1))
        assert (found.uid if found else None) == uid
        assert phrase.msgid == ("esign_match_party" if uid else "esign_match_none")

    def test_normalise(self):
        assert normalise("Dr. Jürgen Weiß") == normalise("Juergen WEISS")
