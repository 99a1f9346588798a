"""The face of the forms that need something made first (issue 15): the PDF import's
review, the edit forms of a draft amendment and of minutes in draft. Each is checked as
test_browser_face.py checks every view (themed, German, no critical or serious axe
violation), with its screenshot in var/screenshots/<name>.png.
"""

from browser_helpers import login
from pathlib import Path
from plone import api
from test_browser_face import AGREEMENT
from test_browser_face import check_view
from test_browser_face import SERIES
from test_browser_face import users  # noqa: F401  (the fixture)

import pytest
import transaction


pytestmark = [pytest.mark.browser, pytest.mark.slow]

SEED_PDF = (
    Path(__file__).resolve().parents[1] / "pdfimport" / "corpus" / "pdf" / "01_oberhausen_seed.pdf"
)


@pytest.fixture
def drafts(acceptance):
    """A draft amendment and minutes in draft, as the forms find them on a working day."""
    portal = acceptance["portal"]
    with api.env.adopt_roles(["Manager"]):
        meeting = portal.unrestrictedTraverse(f"{SERIES}/2027-01-19")
        minutes = api.content.create(container=meeting, type="Minutes", id="protokoll-entwurf")
        agreement = portal.unrestrictedTraverse(AGREEMENT)
        amendment = api.content.create(
            container=agreement, type="Amendment", id="entwurf", title="3. Änderung"
        )
    transaction.commit()
    return {
        "minutes": "/".join(minutes.getPhysicalPath()[2:]),
        "amendment": "/".join(amendment.getPhysicalPath()[2:]),
    }


def walk(page, site_url, views):
    found = {}
    for name, role, path in views:
        response = page.goto(f"{site_url}/{path}")
        page.wait_for_load_state("networkidle")
        problems = check_view(page, name, role, path, response)
        if problems:
            found[f"{name} ({path})"] = problems
    return found


def test_import_review(page, site_url, users):  # noqa: F811
    login(page, site_url, *users["coordinator"])
    page.goto(f"{site_url}/oberhausen/@@import-agreement")
    page.set_input_files("input[type=file]", str(SEED_PDF))
    page.click("button[name='form.buttons.import']")
    page.wait_for_url("**/@@import-review", timeout=120_000)
    path = page.url.split("/plone/", 1)[1]
    found = walk(page, site_url, [("import-review", "coordinator", path)])
    assert found == {}, "\n".join(f"{k}:\n  " + "\n  ".join(v) for k, v in found.items())


@pytest.mark.parametrize(
    ("role", "name", "what", "view"),
    [
        ("coordinator", "amendment-edit", "amendment", "@@edit"),
        ("coordinator", "amendment-propose", None, "@@propose-amendment"),
        ("editor", "minutes-edit", "minutes", "@@edit"),
    ],
)
def test_forms(page, site_url, users, drafts, role, name, what, view):  # noqa: F811
    login(page, site_url, *users[role])
    path = f"{drafts[what]}/{view}" if what else f"{AGREEMENT}/{view}"
    found = walk(page, site_url, [(name, role, path)])
    assert found == {}, "\n".join(f"{k}:\n  " + "\n  ".join(v) for k, v in found.items())
