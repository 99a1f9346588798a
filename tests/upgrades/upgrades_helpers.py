"""Databases made by earlier versions of kooperation, unpacked into an instance of today's
code (importable as ``upgrades_helpers`` from this folder)."""

from pathlib import Path

import json
import os
import subprocess
import sys
import tarfile


HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
BIN = Path(sys.executable).parent

# The start of a script that opens the instance's site as a Manager, with a request
# that carries the add-ons' layers; it ends by printing one line of JSON.
OPEN_SITE = r"""
import json, sys
from AccessControl.SecurityManagement import newSecurityManager
from AccessControl.users import UnrestrictedUser
from kooperation.cli.main import _open_app
from plone.browserlayer.layer import mark_layer
from zope.component.hooks import setSite
from zope.traversing.interfaces import BeforeTraverseEvent

app = _open_app(sys.argv[1])
site = app["Plone"]
setSite(site)
newSecurityManager(None, UnrestrictedUser("check", "", ["Manager"], []).__of__(site.acl_users))
request = app.REQUEST
mark_layer(site, BeforeTraverseEvent(site, request))  # the add-ons' layers, as a request gets
"""


def run(*args, **kwargs):
    return subprocess.run(
        [str(a) for a in args], capture_output=True, text=True, timeout=900, **kwargs
    )


def unpack(fixture, instance):
    """An instance folder (zope.conf of today) holding the fixture's Data.fs and blobs."""
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "STORAGE")}
    made = run("make", "--no-print-directory", "config", f"INSTANCE={instance}", cwd=REPO, env=env)
    assert made.returncode == 0, made.stdout + made.stderr
    with tarfile.open(HERE / fixture) as archive:
        archive.extractall(instance / "var", filter="data")
    return instance


def check(script, instance):
    """Run ``OPEN_SITE`` + ``script`` on the instance; its last line of output as JSON."""
    done = run(BIN / "python", "-c", OPEN_SITE + script, instance)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def upgrade(instance):
    done = run(BIN / "kooperation-admin", "upgrade", "--instance", instance)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]
    return done.stdout
