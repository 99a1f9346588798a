"""The report reminder (daily step): real mail through MailHost to a local SMTP server."""

from datetime import date
from kooperation.jobs.daily import run_daily
from kooperation.members.reminders import sent_reminders
from kooperation.workspace import group_ids
from mailbox_helpers import use_real_mailhost
from plone import api
from zope.annotation.interfaces import IAnnotations

import pytest
import transaction


@pytest.fixture
def site(functional, inbox):
    portal = functional["portal"]
    use_real_mailhost(portal, inbox)
    with api.env.adopt_roles(["Manager"]):
        api.user.create(
            email="koordination@kreis-of.example", username="coord", password="pw-0815x"
        )
        member = api.content.create(
            container=portal,
            type="Network",
            id="offenbach",
            title="Kreis Offenbach",
            association_member=True,
        )
        api.group.add_user(groupname=group_ids(member)["coordinators"], username="coord")
        # Not a member of the association: no reminder.
        api.content.create(container=portal, type="Network", id="other", title="Anderes Netz")
    transaction.commit()
    return portal


def _report(portal, state_path, quarter=3):
    with api.env.adopt_roles(["Manager"]):
        report = api.content.create(
            container=portal["offenbach"], type="Report", title="Q", year=2026, quarter=quarter
        )
        for step in state_path:
            api.content.transition(obj=report, transition=step)
    transaction.commit()


def test_due_then_overdue_once_each(site, inbox):
    # Q3 2026 ended on 30.09.2026; its report is due 30 days later, on 30.10.2026.
    summary = run_daily(site, today=date(2026, 10, 1), commit=True)
    assert summary["errors"] == []
    assert summary["steps"]["report reminders sent"] == 1
    (envelope,) = inbox.envelopes
    assert envelope.rcpt_tos == ["koordination@kreis-of.example"]
    (mail,) = inbox.messages
    assert "Kreis Offenbach" in mail["Subject"]
    body = mail.get_content()
    assert "30.10.2026" in body
    assert f"{site.absolute_url()}/offenbach/++add++Report" in body

    # The next day nothing new; after the due date one more mail.
    run_daily(site, today=date(2026, 10, 2), commit=True)
    assert len(inbox.envelopes) == 1
    summary = run_daily(site, today=date(2026, 11, 25), commit=True)
    assert summary["steps"]["report reminders sent"] == 1
    assert len(inbox.envelopes) == 2
    assert "30.10.2026" in inbox.messages[1].get_content()
    assert sent_reminders(site["offenbach"]) == ["2026-Q3:due", "2026-Q3:overdue"]


def test_a_draft_does_not_count_a_submitted_report_does(site, inbox):
    _report(site, ())
    run_daily(site, today=date(2026, 11, 25), commit=True)
    assert len(inbox.envelopes) == 1
    inbox.envelopes.clear()
    _report(site, ("submit",), quarter=4)  # another quarter: still missing Q3
    _report(site, ("submit",))
    # Forget what was sent: with the Q3 report submitted, nothing is owed any more.
    IAnnotations(site["offenbach"]).pop("kooperation.members.report_reminders")
    transaction.commit()
    summary = run_daily(site, today=date(2026, 11, 25), commit=True)
    assert inbox.envelopes == []
    assert "report reminders sent" not in summary.get("steps", {})
