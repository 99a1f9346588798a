"""Upgrade steps: one step per profile version, registered in configure.zcml.

Profile version 1000 is the first release, kooperation 1.0.0. Every later change of
``profiles/default`` raises metadata.xml's version and registers a step whose
destination is that version (tests/ops/test_ops_upgrades.py checks both ends meet).
``kooperation-admin upgrade`` (``make upgrade``) runs the pending steps and fails when
the site does not reach the profile's version: a profile change without its step.
"""

from Acquisition import aq_base
from pathlib import Path
from plone import api
from ZODB.POSException import POSKeyError
from ZODB.serialize import referencesf
from ZODB.utils import z64

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


EVENT_TYPES = ("Workshop", "YouthConference")


def registration_events():
    """The workshops and youth conferences of the portal, found by their type: upgrade steps
    cannot ask the catalog for their interfaces, which it keeps by the names of the
    version it indexed them in (they moved in 1008)."""
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(portal_type=EVENT_TYPES):
        yield brain._unrestrictedGetObject()


def rewrite_moved(site, *prefixes):
    """Write again every object of the database whose record names a module that starts
    with one of ``prefixes`` (bytes, e.g. ``b"kooperation.events."``): content, the
    folders' trees and the utilities that hold it by its class, old versions. Old names
    load through ``kooperation.moved``; afterwards no reachable record needs them. Walks
    the records from the root without waking the objects (one load per record); returns
    the number of objects written."""
    connection = aq_base(site)._p_jar
    storage = connection._storage
    seen, todo, found = set(), [z64], []
    while todo:
        oid = todo.pop()
        if oid in seen:
            continue
        seen.add(oid)
        try:
            data, _serial = storage.load(oid)
        except POSKeyError:
            continue
        if any(prefix in data for prefix in prefixes):
            found.append(oid)
        todo.extend(referencesf(data))
    for oid in found:
        obj = connection.get(oid)
        obj._p_activate()
        obj._p_changed = True
    return len(found)
