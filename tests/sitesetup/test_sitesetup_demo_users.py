"""The demo has a login per role of the Oberhausen network; its passwords are generated."""

from kooperation.cli.main import demo_passwords
from kooperation.sitesetup import read_site_profile
from kooperation.sitesetup.accounts import profile_users
from plone import api

import pytest
import stat


NETWORK = "oberhausen"


@pytest.fixture
def portal(demo_portal):
    return demo_portal


def roles(portal, login, path):
    obj = portal.unrestrictedTraverse(path)
    return set(api.user.get_roles(username=login, obj=obj))


class TestDemoUsers:
    @pytest.fixture(autouse=True)
    def _setup(self, portal, demo_profile):
        self.portal = portal
        self.users = profile_users(read_site_profile(demo_profile))

    def test_every_user_exists_with_name_and_mail(self):
        assert len(self.users) >= 8
        for user in self.users:
            member = api.user.get(userid=user["id"])
            assert member is not None, user["id"]
            assert member.getProperty("email") == user["email"]
            assert member.getProperty("fullname") == user["fullname"]
            assert user["role"]

    def test_coordinator(self):
        assert "Coordinator" in roles(self.portal, "koordination", NETWORK)

    def test_editor(self):
        assert "Editor" in roles(self.portal, "redaktion", NETWORK)
        assert "Coordinator" not in roles(self.portal, "redaktion", NETWORK)

    @pytest.mark.parametrize(
        ("login", "partner", "person"),
        [
            ("jobcenter-gf", "jobcenter-oberhausen", "geschaeftsfuehrung"),
            ("bfo-gf", "bfo", "geschaeftsfuehrung"),
            ("zib-leitung", "zib", "leitung"),
            ("stadt-leitung", "stadt-oberhausen", "bereichsleitung"),
        ],
    )
    def test_signatory_and_admin_of_each_partner(self, login, partner, person):
        from kooperation.workspace import partner_admins

        entry = self.portal[NETWORK][partner][person]
        grant = entry.grant()
        assert grant.user_id == login
        assert grant.may_sign
        assert grant.partner_admin
        assert login in partner_admins(self.portal[NETWORK][partner])
        assert "Signatory" in roles(self.portal, login, NETWORK)
        assert "PartnerAdmin" in roles(self.portal, login, f"{NETWORK}/{partner}")

    def test_staff_of_a_partner(self):
        entry = self.portal[NETWORK]["jobcenter-oberhausen"]["teamleitung-u25"]
        assert entry.grant().user_id == "jobcenter-u25"
        assert "Reader" in roles(self.portal, "jobcenter-u25", NETWORK)
        assert "Signatory" not in roles(self.portal, "jobcenter-u25", NETWORK)
        area = f"{NETWORK}/jobcenter-oberhausen/intern"
        assert "PartnerStaff" in roles(self.portal, "jobcenter-u25", area)

    def test_member_of_the_weinheimer_initiative(self):
        path = "weinheimer-initiative/kreis-offenbach"
        assert "Reader" in roles(self.portal, "kreis-offenbach", path)
        assert "Reader" not in roles(self.portal, "kreis-offenbach", NETWORK)

    def test_the_profile_names_a_sender(self, demo_profile):
        from kooperation.sitesetup.accounts import set_mail_sender

        # kooperation-admin create-site sets it after loading (tests keep their mail hosts).
        set_mail_sender(self.portal, read_site_profile(demo_profile))
        sender = api.portal.get_registry_record("plone.email_from_address")
        assert sender == "portal@kooperation-oberhausen.example"


class TestPublicDemo:
    """An anonymous visitor finds published minutes and an upcoming public meeting."""

    def test_public_minutes_and_meeting(self, portal):
        from datetime import date

        with api.env.adopt_roles(["Anonymous"]):
            catalog = api.portal.get_tool("portal_catalog")
            minutes = catalog(portal_type="Minutes")
            meetings = catalog(portal_type="Meeting")
        assert minutes
        upcoming = [b for b in meetings if b.start.date() >= date(2027, 1, 1)]
        assert upcoming


class TestDemoPasswords:
    def test_generated_once_kept_private_never_default(self, tmp_path):
        passwords, generated = demo_passwords(tmp_path, ["a", "b"])
        assert generated == ["a", "b"]
        assert passwords["a"] != passwords["b"]
        assert all(len(p) >= 16 and p not in ("a", "b", "admin") for p in passwords.values())
        path = tmp_path / "demo-passwords"
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert demo_passwords(tmp_path, ["a", "b"]) == (passwords, [])

    def test_a_new_login_keeps_the_others(self, tmp_path):
        first, _ = demo_passwords(tmp_path, ["a"])
        both, generated = demo_passwords(tmp_path, ["a", "c"])
        assert generated == ["c"]
        assert both["a"] == first["a"]
