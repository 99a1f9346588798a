"""A signatory signs the last missing signature in the browser; the agreement enters into force."""

from datetime import date
from kooperation.workspace import confirm_person
from plone import api

import pytest
import transaction


pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture
def waiting_for_petra(acceptance):
    """An agreement of Jobcenter and BFO: BFO signed, the Jobcenter's Petra Demo has not."""
    from kooperation.agreements.signatures import record_signature
    from plone.namedfile.file import NamedBlobFile

    portal = acceptance["portal"]
    network = portal["oberhausen"]
    with api.env.adopt_roles(["Manager"]):
        api.user.create(email="petra@example.org", username="petra", password="petra-pw-123")
        api.user.grant_roles(username="petra", obj=network, roles=["Signatory", "Reader"])
        person = network["jobcenter-oberhausen"]["geschaeftsfuehrung"]
        person.user_id = "petra"
        confirm_person(person, by="test")  # the Jobcenter confirms Petra
        obj = api.content.create(
            container=network,
            type="Agreement",
            id="fortschreibung",
            title="Fortschreibung 2026",
            parties=[network["jobcenter-oberhausen"].UID(), network["bfo"].UID()],
            text_date=date(2026, 1, 1),
        )
        api.content.transition(obj=obj, transition="freeze_for_signature")
        scan = NamedBlobFile(data=b"%PDF-1.4", contentType="application/pdf", filename="bfo.pdf")
        record_signature(
            obj,
            network["bfo"]["geschaeftsfuehrung"].UID(),
            date(2026, 2, 2),
            "admin",
            True,
            evidence=scan,
        )
    transaction.commit()
    return obj.absolute_url()


def test_signatory_signs_the_last_signature(page, site_url, waiting_for_petra):
    page.goto(f"{site_url}/login")
    page.fill("#__ac_name", "petra")
    page.fill("#__ac_password", "petra-pw-123")
    page.click("#buttons-login")
    page.wait_for_load_state("networkidle")
    page.goto(waiting_for_petra)
    assert page.locator("#agreement-state").inner_text() == "Zur Unterschrift"
    assert "Nicht in Kraft" in page.locator("#agreement-deadlines").inner_text()
    page.click("#agreement-sign")
    page.wait_for_load_state("networkidle")
    page.select_option(
        "select[name='form.widgets.signatory:list']", label="Petra Demo (Jobcenter Oberhausen)"
    )
    page.fill("input[name='form.widgets.place']", "Oberhausen")
    page.fill("input[name='form.widgets.date']", "2026-02-03")
    page.click("#form-buttons-sign")
    page.wait_for_load_state("networkidle")
    assert "Die Unterschrift wurde erfasst." in page.content()
    assert page.locator("#agreement-state").inner_text() == "In Kraft"
    assert "In Kraft seit 03.02.2026." in page.locator("#agreement-deadlines").inner_text()
    assert page.locator("#agreement-parties").inner_text().count("unterschrieben") == 2


def test_wrong_signatory_is_told_why(page, site_url, waiting_for_petra, acceptance):
    page.goto(f"{site_url}/login")
    page.fill("#__ac_name", "petra")
    page.fill("#__ac_password", "petra-pw-123")
    page.click("#buttons-login")
    page.wait_for_load_state("networkidle")
    page.goto(waiting_for_petra + "/@@sign")
    page.select_option(
        "select[name='form.widgets.signatory:list']", label="Petra Demo (Jobcenter Oberhausen)"
    )
    page.fill("input[name='form.widgets.date']", "2099-01-01")
    page.click("#form-buttons-sign")
    page.wait_for_load_state("networkidle")
    assert "liegt in der Zukunft" in page.content()
    page.goto(waiting_for_petra)
    assert page.locator("#agreement-state").inner_text() == "Zur Unterschrift"
