"""A coordinator uploads electronically signed PDFs of an agreement (issue 20).

The agreement's own signing PDF (@@pdf) is signed with the test PKI (certomancer, offline):
first a file with Petra Demo's qualified signature and Thomas Muster's simple one (one
counted, the written form not met), then Thomas Muster's qualified signature on the same
document: the agreement is concluded in electronic form. Screenshots are kept under
var/screenshots/esign-*.png.
"""

from browser_helpers import login
from browser_helpers import network_user
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from datetime import timedelta
from pathlib import Path
from plone import api

import pytest
import sys
import transaction


sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "esign"))
from esign_pki import Signer  # noqa: E402
from esign_pki import SigningPKI  # noqa: E402


pytestmark = [pytest.mark.browser, pytest.mark.slow]

SHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
SIGNERS = {
    "petra": Signer("Petra", "Demo", "Jobcenter Oberhausen"),
    "thomas": Signer("Thomas", "Muster", "Beschäftigungsförderung Oberhausen gGmbH"),
    "thomas-simple": Signer("Thomas", "Muster", "", qualified=False),
}


@pytest.fixture
def pki(tmp_path):
    return SigningPKI(tmp_path, SIGNERS)


@pytest.fixture
def agreement_for_signature(acceptance, pki):
    from kooperation.esign.settings import ensure_registered
    from kooperation.esign.settings import IEsignSettings
    from kooperation.workspace import confirm_person

    portal = acceptance["portal"]
    network = portal["oberhausen"]
    with api.env.adopt_roles(["Manager"]):
        ensure_registered()
        prefix = IEsignSettings.__identifier__
        api.portal.set_registry_record(f"{prefix}.trust_anchors", pki.pem("root").decode())
        api.portal.set_registry_record(f"{prefix}.qualified_cas", pki.pem("qca").decode())
        for pid in ("jobcenter-oberhausen", "bfo"):
            confirm_person(network[pid]["geschaeftsfuehrung"], by="test")
        obj = api.content.create(
            container=network,
            type="Agreement",
            id="elektronisch",
            title="Kooperationsvereinbarung U25 (elektronisch)",
            parties=[network["jobcenter-oberhausen"].UID(), network["bfo"].UID()],
            text_date=date.today() - timedelta(days=30),
        )
        api.content.transition(obj=obj, transition="freeze_for_signature")
    transaction.commit()
    network_user(
        portal,
        "coordinators",
        "kim-esign",
        "koord-pw-123",
        "kim-esign@example.org",
        "Kim Koordination",
    )
    return obj.absolute_url()


def signed(pki, pdf, *labels):
    """``pdf`` signed by ``labels`` in turn, in a thread of its own: pyHanko's synchronous
    API starts an event loop, and Playwright's runs in this one."""

    def work():
        data = pdf
        for label in labels:
            data = pki.sign(data, label)
        return data

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(work).result()


def upload(page, url, path):
    page.goto(url)
    page.click("#agreement-esign-upload")
    page.wait_for_load_state("networkidle")
    page.set_input_files("input[type='file'][name='form.widgets.file']", str(path))
    page.click("#form-buttons-upload")
    page.wait_for_load_state("networkidle")


def test_coordinator_uploads_electronically_signed_pdfs(
    page, site_url, agreement_for_signature, pki, tmp_path
):
    SHOTS.mkdir(parents=True, exist_ok=True)
    url = agreement_for_signature
    login(page, site_url, "kim-esign", "koord-pw-123")
    document = page.request.get(f"{url}/@@pdf")
    assert document.ok
    pdf = document.body()

    # 1. Petra qualified, Thomas only with a simple signature
    first = tmp_path / "vereinbarung-jobcenter-bfo.pdf"
    first.write_bytes(signed(pki, pdf, "petra", "thomas-simple"))
    page.goto(url)
    page.click("#agreement-esign-upload")
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").first.inner_text() == "Elektronisch signiertes PDF hochladen"
    page.screenshot(path=str(SHOTS / "esign-upload-form.png"), full_page=True)
    page.set_input_files("input[type='file'][name='form.widgets.file']", str(first))
    page.click("#form-buttons-upload")
    page.wait_for_load_state("networkidle")
    text = page.content()
    assert "Geprüft: 1 von 2 Signaturen gezählt." in text
    assert "Qualifizierte elektronische Signatur" in text
    assert "keine qualifizierte elektronische Signatur (§ 126a BGB)" in text
    status = page.locator("#esign-form-status").inner_text()
    assert "Die Schriftform ist noch nicht gewahrt" in status
    page.screenshot(path=str(SHOTS / "esign-report-simple-signature.png"), full_page=True)

    # the report as PDF, beside the signed original
    report_pdf = page.locator("a", has_text="Bericht als PDF").first.get_attribute("href")
    response = page.request.get(report_pdf)
    assert response.ok
    assert response.body().startswith(b"%PDF")
    (SHOTS / "esign-report.pdf").write_bytes(response.body())

    # 2. Thomas signs the same document qualified, in a file of his own
    second = tmp_path / "vereinbarung-bfo.pdf"
    second.write_bytes(signed(pki, pdf, "thomas"))
    upload(page, url, second)
    assert "Geprüft: 1 von 1 Signaturen gezählt." in page.content()
    assert "Die Schriftform ist gewahrt" in page.locator("#esign-form-status").inner_text()
    page.screenshot(path=str(SHOTS / "esign-report-concluded.png"), full_page=True)

    page.goto(url)
    parties = page.locator("#agreement-parties").inner_text()
    assert parties.count("elektronisch (qualifiziert)") == 2
    assert parties.count("Prüfbericht") == 2
    page.screenshot(path=str(SHOTS / "esign-agreement.png"), full_page=True)
