"""make backup / make restore on RelStorage: pg_dump holds the blobs too, the
instance's blob cache is only a cache. Drop the database, restore, compare."""

from pathlib import Path
from servers import REPO

import json
import os
import psycopg2
import pytest
import subprocess
import sys


# the PostgreSQL server: conftest.py's postgres fixture (RELSTORAGE_DSN, 5432 or its own)
pytestmark = pytest.mark.slow

BIN = Path(sys.executable).parent
HERE = Path(__file__).resolve().parent


def run(*argv, env, check=True):
    result = subprocess.run(
        [str(a) for a in argv], cwd=REPO, capture_output=True, text=True, timeout=600, env=env
    )
    if check and result.returncode:
        raise AssertionError(f"{argv} failed:\n{result.stdout}\n{result.stderr[-3000:]}")
    return result


def test_drop_the_database_and_restore(tmp_path, pg_database):
    instance, backups = tmp_path / "instance", tmp_path / "backups"
    env = dict(
        os.environ,
        MAKEFLAGS="",
        STORAGE="relstorage",
        RELSTORAGE_DSN=pg_database.dsn,
        INSTANCE=str(instance),
        BACKUP_DIR=str(backups),
        SITE_PROFILE="demo",
        ADMIN_PASSWORD="relstorage-backup",
    )
    admin = BIN / "kooperation-admin"

    def fingerprint():
        out = run(admin, "fingerprint", "--instance", instance, env=env).stdout
        return json.loads(out.strip().splitlines()[-1])

    run("make", "--no-print-directory", "site", env=env)
    run(BIN / "python", HERE / "seed_content.py", instance, 1, env=env)
    written = fingerprint()
    assert written["versions"] >= 1
    assert written["files"] >= 1
    out = run("make", "--no-print-directory", "backup", env=env).stdout
    assert "Backup (full)" in out
    assert ".dump" in out

    pg_database.sql(f'DROP DATABASE "{pg_database.name}" WITH (FORCE)')

    out = run("make", "--no-print-directory", "restore", env=env).stdout
    assert "Restored from" in out
    assert not (instance / "var" / "blobcache").exists()  # the cache starts empty
    assert fingerprint() == written
    out = run(admin, "verify", "--instance", instance, env=env).stdout
    assert "Verified" in out
    assert ": 0 errors" in out

    # a restore over a database in use is refused: stop the instances first
    conn = psycopg2.connect(pg_database.dsn)
    try:
        result = run(admin, "restore", "--instance", instance, env=env, check=False)
    finally:
        conn.close()
    assert result.returncode != 0
    assert "stop every instance first" in result.stderr
