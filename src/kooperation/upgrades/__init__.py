"""Upgrade steps: one step per profile version, registered in configure.zcml.

Profile version 1000 is the first release, kooperation 1.0.0. Every later change of
``profiles/default`` raises metadata.xml's version and registers a step whose
destination is that version (tests/ops/test_ops_upgrades.py checks both ends meet).
``kooperation-admin upgrade`` (``make upgrade``) runs the pending steps and fails when
the site does not reach the profile's version: a profile change without its step.
"""

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
