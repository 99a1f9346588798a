"""Headless Debian Chromium driven by Playwright (no browser download: executable_path)."""

from pathlib import Path

import os
import pytest


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    # the UI language: date inputs show 31.03.2019 as a German browser does
    "--lang=de-DE",
]


@pytest.fixture(scope="session")
def chromium():
    if not CHROMIUM.exists():
        pytest.fail("Debian's chromium is missing: `make system-deps` installs it")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        # On Linux Chromium takes its UI language from the environment (with --lang and
        # the chromium-l10n package): date inputs then read 31.03.2019, as in Germany.
        env = {**os.environ, "LANG": "de_DE.UTF-8", "LANGUAGE": "de"}
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True, env=env
        )
        yield browser
        browser.close()


@pytest.fixture
def page(chromium, tmp_path):
    context = chromium.new_context(locale="de-DE", timezone_id="Europe/Berlin")
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield page
    page.screenshot(path=str(tmp_path / "last.png"), full_page=True)
    context.close()


@pytest.fixture
def site_url(acceptance):
    """URL of the demo site served by the acceptance layer's real WSGI server."""
    return f"http://{acceptance['host']}:{acceptance['port']}/plone"
