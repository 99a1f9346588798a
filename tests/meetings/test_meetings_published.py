"""Published minutes are announced to the network's members by mail, once."""

from plone import api

import transaction


def test_publication_is_announced_once(mail_table, inbox):
    meeting = mail_table["meeting"]
    with api.env.adopt_user(username="coordinator"):
        minutes = api.content.create(
            container=meeting,
            type="Minutes",
            id="protokoll",
            title="Protokoll Sitzung 1",
            decisions=["Der Flyer wird gedruckt."],
        )
        api.content.transition(obj=minutes, transition="circulate")
    with api.env.adopt_user(username="editor"):
        api.content.transition(obj=minutes, transition="approve")
    transaction.commit()
    assert inbox.envelopes == []  # circulation and approval are not announced

    with api.env.adopt_user(username="editor"):
        api.content.transition(obj=minutes, transition="publish")
    transaction.commit()
    (envelope,) = inbox.envelopes
    assert envelope.rcpt_tos == [
        "anna.a@example.org",
        "bert.a@example.org",
        "coordinator@example.org",
    ]
    (message,) = inbox.messages
    assert message["Subject"] == "Minutes published: Sitzung 1"
    body = message.get_content()
    assert "the minutes “Protokoll Sitzung 1” of “Sitzung 1” (Runder Tisch, 02.03.2026)" in body
    assert "- Der Flyer wird gedruckt." in body
    assert minutes.absolute_url() in body

    with api.env.adopt_user(username="editor"):
        api.content.transition(obj=minutes, transition="publish_public")
    transaction.commit()
    assert len(inbox.envelopes) == 1
