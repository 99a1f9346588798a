"""Written form in the browser: the last missing signature makes the 2nd amendment effective,
and the consolidated text of the agreement changes at once."""

from browser_helpers import login
from kooperation.workspace import confirm_person
from plone import api
from zope.event import notify
from zope.lifecycleevent import ObjectModifiedEvent

import pytest
import transaction


pytestmark = [pytest.mark.browser, pytest.mark.slow]

AGREEMENT = "oberhausen/kooperationserklaerung-2015"
NEW_WORDING = "jährlich bis zum 31. März einen gemeinsamen Bericht"


@pytest.fixture
def sabine(acceptance):
    """ZIB's Sabine Probe gets a login: her Person entry makes her ZIB's signatory."""
    portal = acceptance["portal"]
    with api.env.adopt_roles(["Manager"]):
        api.user.create(email="sabine@example.org", username="sabine", password="sabine-pw-123")
        person = portal["oberhausen"]["zib"]["leitung"]
        person.user_id = "sabine"
        notify(ObjectModifiedEvent(person))
        confirm_person(person, by="test")  # ZIB confirms Sabine
    transaction.commit()
    return "sabine"


def test_last_signature_changes_the_consolidated_text(page, site_url, sabine):
    login(page, site_url, "sabine", "sabine-pw-123")
    page.goto(f"{site_url}/{AGREEMENT}/@@text")
    assert NEW_WORDING not in page.locator("#text-body").inner_text()

    page.goto(f"{site_url}/{AGREEMENT}/2-aenderung-2026/@@sign")
    page.select_option(
        "select[name='form.widgets.signatory:list']",
        label="Sabine Probe (ZIB Bildungsoffensive – die kurbel)",
    )
    page.fill("input[name='form.widgets.place']", "Oberhausen")
    page.fill("input[name='form.widgets.date']", "2026-11-20")
    page.click("#form-buttons-sign")
    page.wait_for_load_state("networkidle")
    assert "Die Unterschrift wurde erfasst." in page.content()
    assert "noch nicht unterschrieben" not in page.content()

    page.goto(f"{site_url}/{AGREEMENT}/@@text")
    assert NEW_WORDING in page.locator("#text-body").inner_text()
    assert "2. Änderung" in page.locator("#text-stand").inner_text()
