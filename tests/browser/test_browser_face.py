"""The product's face: every main view, as the role that uses it, themed, German and
accessible (axe-core: no critical or serious violation of WCAG 2.1 AA, as BITV 2.0 asks).

Each view's screenshot is kept in var/screenshots/<view>.png (and what axe found in
var/screenshots/<view>.axe.txt), so the next person can look at them too.
"""

from a11y import axe_violations
from a11y import describe
from a11y import serious
from browser_helpers import login
from browser_helpers import network_user
from pathlib import Path
from plone.app.testing import SITE_OWNER_NAME
from plone.app.testing import SITE_OWNER_PASSWORD

import pytest
import re


pytestmark = [pytest.mark.browser, pytest.mark.slow]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
NET = "oberhausen"
AGREEMENT = f"{NET}/kooperationserklaerung-2015"
SERIES = f"{NET}/runder-tisch-arbeitsmarkt"
PERSON = f"{NET}/jobcenter-oberhausen/geschaeftsfuehrung"
WORKSHOP = f"{NET}/fortbildung-2027"
MEMBER = "weinheimer-initiative/kreis-offenbach"

PASSWORD = "Face-2026-secret"
ROLES = {
    # role: (group kind in the Oberhausen network, login, full name)
    "coordinator": ("coordinators", "koordination-face", "Karla Koordination"),
    "editor": ("editors", "redaktion-face", "Rudi Redaktion"),
    "member": ("members", "fachkraft-face", "Fiona Fachkraft"),
}

# (screenshot name, role, path): the views people work with, as the role that uses them.
VIEWS = [
    ("start-anonymous", "anonymous", ""),
    ("network-anonymous", "anonymous", NET),
    ("minutes-public-anonymous", "anonymous", f"{SERIES}/2026-11-10/protokoll"),
    ("login", "anonymous", "login"),
    ("network", "coordinator", NET),
    ("agreement", "coordinator", AGREEMENT),
    ("agreement-text", "coordinator", f"{AGREEMENT}/@@text"),
    ("agreement-sign", "manager", f"{AGREEMENT}/2-aenderung-2026/@@sign"),
    ("amendment", "coordinator", f"{AGREEMENT}/1-aenderung-2016"),
    ("amendments", "coordinator", f"{AGREEMENT}/@@amendments"),
    ("deadlines", "coordinator", f"{NET}/@@deadlines"),
    ("meeting-series", "coordinator", SERIES),
    ("meeting", "coordinator", f"{SERIES}/2027-01-19"),
    ("minutes", "editor", f"{SERIES}/2026-09-15/protokoll"),
    ("partner", "coordinator", f"{NET}/jobcenter-oberhausen"),
    ("person", "coordinator", PERSON),
    ("handover", "coordinator", f"{PERSON}/@@handover"),
    ("network-members", "coordinator", f"{NET}/@@network-members"),
    ("workshop", "coordinator", WORKSHOP),
    ("registrations", "coordinator", f"{WORKSHOP}/@@registrations"),
    ("youth-conference", "coordinator", f"{NET}/jugendkonferenz-2027"),
    ("import-agreement", "coordinator", f"{NET}/@@import-agreement"),
    ("add-agreement", "coordinator", f"{NET}/++add++Agreement"),
    ("registration-form", "member", f"{WORKSHOP}/anmeldung"),
    ("my-registrations", "member", "@@my-registrations"),
    ("members-area", "manager", "@@members-area"),
    ("member-report", "manager", f"{MEMBER}/bericht-2018-q4"),
    ("places-dashboard", "manager", f"{MEMBER}/@@places-dashboard"),
    ("measure", "manager", f"{MEMBER}/ausbildungsbudget/massnahme-01"),
    ("audit-log", "manager", "@@audit-log"),
    ("my-data", "manager", "@@my-data"),
    ("network-audit-log", "coordinator", f"{NET}/@@audit-log"),
    # The forms of issue 16, as the role that fills them in.
    ("meeting-add", "coordinator", f"{SERIES}/++add++Meeting"),
    ("meeting-edit", "coordinator", f"{SERIES}/2027-01-19/@@edit"),
    ("minutes-add", "editor", f"{SERIES}/2027-01-19/++add++Minutes"),
    ("notice-form", "coordinator", f"{AGREEMENT}/@@notice"),
    ("cancellation-form", "coordinator", f"{AGREEMENT}/@@cancellation"),
    ("workshop-edit", "coordinator", f"{WORKSHOP}/@@edit"),
]


@pytest.fixture
def users(acceptance):
    for kind, username, fullname in ROLES.values():
        network_user(
            acceptance["portal"], kind, username, PASSWORD, f"{username}@example.org", fullname
        )
    return {role: (username, PASSWORD) for role, (_kind, username, _name) in ROLES.items()} | {
        "manager": (SITE_OWNER_NAME, SITE_OWNER_PASSWORD)
    }


def computed(page, selector, prop):
    return page.evaluate(
        "([s, p]) => { const e = document.querySelector(s);"
        " return e ? getComputedStyle(e).getPropertyValue(p) : null; }",
        [selector, prop],
    )


ENGLISH_UI_WORDS = [
    "Draft", "Submit", "Freeze", "Record notice", "Cancel the", "In force", "Open registration",
    "Publish", "Back to", "Internal", "Search Site", "Log in", "Contents", "Edit", "State:",
    "Add new", "Display", "Actions", "Approve", "Waiting list", "Years", "year", "Save",
    "Cancel", "Registered", "Attended", "approved", "other", "erklaerung",
]  # fmt: skip
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
TWO_DIGIT_YEAR = re.compile(r"\b\d{2}\.\d{2}\.\d{2}\b(?!\d)")
SITE_TITLE = "Kooperation – Demo-Netzwerk"


def check_view(page, name, role, path, response):
    """What is wrong with the page as it is now (screenshot and axe report kept)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
    violations = axe_violations(page)
    (SCREENSHOTS / f"{name}.axe.txt").write_text(describe(violations) + "\n", encoding="utf-8")
    problems = []
    if response.status != 200:
        return [f"HTTP {response.status}"]

    # The theme and the product's stylesheet are loaded and applied.
    sheets = page.evaluate("[...document.styleSheets].map(s => s.href || '')")
    if not any("++theme++barceloneta" in s for s in sheets):
        problems.append("Barceloneta's stylesheet is not loaded")
    if not any("++plone++kooperation/kooperation.css" in s for s in sheets):
        problems.append("kooperation.css is not loaded")
    if "times" in computed(page, "body", "font-family").lower():
        problems.append("body is in Times")
    if computed(page, "body", "--kooperation-loaded").strip() != "1":
        problems.append("kooperation.css is not applied")
    if role != "anonymous" and computed(page, "#edit-zone ul", "list-style-type") != "none":
        problems.append("the toolbar is a bullet list")

    # A page title of its own, not just the site's.
    title = page.title()
    if not title or title.startswith(SITE_TITLE):
        problems.append(f"page title {title!r} does not name the view")

    # German, no raw values.
    text = page.locator("main, #content, body").first.inner_text()
    english = [
        w for w in ENGLISH_UI_WORDS if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", text)
    ]
    if english:
        problems.append(f"English or raw ids: {english}")
    if ISO_DATE.search(text):
        problems.append(f"ISO dates: {ISO_DATE.findall(text)[:5]}")
    if TWO_DIGIT_YEAR.search(text):
        problems.append(f"two-digit years: {TWO_DIGIT_YEAR.findall(text)[:5]}")

    # No critical or serious WCAG 2.1 AA violation (BITV 2.0).
    if serious(violations):
        problems.append("axe:\n" + describe(serious(violations)))
    return problems


@pytest.mark.parametrize("role", ["anonymous", "coordinator", "editor", "member", "manager"])
def test_views_are_themed_german_and_accessible(page, site_url, users, role):
    if role != "anonymous":
        login(page, site_url, *users[role])
    found = {}
    for name, view_role, path in VIEWS:
        if view_role != role:
            continue
        response = page.goto(f"{site_url}/{path}")
        page.wait_for_load_state("networkidle")
        problems = check_view(page, name, role, path, response)
        if problems:
            found[f"{name} ({path})"] = problems
    assert found == {}, "\n".join(f"{k}:\n  " + "\n  ".join(v) for k, v in found.items())
