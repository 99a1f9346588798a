"""Two Zope instances on one RelStorage (PostgreSQL) database serve the same site."""

from servers import free_port
from servers import MakeStart

import base64
import json
import psycopg2
import pytest
import urllib.request
import uuid


pytestmark = pytest.mark.slow

PG = "host=127.0.0.1 port=5432 user=postgres"


@pytest.fixture
def database():
    name = f"kooperation_test_{uuid.uuid4().hex[:10]}"
    yield f"{PG} dbname={name}"
    conn = psycopg2.connect(f"{PG} dbname=postgres")
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    conn.close()


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
    def test_write_through_one_is_read_through_the_other(self, tmp_path, database):
        env = {
            "STORAGE": "relstorage",
            "RELSTORAGE_DSN": database,
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
