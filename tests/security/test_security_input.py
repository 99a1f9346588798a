"""Issue 14 over HTTP: links, seats per partner, event settings, e-mail addresses and the
password reset. Each test failed before the fix and passes after it."""

from world import objects
from world import PASSWORD

import pytest
import requests
import transaction


pytestmark = pytest.mark.slow


@pytest.fixture
def functional(world_functional):
    """The functional layer over the world (world.py), built once instead of by each test."""
    return world_functional


@pytest.fixture
def world(functional):
    objs = objects(functional["portal"])
    base = f"http://{functional['host']}:{functional['port']}/plone"
    return objs, base


def call(method, url, user=None, **kw):
    auth = (user, PASSWORD) if user else None
    headers = {"Accept": "application/json", "Accept-Language": "de", **kw.pop("headers", {})}
    return requests.request(method, url, auth=auth, headers=headers, timeout=60, **kw)


def _url(objs, name, base):
    return base + "/" + "/".join(objs[name].getPhysicalPath()[2:])


class TestLinks:
    """Hole 5: only http/https links are stored and rendered."""

    @pytest.mark.parametrize(
        "link",
        ["javascript:alert(document.cookie)", " JavaScript:alert(1)", "data:text/html,x", "//x"],
    )
    def test_video_link_refuses_other_schemes(self, world, link):
        objs, base = world
        url = _url(objs, "meeting_published", base)
        response = call("PATCH", url, "coordinator", json={"video_link": link})
        assert response.status_code == 400, response.text
        assert "http://" in response.text

    def test_partner_web_refuses_javascript(self, world):
        objs, base = world
        response = call(
            "PATCH", _url(objs, "partner", base), "coordinator", json={"web": "javascript:x()"}
        )
        assert response.status_code == 400

    def test_https_link_is_stored_and_rendered(self, world):
        objs, base = world
        url = _url(objs, "meeting_published", base)
        link = "https://meet.example.org/runder-tisch"
        assert call("PATCH", url, "coordinator", json={"video_link": link}).status_code == 204
        page = requests.get(url, timeout=60).text
        assert f'href="{link}"' in page

    def test_a_stored_javascript_link_is_not_rendered(self, world):
        objs, base = world
        meeting = objs["meeting_published"]
        meeting.video_link = "javascript:alert(1)"  # stored before the check existed
        transaction.commit()
        page = requests.get(_url(objs, "meeting_published", base), timeout=60)
        assert page.status_code == 200
        assert "javascript:" not in page.text


class TestSeatsPerPartner:
    """Hole 7: staff register for their own partner; the body cannot choose another."""

    def _event(self, objs, quota=1):
        event = objs["workshop_registration_open"]
        event.quotas = {objs["partner"].UID(): quota}
        event.quota_full = "refuse"
        event.capacity = 50
        transaction.commit()
        return event

    def _post(self, objs, base, user, n, **extra):
        body = {"fullname": f"P {n}", "email": f"p{n}@example.org", "consent": True, **extra}
        url = _url(objs, "workshop_registration_open", base) + "/@registrations"
        return call("POST", url, user, json=body)

    def test_staff_cannot_escape_a_full_quota(self, world):
        objs, base = world
        self._event(objs, quota=0)
        other = objs["partner_published"].UID()
        empty = self._post(objs, base, "staff_a", 1, partner="")
        assert (empty.status_code, empty.json()["error"]["reason"]) == (409, "quota")
        named = self._post(objs, base, "staff_a", 2, partner=other)
        assert named.status_code == 400
        assert "eigene Organisation" in named.json()["error"]["fields"]["partner"]
        omitted = self._post(objs, base, "staff_a", 3)
        assert omitted.status_code == 409

    def test_the_partner_comes_from_the_person_entry(self, world):
        objs, base = world
        self._event(objs, quota=5)
        response = self._post(objs, base, "staff_a", 4)
        assert response.status_code == 201, response.text
        transaction.begin()
        registration = objs["workshop_registration_open"][response.json()["id"]]
        assert registration.partner == objs["partner"].UID()

    def test_a_login_without_person_entry_cannot_name_a_partner(self, world):
        objs, base = world
        self._event(objs, quota=5)
        response = self._post(objs, base, "editor", 5, partner=objs["partner"].UID())
        assert response.status_code in (400, 403)

    def test_an_event_may_refuse_registrations_without_partner(self, world):
        objs, base = world
        event = self._event(objs, quota=5)
        event.without_partner = False
        transaction.commit()
        assert self._post(objs, base, "editor", 6).status_code in (400, 403)
        assert self._post(objs, base, "staff_a", 7).status_code == 201


class TestEventSettings:
    """Hole 9: invalid settings are refused on write (400, translated)."""

    @pytest.mark.parametrize(
        ("name", "body"),
        [
            ("capacity_true", {"capacity": True}),
            ("capacity_text", {"capacity": "30"}),
            ("start_year_zero", {"start": "-0001-01-01"}),
            ("opens_number", {"registration_opens": 1}),
            (
                "closes_before_opens",
                {
                    "registration_opens": "2026-11-01T10:00:00",
                    "registration_closes": "2026-10-01T10:00:00",
                },
            ),
            ("closes_after_event", {"registration_closes": "2027-01-10T10:00:00"}),
            ("capacity_below_taken", {"capacity": 1}),
        ],
    )
    def test_invalid_settings_are_refused(self, world, name, body):
        objs, base = world
        url = _url(objs, "workshop_registration_open", base)
        response = call("PATCH", url, "manager", json=body)
        assert response.status_code == 400, (name, response.text)
        assert "Traceback" not in response.text

    def test_meeting_start_year_zero_is_refused(self, world):
        objs, base = world
        url = _url(objs, "meeting", base)
        response = call("PATCH", url, "coordinator", json={"start": "-0001-01-01"})
        assert response.status_code == 400
        transaction.begin()
        assert objs["meeting"].start.year == 2026

    def test_valid_settings_are_stored(self, world):
        objs, base = world
        url = _url(objs, "workshop_registration_open", base)
        body = {
            "capacity": 40,
            "registration_opens": "2026-10-01T10:00:00",
            "registration_closes": "2026-12-01T10:00:00",
        }
        response = call("PATCH", url, "manager", json=body)
        assert response.status_code == 204, response.text


class TestEmailAddresses:
    """Hole 10: one normal form; variants of a registered address are duplicates."""

    @pytest.mark.parametrize(
        "variant",
        [
            "staff_a+confirmed@example.org.",
            "staff_a+confirmed\u200b@example.org",
            "ｓｔａｆｆ_ａ+confirmed@ＥＸＡＭＰＬＥ.org",
            " Staff_A+Confirmed@Example.ORG ",
        ],
    )
    def test_variants_are_duplicates(self, world, variant):
        objs, base = world
        url = _url(objs, "workshop_registration_open", base) + "/@registrations"
        body = {"fullname": "B", "email": variant, "consent": True}
        response = call("POST", url, "staff_b", json=body)
        assert response.status_code == 409, response.text
        assert response.json()["error"]["reason"] == "duplicate"

    def test_address_is_stored_normalised(self, world):
        objs, base = world
        url = _url(objs, "workshop_registration_open", base) + "/@registrations"
        body = {"fullname": "B", "email": "Neu\u200b@Example.ORG.", "consent": True}
        response = call("POST", url, "staff_b", json=body)
        assert response.status_code == 201, response.text
        transaction.begin()
        obj = objs["workshop_registration_open"][response.json()["id"]]
        assert obj.email == "Neu@example.org"

    @pytest.mark.parametrize("bad", ["a@b", "a@@b.org", "a b@c.org", "a@-x.org", "a@b.123"])
    def test_invalid_addresses_are_refused(self, world, bad):
        objs, base = world
        url = _url(objs, "workshop_registration_open", base) + "/@registrations"
        body = {"fullname": "B", "email": bad, "consent": True}
        response = call("POST", url, "staff_b", json=body)
        assert response.status_code == 400

    def test_e_mail_fields_store_the_normal_form(self, world):
        objs, base = world
        url = _url(objs, "partner", base)
        response = call("PATCH", url, "coordinator", json={"email": "Info\u200b@JC.Example.org."})
        assert response.status_code == 204, response.text
        transaction.begin()
        assert objs["partner"].email == "Info@jc.example.org"
        bad = call("PATCH", url, "coordinator", json={"email": "info@jc"})
        assert bad.status_code == 400


class TestPasswordReset:
    """Hole 11: the same answer for known and unknown logins; no 500 without a mail server."""

    def test_same_answer_for_known_and_unknown(self, world):
        _objs, base = world
        known = call("POST", f"{base}/@users/staff_a/reset-password")
        unknown = call("POST", f"{base}/@users/nobody-here/reset-password")
        assert known.status_code == unknown.status_code == 204
        assert known.text == unknown.text


class TestAnonymousRegistration:
    def test_anonymous_post_to_a_workshop_names_the_event(self, world):
        objs, base = world
        url = _url(objs, "workshop_registration_open", base) + "/@registrations"
        body = {"fullname": "B", "email": "b@example.org", "consent": True}
        response = call("POST", url, json=body)
        assert response.status_code == 401
        assert "Vereinbarung" not in response.json()["error"]["message"]
