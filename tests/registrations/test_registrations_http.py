"""Over HTTP against the real WSGI server: status codes of @registrations, DELETE and the
token link; the mails arrive at a local SMTP server."""

from kooperation.testing import create_network
from mailbox_helpers import use_real_mailhost
from plone import api
from registrations_helpers import body
from registrations_helpers import make_event

import pytest
import re
import requests
import transaction


PASSWORD = "secret-pw-0815"


@pytest.fixture
def site(functional, inbox):
    portal = functional["portal"]
    use_real_mailhost(portal, inbox)
    net = create_network(portal, [("a", "Jobcenter"), ("b", "Jugendamt")])
    from kooperation.workspace import group_ids

    with api.env.adopt_roles(["Manager"]):
        for user in ("staffer", "other", "coord"):
            api.user.create(email=f"{user}@example.org", username=user, password=PASSWORD)
        ids = group_ids(net)
        api.group.add_user(groupname=ids["members"], username="staffer")
        api.group.add_user(groupname=ids["members"], username="other")
        api.group.add_user(groupname=ids["coordinators"], username="coord")
    event = make_event(net, capacity=1, waiting_list=1)
    transaction.commit()
    base = f"http://{functional['host']}:{functional['port']}/plone/net/workshop"
    return portal, event, base


def call(method, url, user=None, **kw):
    auth = (user, PASSWORD) if user else None
    return requests.request(
        method, url, auth=auth, headers={"Accept": "application/json"}, timeout=60, **kw
    )


class TestRest:
    def test_status_codes(self, site, inbox):
        _portal, _event, base = site
        url = f"{base}/@registrations"
        assert call("POST", url, json=body(1)).status_code == 401
        bad = call("POST", url, "staffer", json={"email": "nope", "consent": False})
        assert bad.status_code == 400
        assert set(bad.json()["error"]["fields"]) == {"fullname", "email", "consent"}
        assert call("POST", url, "staffer", data="[1, 2").status_code == 400
        first = call("POST", url, "staffer", json=body(1))
        assert first.status_code == 201, first.text
        assert first.json()["state"] == "confirmed"
        again = call("POST", url, "staffer", json=body(1))
        assert again.status_code == 409
        assert again.json()["error"]["reason"] == "duplicate"
        second = call("POST", url, "other", json=body(2))
        assert (second.status_code, second.json()["position"]) == (201, 1)
        assert call("POST", url, "other", json=body(3)).json()["error"]["reason"] == "full"
        # Coordinators see counts and the list; staff do not.
        assert call("GET", url, "staffer").status_code == 403
        listing = call("GET", url, "coord").json()
        assert listing["counts"]["by_state"]["confirmed"] == 1
        assert listing["counts"]["by_state"]["waiting"] == 1
        assert listing["items_total"] == 2
        # Another member cannot cancel my registration; I can; the waiting one moves up.
        mine = first.json()["@id"]
        assert call("DELETE", mine, "other").status_code in (401, 403)
        cancelled = call("DELETE", mine, "staffer")
        assert cancelled.status_code == 200, cancelled.text
        assert cancelled.json()["state"] == "cancelled"
        assert cancelled.json()["promoted"] == [second.json()["id"]]
        assert call("DELETE", mine, "staffer").status_code == 409
        inbox.wait_for(4)
        subjects = [m["Subject"] for m in inbox.messages]
        assert len(subjects) == 4, subjects  # refused: no mail
        promoted = [m for m in inbox.messages if m["To"] == "person2@example.org"]
        assert len(promoted) == 2  # waiting list, then moved up

    def test_closed_is_409(self, site):
        portal, event, base = site
        with api.env.adopt_roles(["Manager"]):
            api.content.transition(obj=event, transition="close_registration")
        transaction.commit()
        answer = call("POST", f"{base}/@registrations", "staffer", json=body(1))
        assert answer.status_code == 409
        assert answer.json()["error"]["reason"] == "closed"


class TestMailAndToken:
    def test_confirmation_has_ical_and_a_working_cancel_link(self, site, inbox):
        _portal, _event, base = site
        assert call("POST", f"{base}/@registrations", "staffer", json=body(1)).status_code == 201
        (message,) = inbox.wait_for(1)
        assert message["To"] == "person1@example.org"
        parts = {part.get_content_type(): part for part in message.iter_parts()}
        calendar = parts["text/calendar"].get_content()
        calendar = calendar.decode() if isinstance(calendar, bytes) else calendar
        assert "BEGIN:VEVENT" in calendar
        assert "Jahresfortbildung 2026" in calendar
        text = parts["text/plain"].get_content()
        link = re.search(r"(http\S+@@cancel-registration\S+)", text).group(1)
        # Anonymous, no login: the page shows the registration and a cancel button.
        page = requests.get(link, timeout=60)
        assert page.status_code == 200
        assert "confirmed" in page.text
        forged = requests.get(link[:-3] + "abc", timeout=60)
        assert forged.status_code == 404
        session = requests.Session()
        page = session.get(link, timeout=60)
        token = re.search(r'name="_authenticator"[^>]*value="([^"]+)"', page.text)
        token = token or re.search(r'value="([^"]+)"[^>]*name="_authenticator"', page.text)
        form = dict(re.findall(r'name="(id|token)"[^>]*value="([^"]+)"', page.text))
        if not form:
            form = {
                k: v for v, k in re.findall(r'value="([^"]+)"[^>]*name="(id|token)"', page.text)
            }
        done = session.post(
            link.split("?")[0],
            data={**form, "_authenticator": token.group(1), "confirm": "1"},
            timeout=60,
        )
        assert done.status_code == 200, done.text[:2000]
        assert 'id="registration-cancelled"' in done.text
        messages = inbox.wait_for(2)
        assert len(messages) == 2


class TestYouthConferenceAndQuotas:
    def test_young_people_register_without_login_and_under_16_waits(self, site, inbox):
        portal, _event, base = site
        net = portal["net"]
        with api.env.adopt_roles(["Manager"]):
            api.content.transition(obj=net, transition="publish")
            conf = make_event(net, "YouthConference", id="jk", title="Jugendkonferenz")
            api.content.transition(obj=conf, transition="start_consultation")
            conf.partner_decisions = {net[p].UID(): {"decision": "consent"} for p in ("a", "b")}
            api.content.transition(obj=conf, transition="decide")
            api.content.transition(obj=conf, transition="open_registration")
        transaction.commit()
        url = base.replace("/workshop", "/jk") + "/@registrations"
        missing = call("POST", url, json=body(1))
        assert missing.status_code == 400
        assert "birth_date" in missing.json()["error"]["fields"]
        young = call("POST", url, json=body(1, birth_date="2012-03-04"))
        assert young.status_code == 201, young.text
        assert (young.json()["state"], young.json()["awaiting"]) == ("pending", ["consent"])
        older = call("POST", url, json=body(2, birth_date="2008-03-04"))
        assert older.json()["state"] == "confirmed"
        # The registrant holds no role: anonymous cannot read the registration.
        assert call("GET", young.json()["@id"]).status_code == 401

    def test_quota_per_partner_and_coordinator_notice(self, site, inbox):
        portal, event, base = site
        net = portal["net"]
        event.capacity = 3
        event.quotas = {net["a"].UID(): 1}
        event.quota_full = "refuse"
        event.notify_coordinators = True
        transaction.commit()
        url = f"{base}/@registrations"
        # A coordinator registers people on behalf of a partner (staff register for
        # their own partner only: tests/security/test_security_input.py).
        first = call("POST", url, "coord", json=body(1, partner=net["a"].UID()))
        assert first.status_code == 201
        second = call("POST", url, "coord", json=body(2, partner=net["a"].UID()))
        assert (second.status_code, second.json()["error"]["reason"]) == (409, "quota")
        other = call("POST", url, "coord", json=body(3, partner=net["b"].UID()))
        assert other.json()["state"] == "confirmed"
        unknown = call("POST", url, "coord", json=body(4, partner="not-a-partner"))
        assert set(unknown.json()["error"]["fields"]) == {"partner"}
        messages = inbox.wait_for(4)
        to_coordinators = [m for m in messages if m["To"] == "coord@example.org"]
        assert len(to_coordinators) == 2


class TestConferenceDecisions:
    def test_decision_makers_record_consent_per_partner(self, site):
        portal, _event, base = site
        net = portal["net"]
        with api.env.adopt_roles(["Manager"]):
            api.user.create(email="boss-a@example.org", username="boss-a", password=PASSWORD)
            api.user.create(email="boss-b@example.org", username="boss-b", password=PASSWORD)
            from kooperation.workspace import group_ids

            for user in ("boss-a", "boss-b"):
                api.group.add_user(groupname=group_ids(net)["members"], username=user)
            conf = make_event(net, "YouthConference", id="jk", title="Jugendkonferenz")
        transaction.commit()
        url = base.replace("/workshop", "/jk") + "/@conference-decisions"
        a, b = net["a"].UID(), net["b"].UID()
        early = call("POST", url, "boss-a", json={"partner": a, "decision": "consent"})
        assert early.status_code == 409  # still an idea
        with api.env.adopt_roles(["Manager"]):
            api.content.transition(obj=conf, transition="start_consultation")
        transaction.commit()
        bad = call("POST", url, "boss-a", json={"partner": a, "decision": "maybe"})
        assert (bad.status_code, set(bad.json()["error"]["fields"])) == (400, {"decision"})
        other = call("POST", url, "boss-a", json={"partner": b, "decision": "consent"})
        assert other.status_code == 403  # boss-a decides for A only
        done = call("POST", url, "boss-a", json={"partner": a, "decision": "consent"})
        assert done.status_code == 201, done.text
        assert done.json()["missing"] == ["Jugendamt"]
        withheld = call("POST", url, "boss-b", json={"partner": b, "decision": "withheld"})
        assert withheld.json()["missing"] == ["Jugendamt"]
        transaction.begin()
        assert not conf.restrictedTraverse("@@conference-status").all_consented()
        call("POST", url, "coord", json={"partner": b, "decision": "consent", "note": "GF"})
        transaction.begin()
        assert conf.restrictedTraverse("@@conference-status").all_consented()
        assert conf.partner_decisions[b]["by"] == "coord"


class TestConferenceDecisionsForm:
    """``@@conference-decisions``: the same decisions in the browser (CSRF token, the
    partners one decides for, German messages), and "Mein Überblick" leads there."""

    def _page(self, session, url):
        page = session.get(url, timeout=60)
        assert page.status_code == 200, page.text[-500:]
        token = re.search(r'name="_authenticator"\s+type="hidden"\s+value="([^"]+)"', page.text)
        return page.text, token.group(1) if token else None

    def test_a_decision_maker_consents_in_the_browser(self, site):
        portal, _event, base = site
        net = portal["net"]
        with api.env.adopt_roles(["Manager"]):
            from kooperation.workspace import group_ids

            for user in ("boss-a", "boss-b"):
                api.user.create(email=f"{user}@example.org", username=user, password=PASSWORD)
                api.group.add_user(groupname=group_ids(net)["members"], username=user)
            conf = make_event(net, "YouthConference", id="jk", title="Jugendkonferenz")
            api.content.transition(obj=conf, transition="start_consultation")
        transaction.commit()
        url = base.replace("/workshop", "/jk") + "/@@conference-decisions"
        site_url = base.rsplit("/net/", 1)[0]
        session = requests.Session()
        session.auth = ("boss-a", PASSWORD)
        overview = session.get(f"{site_url}/@@my-overview", timeout=60).text
        assert "/jk/@@conference-decisions" in overview
        text, token = self._page(session, url)
        assert "Zustimmung fehlt noch von" in text
        assert 'value="' + net["a"].UID() + '"' in text
        assert net["b"].UID() not in text  # boss-a decides for the Jobcenter only
        # another partner's decision is refused at the field, nothing is stored
        refused = session.post(
            url,
            data={"partner": net["b"].UID(), "decision": "consent", "_authenticator": token,
                  "form.submitted": "1"},
            timeout=60,
        )  # fmt: skip
        assert "Bitte wählen Sie einen Partner" in refused.text
        transaction.begin()
        assert not conf.partner_decisions
        # without the CSRF token nothing happens
        forged = session.post(
            url, data={"partner": net["a"].UID(), "decision": "consent", "form.submitted": "1"}
        )
        assert forged.status_code == 403
        done = session.post(
            url,
            data={"partner": net["a"].UID(), "decision": "consent", "note": "GF-Beschluss",
                  "_authenticator": token, "form.submitted": "1"},
            timeout=60,
        )  # fmt: skip
        assert done.status_code == 200
        assert "Die Entscheidung ist gespeichert." in done.text
        transaction.begin()
        decision = conf.partner_decisions[net["a"].UID()]
        assert (decision["decision"], decision["by"], decision["note"]) == (
            "consent",
            "boss-a",
            "GF-Beschluss",
        )
        assert (
            "/jk/@@conference-decisions"
            not in session.get(f"{site_url}/@@my-overview", timeout=60).text
        )
        # Staff who decide for no partner see the decisions, not the form.
        staff = requests.Session()
        staff.auth = ("staffer", PASSWORD)
        text, token = self._page(staff, url)
        assert token is None or 'id="conference-decision-form"' not in text
        assert "Zustimmung" in text
