"""The reminder mail: German, plain text UTF-8, with the dates and the engine's explanation."""

from datetime import timedelta
from jobs_helpers import DEADLINE
from jobs_helpers import parse
from jobs_helpers import SENDER
from jobs_helpers import set_settings
from jobs_helpers import start_in_force
from kooperation.agreements.validity import IValidityRules
from kooperation.common.mail import MailError
from kooperation.jobs.daily import run_daily
from kooperation.jobs.reminders import compose
from kooperation.jobs.reminders import due_for
from kooperation.jobs.reminders import send_reminder
from kooperation.jobs.reminders import sent_reminders
from plone import api

import pytest


def reminder_on(agreement, offset):
    return due_for(agreement, DEADLINE + timedelta(days=offset), (90, 30, 7))


# The tests start from the network and its agreement in force of a layer, built once
# (conftest.py); each test's changes are rolled back.
globals().update(start_in_force())


class TestMail:
    @pytest.fixture(autouse=True)
    def _sent(self, portal, in_force, sent):
        run_daily(portal, today=DEADLINE - timedelta(days=30))
        (self.message,) = sent()
        self.body = self.message.get_content().replace("\r\n", "\n")

    def test_headers(self):
        message = self.message
        assert message["Subject"] == "Kündigungsfrist in 30 Tagen: Vereinbarung"
        assert message["From"] == f"Kooperation Test <{SENDER}>"
        assert [a.addr_spec for a in message["To"].addresses] == [
            "boss-a@example.org",
            "boss-b@example.org",
            "boss-c@example.org",
        ]
        assert message["Auto-Submitted"] == "auto-generated"
        assert message["Message-ID"].endswith("@example.org>")
        assert message.get_content_type() == "text/plain"
        assert message.get_content_charset() == "utf-8"

    def test_body_with_dates_link_and_explanation(self):
        body = self.body
        assert body.startswith("Guten Tag,\n")
        assert (
            "eine Kündigung der Vereinbarung „Vereinbarung“ muss spätestens am 19.11.2026 "
            "zugegangen sein, damit sie am 19.05.2027 endet. Das ist in 30 Tagen."
        ) in body
        assert "Die Kündigung bedarf der Schriftform (§ 59 Abs. 2 SGB X)." in body
        assert "Soll die Vereinbarung weiterlaufen, ist nichts zu tun." in body
        assert (
            "Ihre Fristen: In Kraft seit 20.05.2015. Laufende Laufzeit: 20.05.2026 bis "
            "19.05.2027. Ohne Kündigung verlängert sie sich am 20.05.2027 um 1 Jahr. "
            "Kündigung muss spätestens am 19.11.2026 zugegangen sein; die Vereinbarung "
            "endet dann am 19.05.2027."
        ) in body
        assert "Zur Vereinbarung: http://nohost/plone/net/agreement" in body
        assert "\n-- \nDiese Erinnerung hat Plone site automatisch" in body


class TestCompose:
    def test_without_written_form(self, in_force, mailhost):
        IValidityRules(in_force).written_form_termination = False
        body = compose(reminder_on(in_force, -7), ["x@example.org"]).get_content()
        assert "Schriftform" not in body
        assert "Das ist in 7 Tagen." in body

    @pytest.mark.parametrize(
        ("offset", "subject", "when"),
        [
            (-1, "Kündigungsfrist endet morgen: Vereinbarung", "Das ist morgen."),
            (0, "Kündigungsfrist endet heute: Vereinbarung", "Das ist heute."),
        ],
    )
    def test_tomorrow_and_today(self, in_force, mailhost, offset, subject, when):
        message = compose(reminder_on(in_force, offset), ["x@example.org"])
        assert message["Subject"] == subject
        assert when in message.get_content()

    def test_english_when_asked(self, in_force, mailhost):
        message = compose(reminder_on(in_force, -30), ["x@example.org"], language="en")
        assert message["Subject"] == "Notice deadline in 30 days: Vereinbarung"
        body = message.get_content()
        assert "A notice of the agreement “Vereinbarung” must be received by 19.11.2026" in body
        assert (
            "Notice must be received by 19.11.2026; the agreement then ends on 19.05.2027." in body
        )

    def test_the_request_keeps_its_language(self, portal, in_force, mailhost):
        request = portal.REQUEST
        before = (request.get("LANGUAGE"), request.get("LANGUAGE_TOOL"))
        compose(reminder_on(in_force, -30), ["x@example.org"], language="en")
        assert (request.get("LANGUAGE"), request.get("LANGUAGE_TOOL")) == before

    def test_sender_name_from_the_settings(self, in_force, mailhost):
        set_settings(sender_name="Koordinierungsstelle Übergang")
        message = compose(reminder_on(in_force, -30), ["x@example.org"])
        assert message["From"] == f"Koordinierungsstelle Übergang <{SENDER}>"
        raw = parse(message.as_bytes())
        assert raw["From"].addresses[0].display_name == "Koordinierungsstelle Übergang"

    def test_title_with_umlauts_in_the_subject(self, in_force, mailhost, sent):
        in_force.title = "Kooperationserklärung „Übergang“"
        send_reminder(reminder_on(in_force, -30))
        (message,) = sent()
        assert message["Subject"] == "Kündigungsfrist in 30 Tagen: Kooperationserklärung „Übergang“"
        assert b"\xc3" not in mailhost.messages[0].split(b"\r\n\r\n")[0]  # headers are encoded


class TestWithoutSender:
    def test_is_an_error_and_nothing_is_recorded(self, portal, in_force, mailhost, sent):
        api.portal.set_registry_record("plone.email_from_address", "")
        with pytest.raises(MailError):
            send_reminder(reminder_on(in_force, -30))
        summary = run_daily(portal, today=DEADLINE - timedelta(days=30))
        assert summary["reminders_sent"] == 0
        assert len(summary["errors"]) == 1
        assert summary["errors"][0].startswith("reminders: /plone/net/agreement: MailError:")
        assert sent() == []
        assert sent_reminders(in_force) == {}
