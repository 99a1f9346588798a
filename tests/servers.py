"""Start real Zope instances the way a user does (`make start`) and talk HTTP to them."""

from pathlib import Path

import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request


REPO = Path(__file__).resolve().parent.parent


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_http(url, process, timeout=180):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode} before answering {url}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.status
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.5)
    raise TimeoutError(f"{url} did not answer within {timeout}s")


class MakeStart:
    """`make start` in its own process group, with its output in a log file."""

    def __init__(self, instance_dir, port, **env):
        self.instance_dir = Path(instance_dir)
        self.port = port
        self.url = f"http://127.0.0.1:{port}/Plone"
        self.env = dict(os.environ, INSTANCE=str(instance_dir), PORT=str(port), **env)
        self.env.pop("MAKEFLAGS", None)
        self.log = self.instance_dir.parent / f"{self.instance_dir.name}-start.log"
        self.process = None

    def __enter__(self):
        self.instance_dir.mkdir(parents=True, exist_ok=True)
        self.process = subprocess.Popen(
            ["make", "--no-print-directory", "start"],
            cwd=REPO,
            env=self.env,
            stdout=self.log.open("wb"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            wait_for_http(self.url, self.process)
        except Exception:
            self.stop()
            raise RuntimeError(self.output()[-3000:]) from None
        return self

    def output(self):
        return self.log.read_text(errors="replace")

    def stop(self):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()

    def __exit__(self, *exc):
        self.stop()
