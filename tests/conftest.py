"""Fixtures for the whole suite. The repository layout is known here, not in the package."""

from pathlib import Path

import os


# Compile the .po catalogs when the ZCML registers them, as a running instance does.
os.environ.setdefault("zope_i18n_compile_mo_files", "true")

from kooperation.testing import demo_layers  # noqa: E402
from kooperation.testing import KOOPERATION_FUNCTIONAL_TESTING  # noqa: E402
from kooperation.testing import KOOPERATION_INTEGRATION_TESTING  # noqa: E402
from pytest_plone import fixtures_factory  # noqa: E402

import pytest  # noqa: E402


REPO = Path(__file__).resolve().parent.parent
DEMO_PROFILE = REPO / "profiles" / "demo"

DEMO_INTEGRATION_TESTING, DEMO_ACCEPTANCE_TESTING = demo_layers(DEMO_PROFILE)

pytest_plugins = ["pytest_plone"]

globals().update(
    fixtures_factory(
        (
            (KOOPERATION_FUNCTIONAL_TESTING, "functional"),
            (KOOPERATION_INTEGRATION_TESTING, "integration"),
            (DEMO_INTEGRATION_TESTING, "demo"),
            (DEMO_ACCEPTANCE_TESTING, "acceptance"),
        ),
        keep_session=False,
    )
)


@pytest.fixture(scope="session")
def package_name() -> str:
    return "kooperation"


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def demo_profile() -> Path:
    return DEMO_PROFILE


@pytest.fixture
def demo_portal(demo):
    return demo["portal"]


@pytest.fixture
def inbox():
    """A local SMTP server (aiosmtpd) that keeps what it receives; see mailbox_helpers."""
    from mailbox_helpers import Inbox

    inbox = Inbox()
    inbox.start()
    yield inbox
    inbox.stop()
