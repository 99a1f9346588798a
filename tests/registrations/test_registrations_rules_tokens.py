"""Cancellation tokens: signed links that need no login."""

from kooperation.registrations.rules import check_token
from kooperation.registrations.rules import make_token
from kooperation.registrations.rules import RegistrationError

import pytest
import re


SECRET = "a secret of the site, 32 chars.."


def test_token_is_urlsafe_versioned_and_checks():
    token = make_token(SECRET, "r1", "p1@example.org")
    assert re.fullmatch(r"v1\.[A-Za-z0-9_-]{43}", token)
    assert check_token(SECRET, "r1", "p1@example.org", token)
    assert check_token(SECRET.encode(), "r1", " P1@Example.org ", token)  # same address


@pytest.mark.parametrize(
    ("secret", "registration_id", "email"),
    [
        ("another secret of 32 characters", "r1", "p1@example.org"),
        (SECRET, "r2", "p1@example.org"),
        (SECRET, "r1", "p2@example.org"),
    ],
)
def test_token_of_something_else_fails(secret, registration_id, email):
    token = make_token(SECRET, "r1", "p1@example.org")
    assert not check_token(secret, registration_id, email, token)


@pytest.mark.parametrize(
    "mangle",
    [
        lambda t: t[:-1] + ("A" if t[-1] != "A" else "B"),
        lambda t: "v2" + t[2:],
        lambda t: t.split(".")[1],
        lambda t: t + "=",
        lambda t: "",
        lambda t: None,
        lambda t: 42,
        lambda t: t[:-1] + "ä",
    ],
)
def test_tampered_token_fails(mangle):
    token = make_token(SECRET, "r1", "p1@example.org")
    assert check_token(SECRET, "r1", "p1@example.org", mangle(token)) is False


def test_fields_cannot_be_shifted_between_id_and_email():
    token = make_token(SECRET, "r1", "x@example.org")
    assert not check_token(SECRET, "r1x", "@example.org", token)


def test_bad_address_is_no_valid_token():
    token = make_token(SECRET, "r1", "p1@example.org")
    assert not check_token(SECRET, "r1", "not an address", token)


@pytest.mark.parametrize("secret", ["", "short", None, 12345678901234567])
def test_weak_secret_is_a_configuration_error(secret):
    with pytest.raises(RegistrationError, match="secret"):
        make_token(secret, "r1", "p1@example.org")
    with pytest.raises(RegistrationError, match="secret"):
        check_token(secret, "r1", "p1@example.org", "v1.abc")
