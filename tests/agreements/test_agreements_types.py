"""The agreement types: where they may be added, their fields and behaviors."""

from kooperation.agreements.validity import IValidityRules
from kooperation.deadlines import Period
from plone import api
from plone.dexterity.interfaces import IDexterityFTI
from zope.component import getUtility

import pytest


class TestTypes:
    @pytest.fixture(autouse=True)
    def _setup(self, portal):
        self.portal = portal

    @pytest.mark.parametrize(
        ("portal_type", "add_permission", "global_allow"),
        [
            ("Network", "kooperation.AddNetwork", True),
            ("Partner", "kooperation.AddPartner", False),
            ("Person", "kooperation.AddPerson", False),
            ("Agreement", "kooperation.AddAgreement", False),
        ],
    )
    def test_fti(self, portal_type, add_permission, global_allow):
        fti = getUtility(IDexterityFTI, name=portal_type)
        assert fti.add_permission == add_permission
        assert fti.global_allow is global_allow

    def test_agreement_behaviors(self):
        behaviors = getUtility(IDexterityFTI, name="Agreement").behaviors
        assert "kooperation.validity_rules" in behaviors
        assert "plone.versioning" in behaviors

    @pytest.mark.parametrize(
        ("roles", "expected"), [(["Manager"], True), (["Coordinator"], True), (["Reader"], False)]
    )
    def test_agreement_only_inside_a_network(self, network, roles, expected):
        with api.env.adopt_roles(roles):
            assert ("Agreement" in [t.getId() for t in network.allowedContentTypes()]) is expected
            assert "Agreement" not in [t.getId() for t in self.portal.allowedContentTypes()]

    def test_rules_do_not_touch_the_publication_date(self, agreement):
        from datetime import date

        IValidityRules(agreement).effective_date = date(2020, 1, 1)
        assert agreement.validity_effective_date == date(2020, 1, 1)
        assert agreement.EffectiveDate() == "None"

    def test_rules_from_the_behavior(self, agreement):
        rules = IValidityRules(agreement).rules
        assert rules.initial_term == Period(1, "years")
        assert rules.notice_anchor == "end_of_term"
        assert rules.written_form_amendments is True

    def test_partners_vocabulary_is_the_network(self, agreement, network):
        from zope.schema.interfaces import IVocabularyFactory

        factory = getUtility(IVocabularyFactory, "kooperation.Partners")
        titles = [term.title for term in factory(agreement)]
        assert titles == ["Partner A", "Partner B", "Partner C"]
        assert list(factory(self.portal)) == []

    def test_workflow(self, agreement):
        assert api.content.get_state(agreement) == "draft"
        chain = api.portal.get_tool("portal_workflow").getChainFor(agreement)
        assert chain == ("kooperation_agreement_workflow",)

    def test_catalog_indexes_parties(self, agreement, network):
        brains = api.content.find(agreement_parties=network["a"].UID())
        assert [b.getId for b in brains] == ["agreement"]
        assert brains[0].deadline_status == "not_signed"
        assert brains[0].party_titles == ("Partner A", "Partner B", "Partner C")
