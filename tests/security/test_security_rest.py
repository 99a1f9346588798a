"""Every REST write endpoint over HTTP: 401 anonymous, 401 or 403 the wrong user, 2xx the
right one.

The wrong user gets 401 from the publisher when they lack the permission the service
declares in ZCML (docs/rights.md), 403 from the service when they hold it but not the
right on this object. The table must name every write service the add-on registers (a
test checks it), so a new endpoint cannot ship without its rights being proven here.
"""

from datetime import date
from pathlib import Path
from world import objects
from world import PASSWORD
from zope.component import getGlobalSiteManager

import base64
import pytest
import requests
import transaction


pytestmark = pytest.mark.slow

WRITE_METHODS = {"POST", "PATCH", "PUT", "DELETE"}


@pytest.fixture
def functional(world_functional):
    """The functional layer over the world (world.py), built once instead of by each test."""
    return world_functional


def _sign(objs):
    return {
        "signatory": objs["partner"]["chief"].UID(),
        "date": "2020-02-01",
    }


def _leave(objs):
    return {"action": "leave", "date": "2026-01-31"}


def _amend(objs):
    return {"title": "Neue Änderung", "legal_bases_added": ["§ 16h SGB II"]}


def _consent(objs):
    return {"party": objs["partner"].UID(), "decision": "consent"}


def _notice(objs):
    return {"party": objs["partner"].UID(), "received_on": "2025-01-10", "written_form": True}


def _withdraw(objs):
    """A notice (without written form: it ends nothing) recorded by mistake, id notice-1."""
    from kooperation.amendments.terminations import record_notice
    from plone import api

    agreement = objs["agreement_in_force"]
    with api.env.adopt_roles(["Manager"]):
        record = record_notice(agreement, objs["partner"].UID(), date(2025, 1, 10), False)
    record["id"] = "notice-1"
    transaction.commit()
    return {"reason": "Versehentlich erfasst"}


# (method, service, path in the world, body factory, wrong user, their status, right user,
#  right status)
def _pdf(objs):
    pdf = Path(__file__).parent.parent / "pdfimport" / "corpus" / "pdf" / "01_oberhausen_seed.pdf"
    return {"file": {"data": base64.b64encode(pdf.read_bytes()).decode(), "encoding": "base64"}}


CASES = [
    ("POST", "@import-agreement", "net", _pdf, "staff_a", 401, "coordinator", 201),
    (
        "POST",
        "@signatures",
        "net/agreement-for_signature",
        _sign,
        "staff_c",
        401,
        "signatory_a",
        201,
    ),
    # an unsigned PDF: the right person gets past the rights to the 400 of the content
    (
        "POST",
        "@esignatures",
        "net/agreement-for_signature",
        _pdf,
        "staff_c",
        401,
        "signatory_a",
        400,
    ),
    ("POST", "@amendments", "net/agreement-in_force", _amend, "staff_a", 401, "coordinator", 201),
    (
        "POST",
        "@consents",
        "net/agreement-in_force/amendment-consultation",
        _consent,
        "staff_a",
        401,
        "signatory_a",
        201,
    ),
    (
        "POST",
        "@terminations",
        "net/agreement-in_force",
        _notice,
        "signatory_a",
        401,
        "coordinator",
        201,
    ),
    (
        "DELETE",
        "@terminations/notice-1",
        "net/agreement-in_force",
        _withdraw,
        "staff_a",
        401,
        "coordinator",
        200,
    ),
    ("POST", "@handover", "net/c/staff", _leave, "staff_a", 401, "coordinator", 200),
    # Partner A has an admin (signatory_a): the coordinator may no longer confirm for A.
    (
        "POST",
        "@confirmation",
        "net/a/staff",
        lambda objs: {},
        "coordinator",
        403,
        "signatory_a",
        200,
    ),
    (
        "POST",
        "@correct",
        "net/rt/m1/minutes-approved",
        lambda objs: {"reason": "Tippfehler", "decisions": ["Korrigiert"]},
        "staff_a",
        401,
        "coordinator",
        200,
    ),
    # the world's portal has no sender address: the right is checked first, then 409;
    # staff_a (a member) may send invitations, but partner C holds this meeting's duty
    (
        "POST",
        "@send-invitation",
        "net/rt/m1",
        lambda objs: {},
        "staff_a",
        403,
        "coordinator",
        409,
    ),
    ("POST", "@kooperation-daily", "", lambda objs: {}, "coordinator", 401, "manager", 200),
    ("DELETE", "@personal-data/staff_c", "", None, "staff_a", 401, "manager", 200),
    (
        "POST",
        "@registrations",
        "net/workshop-registration_open",
        lambda objs: {"fullname": "B", "email": "b@example.org", "consent": True},
        "outsider",
        403,
        "staff_b",
        201,
    ),
    (
        "POST",
        "@conference-decisions",
        "net/conf-consultation",
        lambda objs: {"partner": objs["partner"].UID(), "decision": "consent"},
        "staff_a",
        403,
        "signatory_a",
        201,
    ),
    (
        "DELETE",
        "",
        "net/workshop-registration_open/registration-confirmed",
        None,
        "staff_b",
        401,
        "staff_a",
        200,
    ),
]


# plone.restapi's own endpoints that the product only adapts and that are public by
# design: POST @users/<login>/reset-password (test_security_input.TestPasswordReset),
# on "Mail forgotten password", which Anonymous holds.
PUBLIC_WRITES = {("POST", "@users")}


def registered_write_services():
    found = set()
    for registration in getGlobalSiteManager().registeredAdapters():
        factory = registration.factory
        bases = getattr(factory, "__mro__", ())
        method = getattr(factory, "method", None)
        ours = len(bases) > 1 and bases[1].__module__.startswith("kooperation")
        if ours and method in WRITE_METHODS:
            found.add((method, registration.name.rsplit("_", 1)[-1]))
    return found


class TestWriteEndpoints:
    def test_the_table_names_every_write_endpoint(self, functional):
        named = {(method, service.split("/")[0]) for method, service, *_rest in CASES}
        assert registered_write_services() - PUBLIC_WRITES <= named

    @pytest.mark.parametrize(
        ("method", "service", "path", "body", "wrong", "denied_status", "right", "status"),
        CASES,
    )
    def test_rights(
        self, functional, method, service, path, body, wrong, denied_status, right, status
    ):
        portal = functional["portal"]
        objs = objects(portal)
        base = f"http://{functional['host']}:{functional['port']}/plone"
        url = "/".join(part for part in (base, path, service) if part)
        payload = body(objs) if body else None

        def call(persona):
            auth = None if persona is None else (persona, PASSWORD)
            return requests.request(
                method,
                url,
                json=payload,
                auth=auth,
                headers={"Accept": "application/json"},
                timeout=60,
            )

        assert call(None).status_code == 401
        denied = call(wrong)
        assert denied.status_code == denied_status, denied.text
        if denied_status == 401:
            # The publisher refused: the service never ran.
            assert denied.json()["type"] == "Unauthorized"
        else:
            assert denied.json()["error"]["type"] == "Forbidden"
        allowed = call(right)
        assert allowed.status_code == status, allowed.text
