"""Forms keep CSRF protection: a POST without the authenticator token changes nothing."""

from plone import api
from world import objects
from world import PASSWORD

import json
import pytest
import re
import requests
import transaction


pytestmark = pytest.mark.slow


@pytest.fixture
def functional(world_functional):
    """The functional layer over the world (world.py), built once instead of by each test."""
    return world_functional


@pytest.fixture
def page(functional):
    objs = objects(functional["portal"])
    base = f"http://{functional['host']}:{functional['port']}/plone"
    return objs, f"{base}/net/c/staff/@@handover"


def post(url, data):
    return requests.post(url, data=data, auth=("coordinator", PASSWORD), timeout=60)


class TestHandoverFormCSRF:
    def test_post_without_token_is_refused(self, functional, page):
        objs, url = page
        response = post(url, {"date": "2026-01-31", "form.leave": "1"})
        assert response.status_code == 403
        transaction.begin()
        assert objs["network"]["c"]["staff"].user_id == "staff_c"

    def test_post_with_token_records_the_handover(self, functional, page):
        objs, url = page
        html = requests.get(url, auth=("coordinator", PASSWORD), timeout=60).text
        token = re.search(r'name="_authenticator" value="([^"]+)"', html).group(1)
        response = post(url, {"date": "2026-01-31", "form.leave": "1", "_authenticator": token})
        assert response.status_code == 200
        transaction.begin()
        assert objs["network"]["c"]["staff"].user_id is None

    def test_staff_may_not_open_the_handover_page(self, functional, page):
        _objs, url = page
        response = requests.get(url, auth=("staff_a", PASSWORD), timeout=60, allow_redirects=False)
        assert "handover-leave" not in response.text
        if response.status_code == 302:
            assert "require_login" in response.headers["Location"]
        else:
            assert response.status_code in (401, 403)


# REST writes (issue 14): the rule of kooperation.common.csrf, over HTTP.
def _cookie(portal, userid):
    """The session cookie a browser holds after logging in as ``userid``."""
    from ZPublisher.HTTPResponse import HTTPResponse

    response = HTTPResponse()
    portal.acl_users.session._setupSession(userid, response)
    value = response.cookies["__ac"]["value"]
    return value.decode() if isinstance(value, bytes) else value


@pytest.fixture
def rest(functional):
    objs = objects(functional["portal"])
    cookies = {
        user: _cookie(functional["portal"], user)
        for user in ("signatory_a", "manager", "coordinator")
    }
    transaction.commit()
    base = f"http://{functional['host']}:{functional['port']}/plone"
    return objs, base, cookies


def _decision(objs):
    return json.dumps({"partner": objs["partner"].UID(), "decision": "consent"})


def _notice(objs):
    return json.dumps(
        {"party": objs["partner"].UID(), "received_on": "2025-01-10", "written_form": True}
    )


def _signature(objs):
    return json.dumps({"signatory": objs["partner"]["chief"].UID(), "date": "2020-02-01"})


# (user, method, path, body factory, status when allowed)
WRITES = [
    ("signatory_a", "POST", "net/conf-consultation/@conference-decisions", _decision, 201),
    ("signatory_a", "POST", "net/agreement-for_signature/@signatures", _signature, 201),
    ("manager", "DELETE", "@personal-data/staff_c", lambda objs: "", 200),
    ("coordinator", "POST", "net/agreement-in_force/@terminations", _notice, 201),
]


class TestRestWritesCSRF:
    def call(self, base, user, method, path, body, cookies=None, auth=None, **headers):
        return requests.request(
            method,
            f"{base}/{path}",
            data=body.encode(),
            cookies={"__ac": cookies[user]} if cookies else None,
            auth=auth,
            headers={"Accept": "application/json", "Accept-Language": "de", **headers},
            timeout=60,
        )

    @pytest.mark.parametrize(("user", "method", "path", "body", "status"), WRITES)
    def test_cookie_session_with_text_plain_is_refused(
        self, functional, rest, user, method, path, body, status
    ):
        objs, base, cookies = rest
        response = self.call(
            base, user, method, path, body(objs), cookies, **{"Content-Type": "text/plain"}
        )
        assert response.status_code == 403, response.text
        assert "Sicherheitsschlüssel" in response.json()["message"]

    @pytest.mark.parametrize(("user", "method", "path", "body", "status"), WRITES)
    def test_cookie_session_with_json_is_allowed(
        self, functional, rest, user, method, path, body, status
    ):
        objs, base, cookies = rest
        response = self.call(
            base, user, method, path, body(objs), cookies, **{"Content-Type": "application/json"}
        )
        assert response.status_code == status, response.text

    @pytest.mark.parametrize(("user", "method", "path", "body", "status"), WRITES)
    def test_basic_auth_without_json_type_is_allowed(
        self, functional, rest, user, method, path, body, status
    ):
        objs, base, _cookies = rest
        response = self.call(
            base,
            user,
            method,
            path,
            body(objs),
            auth=(user, PASSWORD),
            **{"Content-Type": "text/plain"},
        )
        assert response.status_code == status, response.text

    def test_cookie_session_with_token_is_allowed(self, functional, rest):
        from plone.protect.authenticator import createToken
        from zope.component.hooks import setSite

        objs, base, cookies = rest
        portal = functional["portal"]
        setSite(portal)
        with api.env.adopt_user(username="signatory_a"):
            token = createToken()
        response = self.call(
            base,
            "signatory_a",
            "POST",
            "net/conf-consultation/@conference-decisions",
            _decision(objs),
            cookies,
            **{"Content-Type": "text/plain", "X-CSRF-TOKEN": token},
        )
        assert response.status_code == 201, response.text
