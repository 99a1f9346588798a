"""Each role's main journey, clicked through as a person does it (issue 15, "the browser face").

From the start page ("Mein Überblick" after logging in, the front page for a visitor) every
next step is reached by clicking a link on the page before: no URL is typed but the first.
Each step must show its heading, be German, themed and without a critical or serious axe
violation (the checks of test_browser_face). Its screenshot is kept in
var/screenshots/walk-<role>-<n>.png (what axe found beside it, in walk-<role>-<n>.axe.txt).
"""

from datetime import date
from test_browser_face import check_view
from test_browser_start import demo_logins  # noqa: F401  (the fixture)
from test_browser_start import DENIED
from test_browser_start import log_in_from_front_page

import pytest


pytestmark = [pytest.mark.browser, pytest.mark.slow]

NETWORK = "Netzwerk Quartier Oberhausen-Innenstadt"
SERIES = "Runder Tisch „Arbeitsmarkt und Beschäftigung“"
AGREEMENT = "Kooperationserklärung vom 20.05.2015"
AMENDMENT = "2. Änderung: Jährlicher Wirksamkeitsbericht"
WORKSHOP = "Gemeinsame Fortbildung 2027: Übergänge gestalten"
TO_NETWORK = f'#portal-breadcrumbs a:text-is("{NETWORK}")'
# Pages whose browser title is not the product's to give: Plone's event listing and the
# registrations of an event (kooperation.registrations), titled by their object so far.
TITLES_ELSEWHERE = {"Zukünftige Termine", "Anmeldungen"}

# role: (demo login or None, [(links clicked on the page before, heading, texts the page shows,
# optional {field: value it is prefilled with})]). The first step is the start page: no click.
WALKS = {
    "coordinator": (
        "koordination",
        [
            ([], "Mein Überblick", ["Mitglieder und Rollen", "Audit-Log"]),
            (["#overview-tool-page-oberhausen"], NETWORK, ["Fristen", AGREEMENT]),
            (["#tool-deadlines"], f"Fristen: {NETWORK}", [AGREEMENT]),
            ([f'#content a:text-is("{AGREEMENT}")'], AGREEMENT, ["In Kraft"]),
            ([TO_NETWORK, "#tool-network-members"], "Mitglieder des Netzwerks", ["Petra Demo"]),
            (
                ["#tool-registrations-fortbildung-2027"],
                "Anmeldungen",
                [WORKSHOP, "Petra Albers"],
            ),
            ([TO_NETWORK, "#tool-audit-log"], f"Protokoll (Audit-Trail): {NETWORK}", [AMENDMENT]),
        ],
    ),
    "signatory": (
        "zib-leitung",
        [
            ([], "Mein Überblick", ["Wartet auf Ihre Unterschrift", AMENDMENT]),
            # the agreement names the amendment that waits, above its text
            (
                [f'#overview-deadlines a:text-is("{AGREEMENT}")'],
                AGREEMENT,
                ["Änderungen in Arbeit", "Zur Unterschrift"],
            ),
            (["#agreement-open-amendments a"], AMENDMENT, ["noch nicht unterschrieben"]),
            (
                ["#amendment-sign"],
                f"Unterschreiben: {AMENDMENT}",
                ["ZIB Bildungsoffensive"],
                {"input[name='form.widgets.date']": date.today().isoformat()},
            ),
        ],
    ),
    "staff": (
        "jobcenter-u25",
        [
            ([], "Mein Überblick", ["Anmeldung offen", WORKSHOP]),
            (['#portal-globalnav a:text-is("Termine")'], "Zukünftige Termine", [WORKSHOP]),
            ([f'#content-core a:has-text("{WORKSHOP}")'], WORKSHOP, ["Anmelden"]),
            (
                ["#register-link"],
                None,
                [WORKSHOP],
                # prefilled from the person the staff member is
                {
                    "#form-widgets-fullname": "Markus Beispiel",
                    "#form-widgets-email": "u25@jobcenter.example",
                },
            ),
        ],
    ),
    "editor": (
        "redaktion",
        [
            ([], "Mein Überblick", ["Netzwerkseite"]),
            (["#overview-tool-page-oberhausen"], NETWORK, [SERIES]),
            ([f'#content a:text-is("{SERIES}")'], SERIES, ["Protokoll vom 15.09.2026"]),
            (
                ['#content a:has-text("Runder Tisch am 15.09.2026")'],
                "Runder Tisch am 15.09.2026",
                ["14:00–15:30 Uhr", "Protokoll vom 15.09.2026"],
            ),
            (['#content a:text-is("Protokoll vom 15.09.2026")'], "Protokoll vom 15.09.2026", []),
        ],
    ),
    "anonymous": (
        None,
        [
            ([], None, [NETWORK, "Protokoll vom 10.11.2026", "Runder Tisch am 19.01.2027"]),
            ([f'#front-page a:text-is("{NETWORK}")'], NETWORK, [SERIES]),
            ([f'#content a:text-is("{SERIES}")'], SERIES, ["Protokoll vom 10.11.2026"]),
            (['#content a:text-is("Protokoll vom 10.11.2026")'], "Protokoll vom 10.11.2026", []),
            (
                [f'#portal-breadcrumbs a:text-is("{SERIES}")', '#content a:text-is("19.01.2027")'],
                "Runder Tisch am 19.01.2027",
                ["14:00–15:30 Uhr", "Tagesordnung"],
            ),
        ],
    ),
}


def click(page, selector):
    """Click the link as a person would; the response of the page it leads to."""
    link = page.locator(selector).first
    assert link.is_visible(), f"no link {selector} on {page.url}"
    with page.expect_navigation() as navigation:
        link.click()
    page.wait_for_load_state("networkidle")
    return navigation.value


@pytest.mark.parametrize("role", list(WALKS))
def test_each_role_walks_its_journey_by_clicking(page, site_url, demo_logins, role):  # noqa: F811
    login, steps = WALKS[role]
    pages = []  # the responses of the pages shown (the login redirects to the start page)
    page.on(
        "response",
        lambda r: (
            r.frame == page.main_frame and r.request.is_navigation_request() and pages.append(r)
        ),
    )
    if login:
        log_in_from_front_page(page, site_url, login)
        assert page.url.endswith("/@@my-overview"), page.url
    else:
        page.goto(site_url)
        page.wait_for_load_state("networkidle")
    response = pages[-1]
    found = {}
    for n, (clicks, heading, texts, *prefilled) in enumerate(steps, start=1):
        for selector in clicks:
            response = click(page, selector)
        name = f"walk-{role}-{n}"
        problems = check_view(
            page, name, "anonymous" if login is None else role, page.url, response
        )
        shown = page.locator("h1").first.inner_text().strip()
        if heading is not None and shown != heading:
            problems.append(f"heading {shown!r}, expected {heading!r}")
        # the browser tab (what a screen reader announces first) names the page too
        named = heading is not None and heading not in TITLES_ELSEWHERE
        if named and not page.title().startswith(heading):
            problems.append(f"page title {page.title()!r} does not start with {heading!r}")
        text = page.locator("body").inner_text()
        problems.extend(f"{expected!r} missing" for expected in texts if expected not in text)
        problems.extend(f"{denied!r} shown" for denied in DENIED if denied in text)
        for field, value in (prefilled[0] if prefilled else {}).items():
            if page.input_value(field) != value:
                problems.append(f"{field} is {page.input_value(field)!r}, not {value!r}")
        if problems:
            found[f"{name} ({page.url})"] = problems
    assert found == {}, "\n".join(f"{k}:\n  " + "\n  ".join(v) for k, v in found.items())
