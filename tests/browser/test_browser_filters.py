"""The deadline dashboard's filter row is readable on a desktop and on a phone (issue 15):
the partner select is wide enough for partner names, nothing runs off the screen.

Screenshots: var/screenshots/deadlines-filter-<width>.png.
"""

from browser_helpers import login
from pathlib import Path
from test_browser_face import NET
from test_browser_face import users  # noqa: F401  (the fixture)

import pytest


pytestmark = [pytest.mark.browser, pytest.mark.slow]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
LONGEST_PARTNER = "Beschäftigungsförderung Oberhausen gGmbH"


def measure(page):
    return page.evaluate(
        """(longest) => {
            const select = document.querySelector('#deadlines-partner');
            const form = document.querySelector('#deadlines-filter');
            const canvas = document.createElement('canvas').getContext('2d');
            canvas.font = getComputedStyle(select).font;
            const style = getComputedStyle(select);
            const inner = select.clientWidth - parseFloat(style.paddingLeft)
                          - parseFloat(style.paddingRight);
            return {select: select.getBoundingClientRect().width, inner: inner,
                    text: canvas.measureText(longest).width,
                    form: form.getBoundingClientRect().width,
                    overflow: document.documentElement.scrollWidth - window.innerWidth,
                    selects: [...form.querySelectorAll('select')].map(
                        s => s.getBoundingClientRect().width)};
        }""",
        LONGEST_PARTNER,
    )


@pytest.mark.parametrize(("width", "height"), [(1280, 900), (390, 844)])
def test_filter_row_is_readable(page, site_url, users, width, height):  # noqa: F811
    page.set_viewport_size({"width": width, "height": height})
    login(page, site_url, *users["coordinator"])
    page.goto(f"{site_url}/{NET}/@@deadlines")
    page.wait_for_load_state("networkidle")
    assert LONGEST_PARTNER in page.locator("#deadlines-partner").inner_text()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.locator("#deadlines-filter").screenshot(
        path=str(SCREENSHOTS / f"deadlines-filter-{width}.png")
    )
    page.screenshot(path=str(SCREENSHOTS / f"deadlines-{width}.png"), full_page=True)
    found = measure(page)
    if width >= 1000:
        assert found["inner"] >= found["text"], found  # the longest partner name fits
    else:
        # A phone: every select spans the form's width (the picker shows whole names).
        assert min(found["selects"]) >= 0.9 * found["form"], found
    assert found["overflow"] <= 0, found  # nothing runs off the screen
    assert min(found["selects"]) >= 150, found
