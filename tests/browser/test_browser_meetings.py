"""A coordinator runs the round table of the demo in a real browser: series page, meeting,
PDFs, the invitation form, and a correction of approved minutes."""

from browser_helpers import login
from browser_helpers import network_user
from io import BytesIO
from pdfminer.high_level import extract_text

import pytest


pytestmark = [pytest.mark.browser, pytest.mark.slow]

SERIES = "oberhausen/runder-tisch-arbeitsmarkt"
PARTNERS = (
    "Jobcenter Oberhausen",
    "Beschäftigungsförderung Oberhausen gGmbH",
    "ZIB Bildungsoffensive – die kurbel",
)
USER, PASSWORD = "koordination-rt", "Koord-0815-secret"


@pytest.fixture
def coordinator(acceptance):
    """A user in the Oberhausen network's coordinators group."""
    return network_user(
        acceptance["portal"],
        "coordinators",
        USER,
        PASSWORD,
        "koordination@example.org",
        "Kora Koordination",
    )


def _download_text(page, selector):
    with page.expect_download() as info:
        page.click(selector)
    data = open(info.value.path(), "rb").read()  # noqa: PTH123, SIM115
    assert data.startswith(b"%PDF")
    return " ".join(extract_text(BytesIO(data)).split())


def test_coordinator_runs_the_round_table(page, site_url, coordinator):
    login(page, site_url, USER, PASSWORD)
    page.goto(f"{site_url}/{SERIES}")
    assert "Runder Tisch „Arbeitsmarkt und Beschäftigung“" in page.locator("h1").inner_text()

    # The next meetings with their duty holders, and the tally per partner.
    upcoming = page.locator("#rotation-upcoming tbody tr")
    assert upcoming.count() == 5
    first = upcoming.first.inner_text()
    assert "19.01.2027" in first
    assert sum(first.count(p) for p in PARTNERS) == 4  # one holder per duty
    tally = page.locator("#rotation-tally tbody").inner_text()
    for partner in PARTNERS:
        assert partner in tally

    # Open the next meeting from the plan.
    page.locator("#rotation-upcoming").get_by_role("link", name="19.01.2027").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").inner_text() == "Runder Tisch am 19.01.2027"
    assert "Jahresplanung 2027" in page.locator("#agenda").inner_text()
    # Open action items of the earlier minutes are carried over.
    assert page.locator("#open-action-items tbody tr").count() >= 1

    agenda = _download_text(page, "#agenda-pdf")
    assert "Runder Tisch am 19.01.2027" in agenda
    assert "Seite 1 von 1" in agenda
    assert "Jahresplanung 2027" in agenda
    assert "Bürgerzentrum Altmarkt, Oberhausen" in agenda
    attendance = _download_text(page, "#attendance-list-pdf")
    assert "Runder Tisch am 19.01.2027" in attendance
    assert "ZIB Bildungsoffensive" in attendance

    # The invitation form lists who will get it; a coordinator may send it.
    page.click("#send-invitation")
    page.wait_for_load_state("networkidle")
    assert page.locator("#invitation-recipients li").count() >= 1
    assert page.locator("button[name='form.send']").is_visible()

    # The minutes of the held meeting are approved: a correction needs a reason.
    page.goto(f"{site_url}/{SERIES}/2026-09-15/protokoll")
    minutes = _download_text(page, "#minutes-pdf")
    assert "Protokoll vom 15.09.2026" in minutes
    assert "Seite 1 von 1" in minutes
    page.click("#correct-minutes")
    page.wait_for_load_state("networkidle")
    decisions = page.locator("#correction-decisions")
    decisions.fill(decisions.input_value() + "\nTermin 2027 bestätigt.")
    page.fill("#correction-reason", "Beschluss nachgetragen")
    page.click("button[name='form.correct']")
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/2026-09-15/protokoll")
    assert "Termin 2027 bestätigt." in page.locator("#decisions").inner_text()
    versions = page.locator("#minutes-versions").inner_text()
    assert "Beschluss nachgetragen" in versions
    assert "Kora Koordination" in versions
