"""The file handling of kooperation.ops.backup without a database."""

from kooperation.cli.main import build_parser
from kooperation.ops.backup import copy_blobs
from kooperation.ops.backup import ensure_unlocked
from kooperation.ops.backup import keep_aside

import pytest
import zc.lockfile


def test_a_snapshot_links_unchanged_blobs_and_copies_new_ones(tmp_path):
    blobs = tmp_path / "blobstorage"
    (blobs / "0x00" / "0x01").mkdir(parents=True)
    (blobs / "0x00" / "0x01" / "a.blob").write_bytes(b"alt")
    copy_blobs(blobs, tmp_path / "s1")
    (blobs / "0x00" / "0x02").mkdir()
    (blobs / "0x00" / "0x02" / "b.blob").write_bytes(b"neu")
    copy_blobs(blobs, tmp_path / "s2", tmp_path / "s1")
    old = tmp_path / "s2" / "0x00" / "0x01" / "a.blob"
    new = tmp_path / "s2" / "0x00" / "0x02" / "b.blob"
    assert old.stat().st_ino == (tmp_path / "s1" / "0x00" / "0x01" / "a.blob").stat().st_ino
    assert new.read_bytes() == b"neu"
    assert new.stat().st_nlink == 1


def test_what_a_restore_replaces_is_kept_aside(tmp_path):
    datafs = tmp_path / "Data.fs"
    for name in ("Data.fs", "Data.fs.index", "Data.fs.lock"):
        (tmp_path / name).write_text(name)
    (tmp_path / "blobstorage").mkdir()
    moved = keep_aside([datafs, tmp_path / "blobstorage"], "X")
    assert sorted(p.name for p in moved) == [
        "Data.fs.before-restore-X",
        "Data.fs.index.before-restore-X",
        "blobstorage.before-restore-X",
    ]
    assert not (tmp_path / "Data.fs.lock").exists()


def test_a_locked_database_is_not_restored(tmp_path):
    datafs = tmp_path / "Data.fs"
    datafs.write_bytes(b"FS21")
    ensure_unlocked(datafs)  # nobody has it
    lock = zc.lockfile.LockFile(str(datafs) + ".lock")
    try:
        with pytest.raises(SystemExit, match="stop the server"):
            ensure_unlocked(datafs)
    finally:
        lock.close()


def test_pack_keeps_a_week_by_default():
    assert build_parser().parse_args(["pack"]).days == 7
