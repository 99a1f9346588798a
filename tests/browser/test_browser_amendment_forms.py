"""An amendment from proposal to effect, only through forms, each step as the role that
does it: a coordinator proposes (and checks the redline in the preview), submits it for
consultation; each party's decision maker consents (four parties: the city joined by an
earlier amendment); the coordinator freezes it for signature; each signatory signs; the
consolidated text changes."""

from a11y import axe_violations
from a11y import describe
from a11y import serious
from browser_helpers import login
from browser_helpers import network_user
from datetime import date
from kooperation.workspace import confirm_person
from pathlib import Path
from plone import api
from zope.event import notify
from zope.lifecycleevent import ObjectModifiedEvent

import pytest
import transaction


pytestmark = [pytest.mark.browser, pytest.mark.slow]

SHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
AGREEMENT = "oberhausen/kooperationserklaerung-2015"
OLD_WORDING = "Qualitätsentwicklung"
NEW_WORDING = "Die Partner werten ihre Zusammenarbeit jedes Jahr im Herbst gemeinsam aus."
# user, Person entry (partner/person), its label in the signing form
DECISION_MAKERS = (
    ("b16-jc", "jobcenter-oberhausen/geschaeftsfuehrung", "Petra Demo"),
    ("b16-bfo", "bfo/geschaeftsfuehrung", "Thomas Muster"),
    ("b16-zib", "zib/leitung", "Sabine Probe"),
    ("b16-stadt", "stadt-oberhausen/bereichsleitung", "Jana Vorlage"),
)
PASSWORD = "secret-pw-123"


def shot(page, step):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"amendment-forms-{step}.png"), full_page=True)


@pytest.fixture
def people(acceptance):
    """A coordinator, and a login for each party's decision maker (their Person entries)."""
    portal = acceptance["portal"]
    network = portal["oberhausen"]
    network_user(
        portal, "coordinators", "b16-koord", PASSWORD, "koord@example.org", "Kim Koordination"
    )
    with api.env.adopt_roles(["Manager"]):
        for user, path, _name in DECISION_MAKERS:
            api.user.create(email=f"{user}@example.org", username=user, password=PASSWORD)
            person = network.unrestrictedTraverse(path)
            person.user_id = user
            notify(ObjectModifiedEvent(person))
            confirm_person(person, by="test")
            api.user.grant_roles(username=user, obj=network, roles=["Signatory", "Reader"])
    transaction.commit()


def accessible(page):
    """No critical or serious axe violation (WCAG 2.1 AA) on the page as it is now."""
    found = serious(axe_violations(page))
    assert not found, describe(found)


def logout(page, site_url):
    page.context.clear_cookies()


def workflow(page, transition):
    page.click("#plone-contentmenu-workflow > a")
    page.click(f"#workflow-transition-{transition}")
    page.wait_for_load_state("networkidle")


def test_propose_consent_sign_effective(page, site_url, people):
    # 1. The coordinator proposes: rewords section IV in the rich-text editor.
    login(page, site_url, "b16-koord", PASSWORD)
    page.goto(f"{site_url}/{AGREEMENT}/++add++Amendment")  # the "Add" menu's link
    page.wait_for_load_state("networkidle")
    assert "/@@propose-amendment" in page.url
    assert "Änderung vorschlagen" in page.inner_text("h1")
    shot(page, "1-form")
    page.fill("#form-widgets-title", "3. Änderung")
    section = page.locator(".proposal-section", has_text="IV. Qualitätsentwicklung").first
    section.locator("button[name='form.pick.replace']").click()
    page.wait_for_load_state("networkidle")
    editor = page.frame_locator("#form-widgets-change_0_html_ifr")
    editor.locator("p").first.click(click_count=3)  # the paragraph, not the heading
    page.keyboard.type(NEW_WORDING)
    shot(page, "2-wording")

    # 2. The preview shows the old wording struck through and the new one.
    page.click("#form-buttons-preview")
    page.wait_for_load_state("networkidle")
    preview = page.locator("#preview-redline")
    assert NEW_WORDING in " ".join(preview.locator("ins").all_inner_texts())
    assert "kontinuierliche Wirksamkeitsprüfung" in " ".join(
        preview.locator("del").all_inner_texts()
    )
    assert preview.locator("del").count() > 0
    assert "IV. Qualitätsentwicklung" in page.locator("#preview-clauses").inner_text()
    assert page.locator("#form-buttons-save").is_visible()
    shot(page, "3-preview")
    accessible(page)
    page.click("#preview-save")
    page.wait_for_load_state("networkidle")
    assert "als Entwurf gespeichert" in page.content()
    amendment_url = page.url.rstrip("/")
    shot(page, "4-draft")
    # The edit form shows the stored change in the same widgets (no JSON).
    page.click("#amendment-edit")
    page.wait_for_load_state("networkidle")
    assert "Änderung bearbeiten" in page.inner_text("h1")
    assert page.input_value("#form-widgets-change_0_operation") == "replace"
    assert "JSON" not in page.content()
    shot(page, "4-edit")
    page.click("#form-buttons-cancel")
    page.wait_for_load_state("networkidle")

    # 3. Submit for consultation (the state menu).
    workflow(page, "submit_for_consultation")
    assert "Zustimmung fehlt noch von" in page.content()
    shot(page, "5-consultation")
    accessible(page)
    logout(page, site_url)

    # 4. Each party's decision maker consents for their own party only.
    for index, (user, _path, _name) in enumerate(DECISION_MAKERS):
        login(page, site_url, user, PASSWORD)
        page.goto(amendment_url)
        buttons = page.locator(".consent-actions")
        assert buttons.count() == 1  # only their own party
        assert "Widersprechen (mit Begründung)" in buttons.inner_text()
        if index == 0:  # an objection needs a reason: the form says so at the field
            buttons.locator("a", has_text="Widersprechen (mit Begründung)").click()
            page.wait_for_load_state("networkidle")
            page.click("#consent-form button[type='submit']")
            page.wait_for_load_state("networkidle")
            assert "Geben Sie den Grund für den Widerspruch an." in page.content()
            shot(page, "6-objection-needs-reason")
            accessible(page)
            page.click("#consent-form a.btn-secondary")  # cancel
            page.wait_for_load_state("networkidle")
            buttons = page.locator(".consent-actions")
        buttons.locator("button", has_text="Zustimmen").click()
        page.wait_for_load_state("networkidle")
        assert "Die Zustimmung wurde erfasst." in page.content()
        shot(page, f"6-consent-{index + 1}")
        logout(page, site_url)
    assert "Zustimmung fehlt noch von" not in page.content()

    # 5. The coordinator freezes it for signature.
    login(page, site_url, "b16-koord", PASSWORD)
    page.goto(amendment_url)
    workflow(page, "freeze_for_signature")
    assert "Zur Unterschrift" in page.locator("#amendment-state").inner_text()
    shot(page, "7-for-signature")
    logout(page, site_url)

    # 6. Each signatory signs with the @@sign form.
    today = date.today().isoformat()
    for index, (user, _path, name) in enumerate(DECISION_MAKERS):
        login(page, site_url, user, PASSWORD)
        page.goto(amendment_url)
        page.click("#amendment-sign")
        page.wait_for_load_state("networkidle")
        signatory = page.locator("select[name='form.widgets.signatory:list'] option", has_text=name)
        page.select_option(
            "select[name='form.widgets.signatory:list']", value=signatory.get_attribute("value")
        )
        page.fill("input[name='form.widgets.place']", "Oberhausen")
        page.fill("input[name='form.widgets.date']", today)
        page.click("#form-buttons-sign")
        page.wait_for_load_state("networkidle")
        assert "Die Unterschrift wurde erfasst." in page.content()
        shot(page, f"8-signed-{index + 1}")
        logout(page, site_url)

    # 7. Effective: the consolidated text has the new wording.
    login(page, site_url, "b16-koord", PASSWORD)
    page.goto(amendment_url)
    assert "In Kraft" in page.locator("#amendment-state").inner_text() or (
        "Wirksam" in page.locator("#amendment-state").inner_text()
    )
    page.goto(f"{site_url}/{AGREEMENT}/@@text")
    assert NEW_WORDING in page.locator("#text-body").inner_text()
    assert "3. Änderung" in page.locator("#text-stand").inner_text()
    shot(page, "9-text")
