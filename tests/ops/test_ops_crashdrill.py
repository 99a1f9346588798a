"""The crash drill in its short form (3 kills; bench/crashdrill.py runs 20): every write
(pages, PDF files, registrations, agreements and their signatures with evidence) answered
201 before a SIGKILL is there after the restart, and Data.fs verifies."""

from pathlib import Path

import pytest
import sys


pytestmark = pytest.mark.slow

sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent / "bench"))

import crashdrill  # noqa: E402


def test_three_kills_lose_no_acknowledged_write(tmp_path):
    summary = crashdrill.drill(
        kills=3,
        workdir=tmp_path,
        seed=20261125,
        write_seconds=(1.0, 3.0),
        profile="demo",
        registration_event="oberhausen/fortbildung-2027",  # the demo's workshop, open
        signatures=True,  # agreements of the demo's three Oberhausen partners
    )
    assert summary["kills"] == 3
    assert summary["self_test"] is True
    assert summary["acked"] >= 10
    assert summary["kinds"].get("file", 0) >= 1  # blobs were written too
    assert summary["kinds"].get("registration", 0) >= 1
    assert summary["kinds"].get("signature", 0) >= 1  # checked with GET @signatures
    assert summary["missing"] == [], summary.get("log_tail")
    assert summary["verify_errors"] == [], summary.get("log_tail")
    assert summary["ok"] is True
