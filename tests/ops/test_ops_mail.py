"""Mail settings and the mail queue (kooperation.ops.mail, ``kooperation-admin mail``).

With the queue on, an action whose mail cannot leave (the mail server is down) still
succeeds; the mail waits in the queue and leaves once the server takes it. The command
and the daily job's flush run on a real instance in test_ops_backup_filestorage.py."""

from kooperation.ops import mail
from mailbox_helpers import Inbox
from mailbox_helpers import use_real_mailhost
from plone import api
from zope.component.hooks import setSite

import os
import pytest
import transaction


class TestCheck:
    def test_sound_settings(self, tmp_path):
        assert mail.check("smtp.example.org", "587", "portal@example.org", tmp_path) == []
        assert mail.check("127.0.0.1", 25) == []
        assert mail.check() == []

    @pytest.mark.parametrize(
        ("kwargs", "word"),
        [
            ({"host": "smtp example.org"}, "mail server"),
            ({"port": "0"}, "port"),
            ({"port": "70000"}, "port"),
            ({"port": "fünfundzwanzig"}, "port"),
            ({"sender": "portal"}, "sender"),
            ({"sender": "Portal <portal@example.org>"}, "sender"),
        ],
    )
    def test_each_bad_setting_is_named(self, kwargs, word):
        (problem,) = mail.check(**kwargs)
        assert problem.startswith(word)

    def test_queue_must_be_a_folder(self, tmp_path):
        path = tmp_path / "a-file"
        path.write_text("x")
        (problem,) = mail.check(queue=path)
        assert "not a folder" in problem


@pytest.fixture
def portal(functional):
    portal = functional["portal"]
    setSite(portal)
    return portal


@pytest.fixture
def queue_only(monkeypatch):
    """No sender thread of Products.MailHost: the test decides when the queue is sent."""
    monkeypatch.setenv("MAILHOST_QUEUE_ONLY", "1")


class TestConfigure:
    def test_writes_registry_and_mailhost(self, portal, tmp_path):
        current = mail.configure(
            portal,
            host="smtp.example.org",
            port="2525",
            user="portal",
            password="geheim",
            sender="portal@example.org",
            name="Kooperation Oberhausen",
            queue=tmp_path / "mailqueue",
        )
        assert current == {
            "host": "smtp.example.org",
            "port": 2525,
            "user": "portal",
            "password_set": True,
            "sender": "portal@example.org",
            "sender_name": "Kooperation Oberhausen",
            "queue": str(tmp_path / "mailqueue"),
        }
        assert "geheim" not in repr(current)
        assert sorted(p.name for p in (tmp_path / "mailqueue").iterdir()) == ["cur", "new", "tmp"]
        assert portal.MailHost.smtp_queue is True
        assert api.portal.get_registry_record("plone.smtp_port") == 2525
        assert mail.configure(portal, queue=False)["queue"] is None
        assert portal.MailHost.smtp_queue is False

    def test_bad_settings_change_nothing(self, portal):
        before = mail.settings(portal)
        with pytest.raises(ValueError, match="port"):
            mail.configure(portal, host="smtp.example.org", port="99999")
        assert mail.settings(portal) == before


class TestQueue:
    def test_mail_waits_while_the_server_is_down_and_leaves_after(
        self, portal, tmp_path, queue_only
    ):
        inbox = Inbox()  # not started yet: nothing listens on its port
        use_real_mailhost(portal, inbox)
        mail.configure(portal, queue=tmp_path / "queue")
        transaction.commit()
        portal.MailHost.send(
            "Die Sitzung ist am Dienstag.",
            mto="anna@example.org",
            mfrom="portal@example.org",
            subject="Einladung",
            immediate=False,
        )
        transaction.commit()  # direct delivery would fail here: connection refused
        assert portal.MailHost.queueLength() == 1
        assert mail.flush(portal) == (0, 1)  # still down: the mail stays queued
        (mark,) = (tmp_path / "queue" / "new").glob(".sending-*")

        inbox.start()
        try:
            assert mail.flush(portal) == (0, 1)  # a failed try is repeated only later
            old = mark.stat().st_mtime - mail.RETRY_SECONDS - 1
            os.utime(mark, (old, old))
            assert mail.flush(portal) == (1, 0)
        finally:
            inbox.stop()
        (message,) = inbox.messages
        assert message["Subject"] == "Einladung"
        assert inbox.envelopes[0].rcpt_tos == ["anna@example.org"]
        assert mail.flush(portal) == (0, 0)  # sent once

    def test_without_queue_the_action_fails_when_the_server_is_down(self, portal):
        """Plone's default, and why the queue exists."""
        inbox = Inbox()
        use_real_mailhost(portal, inbox)
        transaction.commit()
        portal.MailHost.send(
            "x", mto="anna@example.org", mfrom="portal@example.org", subject="x", immediate=False
        )
        with pytest.raises(OSError):
            transaction.commit()
        transaction.abort()

    def test_release_stale_marks(self, tmp_path):
        new = tmp_path / "new"
        new.mkdir()
        fresh, stale, mail_file = new / ".sending-1", new / ".sending-2", new / "2"
        for path in (fresh, stale, mail_file):
            path.write_text("x")
        os.utime(stale, (1000, 1000))
        os.utime(mail_file, (1000, 1000))
        assert mail.release_stale(tmp_path) == 1
        assert sorted(p.name for p in new.iterdir()) == [".sending-1", "2"]

    def test_health_starts_the_sender(self, portal, tmp_path, monkeypatch):
        monkeypatch.delenv("MAILHOST_QUEUE_ONLY", raising=False)
        inbox = Inbox()
        use_real_mailhost(portal, inbox)
        mail.configure(portal, queue=tmp_path / "queue")
        transaction.commit()
        mailhost = portal.MailHost
        try:
            assert mailhost.queueThreadAlive() is False
            assert mail.start_sender(portal) is True
            assert mailhost.queueThreadAlive() is True
            assert mail.start_sender(portal) is False  # one per queue and process
        finally:
            mailhost._stopQueueProcessorThread()
