"""A coordinator of a member adds places rows in one edit: "Add row" twice, "Remove" once,
save; the places REST returns are the rows typed (rows-widget.js in a real browser)."""

from kooperation.workspace import group_ids
from plone import api

import pytest
import transaction


pytestmark = [pytest.mark.browser, pytest.mark.slow]

MEMBER = "weinheimer-initiative/kreis-offenbach"
MEASURE = f"{MEMBER}/ausbildungsbudget/massnahme-01"
USER, PASSWORD = "koordination-kof", "Koord-4711-secret"
P = "form.widgets.places"


@pytest.fixture
def coordinator(acceptance):
    """A user in the coordinators group of the member Kreis Offenbach."""
    portal = acceptance["portal"]
    with api.env.adopt_roles(["Manager"]):
        api.user.create(
            username=USER,
            password=PASSWORD,
            email="koordination@kreis-offenbach.example.org",
            properties={"fullname": "Kai Koordination"},
        )
        member = portal.unrestrictedTraverse(MEMBER)
        api.group.add_user(groupname=group_ids(member)["coordinators"], username=USER)
    transaction.commit()
    return USER


def _login(page, site_url):
    page.goto(f"{site_url}/login")
    page.fill("#__ac_name", USER)
    page.fill("#__ac_password", PASSWORD)
    page.click("#buttons-login")
    page.wait_for_load_state("networkidle")


def _fill(row, date, sphere, planned, occupied, waiting=""):
    row.locator("[data-column=date]").fill(date)
    row.locator("[data-column=sphere]").select_option(sphere)
    row.locator("[data-column=planned]").fill(planned)
    row.locator("[data-column=occupied]").fill(occupied)
    row.locator("[data-column=waiting_list]").fill(waiting)


def test_add_rows_fill_them_and_save(page, site_url, coordinator):
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    _login(page, site_url)
    page.goto(f"{site_url}/{MEASURE}/edit")
    widget = page.locator("#form-widgets-places")
    rows = widget.locator("tbody tr")
    add = widget.locator("button.rows-widget-add")

    # The script shows the buttons (and hides the help for forms without it).
    add.wait_for(state="visible")
    assert rows.count() == 5  # two stored rows, three empty ones
    assert widget.locator("[data-rows-nojs]").is_hidden()
    assert widget.locator("tbody .rows-widget-remove").first.is_visible()

    add.click()
    add.click()
    assert rows.count() == 7
    # the copies are named with the next free numbers, and the new row has the focus
    assert rows.nth(5).locator("[data-column=date]").get_attribute("name") == f"{P}.date.5"
    assert rows.nth(6).locator("[data-column=sphere]").get_attribute("name") == f"{P}.sphere.6"
    assert rows.nth(6).locator("[data-column=date]").evaluate("e => e === document.activeElement")
    assert widget.locator(f"input[name='{P}.rows']").input_value() == "7"

    _fill(rows.nth(5), "2019-06-30", "SGB VIII", "16", "15", "1")
    _fill(rows.nth(6), "2019-06-30", "SGB II", "4", "2")
    # "Remove" takes the first stored row (30.06.2018) out: its numbers leave a gap
    rows.nth(0).locator(".rows-widget-remove").click()
    assert rows.count() == 6
    assert rows.nth(0).locator("[data-column=date]").input_value() == "2018-11-15"

    page.click("#form-buttons-save")
    page.wait_for_load_state("networkidle")
    assert page.url.rstrip("/").endswith(MEASURE)
    assert errors == []

    response = page.request.get(f"{site_url}/{MEASURE}", headers={"Accept": "application/json"})
    assert response.ok
    assert response.json()["places"] == [
        {
            "date": "2018-11-15",
            "waiting_list": 0,
            "places": {"SGB VIII": {"planned": 16, "occupied": 14, "waiting_list": 0}},
        },
        {
            "date": "2019-06-30",
            "waiting_list": 1,  # the sum; each row's waiting list stays with its sphere
            "places": {
                "SGB VIII": {"planned": 16, "occupied": 15, "waiting_list": 1},
                "SGB II": {"planned": 4, "occupied": 2},
            },
        },
    ]

    # Editing again shows the saved rows and three empty ones (numbered from 0 again).
    page.goto(f"{site_url}/{MEASURE}/edit")
    widget.locator("button.rows-widget-add").wait_for(state="visible")
    assert rows.count() == 3 + 3
    assert rows.nth(2).locator("[data-column=sphere]").input_value() == "SGB II"
