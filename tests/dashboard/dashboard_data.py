"""Agreements with known deadlines for the dashboard tests (used by conftest and tests).

The deadline indexes hold the dates as of the day of indexing. The ``index_day``
fixture makes that day fixed (INDEX_DAY), so the indexed dates below do not depend
on today:

========  ==========  ======  ==============  ==========  ==============
id        state       party   notice_dl       term_end    legal spheres
========  ==========  ======  ==============  ==========  ==============
alpha     in_force    a, b    2026-05-31      2026-08-31  SGB II, VIII
beta      in_force    b, c    2026-11-30      2026-05-31  SGB VIII, III
gamma     in_force    a, c    2026-10-31      2026-11-30  SGB II, III
delta     terminated  a, c    (2026-12-31)    2026-03-31  SGB II, III
eta       terminated  a, b    (2026-05-31)    2026-08-31  SGB II, VIII
zeta      for_sig.    b, c    -               2026-05-31  SGB VIII, III
entwurf   draft       a, b    -               -
omega     in_force    x, y    2026-05-31      2026-08-31  Schulrecht  (other network)
========  ==========  ======  ==============  ==========  ==============

In WINDOW (2026-02-01 to 2026-07-31) of network ``net`` come: delta (term end),
alpha (notice deadline), beta and zeta (term ends, by title); a notice deadline of an
agreement with notice given (delta, eta) does not count.
"""

from datetime import date
from kooperation.agreements.deadlines import deadlines_for
from kooperation.agreements.signatures import record_signature
from kooperation.agreements.status import enter_into_force_if_due
from kooperation.agreements.validity import IValidityRules
from kooperation.deadlines import Period
from kooperation.testing import add_person
from kooperation.testing import ContentLayer
from plone import api
from plone.app.testing import IntegrationTesting
from Products.CMFCore.indexing import processQueue

import kooperation.agreements.indexers


INDEX_DAY = date(2026, 1, 15)
WINDOW = {"start": date(2026, 2, 1), "end": date(2026, 7, 31)}
YEAR = Period(1, "years")

SPHERES = {
    "a": ["SGB II"],
    "b": ["SGB VIII"],
    "c": ["SGB III"],
    "x": ["Schulrecht"],
    "y": ["Schulrecht"],
}

# id: (title, parties, signed on, state, rules)
AGREEMENTS = {
    "alpha": ("Alpha", "ab", date(2020, 9, 1), "in_force", {"notice_period": Period(3, "months")}),
    "beta": ("Beta", "bc", date(2019, 6, 1), "in_force", {"notice_period": Period(6, "months")}),
    "gamma": ("Gamma", "ac", date(2018, 12, 1), "in_force", {"notice_period": Period(1, "months")}),
    "delta": (
        "Delta",
        "ac",
        date(2021, 4, 1),
        "terminated",
        {"notice_period": Period(3, "months")},
    ),
    "eta": ("Eta", "ab", date(2020, 9, 1), "terminated", {"notice_period": Period(3, "months")}),
    "zeta": (
        "Zeta",
        "bc",
        date(2025, 12, 1),
        "for_signature",
        {
            "effective_rule": "fixed_date",
            "effective_date": date(2026, 2, 1),
            "initial_term": Period(4, "months"),
            "renewal_term": None,
        },
    ),
    "entwurf": ("Entwurf", "ab", None, "draft", {}),
}


def make_network(portal, network_id, partner_ids):
    with api.env.adopt_roles(["Manager"]):
        net = api.content.create(
            container=portal, type="Network", id=network_id, title=f"Netz {network_id}"
        )
        for pid in partner_ids:
            partner = api.content.create(
                container=net,
                type="Partner",
                id=pid,
                title=f"Partner {pid.upper()}",
                partner_kind="other",
                legal_spheres=SPHERES[pid],
            )
            add_person(
                container=partner,
                id="boss",
                title=f"Chefin {pid.upper()}",
                position="Geschäftsführung",
                may_sign=True,
                signing_from=date(2010, 1, 1),
                user_id=f"boss-{pid}",
            )
    return net


def make_agreement(network, agreement_id, title, parties, signed_on, state, rules):
    """An agreement between ``parties`` (partner ids), signed on ``signed_on``, in ``state``."""
    with api.env.adopt_roles(["Manager"]):
        obj = api.content.create(
            container=network,
            type="Agreement",
            id=agreement_id,
            title=title,
            parties=[network[p].UID() for p in parties],
        )
        validity = IValidityRules(obj)
        values = {"initial_term": YEAR, "renewal_term": YEAR, **rules}
        for name, value in values.items():
            setattr(validity, name, value)
        if signed_on is not None:
            api.content.transition(obj=obj, transition="freeze_for_signature")
            for p in parties:
                person = network[p]["boss"]
                record_signature(obj, person.UID(), signed_on, f"boss-{p}", False)
            if state in ("in_force", "terminated"):
                assert enter_into_force_if_due(obj)
            if state == "terminated":
                api.content.transition(obj=obj, transition="give_notice")
        obj.reindexObject()
    processQueue()  # index now, not at the next search
    assert api.content.get_state(obj) == state
    return obj


def make_agreements(portal):
    """Network ``net`` (partners a, b, c) with the agreements of the table, ``net2``
    (partners x, y) with ``omega``."""
    net = make_network(portal, "net", "abc")
    objs = {
        agreement_id: make_agreement(net, agreement_id, *values)
        for agreement_id, values in AGREEMENTS.items()
    }
    net2 = make_network(portal, "net2", "xy")
    objs["omega"] = make_agreement(
        net2,
        "omega",
        "Omega",
        "xy",
        date(2020, 9, 1),
        "in_force",
        {"notice_period": Period(3, "months")},
    )
    return {"net": net, "net2": net2, **objs}


def index_as_of(day):
    """Patch the indexers to index deadlines as of ``day``; returns the undo."""
    indexers = kooperation.agreements.indexers
    original = indexers._deadlines
    indexers._deadlines = lambda obj: deadlines_for(obj, day)

    def undo():
        indexers._deadlines = original

    return undo


def make_agreements_as_of_index_day(portal):
    undo = index_as_of(INDEX_DAY)
    try:
        return make_agreements(portal)
    finally:
        undo()


# The agreements of the table (``make_agreements``, indexed as of INDEX_DAY), built once
# when the layer is set up instead of by every test; the integration layer over it
# rolls back what a test changes.
DEADLINES_FIXTURE = ContentLayer(make_agreements_as_of_index_day, name="DashboardDeadlinesLayer")
DEADLINES_INTEGRATION_TESTING = IntegrationTesting(
    bases=(DEADLINES_FIXTURE,), name="DashboardDeadlinesLayer:Integration"
)
