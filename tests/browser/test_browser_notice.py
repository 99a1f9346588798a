"""A coordinator gives a late notice on the demo agreement through its form, reads the
computed end on the agreement page, and withdraws the notice again with a reason."""

from browser_helpers import login
from browser_helpers import network_user
from datetime import date
from datetime import datetime
from pathlib import Path
from plone import api

import pytest


pytestmark = [pytest.mark.browser, pytest.mark.slow]

SHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
AGREEMENT = "oberhausen/kooperationserklaerung-2015"


def late_receipt(today):
    """The day after the last notice deadline (19.11.): a notice received then is late."""
    year = today.year if today > date(today.year, 11, 19) else today.year - 1
    return date(year, 11, 20)


@pytest.fixture
def coordinator(acceptance):
    portal = acceptance["portal"]
    agreement = portal.unrestrictedTraverse(AGREEMENT)
    assert api.content.get_state(agreement) == "in_force"
    return network_user(
        portal, "coordinators", "koord-notice", "koord-pw-123", "kn@example.org", "Kim Koord"
    )


def shot(page, step):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"notice-{step}.png"), full_page=True)


def test_coordinator_gives_a_late_notice_and_withdraws_it(page, site_url, coordinator, tmp_path):
    received = late_receipt(date.today())
    url = f"{site_url}/{AGREEMENT}"
    login(page, site_url, "koord-notice", "koord-pw-123")
    page.goto(url)
    # The status menu no longer offers the bare transition; the actions menu has the forms.
    assert "Record notice" not in page.content()
    assert page.locator("#workflow-transition-give_notice").count() == 0
    assert page.locator("#plone-contentmenu-actions-kooperation-record-notice").count() == 1
    deadlines_before = page.locator("#agreement-deadlines").inner_text()
    assert "Kündigung erfassen" in page.locator("#agreement-notices").inner_text()
    shot(page, "1-agreement-in-force")

    page.click("#agreement-record-notice")
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").inner_text() == "Kündigung erfassen"
    # Not yet: the signed letter belongs to the step with the preview.
    assert page.locator("input[type=file]").count() == 0
    page.select_option(
        "select[name='form.widgets.party:list']", label="Beschäftigungsförderung Oberhausen gGmbH"
    )
    page.fill("input[name='form.widgets.received_on']", received.isoformat())
    page.check("input[name='form.widgets.written_form:list']")
    page.check("input[name='form.widgets.ends_for'][value='all']")
    shot(page, "2-form-filled")
    page.click("#form-buttons-preview")
    page.wait_for_load_state("networkidle")

    verdict = page.locator("#notice-verdict").inner_text()
    assert verdict.startswith("verspätet — endet frühestens am ")
    end = verdict.rsplit(" ", 1)[1]  # the engine's end under the demo's rules
    assert datetime.strptime(end, "%d.%m.%Y").date() > date.today()
    assert page.locator("#form-buttons-confirm").count() == 1
    # What was typed is still there.
    assert page.locator("input[name='form.widgets.received_on']").input_value() == (
        received.isoformat()
    )
    letter = tmp_path / "kuendigung-bfo.pdf"
    letter.write_bytes(b"%PDF-1.4\n% Kuendigung der BFO\n")
    page.set_input_files("input[type=file]", str(letter))
    shot(page, "3-preview")
    page.click("#form-buttons-confirm")
    page.wait_for_load_state("networkidle")

    assert page.url.split("#")[0] == url
    assert f"Die Kündigung wurde erfasst: verspätet — endet frühestens am {end}." in (
        page.content()
    )
    assert page.locator("#agreement-state").inner_text() == "Gekündigt"
    deadlines = page.locator("#agreement-deadlines").inner_text()
    assert end in deadlines
    assert "verlängert" not in deadlines
    notices = page.locator("#agreement-notices").inner_text()
    assert "Kündigung durch Beschäftigungsförderung Oberhausen gGmbH" in notices
    assert f"verspätet — endet frühestens am {end}" in notices
    assert "Unterschriebenes Schreiben" in notices
    shot(page, "4-agreement-under-notice")

    page.click("#agreement-notices a.notice-withdraw")
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").inner_text() == "Kündigung zurückziehen"
    page.click("#form-buttons-withdraw")  # without a reason
    page.wait_for_load_state("networkidle")
    assert (
        "Erforderliche Eingabe fehlt."
        in page.locator("#formfield-form-widgets-reason").inner_text()
    )
    shot(page, "5-withdraw-needs-a-reason")
    page.fill("textarea[name='form.widgets.reason']", "Versehentlich für die BFO erfasst.")
    page.click("#form-buttons-withdraw")
    page.wait_for_load_state("networkidle")

    assert "Die Kündigung wurde zurückgezogen" in page.content()
    assert page.locator("#agreement-state").inner_text() == "In Kraft"
    assert page.locator("#agreement-deadlines").inner_text() == deadlines_before
    notices = page.locator("#agreement-notices").inner_text()
    assert "zurückgezogen" in notices
    assert "Versehentlich für die BFO erfasst." in notices
    assert page.locator("#agreement-notices a.notice-withdraw").count() == 0
    shot(page, "6-withdrawn")

    # The cancellation form previews too; cancelling it records nothing.
    page.click("#agreement-record-cancellation")
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").inner_text() == "Aufhebung vereinbaren"
    page.fill("input[name='form.widgets.concluded_on']", received.isoformat())
    page.fill("input[name='form.widgets.ends_on']", f"{received.year + 1}-12-31")
    page.click("#form-buttons-preview")
    page.wait_for_load_state("networkidle")
    assert page.locator("#notice-verdict").inner_text() == (
        f"einvernehmliche Aufhebung — endet am 31.12.{received.year + 1}"
    )
    shot(page, "7-cancellation-preview")
    page.click("#form-buttons-cancel")
    page.wait_for_load_state("networkidle")
    assert page.locator("#agreement-state").inner_text() == "In Kraft"
