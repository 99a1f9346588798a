"""Upgrade steps: metadata.xml's version and the registered steps meet, and
``run_upgrades`` (``make upgrade``) brings an older site to the profile's version or
fails loudly when a profile change has no step."""

from Acquisition import aq_base
from kooperation.cli.main import build_parser
from kooperation.cli.main import cmd_upgrade
from kooperation.upgrades import FIRST_RELEASE
from kooperation.upgrades import PROFILE
from kooperation.upgrades import RELEASES
from kooperation.upgrades import run_upgrades
from pathlib import Path
from plone import api
from Products.GenericSetup.upgrade import _registerUpgradeStep
from Products.GenericSetup.upgrade import _upgrade_registry
from Products.GenericSetup.upgrade import listUpgradeSteps
from Products.GenericSetup.upgrade import UpgradeStep

import kooperation
import pytest
import re


METADATA = Path(kooperation.__file__).parent / "profiles" / "default" / "metadata.xml"


def metadata_version():
    return re.search(r"<version>(\d+)</version>", METADATA.read_text()).group(1)


def registered_steps(setup):
    steps = []
    for info in listUpgradeSteps(setup, PROFILE, None):
        for step in info if isinstance(info, list) else [info]:
            steps.append((".".join(step["source"]), ".".join(step["dest"])))
    return steps


def test_the_first_release_is_1_0_0():
    assert RELEASES["1.0.0"] == FIRST_RELEASE == "1000"


def test_metadata_version_is_the_last_step_destination(portal):
    """Raising metadata.xml's version without a step (or a step without raising it)
    fails here."""
    setup = api.portal.get_tool("portal_setup")
    steps = registered_steps(setup)
    latest = max((int(dest) for _source, dest in steps), default=int(FIRST_RELEASE))
    assert int(metadata_version()) == latest
    # the steps form one chain from the first release
    version = FIRST_RELEASE
    for source, dest in sorted(steps, key=lambda s: int(s[1])):
        assert source == version, f"a step from {source}, but the chain is at {version}"
        version = dest


def test_a_new_site_is_up_to_date(portal):
    setup = api.portal.get_tool("portal_setup")
    assert setup.getLastVersionForProfile(PROFILE) == (metadata_version(),)
    assert run_upgrades(setup) == (True, f"{PROFILE}: up to date (version {metadata_version()})")


class TestWorkedExample:
    """A site of the current version and a profile one version ahead with its step."""

    @pytest.fixture(autouse=True)
    def _setup(self, portal, monkeypatch):
        self.portal = portal
        self.setup = api.portal.get_tool("portal_setup")
        self.current = metadata_version()
        self.next = str(int(self.current) + 1)
        monkeypatch.setattr(
            type(aq_base(self.setup)),
            "getVersionForProfile",
            lambda tool, profile_id: self.next if profile_id == PROFILE else "x",
        )
        self.setup.setLastVersionForProfile(PROFILE, self.current)
        self.registered = []
        yield
        for step_id in self.registered:
            _upgrade_registry.getUpgradeStepsForProfile(PROFILE).pop(step_id, None)

    def register(self, handler):
        step = UpgradeStep("Worked example", PROFILE, self.current, self.next, "", handler)
        _registerUpgradeStep(step)
        self.registered.append(step.id)

    def test_the_step_runs_and_the_site_reaches_the_next_version(self):
        def handler(context):
            self.portal.upgraded_by_worked_example = True

        self.register(handler)
        ok, message = run_upgrades(self.setup)
        assert ok, message
        assert f"from version {self.current} to {self.next} (1 steps)" in message
        assert self.portal.upgraded_by_worked_example is True
        assert self.setup.getLastVersionForProfile(PROFILE) == (self.next,)

    def test_a_profile_change_without_a_step_fails(self):
        ok, message = run_upgrades(self.setup)
        assert not ok
        assert f"no upgrade step leads from version {self.current} to {self.next}" in message


def test_the_command_exits_1_when_a_step_is_missing(monkeypatch, capsys):
    import kooperation.cli.main as cli
    import kooperation.upgrades as upgrades

    class App:
        class _p_jar:
            @staticmethod
            def close():
                pass

        def __getitem__(self, name):
            return None

    monkeypatch.setattr(cli, "_open_app", lambda instance: App())
    monkeypatch.setattr(upgrades, "run_upgrades", lambda setup: (False, "no step"))
    monkeypatch.setattr("zope.component.hooks.setSite", lambda site: None)
    monkeypatch.setattr("plone.api.portal.get_tool", lambda name: None)
    args = build_parser().parse_args(["upgrade", "--instance", "/nowhere"])
    assert args.func is cmd_upgrade
    assert cmd_upgrade(args) == 1
    assert "no step" in capsys.readouterr().err


class TestReleasedProfiles:
    """After a release, profiles/default may only change with a new version."""

    def test_the_profile_is_what_was_released_for_its_version(self):
        from kooperation.upgrades import read_released
        from kooperation.upgrades import unreleased_change

        released = read_released(METADATA.parent.parent.parent / "upgrades" / "released.txt")
        problem = unreleased_change(METADATA.parent, metadata_version(), released)
        assert problem is None, problem

    def test_a_change_after_the_release_is_caught(self, tmp_path):
        from kooperation.upgrades import profile_hash
        from kooperation.upgrades import unreleased_change

        profile = tmp_path / "default"
        (profile / "types").mkdir(parents=True)
        (profile / "metadata.xml").write_text("<metadata><version>1000</version></metadata>")
        (profile / "types" / "Agreement.xml").write_text("<object name='Agreement'/>")
        released = {"1000": profile_hash(profile)}
        assert unreleased_change(profile, "1000", released) is None
        (profile / "types" / "Agreement.xml").write_text("<object name='Agreement' x='1'/>")
        assert "raise the version" in unreleased_change(profile, "1000", released)
        # with a new version (and its step) the change is fine
        assert unreleased_change(profile, "1001", released) is None

    def test_release_profile_records_the_version_once(self, tmp_path, monkeypatch, capsys):
        import kooperation.cli.main as cli
        import shutil

        package = tmp_path / "kooperation"
        shutil.copytree(METADATA.parent, package / "profiles" / "default")
        (package / "upgrades").mkdir()
        (package / "__init__.py").write_text("")
        monkeypatch.setattr(kooperation, "__file__", str(package / "__init__.py"))
        cli.main(["release-profile"])
        from kooperation.upgrades import read_released

        records = read_released(package / "upgrades" / "released.txt")
        assert list(records) == [metadata_version()]
        with pytest.raises(SystemExit, match="already released"):
            cli.main(["release-profile"])
