"""buildout.cfg builds a working instance with the add-on, pinned like pip (versions.cfg)."""

from servers import free_port
from servers import REPO
from servers import wait_for_http

import os
import pytest
import shutil
import signal
import subprocess


pytestmark = pytest.mark.slow


def test_versions_cfg_matches_constraints():
    pins = {
        line.split("==")[0].lower(): line.split("==")[1]
        for line in (REPO / "constraints.txt").read_text().splitlines()
        if "==" in line
    }
    versions = {
        line.split(" = ")[0].lower(): line.split(" = ")[1]
        for line in (REPO / "versions.cfg").read_text().splitlines()
        if " = " in line
    }
    assert versions == pins, "run `make versions.cfg` after `make constraints`"


def test_buildout_builds_and_serves(tmp_path):
    work = tmp_path / "buildout"
    files = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    for name in files:
        if (REPO / name).is_file():
            (work / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, work / name)
    env = dict(os.environ, ADMIN_PASSWORD="buildout-admin")
    env.pop("VIRTUAL_ENV", None)

    def run(*cmd, timeout=1500):
        result = subprocess.run(
            cmd, cwd=work, env=env, capture_output=True, text=True, timeout=timeout
        )
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
        return result.stdout

    run("python3.11", "-m", "venv", ".")
    run("bin/pip", "install", "-q", "-c", "constraints.txt", "zc.buildout", "setuptools", "wheel")
    port = free_port()
    run("bin/buildout", "-N", f"instance:http-address=127.0.0.1:{port}")
    out = run(
        "bin/kooperation-admin",
        "create-site",
        "--instance",
        "parts/instance",
        "--profile",
        "profiles/empty",
    )
    assert "Created site 'Plone'" in out

    server = subprocess.Popen(
        ["bin/instance", "fg"],
        cwd=work,
        env=env,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        assert wait_for_http(f"http://127.0.0.1:{port}/Plone", server) == 200
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
