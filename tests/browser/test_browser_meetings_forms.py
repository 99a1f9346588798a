"""A round-table meeting from planning to published minutes, only through forms, each step
as the role that does it: a coordinator plans the next meeting (the duty holders prefilled
from the rotation plan, with its reasons), the agenda as rows; the rotation's minute-taker
(a confirmed person of the partner holding the "minutes" duty) writes the minutes with two
action items and circulates them; the coordinator approves and publishes them."""

from browser_helpers import login
from browser_helpers import network_user
from kooperation.common.german import german_date
from kooperation.meetings.series import next_free_meeting
from kooperation.workspace import confirm_person
from pathlib import Path
from plone import api
from zope.event import notify
from zope.lifecycleevent import ObjectModifiedEvent

import pytest
import transaction


pytestmark = [pytest.mark.browser, pytest.mark.slow]

SHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
SERIES = "oberhausen/runder-tisch-arbeitsmarkt"
PASSWORD = "secret-pw-123"
COORDINATOR = "a16-koord"
MINUTE_TAKER = "a16-protokoll"


def shot(page, step):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"meetings-forms-{step}.png"), full_page=True)


@pytest.fixture
def people(acceptance):
    """A coordinator, and a login for a person of the partner the rotation names to take
    the minutes of the next meeting (confirmed, so that it acts for the partner)."""
    portal = acceptance["portal"]
    series = portal.unrestrictedTraverse(SERIES)
    network_user(
        portal, "coordinators", COORDINATOR, PASSWORD, "koord@example.org", "Kim Koordination"
    )
    with api.env.adopt_roles(["Manager"]):
        planned = next_free_meeting(series)
        holders = {a.duty: a.partner for a in planned.assignments}
        partner = api.content.get(UID=holders["minutes"])
        person = partner.persons()[0]
        api.user.create(
            email="protokoll@example.org",
            username=MINUTE_TAKER,
            password=PASSWORD,
            properties={"fullname": person.Title()},
        )
        person.user_id = MINUTE_TAKER
        notify(ObjectModifiedEvent(person))
        confirm_person(person, by="test")
    transaction.commit()
    return {"day": planned.day, "holders": holders, "partner": partner.Title()}


def logout(page):
    page.context.clear_cookies()


def workflow(page, transition):
    page.click("#plone-contentmenu-workflow > a")
    page.click(f"#workflow-transition-{transition}")
    page.wait_for_load_state("networkidle")


def test_plan_meeting_write_minutes_publish(page, site_url, people):
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    # Pages with three forms' worth of widgets: patient on a busy test machine.
    page.set_default_timeout(60_000)
    page.set_default_navigation_timeout(90_000)
    day = people["day"]

    # 1. The coordinator plans the next meeting: the duty holders come from the rotation.
    login(page, site_url, COORDINATOR, PASSWORD)
    page.goto(f"{site_url}/{SERIES}/++add++Meeting")  # the "Hinzufügen" menu's link
    page.wait_for_load_state("networkidle")
    holders = page.locator("#form-widgets-duty_holders")
    intro = holders.locator(".rows-widget-intro").inner_text()
    assert f"Vorgeschlagen vom Rotationsplan für die nächste Sitzung am {german_date(day)}" in (
        intro
    )
    rows = holders.locator("tbody tr")
    assert rows.count() == 4
    for number in range(4):
        duty = rows.nth(number).locator("input[data-column=duty]").input_value()
        chosen = rows.nth(number).locator("select[data-column=partner]").input_value()
        assert chosen == people["holders"][duty], duty
        assert rows.nth(number).locator("td").nth(2).inner_text().strip()  # the reason
    assert (
        "<textarea" not in page.locator("#form-widgets-agenda").inner_html().split("<template")[0]
    )
    page.fill("#form-widgets-IBasic-title", f"Runder Tisch am {german_date(day)}")
    page.fill("input[name='form.widgets.IEventBasic.start']", f"{day.isoformat()}T14:00")
    page.fill("input[name='form.widgets.IEventBasic.end']", f"{day.isoformat()}T15:30")
    page.fill("#form-widgets-place", "Bürgerzentrum Altmarkt, Oberhausen")
    page.fill("#form-widgets-video_link", "http://meet.example.org/rt")
    agenda = page.locator("#form-widgets-agenda tbody tr")
    agenda.nth(0).locator("[data-column=time]").fill("14:00")
    agenda.nth(0).locator("[data-column=title]").fill("Genehmigung des Protokolls")
    agenda.nth(1).locator("[data-column=time]").fill("14:15")
    agenda.nth(1).locator("[data-column=title]").fill("Ausbildungsmarkt 2027")
    agenda.nth(1).locator("[data-column=presenter]").select_option(label="Jobcenter Oberhausen")
    shot(page, "1-plan")
    page.click("#form-buttons-save")
    page.wait_for_load_state("networkidle")
    # A plain http video link is refused at the field, nothing typed is lost.
    error = page.locator("#formfield-form-widgets-video_link .invalid-feedback")
    assert "https://" in error.inner_text()
    agenda = page.locator("#form-widgets-agenda tbody tr")
    assert agenda.nth(1).locator("[data-column=title]").input_value() == "Ausbildungsmarkt 2027"
    shot(page, "2-plan-error")
    page.fill("#form-widgets-video_link", "https://meet.example.org/rt")
    page.click("#form-buttons-save")
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").inner_text() == f"Runder Tisch am {german_date(day)}"
    duties = page.locator("#duty-holders").inner_text()
    assert f"Protokoll: {people['partner']}" in duties
    assert "Ausbildungsmarkt 2027" in page.locator("#agenda").inner_text()
    meeting_url = page.url.split("/view")[0].rstrip("/")
    shot(page, "3-meeting")
    logout(page)

    # 2. The minute-taker writes the minutes: text per agenda item, two action items.
    login(page, site_url, MINUTE_TAKER, PASSWORD)
    page.goto(meeting_url)
    page.click("#write-minutes")
    page.wait_for_load_state("networkidle")
    texts = page.locator("#form-widgets-agenda_texts tbody tr")
    assert texts.count() == 2
    assert "Ausbildungsmarkt 2027" in texts.nth(1).inner_text()
    page.fill("#form-widgets-IBasic-title", f"Protokoll vom {german_date(day)}")
    texts.nth(1).locator("textarea").fill(
        "Das Jobcenter berichtet über den Ausbildungsmarkt im Frühjahr."
    )
    decisions = page.locator("#form-widgets-decisions tbody tr")
    decisions.nth(0).locator("[data-column=text]").fill("Gemeinsame Ausbildungsbörse im Mai")
    items = page.locator("#form-widgets-action_items tbody tr")
    items.nth(0).locator("[data-column=what]").fill("Raum für die Ausbildungsbörse buchen")
    items.nth(0).locator("[data-column=partner]").select_option(label="Jobcenter Oberhausen")
    items.nth(0).locator("[data-column=due]").fill(f"{day.year}-04-15")
    items.nth(1).locator("[data-column=what]").fill("Einladung an die Schulen")
    items.nth(1).locator("[data-column=partner]").select_option(label=people["partner"])
    items.nth(1).locator("[data-column=due]").fill(f"{day.year}-04-30")
    page.locator("#form-widgets-action_items .table-responsive").evaluate("e => e.scrollLeft = 0")
    shot(page, "4-minutes-form")
    page.click("#form-buttons-save")
    page.wait_for_load_state("networkidle")
    table = page.locator("#action-items tbody tr")
    assert table.count() == 2
    assert "Jobcenter Oberhausen" in table.nth(0).inner_text()
    assert "15.04." in table.nth(0).inner_text()
    workflow(page, "circulate")
    assert "Umlauf" in page.locator("#plone-contentmenu-workflow").inner_text()
    minutes_url = page.url.split("/view")[0].rstrip("/")
    shot(page, "5-circulated")
    logout(page)

    # 3. The coordinator approves and publishes the minutes for the network.
    login(page, site_url, COORDINATOR, PASSWORD)
    page.goto(minutes_url)
    workflow(page, "approve")
    workflow(page, "publish")
    state = page.locator("#plone-contentmenu-workflow").inner_text()
    assert "Veröffentlicht" in state
    shot(page, "6-published")
    assert errors == []
