"""State errors are not rights errors: the REST write services over HTTP.

The order is: 401 without login, 403 without the right, 409 in the wrong state, 400 for
bad input; each with its own translated message. Whoever lacks the permission the service
declares in ZCML (docs/rights.md) is refused by the publisher before the service runs: 401,
logged in or not (PUBLISHER); the service's 403 is for those who hold it but not the right
on this object.
"""

from pathlib import Path

import pytest
import requests
import sys


sys.path.insert(0, str(Path(__file__).parent.parent / "security"))

from world import objects  # noqa: E402
from world import PASSWORD  # noqa: E402


pytestmark = pytest.mark.slow

NOT_IN_FORCE = "Nur eine Vereinbarung in Kraft kann gekündigt"
NOT_FOR_SIGNATURE = "Nur eine Vereinbarung im Status „Zur Unterschrift“"
AMENDMENT_NOT_FOR_SIGNATURE = "Nur eine Änderung im Status „Zur Unterschrift“"
NOT_IN_CONSULTATION = "solange die Änderung in Abstimmung ist"
AMEND_ONLY_IN_FORCE = "Nur eine Vereinbarung in Kraft kann geändert werden"
BAD = {"colour": "blue"}  # bad input: an unknown field
PUBLISHER = "publisher"  # 401 from the publisher: the ZCML permission is missing


@pytest.fixture
def functional(world_functional):
    """The functional layer over the world (world.py), built once instead of by each test."""
    return world_functional


def notice(objs):
    return {"party": objs["partner"].UID(), "received_on": "2025-01-10", "written_form": True}


def sign(objs):
    return {"signatory": objs["partner"]["chief"].UID(), "date": "2021-03-01"}


def consent(objs):
    return {"party": objs["partner"].UID(), "decision": "consent"}


def amend(objs):
    return {"title": "Neue Änderung", "legal_bases_added": ["§ 16h SGB II"]}


# (service, path in the world, persona or None, body factory or dict, status, message part)
CASES = [
    # notices: only an agreement in force (or under notice) takes one
    ("@terminations", "agreement-ended", "coordinator", notice, 409, NOT_IN_FORCE),
    ("@terminations", "agreement-cancelled", "coordinator", notice, 409, NOT_IN_FORCE),
    ("@terminations", "agreement-draft", "coordinator", notice, 409, NOT_IN_FORCE),
    ("@terminations", "agreement-ended", "manager", notice, 409, NOT_IN_FORCE),
    ("@terminations", "agreement-ended", "coordinator", BAD, 409, NOT_IN_FORCE),
    ("@terminations", "agreement-ended", "staff_a", notice, 401, PUBLISHER),
    ("@terminations", "agreement-ended", "signatory_a", BAD, 401, PUBLISHER),
    ("@terminations", "agreement-ended", None, notice, 401, PUBLISHER),
    ("@terminations", "agreement-in_force", "coordinator", BAD, 400, "colour"),
    # signatures: only 'for signature'
    ("@signatures", "agreement-in_force", "signatory_a", sign, 409, NOT_FOR_SIGNATURE),
    ("@signatures", "agreement-draft", "coordinator", BAD, 409, NOT_FOR_SIGNATURE),
    ("@signatures", "agreement-in_force", "staff_c", sign, 401, PUBLISHER),
    (
        "@signatures",
        "agreement-in_force/amendment-effective",
        "signatory_a",
        sign,
        409,
        AMENDMENT_NOT_FOR_SIGNATURE,
    ),
    # consents: only in consultation
    (
        "@consents",
        "agreement-in_force/amendment-for_signature",
        "signatory_a",
        consent,
        409,
        NOT_IN_CONSULTATION,
    ),
    (
        "@consents",
        "agreement-in_force/amendment-draft",
        "coordinator",
        BAD,
        409,
        NOT_IN_CONSULTATION,
    ),
    ("@consents", "agreement-in_force/amendment-for_signature", "staff_a", consent, 401, PUBLISHER),
    # amendments: only of an agreement in force
    ("@amendments", "agreement-draft", "coordinator", amend, 409, AMEND_ONLY_IN_FORCE),
    ("@amendments", "agreement-ended", "coordinator", BAD, 409, AMEND_ONLY_IN_FORCE),
    # the right before the input: partner A has an admin, the coordinator may not confirm
    ("@confirmation", "a/staff", "coordinator", BAD, 403, "Partner A"),
    ("@confirmation", "a/staff", "signatory_a", BAD, 400, "colour"),
]


def register(objs):
    return {"fullname": "B", "email": "b@example.org", "consent": True}


def decide(objs):
    return {"partner": objs["partner"].UID(), "decision": "consent"}


def decide_for_b(objs):
    return {"partner": objs["partner_published"].UID(), "decision": "consent"}


CLOSED = "Die Anmeldung zu dieser Veranstaltung ist nicht geöffnet."
NOT_CANCELLABLE = "kann nicht storniert werden"
MAY_NOT_CANCEL = "stornieren"
CONFERENCE_NOT_IN_CONSULTATION = "solange die Jugendkonferenz in Abstimmung ist"
MAY_NOT_DECIDE = "Nur die Entscheidungsbefugten"

# events: (method, path with service, persona, body, status, message part)
EVENT_CASES = [
    ("POST", "workshop-registration_closed/@registrations", "staff_b", register, 409, CLOSED),
    ("POST", "workshop-planned/@registrations", "staff_b", BAD, 409, CLOSED),
    ("POST", "workshop-registration_open/@registrations", "staff_b", BAD, 400, None),
    (
        "DELETE",
        "workshop-registration_open/registration-attended",
        "staff_a",
        None,
        409,
        NOT_CANCELLABLE,
    ),
    ("DELETE", "workshop-registration_open/registration-attended", "staff_b", None, 401, PUBLISHER),
    (
        "POST",
        "conf-decided/@conference-decisions",
        "signatory_a",
        decide,
        409,
        CONFERENCE_NOT_IN_CONSULTATION,
    ),
    (
        "POST",
        "conf-decided/@conference-decisions",
        "coordinator",
        BAD,
        409,
        CONFERENCE_NOT_IN_CONSULTATION,
    ),
    ("POST", "conf-decided/@conference-decisions", "staff_a", decide, 403, MAY_NOT_DECIDE),
    ("POST", "conf-consultation/@conference-decisions", "signatory_a", BAD, 400, None),
    # the permission, but not the right: partner A's signatory decides only for A
    (
        "POST",
        "conf-consultation/@conference-decisions",
        "signatory_a",
        decide_for_b,
        403,
        MAY_NOT_DECIDE,
    ),
]


def call(functional, method, path, persona, payload):
    return requests.request(
        method,
        f"http://{functional['host']}:{functional['port']}/plone/net/{path}",
        json=payload,
        auth=None if persona is None else (persona, PASSWORD),
        headers={"Accept": "application/json", "Accept-Language": "de"},
        timeout=60,
    )


def check(response, status, message):
    assert response.status_code == status, response.text
    if message == PUBLISHER:
        # plone.rest's answer to the publisher's Unauthorized: the service never ran.
        assert response.json()["type"] == "Unauthorized"
        return
    error = response.json()["error"]
    expected_type = {400: "BadRequest", 401: "Unauthorized", 403: "Forbidden"}
    assert error["type"] == expected_type.get(status, "Conflict")
    if message:
        assert message in error["message"]


class TestStates:
    @pytest.mark.parametrize(("service", "path", "persona", "body", "status", "message"), CASES)
    def test_status(self, functional, service, path, persona, body, status, message):
        objs = objects(functional["portal"])
        payload = body(objs) if callable(body) else body
        check(call(functional, "POST", f"{path}/{service}", persona, payload), status, message)

    @pytest.mark.parametrize(
        ("method", "path", "persona", "body", "status", "message"), EVENT_CASES
    )
    def test_events(self, functional, method, path, persona, body, status, message):
        objs = objects(functional["portal"])
        payload = body(objs) if callable(body) else body
        check(call(functional, method, path, persona, payload), status, message)
