"""A consent is given to a wording: editing the amendment afterwards voids it."""

from amendments_helpers import add_amendment
from amendments_helpers import uid
from kooperation import audit
from kooperation.amendments.consents import consents
from kooperation.amendments.consents import consents_json
from kooperation.amendments.consents import record_consent
from plone import api
from plone.restapi.interfaces import IDeserializeFromJson
from zope.component import getMultiAdapter

import pytest


@pytest.fixture
def amendment(agreement, network):
    obj = add_amendment(
        agreement,
        id="aenderung",
        title="1. Änderung",
        changes=[{"operation": "delete", "key": "VII", "html": ""}],
    )
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(obj=obj, transition="submit_for_consultation")
    for party in ("zib", "bfo"):
        record_consent(obj, uid(network, party), "consent", "", "koordination", True)
    return obj


def _patch(obj, data):
    """As PATCH through plone.restapi and the amendment's edit form both do."""
    with api.env.adopt_roles(["Manager"]):
        getMultiAdapter((obj, obj.REQUEST), IDeserializeFromJson)(data=data)


def test_a_new_wording_voids_the_consents_given(amendment, network):
    _patch(amendment, {"changes": [{"operation": "delete", "key": "VI", "html": ""}]})
    assert dict(consents(amendment)) == {}
    entry = audit.query(size=1)[1][0]
    assert entry.action == "consents_voided"
    assert entry.details["count"] == 2


def test_the_rationale_may_change_without_voiding(amendment, network):
    _patch(amendment, {"rationale": "Nach Rücksprache genauer begründet."})
    assert set(consents(amendment)) == {uid(network, "zib"), uid(network, "bfo")}


def test_the_fingerprint_stays_out_of_the_json(amendment):
    assert all("wording" not in item for item in consents_json(amendment))
