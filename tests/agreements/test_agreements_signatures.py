"""Signatures: who may sign, when, and what the last signature does."""

from datetime import date
from kooperation.agreements.signatures import last_signature_date
from kooperation.agreements.signatures import record_signature
from kooperation.agreements.signatures import signatures
from kooperation.agreements.status import enter_into_force_if_due
from kooperation.common.errors import KooperationError
from kooperation.testing import add_person
from plone import api
from plone.namedfile.file import NamedBlobFile

import pytest


def scan():
    return NamedBlobFile(data=b"%PDF-1.4 scan", contentType="application/pdf", filename="s.pdf")


class TestSignatures:
    @pytest.fixture(autouse=True)
    def _setup(self, for_signature, network):
        self.agreement = for_signature
        self.network = network

    def sign(self, partner, day=date(2015, 5, 20), user=None, behalf=False, **details):
        person = self.network[partner]["boss"]
        with api.env.adopt_roles(["Manager"]):
            return record_signature(
                self.agreement, person.UID(), day, user or f"boss-{partner}", behalf, **details
            )

    def test_own_signature(self):
        record = self.sign("a", place="Oberhausen")
        assert record.signatory_name == "Chefin A"
        assert record.function == "Geschäftsführung"
        assert record.on_behalf is False
        assert set(signatures(self.agreement)) == {self.network["a"].UID()}

    def test_on_behalf_needs_evidence(self):
        with pytest.raises(KooperationError) as error:
            self.sign("a", user="coordinator", behalf=True)
        assert error.value.msgid == "error_on_behalf_needs_evidence"
        record = self.sign("a", user="coordinator", behalf=True, evidence=scan())
        assert record.on_behalf is True
        assert record.recorded_by == "coordinator"

    @pytest.mark.parametrize(
        ("change", "msgid"),
        [
            ({"user": "someone-else"}, "error_sign_for_yourself"),
            ({"day": date(2099, 1, 1)}, "error_signature_in_future"),
            ({"day": date(2015, 4, 30)}, "error_signature_before_text"),
            ({"day": date(2009, 12, 31)}, "error_signature_before_text"),
        ],
    )
    def test_refused(self, change, msgid):
        with pytest.raises(KooperationError) as error:
            self.sign("a", **change)
        assert error.value.msgid == msgid
        assert signatures(self.agreement) == {}

    def test_signing_window(self):
        person = self.network["b"]["boss"]
        person.signing_until = date(2015, 5, 19)
        with pytest.raises(KooperationError) as error:
            self.sign("b")
        assert error.value.msgid == "error_not_entitled"
        person.signing_until = date(2015, 5, 20)  # the window includes its last day
        assert self.sign("b").date == date(2015, 5, 20)

    def test_person_not_entitled_at_all(self):
        self.network["c"]["boss"].may_sign = False
        with pytest.raises(KooperationError) as error:
            self.sign("c")
        assert error.value.msgid == "error_not_entitled"

    def test_signatory_of_another_partner(self):
        with api.env.adopt_roles(["Manager"]):
            other = api.content.create(
                container=self.network, type="Partner", id="x", title="X", partner_kind="other"
            )
            add_person(container=other, id="boss", title="Y", may_sign=True)
        with pytest.raises(KooperationError) as error:
            self.sign("x", user="boss-x")
        assert error.value.msgid == "error_signatory_not_party"

    def test_twice(self):
        self.sign("a")
        with pytest.raises(KooperationError) as error:
            self.sign("a")
        assert error.value.msgid == "error_party_signed"

    def test_only_in_for_signature(self, agreement):
        with api.env.adopt_roles(["Manager"]):
            api.content.transition(obj=agreement, transition="reopen")
        with pytest.raises(KooperationError) as error:
            self.sign("a")
        assert error.value.msgid == "error_not_for_signature"

    def test_last_signature_puts_it_in_force(self):
        self.sign("a", day=date(2015, 5, 18))
        self.sign("b", day=date(2015, 5, 20))
        assert last_signature_date(self.agreement) is None
        assert enter_into_force_if_due(self.agreement) is False
        assert api.content.get_state(self.agreement) == "for_signature"
        self.sign("c", day=date(2015, 5, 19))
        assert last_signature_date(self.agreement) == date(2015, 5, 20)
        assert enter_into_force_if_due(self.agreement) is True
        assert api.content.get_state(self.agreement) == "in_force"

    def test_reopen_only_without_signatures(self):
        wf = api.portal.get_tool("portal_workflow")
        with api.env.adopt_roles(["Manager"]):
            assert "reopen" in [t["id"] for t in wf.getTransitionsFor(self.agreement)]
            self.sign("a")
            assert "reopen" not in [t["id"] for t in wf.getTransitionsFor(self.agreement)]
