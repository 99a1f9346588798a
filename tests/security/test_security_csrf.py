"""Forms keep CSRF protection: a POST without the authenticator token changes nothing."""

from world import build
from world import PASSWORD

import pytest
import re
import requests
import transaction


pytestmark = pytest.mark.slow


@pytest.fixture
def page(functional):
    objs = build(functional["portal"])
    transaction.commit()
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
