"""`make start` as a newcomer runs it: a served German demo site, a private admin password."""

from servers import free_port
from servers import MakeStart

import base64
import json
import pytest
import subprocess
import urllib.request


pytestmark = pytest.mark.slow


def get_json(url, user, password):
    request = urllib.request.Request(url, headers={"Accept": "application/json"})
    token = base64.b64encode(f"{user}:{password}".encode()).decode()
    request.add_header("Authorization", f"Basic {token}")
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


class TestMakeStart:
    def test_first_start_creates_and_serves_the_demo_site(self, tmp_path, repo):
        instance = tmp_path / "instance"
        with MakeStart(instance, free_port()) as server:
            output = server.output()
            assert "Created site 'Plone'" in output
            password = (instance / "admin-password").read_text().strip()
            assert f"Login: admin / {password}" in output
            assert "admin:admin" not in output
            with urllib.request.urlopen(server.url + "/oberhausen", timeout=30) as response:
                html = response.read().decode()
            assert 'lang="de"' in html
            assert "Netzwerk Quartier Oberhausen-Innenstadt" in html
            site = get_json(server.url, "admin", password)
            assert site["title"] == "Kooperation – Demo-Netzwerk"
            doc_url = server.url + "/oberhausen/kooperationserklaerung-2015"
            doc = get_json(doc_url, "admin", password)
            # Signed by all three parties on 20.05.2015, so the agreement is in force.
            assert doc["review_state"] == "in_force"
            assert doc["deadlines"]["in_force_since"] == "2015-05-20"

        # A second start finds the site and keeps the password.
        second = subprocess.run(
            ["make", "--no-print-directory", "site", f"INSTANCE={instance}"],
            cwd=repo,
            capture_output=True,
            text=True,
            check=True,
        )
        assert "Found site 'Plone'" in second.stdout
        assert password not in second.stdout
        assert (instance / "admin-password").read_text().strip() == password

    def test_admin_password_from_environment(self, tmp_path):
        instance = tmp_path / "instance"
        with MakeStart(
            instance, free_port(), ADMIN_PASSWORD="chosen-by-the-admin", SITE_PROFILE="empty"
        ) as server:
            assert not (instance / "admin-password").exists()
            site = get_json(server.url, "admin", "chosen-by-the-admin")
            assert site["items"] == []
