"""`make start` without SMTP settings catches mail in a Maildir; with SMTP_HOST it sends."""

from kooperation.cli.mailcatcher import maildir_path
from kooperation.cli.mailcatcher import start_catcher
from kooperation.cli.mailcatcher import start_settings
from mailbox_helpers import free_port

import mailbox
import pytest
import smtplib
import time


FRESH = {"host": "localhost", "port": 25, "sender": None}


@pytest.mark.parametrize(
    ("current", "environ", "expected"),
    [
        (FRESH, {}, {"host": "127.0.0.1", "port": "8025"}),
        (FRESH, {"MAIL_CATCHER_PORT": "9025"}, {"host": "127.0.0.1", "port": "9025"}),
        ({"host": "127.0.0.1", "port": 8025}, {}, {"host": "127.0.0.1", "port": "8025"}),
        # a server set with kooperation-admin mail stays
        ({"host": "smtp.example.org", "port": 587}, {}, {}),
        (
            FRESH,
            {"SMTP_HOST": "smtp.example.org", "SMTP_PORT": "587", "SMTP_USER": "portal"},
            {"host": "smtp.example.org", "port": "587", "user": "portal", "password": None},
        ),
    ],
)
def test_which_server(current, environ, expected):
    changes, _message = start_settings(current, environ)
    assert changes == expected


def test_the_catcher_writes_a_maildir(tmp_path):
    port = free_port()
    controller = start_catcher(tmp_path, port=port)
    try:
        with smtplib.SMTP("127.0.0.1", port) as smtp:
            smtp.sendmail(
                "portal@example.org",
                ["petra@example.org"],
                "Subject: Anmeldung\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nHallo\r\n",
            )
        for _ in range(100):
            box = mailbox.Maildir(str(maildir_path(tmp_path)), create=False)
            if len(box):
                break
            time.sleep(0.05)
        (message,) = list(box)
        assert message["Subject"] == "Anmeldung"
        assert message["X-Kooperation-To"] == "petra@example.org"
        assert list((maildir_path(tmp_path) / "new").iterdir())
    finally:
        controller.stop()


def test_a_taken_port_does_not_stop_the_server(tmp_path):
    port = free_port()
    first = start_catcher(tmp_path / "a", port=port)
    try:
        assert start_catcher(tmp_path / "b", port=port) is None
    finally:
        first.stop()


def test_the_form_promises_a_mail_only_when_one_is_sent(portal):
    from kooperation.registrations.easyform import mail_note
    from plone import api

    assert mail_note("a@example.org") == "text_no_mail"
    api.portal.set_registry_record("plone.email_from_address", "portal@example.org")
    assert mail_note("a@example.org") == "text_mail_follows"
    assert mail_note("") == "text_no_mail"
