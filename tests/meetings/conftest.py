"""A network with partners A, B, C (staff users), a round table of all three and a meeting
(meetings_helpers.build_table; in the integration tests from a layer, built once)."""

from kooperation.testing import add_person
from mailbox_helpers import use_real_mailhost
from meetings_helpers import build_table
from meetings_helpers import TABLE_INTEGRATION_TESTING
from meetings_helpers import table_objects
from plone import api
from pytest_plone import fixtures_factory

import pytest
import transaction


globals().update(fixtures_factory(((TABLE_INTEGRATION_TESTING, "meetings"),), keep_session=False))


@pytest.fixture
def portal(meetings):
    """The site of this folder's integration tests holds the table; each test is rolled
    back."""
    return meetings["portal"]


@pytest.fixture
def table(portal):
    return table_objects(portal)


@pytest.fixture
def mail_table(functional, inbox):
    """The table in a functional site whose MailHost sends to ``inbox``; committed.

    Mails are written in English. Partner A's person and a second one have e-mail
    addresses, B's has none, C has nobody.
    """
    portal = functional["portal"]
    use_real_mailhost(portal, inbox)
    # Mails in English: the tests do not depend on the state of the German catalog.
    api.portal.set_registry_record("plone.default_language", "en")
    with api.env.adopt_roles(["Manager"]):
        t = build_table(portal)
        t["partners"]["a"]["staff"].email = "anna.a@example.org"
        add_person(
            container=t["partners"]["a"],
            id="bert",
            title="Bert Beispiel",
            email="bert.a@example.org",
        )
    transaction.commit()
    t["portal"] = portal
    t["app"] = functional["app"]
    return t
