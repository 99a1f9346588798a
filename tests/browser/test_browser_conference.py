"""A partner's decision maker consents to the youth conference in the browser: from
"Mein Überblick" to the decisions page, the form, the saved decision (issue 16)."""

from test_browser_face import check_view
from test_browser_start import demo_logins  # noqa: F401  (the fixture)
from test_browser_start import log_in_from_front_page

import pytest


pytestmark = [pytest.mark.browser, pytest.mark.slow]


def look_at(page, step):
    """The page as it is now: themed, German, no axe findings (screenshot kept); its text."""
    page.wait_for_load_state("networkidle")
    response = page.goto(page.url)
    problems = check_view(page, f"conference-decisions-{step}", "zib-leitung", "", response)
    assert problems == [], problems
    return page.locator("body").inner_text()


def test_zib_consents_to_the_youth_conference(page, site_url, demo_logins):  # noqa: F811
    log_in_from_front_page(page, site_url, "zib-leitung")
    page.goto(f"{site_url}/@@my-overview")
    link = page.locator(
        "#overview-consents a[href$='/jugendkonferenz-2027/@@conference-decisions']"
    )
    assert link.count() == 1
    link.first.click()
    body = look_at(page, 1)
    assert "Zustimmung fehlt noch von: ZIB" in body
    assert page.locator("#decision-partner option").all_inner_texts() == [
        "ZIB Bildungsoffensive – die kurbel"
    ]
    page.fill("#decision-note", "Beschluss der Leitung vom 01.12.2026")
    page.click("button[name='form.submitted']")
    body = look_at(page, 2)
    assert "Alle Partner haben zugestimmt" in body
    assert "Beschluss der Leitung vom 01.12.2026" in body
    # done: the task leaves the overview
    page.goto(f"{site_url}/@@my-overview")
    assert page.locator("a[href$='/@@conference-decisions']").count() == 0
