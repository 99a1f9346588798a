"""Helpers of the job tests: a small network with three partners and an agreement, settings,
parsing mails, an SMTP server that keeps what it receives (usable outside pytest too).

The agreement runs from 20.05.2015 in yearly terms with six months' notice to the end
of a term; in the term 20.05.2026-19.05.2027 its notice deadline is ``DEADLINE``.
"""

from datetime import date
from kooperation.agreements.signatures import record_signature
from kooperation.agreements.status import enter_into_force_if_due
from kooperation.agreements.validity import IValidityRules
from kooperation.deadlines import Period
from kooperation.jobs.settings import ensure_registered
from kooperation.jobs.settings import IReminderSettings
from kooperation.testing import add_person
from kooperation.testing import ContentLayer
from kooperation.testing import create_network
from mailbox_helpers import free_port  # noqa: F401
from mailbox_helpers import Inbox  # noqa: F401
from mailbox_helpers import parse  # noqa: F401
from mailbox_helpers import use_real_mailhost
from plone import api
from plone.app.testing import IntegrationTesting

import pytest


DEADLINE = date(2026, 11, 19)
END = date(2027, 5, 19)
SIGNED = date(2015, 5, 20)
PARTIES = (("a", "Partner A"), ("b", "Partner B"), ("c", "Partner C"))
SENDER = "kooperation@example.org"


def build_network(portal, id="net", title="Netz"):
    net = create_network(portal, PARTIES, id=id, title=title, boss_email=True)
    with api.env.adopt_roles(["Manager"]):
        for pid, _title in PARTIES:
            add_person(
                container=net[pid],
                id="contact",
                title=f"Kontakt {pid.upper()}",
                email=f"contact-{pid}@example.org",
                may_sign=False,
            )
    return net


def build_agreement(network, id="agreement", title="Vereinbarung", **rules):
    with api.env.adopt_roles(["Manager"]):
        obj = api.content.create(
            container=network,
            type="Agreement",
            id=id,
            title=title,
            parties=[network[pid].UID() for pid, _title in PARTIES],
            text_date=date(2015, 5, 1),
        )
    values = {
        "initial_term": Period(1, "years"),
        "renewal_term": Period(1, "years"),
        "notice_period": Period(6, "months"),
        **rules,
    }
    adapter = IValidityRules(obj)
    for name, value in values.items():
        setattr(adapter, name, value)
    return obj


def sign_all(agreement, day=SIGNED, enter=True):
    """Freeze, let every party's boss sign on ``day``, enter into force when due."""
    network = agreement.__parent__
    with api.env.adopt_roles(["Manager"]):
        api.content.transition(obj=agreement, transition="freeze_for_signature")
        for pid, _title in PARTIES:
            person = network[pid]["boss"]
            record_signature(agreement, person.UID(), day, f"boss-{pid}", False)
    if enter:
        enter_into_force_if_due(agreement)
    return agreement


def set_settings(**values):
    ensure_registered()
    for name, value in values.items():
        api.portal.set_registry_record(name, value, interface=IReminderSettings)


def send_to(portal, inbox, coordinator="koordination@example.org"):
    """Give ``portal`` a real MailHost that sends to ``inbox``, a sender and reminder settings."""
    use_real_mailhost(portal, inbox, SENDER)
    set_settings(coordinator_emails=[coordinator])


def build_in_force(portal):
    """Network ``net`` with ``agreement`` in force, as the fixtures ``network`` and
    ``in_force`` of conftest.py build them."""
    network = build_network(portal)
    agreement = sign_all(build_agreement(network))
    assert api.content.get_state(agreement) == "in_force"
    return {"network": network, "in_force": agreement}


# The network and its agreement in force, built once when the layer is set up instead of
# by every test (0.2-0.3 s each); the integration layer rolls back what a test changes,
# the daily job's changes too (run_daily commits only with commit=True). The modules
# whose tests start from an agreement in force use it (fixture ``in_force_site``).
IN_FORCE_FIXTURE = ContentLayer(build_in_force, name="JobsInForceLayer")


def start_in_force():
    """The fixtures ``portal``, ``network`` and ``in_force`` of a module whose tests start
    from the layer's network and its agreement in force (``in_force_*`` of conftest.py):
    ``globals().update(start_in_force())``."""

    @pytest.fixture
    def portal(in_force_portal):
        return in_force_portal

    @pytest.fixture
    def network(in_force_network):
        return in_force_network

    @pytest.fixture
    def in_force(in_force_agreement):
        return in_force_agreement

    return {"portal": portal, "network": network, "in_force": in_force}


IN_FORCE_INTEGRATION_TESTING = IntegrationTesting(
    bases=(IN_FORCE_FIXTURE,), name="JobsInForceLayer:Integration"
)
