"""Helpers of the Zope-side amendment tests: sign, add and freeze amendments."""

from amendments_scenario import SEED
from datetime import date
from kooperation.testing import ContentLayer
from kooperation.testing import create_network
from plone import api
from plone.app.testing import IntegrationTesting
from plone.app.textfield.value import RichTextValue


PARTNERS = (
    ("jobcenter", "Jobcenter Oberhausen"),
    ("bfo", "BFO"),
    ("zib", "ZIB"),
    ("stadt", "Stadt Oberhausen"),
)


def uid(network, pid):
    return network[pid].UID()


def sign(obj, network, pids, day):
    """Record the signatures of ``pids`` on ``obj`` as a coordinator would (with evidence)."""
    from kooperation.agreements.signatures import record_signature

    with api.env.adopt_roles(["Manager"]):
        for pid in pids:
            record_signature(
                obj, network[pid]["boss"].UID(), day, "admin", True, qes_reference="paper"
            )


def add_amendment(agreement, **fields):
    with api.env.adopt_roles(["Manager"]):
        return api.content.create(container=agreement, type="Amendment", **fields)


def to_signature(amendment):
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(obj=amendment, transition="freeze_for_signature")
    return amendment


def build_network(portal):
    return create_network(portal, PARTNERS, boss_title=lambda pid, title: f"Leitung {title}")


def build_agreement(network):
    """The seed's agreement of Jobcenter, BFO and ZIB, in force since 20.05.2015."""
    from kooperation.agreements.status import enter_into_force_if_due
    from kooperation.agreements.validity import IValidityRules
    from kooperation.deadlines import Period

    with api.env.adopt_roles(["Manager"]):
        obj = api.content.create(
            container=network,
            type="Agreement",
            id="agreement",
            title="Kooperationserklärung",
            parties=[uid(network, p) for p in ("jobcenter", "bfo", "zib")],
            intended_parties=[uid(network, "stadt")],
            legal_bases=["SGB I", "§ 2 Abs. 2 SGB II", "§§ 14-16 SGB II", "SGB VIII"],
            target_groups=["U25", "Alleinerziehende"],
            text=RichTextValue(SEED, "text/html", "text/x-html-safe"),
            text_date=date(2015, 5, 20),
        )
        rules = IValidityRules(obj)
        rules.initial_term = Period(1, "years")
        rules.renewal_term = Period(1, "years")
        rules.notice_period = Period(6, "months")
        api.content.transition(obj=obj, transition="freeze_for_signature")
    sign(obj, network, ("jobcenter", "bfo", "zib"), date(2015, 5, 20))
    enter_into_force_if_due(obj)
    assert api.content.get_state(obj) == "in_force"
    return obj


def build_seed(portal):
    network = build_network(portal)
    return {"network": network, "agreement": build_agreement(network)}


# The network and the seed agreement, built once when the layer is set up instead of by
# every test (the fixtures ``network`` and ``agreement`` of this folder's conftest).
SEED_FIXTURE = ContentLayer(build_seed, name="AmendmentsSeedLayer")
SEED_INTEGRATION_TESTING = IntegrationTesting(
    bases=(SEED_FIXTURE,), name="AmendmentsSeedLayer:Integration"
)
