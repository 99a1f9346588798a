"""make backup / make restore / make pack on a FileStorage instance with the demo site.

Write content, back up (full, then incremental), destroy the database and the blobs,
restore, and find every object, signature (with its evidence PDF), CMFEditions
version and file again: the fingerprints (checksums) match.
"""

from pathlib import Path
from servers import REPO

import json
import os
import pytest
import shutil
import subprocess
import sys
import zc.lockfile


pytestmark = pytest.mark.slow

BIN = Path(sys.executable).parent
HERE = Path(__file__).resolve().parent


def run(*argv, env=None, check=True):
    result = subprocess.run(
        [str(a) for a in argv],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
        env=dict(os.environ, STORAGE="filestorage", **(env or {})),
    )
    if check and result.returncode:
        raise AssertionError(f"{argv} failed:\n{result.stdout}\n{result.stderr[-3000:]}")
    return result


def make(target, instance, backups):
    env = {"INSTANCE": str(instance), "BACKUP_DIR": str(backups), "MAKEFLAGS": ""}
    return run("make", "--no-print-directory", target, env=env).stdout


def fingerprint(instance):
    out = run(BIN / "kooperation-admin", "fingerprint", "--instance", instance).stdout
    return json.loads(out.strip().splitlines()[-1])


def seed(instance, round_):
    run(BIN / "python", HERE / "seed_content.py", instance, round_)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    base = tmp_path_factory.mktemp("ops-backup")
    instance, backups = base / "instance", base / "backups"
    env = {"INSTANCE": str(instance), "SITE_PROFILE": "demo", "ADMIN_PASSWORD": "backup-test"}
    run("make", "--no-print-directory", "site", env=dict(env, MAKEFLAGS=""))
    return instance, backups


def test_destroy_and_restore(site):
    instance, backups = site
    datafs = instance / "var" / "filestorage" / "Data.fs"
    seed(instance, 1)
    out = make("backup", instance, backups)
    assert "Backup (full)" in out
    first = fingerprint(instance)
    seed(instance, 2)
    out = make("backup", instance, backups)
    assert "Backup (incremental)" in out
    written = fingerprint(instance)
    assert written["digest"] != first["digest"]
    # every kind of thing is in it: agreements' signatures with evidence PDFs,
    # CMFEditions versions, attached files
    assert written["signatures"] >= 3
    assert written["versions"] >= 2
    assert written["files"] >= written["signatures"] + 2

    # the disk is lost
    datafs.unlink()
    for extra in datafs.parent.glob("Data.fs.*"):
        extra.unlink()
    shutil.rmtree(instance / "var" / "blobstorage")

    out = make("restore", instance, backups)
    assert "Restored from" in out
    assert fingerprint(instance) == written
    assert "0 errors" in run(BIN / "kooperation-admin", "verify", "--instance", instance).stdout

    # an older state: the last backup up to the first snapshot
    (first_snapshot, _second) = sorted(p.name for p in (backups / "blobstorage").iterdir())
    out = run(
        BIN / "kooperation-admin",
        "restore",
        "--instance",
        instance,
        "--from",
        backups,
        "--until",
        first_snapshot,
    ).stdout
    assert "Kept the replaced data aside" in out
    assert fingerprint(instance) == first
    # and back to the newest
    make("restore", instance, backups)
    assert fingerprint(instance) == written


def test_restore_refuses_while_the_server_has_the_database(site):
    instance, backups = site
    lock = zc.lockfile.LockFile(str(instance / "var" / "filestorage" / "Data.fs.lock"))
    try:
        result = run(
            BIN / "kooperation-admin",
            "restore",
            "--instance",
            instance,
            "--from",
            backups,
            check=False,
        )
    finally:
        lock.close()
    assert result.returncode != 0
    assert "stop the server first" in result.stderr


def test_pack_keeps_versions_and_signatures(site):
    instance, backups = site
    datafs = instance / "var" / "filestorage" / "Data.fs"
    seed(instance, 3)
    before = fingerprint(instance)
    size = datafs.stat().st_size
    out = run(BIN / "kooperation-admin", "pack", "--instance", instance, "--days", "0").stdout
    assert "Packed" in out
    assert datafs.stat().st_size < size
    after = fingerprint(instance)
    assert after == before  # every CMFEditions version, signature and file is still there
    assert after["versions"] >= 3
    assert "0 errors" in run(BIN / "kooperation-admin", "verify", "--instance", instance).stdout


def test_make_upgrade_on_the_existing_site(site):
    instance, _backups = site
    out = run(
        "make", "--no-print-directory", "upgrade", env={"INSTANCE": str(instance), "MAKEFLAGS": ""}
    )
    assert "kooperation:default: up to date (version " in out.stdout


def daily_lines(instance):
    path = instance / "var" / "log" / "daily.jsonl"
    return [json.loads(line) for line in path.read_text().splitlines()]


def test_the_daily_job_logs_json_and_exits_non_zero_when_it_cannot_run(site):
    from mailbox_helpers import Inbox

    instance, _backups = site
    admin = BIN / "kooperation-admin"
    # the demo's coordinators have addresses: whatever is due today goes to a real server
    inbox = Inbox()
    inbox.start()
    try:
        run(admin, "mail", "--instance", instance, "--host", "127.0.0.1", "--port", inbox.port)
        ok = run(admin, "daily", "--instance", instance, "--date", "2026-12-04", check=False)
    finally:
        inbox.stop()
    assert ok.returncode == 0, ok.stderr
    # Oberhausen, a member of the association, has no report of 2026-Q3 (due 2026-11-30)
    assert any("Q3 2026" in str(message["Subject"]) for message in inbox.messages)
    last = daily_lines(instance)[-1]
    assert last["event"] == "daily_job_finished"
    assert (last["exit_status"], last["ok"], last["level"]) == (0, True, "INFO")
    assert last["summary"]["errors"] == []
    assert any(line["message"].startswith("Daily job on /Plone") for line in daily_lines(instance))

    # a server holds the database: cron gets exit status 2, the log says why
    lock = zc.lockfile.LockFile(str(instance / "var" / "filestorage" / "Data.fs.lock"))
    try:
        failed = run(BIN / "kooperation-admin", "daily", "--instance", instance, check=False)
    finally:
        lock.close()
    assert failed.returncode == 2
    last = daily_lines(instance)[-1]
    assert (last["exit_status"], last["ok"], last["level"]) == (2, False, "ERROR")
    assert "LockError" in last["error"]


def test_mail_command_and_the_daily_job_send_the_queue(site, tmp_path):
    """``kooperation-admin mail`` sets the server and the queue; the daily job and
    ``mail --flush`` send what is queued (here put in the maildir by hand)."""
    from mailbox import Maildir
    from mailbox_helpers import Inbox

    instance, _backups = site
    admin = BIN / "kooperation-admin"
    queue = tmp_path / "mailqueue"
    inbox = Inbox()
    inbox.start()
    try:
        out = run(admin, "mail", "--instance", instance, "--host", "127.0.0.1", "--port",
                  inbox.port, "--from", "portal@example.org", "--queue", queue).stdout  # fmt: skip
        shown = json.loads(out)
        assert [shown[key] for key in ("host", "port", "queue")] == [
            "127.0.0.1",
            inbox.port,
            str(queue),
        ]

        def queue_mail(subject):
            Maildir(str(queue)).add(
                "X-Zope-From: portal@example.org\nX-Zope-To: anna@example.org\n"
                f"From: portal@example.org\nTo: anna@example.org\nSubject: {subject}\n\nHallo"
            )

        # what else is due today (reminders of the demo's data) goes out first
        assert run(admin, "daily", "--instance", instance).returncode == 0
        inbox.envelopes.clear()
        queue_mail("aus dem Tagesjob")
        assert run(admin, "daily", "--instance", instance).returncode == 0
        assert daily_lines(instance)[-1]["summary"]["mail"] == {"sent": 1, "left": 0}

        queue_mail("nach einer Stoerung")
        flushed = json.loads(run(admin, "mail", "--instance", instance, "--flush").stdout)
        assert flushed["flushed"] == {"sent": 1, "left": 0}
        subjects = [message["Subject"] for message in inbox.messages]
        assert subjects == ["aus dem Tagesjob", "nach einer Stoerung"]
    finally:
        inbox.stop()
        run(admin, "mail", "--instance", instance, "--no-queue")

    bad = run(admin, "mail", "--instance", instance, "--port", "x", check=False)
    assert bad.returncode == 2
    assert bad.stderr == "kooperation-admin mail: port 'x': a number from 1 to 65535\n"
