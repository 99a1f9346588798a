"""`kooperation-admin daily`: arguments, and (slow) a cron-like run against a real instance."""

from datetime import date
from jobs_helpers import Inbox
from kooperation.cli.main import build_parser
from kooperation.cli.main import cmd_daily
from pathlib import Path

import os
import pytest
import subprocess
import sys


BIN = Path(sys.executable).parent
HERE = Path(__file__).resolve().parent


class TestArguments:
    def test_defaults(self):
        args = build_parser().parse_args(["daily"])
        assert args.func is cmd_daily
        assert (args.instance, args.site_id, args.date, args.site_url) == (
            "instance",
            "Plone",
            None,
            None,
        )

    def test_all(self):
        args = build_parser().parse_args(
            [
                "daily",
                "--instance",
                "/srv/kooperation",
                "--site-id",
                "netz",
                "--date",
                "2027-10-20",
                "--site-url",
                "https://koop.example.org",
            ]
        )
        assert args.instance == "/srv/kooperation"
        assert args.site_id == "netz"
        assert args.date == date(2027, 10, 20)
        assert args.site_url == "https://koop.example.org"

    def test_bad_date(self, capsys):
        with pytest.raises(SystemExit) as exit_:
            build_parser().parse_args(["daily", "--date", "20.10.2027"])
        assert exit_.value.code == 2
        assert "--date" in capsys.readouterr().err


def run(*args, **kwargs):
    return subprocess.run(
        [str(a) for a in args], capture_output=True, text=True, timeout=600, **kwargs
    )


SETUP = """
import sys

sys.path.insert(0, sys.argv[3])
sys.path.insert(0, sys.argv[4])

import transaction
from jobs_helpers import build_agreement, build_network, set_settings, sign_all
from kooperation.cli.main import _open_app
from plone import api
from zope.component.hooks import setSite

app = _open_app(sys.argv[1])
site = app["Plone"]
setSite(site)
api.portal.set_registry_record("plone.smtp_host", "127.0.0.1")
api.portal.set_registry_record("plone.smtp_port", int(sys.argv[2]))
api.portal.set_registry_record("plone.email_from_address", "kooperation@example.org")
api.portal.set_registry_record("plone.email_from_name", "Kooperation")
set_settings(coordinator_emails=["koordination@example.org"])
sign_all(build_agreement(build_network(site), title="Kooperationsvereinbarung Übergang"))
transaction.commit()
app._p_jar.close()
"""


@pytest.mark.slow
def test_daily_against_a_real_instance(tmp_path, repo):
    """An instance as `make site` makes it, content and mail settings written by another
    process, then `kooperation-admin daily` as cron runs it."""
    instance = tmp_path / "instance"
    env = dict(os.environ)
    for name in ("MAKEFLAGS", "SITE_URL", "HOST", "PORT"):
        env.pop(name, None)
    site = run(
        "make",
        "--no-print-directory",
        "site",
        f"INSTANCE={instance}",
        "SITE_PROFILE=empty",
        cwd=repo,
        env=env,
    )
    assert site.returncode == 0, site.stdout + site.stderr

    daily = [BIN / "kooperation-admin", "daily", "--instance", instance]
    inbox = Inbox()
    inbox.start()
    try:
        setup = run(BIN / "python", "-c", SETUP, instance, inbox.port, HERE, HERE.parent, env=env)
        assert setup.returncode == 0, setup.stderr

        first = run(
            *daily, "--date", "2026-10-20", "--site-url", "https://koop.example.org/", env=env
        )
        assert first.returncode == 0, first.stderr
        assert first.stdout.startswith("2026-10-20: ")
        assert "1 reminders sent" in first.stdout
        (envelope,) = inbox.envelopes
        assert envelope.rcpt_tos == [
            "boss-a@example.org",
            "boss-b@example.org",
            "boss-c@example.org",
            "koordination@example.org",
        ]
        (message,) = inbox.messages
        assert (
            message["Subject"] == "Kündigungsfrist in 30 Tagen: Kooperationsvereinbarung Übergang"
        )
        assert message["From"] == "Kooperation <kooperation@example.org>"
        body = message.get_content()
        assert "muss spätestens am 19.11.2026 zugegangen sein, damit sie am 19.05.2027" in body
        assert "Ihre Fristen: In Kraft seit 20.05.2015." in body
        assert "Zur Vereinbarung: https://koop.example.org/net/agreement" in body

        # Default URL: HOST and PORT as `make start` serves the site.
        again = run(*daily, "--date", "2026-10-21", env=env)
        assert again.returncode == 0, again.stderr
        assert "0 reminders sent" in again.stdout
        assert len(inbox.envelopes) == 1
        week = run(*daily, "--date", "2026-11-12", env=env)
        assert week.returncode == 0, week.stderr
        assert len(inbox.envelopes) == 2
        assert "http://127.0.0.1:8080/Plone/net/agreement" in inbox.messages[1].get_content()
    finally:
        inbox.stop()

    # The mail server is gone: the reminder waits in the site's mail queue (a new site
    # queues its mails) and cron hears of it (exit 1, the reason on stderr).
    failed = run(*daily, "--date", "2027-10-20", env=env)  # 30 days before 19.11.2027
    assert failed.returncode == 1
    assert "1 reminders sent" in failed.stdout
    assert "mail: 1 mail(s) not sent, kept in the queue" in failed.stderr

    missing = run(*daily, "--site-id", "nosuchsite", env=env)
    assert missing.returncode == 2
    assert "nosuchsite" in missing.stderr
