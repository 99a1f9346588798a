"""Backups that restore: ``kooperation-admin backup`` / ``restore`` (``make backup`` /
``make restore``).

FileStorage
    ``repozo`` writes a full backup the first time (and with ``--full``), then
    incremental ones (only the transactions since the last backup). The blob folder
    is copied next to it as a snapshot per run; a file unchanged since the previous
    snapshot is a hard link to it (blob files never change once written), so a
    snapshot costs only the new blobs. The snapshot has the name (time) of repozo's
    file and is taken after it: it holds every blob the backed-up Data.fs refers
    to. Backing up a running server is safe.

RelStorage
    ``pg_dump -Fc`` of the whole database. The blobs are in the database
    (``shared-blob-dir false``); the instance's ``var/blobcache`` is only a cache,
    so it is not backed up and is emptied on restore.

Restore needs the server stopped. What it replaces is kept aside
(``*.before-restore-<time>``), never deleted.
"""

from datetime import datetime
from datetime import UTC
from pathlib import Path

import os
import shutil
import subprocess
import sys
import zc.lockfile


STAMP_FORMAT = "%Y-%m-%d-%H-%M-%S"  # repozo's own format


def stamp(now=None):
    return (now or datetime.now(UTC)).strftime(STAMP_FORMAT)


def _bin(name):
    return str(Path(sys.executable).parent / name)


def _run(argv):
    result = subprocess.run(argv, capture_output=True, text=True)
    if result.returncode:
        raise RuntimeError(f"{argv[0]} failed ({result.returncode}): {result.stderr.strip()}")
    return result.stdout


class FileStorageBackup:
    def __init__(self, instance_dir, backup_dir):
        self.var = Path(instance_dir) / "var"
        self.datafs = self.var / "filestorage" / "Data.fs"
        self.blobs = self.var / "blobstorage"
        self.target = Path(backup_dir)
        self.repozo_dir = self.target / "filestorage"
        self.blob_dir = self.target / "blobstorage"

    def snapshots(self):
        if not self.blob_dir.is_dir():
            return []
        return sorted(p.name for p in self.blob_dir.iterdir() if p.is_dir())

    def backup(self, full=False):
        """Return ``{"kind": "full"|"incremental", "file": name, "blobs": snapshot}``."""
        if not self.datafs.is_file():
            raise SystemExit(f"{self.datafs} does not exist: nothing to back up")
        self.repozo_dir.mkdir(parents=True, exist_ok=True)
        before = set(os.listdir(self.repozo_dir))
        argv = [_bin("repozo"), "-B", "-z", "-r", str(self.repozo_dir), "-f", str(self.datafs)]
        _run(argv + (["-F"] if full else []))
        written = sorted(set(os.listdir(self.repozo_dir)) - before)
        data_files = [n for n in written if n.endswith((".fsz", ".deltafsz", ".fs", ".deltafs"))]
        kind = "incremental" if any("delta" in n for n in data_files) else "full"
        # the snapshot is named like repozo's file, so --until finds both
        name = data_files[-1].split(".")[0] if data_files else stamp()
        previous = self.snapshots()
        copy_blobs(
            self.blobs, self.blob_dir / name, self.blob_dir / previous[-1] if previous else None
        )
        return {"kind": kind if data_files else "unchanged", "files": data_files, "blobs": name}

    def restore(self, until=None):
        """Restore the state of the last backup (or of the last one at or before ``until``)."""
        ensure_unlocked(self.datafs)
        snapshots = [s for s in self.snapshots() if until is None or s <= until]
        if not snapshots:
            raise SystemExit(
                f"no blob snapshot in {self.blob_dir}" + (f" up to {until}" if until else "")
            )
        aside = keep_aside([self.datafs, self.blobs], stamp())
        self.datafs.parent.mkdir(parents=True, exist_ok=True)
        argv = [_bin("repozo"), "-R", "-r", str(self.repozo_dir), "-o", str(self.datafs)]
        _run(argv + (["-D", until] if until else []))
        shutil.copytree(self.blob_dir / snapshots[-1], self.blobs)
        return {"blobs": snapshots[-1], "kept_aside": [str(p) for p in aside]}


def copy_blobs(source, target, previous=None):
    """Copy the blob tree ``source`` to ``target``; hard-link files equal in ``previous``."""
    target.mkdir(parents=True)
    if not source.is_dir():
        return
    for root, _dirs, files in os.walk(source):
        rel = Path(root).relative_to(source)
        (target / rel).mkdir(parents=True, exist_ok=True)
        for name in files:
            src = Path(root) / name
            old = previous / rel / name if previous is not None else None
            if old is not None and old.is_file() and old.stat().st_size == src.stat().st_size:
                os.link(old, target / rel / name)
            else:
                shutil.copy2(src, target / rel / name)


def ensure_unlocked(datafs):
    """Refuse while a server (or another process) has the FileStorage open."""
    lock_path = Path(str(datafs) + ".lock")
    if not datafs.exists():
        return
    try:
        lock = zc.lockfile.LockFile(str(lock_path))
    except zc.lockfile.LockError:
        raise SystemExit(f"{datafs} is in use: stop the server first") from None
    lock.close()


def keep_aside(paths, suffix):
    moved = []
    for path in paths:
        for extra in (
            [path, *path.parent.glob(path.name + ".*")] if path.name == "Data.fs" else [path]
        ):
            if extra.exists() and ".before-restore-" not in extra.name:
                if extra.suffix in (".lock", ".tmp"):
                    extra.unlink()
                    continue
                new = extra.with_name(f"{extra.name}.before-restore-{suffix}")
                extra.rename(new)
                moved.append(new)
    return moved


class RelStorageBackup:
    def __init__(self, instance_dir, backup_dir, dsn):
        self.instance_dir = Path(instance_dir)
        self.target = Path(backup_dir) / "relstorage"
        self.dsn = dsn

    def dumps(self):
        return sorted(self.target.glob("*.dump")) if self.target.is_dir() else []

    def backup(self, full=True):
        self.target.mkdir(parents=True, exist_ok=True)
        path = self.target / f"{stamp()}.dump"
        _run(["pg_dump", "--format=custom", "--no-owner", f"--file={path}", f"--dbname={self.dsn}"])
        return {"kind": "full", "files": [path.name], "blobs": "in the dump"}

    def restore(self, until=None):
        import psycopg2
        import psycopg2.extensions

        dumps = [p for p in self.dumps() if until is None or p.stem <= until]
        if not dumps:
            raise SystemExit(f"no dump in {self.target}")
        params = psycopg2.extensions.parse_dsn(self.dsn)
        dbname = params["dbname"]
        conn = psycopg2.connect(**dict(params, dbname="postgres"))
        conn.autocommit = True
        try:
            with conn.cursor() as cur:
                cur.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = %s", (dbname,))
                if cur.fetchone()[0]:
                    raise SystemExit(f"database {dbname} is in use: stop every instance first")
                aside = f"{dbname}_before_restore_{stamp().replace('-', '')}"
                cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", (dbname,))
                if cur.fetchone():
                    cur.execute(f'ALTER DATABASE "{dbname}" RENAME TO "{aside}"')
                else:
                    aside = None
                cur.execute(f'CREATE DATABASE "{dbname}"')
        finally:
            conn.close()
        _run(
            ["pg_restore", "--no-owner", "--exit-on-error", f"--dbname={self.dsn}", str(dumps[-1])]
        )
        cache = self.instance_dir / "var" / "blobcache"
        if cache.is_dir():
            shutil.rmtree(cache)
        return {
            "blobs": "in the dump",
            "dump": dumps[-1].name,
            "kept_aside": [aside] if aside else [],
        }


def for_settings(settings, backup_dir):
    if settings.storage == "filestorage":
        return FileStorageBackup(settings.instance_dir, backup_dir)
    if settings.storage == "relstorage":
        return RelStorageBackup(settings.instance_dir, backup_dir, settings.dsn)
    raise SystemExit(
        "ZEO: back up the ZEO server's Data.fs and blobs with `make backup` on the server's"
        " folder (STORAGE=filestorage); its clients hold only caches"
    )
