"""A staff member registers for the annual workshop through its form in a real browser,
receives the confirmation by mail (local SMTP server) and cancels by the link in it."""

from browser_helpers import login
from browser_helpers import network_user
from kooperation.testing import add_person
from mailbox_helpers import Inbox
from mailbox_helpers import use_real_mailhost
from plone import api

import pytest
import re
import time
import transaction


pytestmark = [pytest.mark.browser, pytest.mark.slow]

WORKSHOP = "oberhausen/fortbildung-2027"
USER, PASSWORD = "fachkraft-jc", "Fach-0815-secret"


@pytest.fixture
def inbox(acceptance):
    inbox = Inbox()
    inbox.start()
    use_real_mailhost(acceptance["portal"], inbox)
    transaction.commit()
    yield inbox
    inbox.stop()


@pytest.fixture
def staff(acceptance):
    """Fiona works for the Jobcenter: a confirmed Person entry, so its seats are hers."""
    portal = acceptance["portal"]
    user = network_user(
        portal, "members", USER, PASSWORD, "fachkraft@example.org", "Fiona Fachkraft"
    )
    with api.env.adopt_roles(["Manager"]):
        add_person(
            container=portal["oberhausen"]["jobcenter-oberhausen"],
            id="fiona",
            title="Fiona Fachkraft",
            user_id=user,
        )
    transaction.commit()
    return user


def _mail(inbox, n):
    for _ in range(200):
        if len(inbox.envelopes) >= n:
            return inbox.messages[n - 1]
        time.sleep(0.05)
    raise AssertionError(f"only {len(inbox.envelopes)} mails arrived")


def test_staff_registers_and_cancels_by_the_link(page, site_url, staff, inbox):
    login(page, site_url, USER, PASSWORD)

    page.goto(f"{site_url}/{WORKSHOP}/anmeldung")
    page.fill("#form-widgets-fullname", "Fiona Fachkraft")
    page.fill("#form-widgets-email", "fiona@example.org")
    page.select_option("#form-widgets-partner", label="Jobcenter Oberhausen")
    page.fill("#form-widgets-dietary", "vegan")
    page.check("#form-widgets-consent-0")
    page.click("#form-buttons-submit")
    page.wait_for_load_state("networkidle")
    assert "Ihre Anmeldung ist bestätigt" in page.content()

    message = _mail(inbox, 1)
    assert message["To"] == "fiona@example.org"
    parts = {part.get_content_type(): part for part in message.iter_parts()}
    assert "text/calendar" in parts
    text = parts["text/plain"].get_content()
    link = re.search(r"(http\S+@@cancel-registration\S+)", text).group(1)

    # The link works without a login: a fresh browser context.
    context = page.context.browser.new_context(locale="de-DE")
    anonymous = context.new_page()
    anonymous.goto(link)
    anonymous.click("button[name=confirm]")
    anonymous.wait_for_load_state("networkidle")
    assert anonymous.locator("#registration-cancelled").is_visible()
    context.close()

    cancelled = _mail(inbox, 2)
    assert cancelled["To"] == "fiona@example.org"
    # "meine Anmeldungen" shows it cancelled.
    page.goto(f"{site_url}/@@my-registrations")
    assert "Fortbildung 2027" in page.locator("#my-registrations").inner_text()
