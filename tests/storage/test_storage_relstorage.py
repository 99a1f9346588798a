"""Two Zope instances on one RelStorage (PostgreSQL) database serve the same site."""

from servers import free_port
from servers import MakeStart

import base64
import json
import pytest
import urllib.request


# the PostgreSQL server: conftest.py's postgres fixture (RELSTORAGE_DSN, 5432 or its own)
pytestmark = pytest.mark.slow


def request(url, method="GET", body=None):
    req = urllib.request.Request(
        url,
        method=method,
        data=json.dumps(body).encode() if body is not None else None,
        headers={"Accept": "application/json", "Content-Type": "application/json"},
    )
    token = base64.b64encode(b"admin:two-instances").decode()
    req.add_header("Authorization", f"Basic {token}")
    with urllib.request.urlopen(req, timeout=30) as response:
        data = response.read()
        return response.status, json.loads(data) if data else None


class TestTwoInstancesOnRelStorage:
    def test_write_through_one_is_read_through_the_other(self, tmp_path, pg_database):
        env = {
            "STORAGE": "relstorage",
            "RELSTORAGE_DSN": pg_database.dsn,
            "ADMIN_PASSWORD": "two-instances",
            "SITE_PROFILE": "empty",
        }
        with (
            MakeStart(tmp_path / "instance1", free_port(), **env) as one,
            MakeStart(tmp_path / "instance2", free_port(), **env) as two,
        ):
            assert "Created PostgreSQL database" in one.output()
            assert "Created site 'Plone'" in one.output()
            assert "Found site 'Plone'" in two.output()
            # No FileStorage was opened: the data lives in PostgreSQL.
            assert not (tmp_path / "instance1" / "var" / "filestorage" / "Data.fs").exists()

            status, created = request(
                one.url, "POST", {"@type": "Document", "id": "via-one", "title": "Über Instanz 1"}
            )
            assert status == 201
            status, seen = request(two.url + "/via-one")
            assert (status, seen["title"]) == (200, "Über Instanz 1")

            status, _ = request(two.url + "/via-one", "PATCH", {"title": "Geändert über Instanz 2"})
            assert status == 204
            _, seen = request(one.url + "/via-one")
            assert seen["title"] == "Geändert über Instanz 2"
