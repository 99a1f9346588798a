"""Comments on minutes (plone.app.discussion) over real HTTP: only in circulation, never public.

The network comments while the minutes circulate (POST @comments); the minute-taker's
partner and the coordinators get a mail; the comments stay with the network, also when
the minutes are published for everyone.
"""

from AccessControl.PermissionRole import rolesForPermissionOn
from plone import api
from plone.app.discussion.interfaces import IConversation
from plone.app.discussion.interfaces import IDiscussionSettings

import pytest
import requests
import transaction


PASSWORD = "pw-0815x"
TEXT = "In TOP 2 fehlt Frau Beispiel vom Jugendamt."


@pytest.fixture
def site(mail_table, functional):
    base = f"http://{functional['host']}:{functional['port']}/plone"

    def call(method, path, user=None, json_api=True, **kwargs):
        headers = {"Accept": "application/json"} if json_api else {}
        auth = (user, PASSWORD) if user else None
        return requests.request(
            method,
            f"{base}/{path}",
            headers=headers,
            auth=auth,
            timeout=60,
            allow_redirects=False,
            **kwargs,
        )

    with api.env.adopt_user(username="coordinator"):
        minutes = api.content.create(
            container=mail_table["meeting"],
            type="Minutes",
            id="protokoll",
            title="Protokoll Sitzung 1",
            decisions=["Der Flyer wird gedruckt."],
        )
    transaction.commit()
    mail_table["minutes"] = minutes
    mail_table["path"] = "net/rt/m1/protokoll"
    mail_table["call"] = call
    return mail_table


def transition(minutes, *names, user="coordinator"):
    transaction.begin()  # see what the server committed (the comments)
    with api.env.adopt_user(username=user):
        for name in names:
            api.content.transition(obj=minutes, transition=name)
    transaction.commit()


def post_comment(site, user, text=TEXT):
    return site["call"]("POST", f"{site['path']}/@comments", user=user, json={"text": text})


def comment_id(response):
    return response.headers["Location"].rsplit("/", 1)[1]


def items(site, user):
    response = site["call"]("GET", f"{site['path']}/@comments", user=user)
    assert response.status_code == 200, response.text
    return response.json()["items"]


def test_members_comment_in_circulation_and_the_minute_taker_is_told(site, inbox):
    transition(site["minutes"], "circulate")
    response = post_comment(site, "staff_b")
    assert response.status_code == 204, response.text  # plone.restapi: 204 + Location
    cid = comment_id(response)
    assert response.headers["Location"].endswith(f"/{site['path']}/@comments/{cid}")

    (item,) = items(site, "staff_b")
    assert item["text"]["data"] == TEXT
    assert item["author_username"] == "staff_b"
    assert [i["comment_id"] for i in items(site, "staff_a")] == [cid]
    assert [i["comment_id"] for i in items(site, "editor")] == [cid]
    response = site["call"]("GET", f"{site['path']}/@comments/{cid}", user="staff_a")
    assert response.status_code == 200
    assert response.json()["text"]["data"] == TEXT

    # The minute-taker's partner (A: two people with addresses) and the coordinators.
    (envelope,) = inbox.envelopes
    assert envelope.rcpt_tos == [
        "anna.a@example.org",
        "bert.a@example.org",
        "coordinator@example.org",
    ]
    (message,) = inbox.messages
    assert message["Subject"] == "Correction suggested for the minutes “Protokoll Sitzung 1”"
    assert message["Reply-To"] == "staff_b@example.org"
    body = message.get_content()
    assert "suggests a correction to the minutes “Protokoll Sitzung 1” of “Sitzung 1”" in body
    assert "(Runder Tisch, 02.03.2026)" in body
    assert TEXT in body
    assert f"{site['minutes'].absolute_url()}#{cid}" in body

    # A reply is a correction suggestion too.
    response = site["call"](
        "POST", f"{site['path']}/@comments/{cid}", user="staff_a", json={"text": "Stimmt."}
    )
    assert response.status_code == 204, response.text  # plone.restapi: 204 + Location
    assert len(inbox.envelopes) == 2
    assert "Stimmt." in inbox.messages[1].get_content()


def test_nobody_comments_outside_circulation(site, inbox):
    minutes = site["minutes"]
    # Draft: the members do not see it, the coordinator sees it but may not comment.
    assert post_comment(site, "staff_b").status_code in (401, 403)
    assert post_comment(site, "coordinator").status_code in (401, 403)
    transition(minutes, "circulate")
    assert post_comment(site, None).status_code in (401, 403)  # anonymous
    transition(minutes, "approve")
    for user in ("staff_b", "coordinator", None):
        assert post_comment(site, user).status_code in (401, 403)
    transition(minutes, "publish")
    for user in ("staff_a", "editor", "coordinator", None):
        assert post_comment(site, user).status_code in (401, 403)
    assert items(site, "staff_b") == []
    assert [m["Subject"] for m in inbox.messages] == ["Minutes published: Sitzung 1"]


def test_comments_stay_internal_when_the_minutes_are_public(site):
    minutes = site["minutes"]
    call = site["call"]
    transition(minutes, "circulate")
    response = post_comment(site, "staff_b")
    assert response.status_code == 204, response.text  # plone.restapi: 204 + Location
    cid = comment_id(response)
    transition(minutes, "approve", "publish_public")
    assert api.content.get_state(minutes) == "published_public"

    assert call("GET", site["path"]).status_code == 200  # anonymous sees the minutes
    page = call("GET", site["path"], json_api=False)
    assert page.status_code == 200
    assert "Protokoll Sitzung 1" in page.text
    assert TEXT not in page.text

    response = call("GET", f"{site['path']}/@comments")
    assert response.status_code in (401, 403)
    assert TEXT not in response.text
    response = call("GET", f"{site['path']}/@comments/{cid}")
    assert response.status_code in (401, 403, 404)
    assert TEXT not in response.text
    comment_url = f"{site['path']}/++conversation++default/{cid}"
    comment = IConversation(minutes)[int(cid)]
    assert "Anonymous" not in rolesForPermissionOn("View", comment)
    assert "Anonymous" not in rolesForPermissionOn("Access contents information", comment)
    response = call("GET", comment_url)
    assert response.status_code in (401, 403, 404)
    assert TEXT not in response.text
    for suffix in ("", "/@@view", "/getText", "/text", "/author_name"):
        response = call("GET", f"{comment_url}{suffix}", json_api=False)
        assert response.status_code in (302, 401, 403, 404), suffix
        assert f"#{cid}" not in response.headers.get("Location", "")  # login, not the comment
        assert TEXT not in response.text
        assert "staff_b" not in response.text
    response = call("GET", f"{site['path']}/++conversation++default", json_api=False)
    assert TEXT not in response.text
    assert "staff_b" not in response.text
    found = call("GET", "@search?portal_type=Discussion Item&SearchableText=Jugendamt")
    assert found.status_code == 200
    assert found.json()["items_total"] == 0
    found = call("GET", "@search?portal_type=Minutes&metadata_fields=commentators").json()
    assert found["items_total"] == 1
    assert "staff_b" not in str(found["items"])
    assert call("GET", "@search?commentators=staff_b").json()["items_total"] == 0

    # The network still reads it, on the page and over REST.
    assert [i["text"]["data"] for i in items(site, "staff_b")] == [TEXT]
    assert [i["text"]["data"] for i in items(site, "staff_a")] == [TEXT]
    response = call("GET", comment_url, user="staff_a", json_api=False)
    assert response.status_code == 302  # the comment's view: to it on the minutes
    assert response.headers["Location"] == f"{minutes.absolute_url()}#{cid}"
    page = call("GET", site["path"], user="staff_a", json_api=False)
    assert TEXT in page.text
    found = call(
        "GET", "@search?portal_type=Discussion Item&SearchableText=Jugendamt", user="staff_a"
    )
    assert found.json()["items_total"] == 1


def test_the_minutes_page_offers_the_comment_form_in_circulation(site):
    call = site["call"]
    path = site["path"]
    transition(site["minutes"], "circulate")
    page = call("GET", path, user="staff_b", json_api=False)
    assert page.status_code == 200
    assert 'id="commenting"' in page.text
    assert "form-widgets-comment-text" in page.text
    transition(site["minutes"], "approve")
    page = call("GET", path, user="staff_b", json_api=False)
    assert page.status_code == 200
    assert 'id="commenting"' not in page.text


def test_outsiders_do_not_see_the_comments(site):
    minutes = site["minutes"]
    with api.env.adopt_roles(["Manager"]):
        api.user.create(email="outsider@example.org", username="outsider", password=PASSWORD)
    transaction.commit()
    transition(minutes, "circulate")
    assert post_comment(site, "outsider").status_code in (401, 403)
    response = post_comment(site, "staff_b")
    cid = comment_id(response)
    transition(minutes, "approve", "publish_public")
    call = site["call"]
    assert call("GET", f"{site['path']}/@comments", user="outsider").status_code in (401, 403)
    response = call("GET", f"{site['path']}/++conversation++default/{cid}", user="outsider")
    assert response.status_code in (401, 403, 404)


def test_only_minutes_allow_discussion(portal):
    types = api.portal.get_tool("portal_types")
    allowed = sorted(
        fti.getId() for fti in types.objectValues() if fti.getProperty("allow_discussion")
    )
    assert allowed == ["Minutes"]
    assert api.portal.get_registry_record("globally_enabled", interface=IDiscussionSettings)
    assert not api.portal.get_registry_record("anonymous_comments", interface=IDiscussionSettings)


def test_comment_moderation_does_not_rebind_the_comment_workflow(portal):
    wftool = api.portal.get_tool("portal_workflow")
    assert wftool.getChainForPortalType("Discussion Item") == ("kooperation_comment_workflow",)
    for value in (True, False):
        api.portal.set_registry_record("moderation_enabled", value, interface=IDiscussionSettings)
        chain = wftool.getChainForPortalType("Discussion Item")
        assert chain == ("kooperation_comment_workflow",)
