"""Two Zope instances on one ZEO server serve the same site."""

from servers import free_port
from servers import MakeStart
from servers import REPO

import base64
import json
import os
import pytest
import signal
import socket
import subprocess
import time
import urllib.request


pytestmark = pytest.mark.slow


@pytest.fixture
def zeo_server(tmp_path):
    port = free_port()
    (tmp_path / "zeo").mkdir()
    config = tmp_path / "zeo" / "zeo.conf"
    config.write_text(
        f"""
<zeo>
    address 127.0.0.1:{port}
</zeo>
<filestorage 1>
    path {tmp_path}/zeo/Data.fs
    blob-dir {tmp_path}/zeo/blobs
</filestorage>
"""
    )
    server = subprocess.Popen(
        [str(REPO / ".venv" / "bin" / "runzeo"), "-C", str(config)],
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.2)
    yield f"127.0.0.1:{port}"
    os.killpg(server.pid, signal.SIGTERM)
    server.wait(timeout=30)


def call(url, method="GET", body=None):
    request = urllib.request.Request(
        url,
        method=method,
        data=json.dumps(body).encode() if body is not None else None,
        headers={"Accept": "application/json", "Content-Type": "application/json"},
    )
    token = base64.b64encode(b"admin:zeo-admin").decode()
    request.add_header("Authorization", f"Basic {token}")
    with urllib.request.urlopen(request, timeout=30) as response:
        data = response.read()
        return response.status, json.loads(data) if data else None


def test_write_through_one_is_read_through_the_other(tmp_path, zeo_server):
    env = {
        "STORAGE": "zeo",
        "ZEO_ADDRESS": zeo_server,
        "ADMIN_PASSWORD": "zeo-admin",
        "SITE_PROFILE": "empty",
    }
    with (
        MakeStart(tmp_path / "instance1", free_port(), **env) as one,
        MakeStart(tmp_path / "instance2", free_port(), **env) as two,
    ):
        assert "Created site 'Plone'" in one.output()
        assert "Found site 'Plone'" in two.output()
        status, _ = call(one.url, "POST", {"@type": "Document", "id": "z", "title": "Über ZEO"})
        assert status == 201
        assert call(two.url + "/z")[1]["title"] == "Über ZEO"
        # Read-your-writes across instances, as behind a load balancer
        # without sticky sessions: each read comes straight after the other
        # instance's commit (server-sync; without it this failed now and then).
        for n in range(20):
            writer, reader = (one, two) if n % 2 else (two, one)
            status, _ = call(writer.url + "/z", "PATCH", {"title": f"Fassung {n}"})
            assert status == 204
            assert call(reader.url + "/z")[1]["title"] == f"Fassung {n}"
