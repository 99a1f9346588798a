"""Personal calendar feeds: a secret address per user that shows what that user may see."""

from kooperation.start import tokens
from zope.component.hooks import setSite

import icalendar
import pytest
import requests
import transaction


pytestmark = pytest.mark.slow


@pytest.fixture
def site(acceptance):
    portal = acceptance["portal"]
    setSite(portal)
    base = f"http://{acceptance['host']}:{acceptance['port']}/plone"
    return portal, base


def token(user_id):
    value = tokens.renew(user_id)
    transaction.commit()
    return value


def summaries(response):
    assert response.status_code == 200, response.text[:300]
    assert response.headers["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    return [str(event["summary"]) for event in calendar.walk("VEVENT")]


def feed(base, value, name):
    return requests.get(f"{base}/@@feed/{value}/{name}", timeout=60)


class TestFeeds:
    def test_staff_sees_their_network(self, site):
        _portal, base = site
        value = token("jobcenter-u25")
        deadlines = summaries(feed(base, value, "deadlines.ics"))
        assert any("Kooperationserklärung" in s for s in deadlines)
        meetings = summaries(feed(base, value, "meetings.ics"))
        assert any("Fortbildung 2027" in s for s in meetings)
        assert any("Runder Tisch am 19.01.2027" in s for s in meetings)

    def test_another_users_items_never_appear(self, site):
        _portal, base = site
        value = token("kreis-offenbach")
        deadlines = summaries(feed(base, value, "deadlines.ics"))
        assert not any("Kooperationserklärung" in s for s in deadlines)
        meetings = summaries(feed(base, value, "meetings.ics"))
        assert not any("Fortbildung 2027" in s for s in meetings)

    def test_without_a_login_the_plain_feed_shows_nothing_internal(self, site):
        _portal, base = site
        deadlines = summaries(requests.get(f"{base}/@@deadlines.ics", timeout=60))
        assert not any("Kooperationserklärung" in s for s in deadlines)

    @pytest.mark.parametrize("name", ["deadlines.ics", "meetings.ics"])
    def test_a_wrong_token_is_not_found(self, site, name):
        _portal, base = site
        token("jobcenter-u25")
        assert feed(base, "not-a-token", name).status_code == 404
        assert requests.get(f"{base}/@@feed", timeout=60).status_code == 404

    def test_revoked_and_renewed_tokens_stop_working(self, site):
        _portal, base = site
        old = token("jobcenter-u25")
        new = token("jobcenter-u25")
        assert feed(base, old, "deadlines.ics").status_code == 404
        assert feed(base, new, "deadlines.ics").status_code == 200
        tokens.revoke("jobcenter-u25")
        transaction.commit()
        assert feed(base, new, "deadlines.ics").status_code == 404

    def test_a_new_password_renews_the_token(self, site):
        portal, base = site
        old = token("jobcenter-u25")
        portal.acl_users.userSetPassword("jobcenter-u25", "ein-neues-Passwort-1")
        transaction.commit()
        assert feed(base, old, "deadlines.ics").status_code == 404
        assert tokens.token_for("jobcenter-u25") not in (None, old)


def starts(response):
    assert response.status_code == 200, response.text[:300]
    calendar = icalendar.Calendar.from_ical(response.content)
    return sorted(event.decoded("dtstart") for event in calendar.walk("VEVENT"))


class TestFeedWindow:
    """deadlines.ics looks 12 months ahead unless the subscription chooses ?months=."""

    def test_the_subscription_chooses_how_far_ahead(self, site):
        from datetime import date
        from kooperation.deadlines import shift_months

        _portal, base = site
        value = token("jobcenter-u25")
        url = f"{base}/@@feed/{value}/deadlines.ics"
        default = starts(requests.get(url, timeout=60))
        one = starts(requests.get(url, params={"months": "1"}, timeout=60))
        five_years = starts(requests.get(url, params={"months": "60"}, timeout=60))
        today = date.today()
        assert all(day <= shift_months(today, 12) for day in default)
        assert all(day <= shift_months(today, 1) for day in one)
        assert set(one) <= set(default) <= set(five_years)
        assert len(one) < len(default)  # the window is applied, not ignored

    @pytest.mark.parametrize("bad", ["0", "abc", "999"])
    def test_a_bad_window_is_400(self, site, bad):
        _portal, base = site
        value = token("jobcenter-u25")
        response = requests.get(
            f"{base}/@@feed/{value}/deadlines.ics", params={"months": bad}, timeout=60
        )
        assert response.status_code == 400


class TestFeedPage:
    def test_the_user_creates_renews_and_switches_off(self, site):
        portal, base = site
        portal.acl_users.userSetPassword("jobcenter-u25", "pw-jobcenter-u25")
        transaction.commit()
        session = requests.Session()
        session.auth = ("jobcenter-u25", "pw-jobcenter-u25")
        page = session.get(f"{base}/@@calendar-feeds", timeout=60)
        assert page.status_code == 200
        assert 'id="feed-none"' in page.text
        import re

        authenticator = re.search(r'name="_authenticator" value="([^"]+)"', page.text).group(1)
        page = session.post(
            f"{base}/@@calendar-feeds",
            data={"action": "renew", "_authenticator": authenticator},
            timeout=60,
        )
        assert 'id="feed-deadlines"' in page.text
        transaction.begin()
        value = tokens.token_for("jobcenter-u25")
        assert f"@@feed/{value}/deadlines.ics" in page.text
        chosen = session.get(f"{base}/@@calendar-feeds", params={"months": "24"}, timeout=60)
        assert f"@@feed/{value}/deadlines.ics?months=24" in chosen.text
        assert '<option value="24" selected="selected">24 Monate</option>' in chosen.text
        session.post(
            f"{base}/@@calendar-feeds",
            data={"action": "revoke", "_authenticator": authenticator},
            timeout=60,
        )
        transaction.begin()
        assert tokens.token_for("jobcenter-u25") is None

    def test_anonymous_has_no_feed_page(self, site):
        _portal, base = site
        response = requests.get(f"{base}/@@calendar-feeds", timeout=60, allow_redirects=False)
        assert response.status_code in (302, 401)
