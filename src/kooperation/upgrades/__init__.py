"""Upgrade steps: one step per profile version, registered in configure.zcml.

Profile version 1000 is the first release, kooperation 1.0.0. Every later change of
``profiles/default`` raises metadata.xml's version and registers a step whose
destination is that version (tests/ops/test_ops_upgrades.py checks both ends meet).
``kooperation-admin upgrade`` (``make upgrade``) runs the pending steps and fails when
the site does not reach the profile's version: a profile change without its step.
"""

from pathlib import Path

import hashlib


PROFILE = "kooperation:default"
FIRST_RELEASE = "1000"  # kooperation 1.0.0
RELEASES = {"1.0.0": FIRST_RELEASE}


def _version(value):
    return ".".join(value) if isinstance(value, tuple) else str(value)


def run_upgrades(setup, profile=PROFILE):
    """Run the pending steps of ``profile``; return (ok, message).

    ``ok`` is false when the site's version is still not the profile's afterwards.
    """
    before = _version(setup.getLastVersionForProfile(profile))
    wanted = _version(setup.getVersionForProfile(profile))
    if before == wanted:
        return True, f"{profile}: up to date (version {wanted})"
    steps = setup.listUpgrades(profile, simple=True)
    if steps:
        setup.upgradeProfile(profile)
    after = _version(setup.getLastVersionForProfile(profile))
    if after != wanted:
        return False, (
            f"{profile}: no upgrade step leads from version {after} to {wanted}"
            " (a profile change needs its upgrade step)"
        )
    return True, f"{profile}: upgraded from version {before} to {wanted} ({len(steps)} steps)"


# What profiles/default was when a version was released: "<version> <sha256>" lines in
# released.txt, appended by `kooperation-admin release-profile` when a release is made.
RELEASED_FILE = "released.txt"


def profile_hash(profile_dir):
    """sha256 over the names and bytes of every file of a GenericSetup profile folder."""
    digest = hashlib.sha256()
    root = Path(profile_dir)
    for path in sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def read_released(path):
    """{profile version: hash} from released.txt (comments and blank lines ignored)."""
    records = {}
    path = Path(path)
    if path.is_file():
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.split("#", 1)[0].strip()
            if line:
                version, digest = line.split()
                records[version] = digest
    return records


def unreleased_change(profile_dir, version, released):
    """The error text when ``profile_dir`` differs from what was released as ``version``
    (the profile changed without a new version and upgrade step), else None."""
    recorded = released.get(str(version))
    if recorded is None or recorded == profile_hash(profile_dir):
        return None
    return (
        f"profiles/default changed after version {version} was released: raise the version"
        " in metadata.xml and register an upgrade step to it (src/kooperation/upgrades)"
    )
