"""End to end: the job commits, Plone's MailHost talks SMTP, the mail arrives (aiosmtpd)."""

from datetime import timedelta
from jobs_helpers import build_agreement
from jobs_helpers import build_network
from jobs_helpers import DEADLINE
from jobs_helpers import send_to
from jobs_helpers import SENDER
from jobs_helpers import sign_all
from kooperation.jobs.daily import last_run
from kooperation.jobs.daily import run_daily
from kooperation.jobs.reminders import sent_reminders

import pytest
import transaction


@pytest.fixture
def site(functional, inbox):
    """The functional site with a real MailHost that sends to the inbox, and an agreement."""
    portal = functional["portal"]
    send_to(portal, inbox)
    network = build_network(portal)
    sign_all(build_agreement(network, title="Kooperationsvereinbarung Übergang"))
    transaction.commit()
    return portal


def test_the_reminder_arrives(site, inbox):
    summary = run_daily(site, today=DEADLINE - timedelta(days=30), commit=True)
    assert summary["reminders_sent"] == 1
    assert summary["errors"] == []

    (envelope,) = inbox.envelopes
    recipients = [
        "boss-a@example.org",
        "boss-b@example.org",
        "boss-c@example.org",
        "koordination@example.org",
    ]
    assert envelope.mail_from == SENDER
    assert envelope.rcpt_tos == recipients
    (message,) = inbox.messages
    assert [a.addr_spec for a in message["To"].addresses] == recipients
    assert message["From"] == f"Kooperation <{SENDER}>"
    assert message["Subject"] == "Kündigungsfrist in 30 Tagen: Kooperationsvereinbarung Übergang"
    body = message.get_content()
    assert "„Kooperationsvereinbarung Übergang“ muss spätestens am 19.11.2026" in body
    assert "damit sie am 19.05.2027 endet" in body
    assert "Ohne Kündigung verlängert sie sich am 20.05.2027 um 1 Jahr." in body
    assert f"{site.absolute_url()}/net/agreement" in body

    # Committed: a later run (another process would see the same) sends nothing again.
    transaction.begin()
    assert set(sent_reminders(site["net"]["agreement"])) == {"2026-11-19/90", "2026-11-19/30"}
    assert last_run(site)["summary"]["reminders_sent"] == 1
    run_daily(site, today=DEADLINE - timedelta(days=29), commit=True)
    assert len(inbox.envelopes) == 1


def test_mail_server_down_is_an_error_and_the_reminder_stays_due(site, inbox):
    inbox.stop()
    summary = run_daily(site, today=DEADLINE - timedelta(days=7), commit=True)
    assert summary["reminders_sent"] == 0
    assert len(summary["errors"]) == 1
    assert summary["errors"][0].startswith("reminders: /plone/net/agreement:")
    transaction.begin()
    assert sent_reminders(site["net"]["agreement"]) == {}
    assert last_run(site)["ok"] is False

    inbox.start()
    summary = run_daily(site, today=DEADLINE - timedelta(days=6), commit=True)
    assert summary["reminders_sent"] == 1
    assert [m["Subject"] for m in inbox.messages] == [
        "Kündigungsfrist in 6 Tagen: Kooperationsvereinbarung Übergang"
    ]
