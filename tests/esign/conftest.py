"""The test PKI (certomancer) of the electronic-form tests: built once per session, offline."""

from esign_pki import Signer
from esign_pki import SigningPKI
from kooperation.esign.validation import TrustSettings

import pytest


SIGNERS = {
    # the demo-like parties of the Plone tests sign with these names
    "anna": Signer("Anna", "Berger", "Jobcenter Mülheim an der Ruhr"),
    "bernd": Signer("Bernd", "Cramer", "Stadt Mülheim an der Ruhr"),
    "clara": Signer("Clara", "Dietz", "Agentur für Arbeit Oberhausen"),
    "anna-simple": Signer("Anna", "Berger", "Jobcenter Mülheim an der Ruhr", qualified=False),
    "anna-expired": Signer("Anna", "Berger", "Jobcenter Mülheim an der Ruhr", expired=True),
    "anna-revoked": Signer("Anna", "Berger", "Jobcenter Mülheim an der Ruhr", revoked=True),
    "anna-no-qscd": Signer("Anna", "Berger", "Jobcenter Mülheim an der Ruhr", qscd=False),
    "mallory": Signer("Mallory", "Fremd", "Irgendwo GmbH"),
}


@pytest.fixture(scope="session")
def pki(tmp_path_factory):
    return SigningPKI(tmp_path_factory.mktemp("pki"), SIGNERS)


@pytest.fixture(scope="session")
def trust(pki):
    """The site's settings: the root as trust anchor, the qualified CA as qualified service."""
    return TrustSettings.from_pem(pki.pem("root"), pki.pem("qca"))
