"""A new site is German, in Europe/Berlin, has the add-on and the site profile's content."""

from kooperation.sitesetup import create_site
from kooperation.sitesetup import ensure_site
from kooperation.sitesetup import load_site_profile
from plone import api
from plone.app.testing import SITE_OWNER_NAME
from plone.base.utils import get_installer
from plone.testing.zope import login

import json
import pytest


@pytest.fixture(scope="class")
def fresh_site(app_class, demo_profile):
    """One site created from scratch per class; the layer rolls it back afterwards."""
    login(app_class.acl_users, SITE_OWNER_NAME)
    return create_site(app_class, demo_profile, site_id="fresh")


class TestCreateSite:
    @pytest.fixture(autouse=True)
    def _setup(self, app_class, fresh_site):
        self.app = app_class
        self.site = fresh_site

    def test_language_and_timezone(self):
        assert api.portal.get_registry_record("plone.default_language") == "de"
        assert api.portal.get_registry_record("plone.available_languages") == ["de", "en"]
        assert api.portal.get_registry_record("plone.portal_timezone") == "Europe/Berlin"

    def test_title_from_site_profile(self):
        assert self.site.Title() == "Kooperation – Demo-Netzwerk"

    @pytest.mark.parametrize(
        "product", ["kooperation", "plone.app.contenttypes", "plone.restapi", "collective.easyform"]
    )
    def test_profiles_applied(self, product):
        assert get_installer(self.site).is_product_installed(product)

    def test_demo_content(self):
        doc = self.site["oberhausen"]["kooperationserklaerung-2015"]
        assert doc.portal_type == "Agreement"
        assert api.content.get_state(doc) == "in_force"
        assert "Die Erklärung tritt mit dem Tag der Unterzeichnung in Kraft" in doc.text.raw

    def test_ensure_site_leaves_an_existing_site_alone(self, demo_profile):
        site, created = ensure_site(self.app, demo_profile, site_id="fresh")
        assert created is False
        assert site.getPhysicalPath() == ("", "fresh")
        assert self.app.objectIds().count("fresh") == 1


class TestLoadSiteProfile:
    @pytest.fixture(autouse=True)
    def _setup(self, portal, tmp_path):
        self.portal = portal
        self.profile = tmp_path

    def write(self, content):
        (self.profile / "site.json").write_text(json.dumps({"title": "T", "content": content}))

    def test_fields_pass_the_restapi_deserializer(self):
        self.write([{"@type": "Document", "id": "d", "title": "Titel", "description": "Kurz"}])
        with api.env.adopt_roles(["Manager"]):
            load_site_profile(self.portal, self.profile)
        assert self.portal["d"].Description() == "Kurz"

    def test_invalid_field_is_refused(self):
        from zExceptions import BadRequest

        self.write([{"@type": "Document", "id": "d", "title": "T", "effective": "not a date"}])
        with api.env.adopt_roles(["Manager"]), pytest.raises(BadRequest):
            load_site_profile(self.portal, self.profile)

    def test_transitions_and_children(self):
        self.write(
            [
                {
                    "@type": "Folder",
                    "id": "f",
                    "title": "F",
                    "transitions": ["publish"],
                    "items": [{"@type": "Document", "id": "d", "title": "D"}],
                }
            ]
        )
        with api.env.adopt_roles(["Manager"]):
            load_site_profile(self.portal, self.profile)
        assert api.content.get_state(self.portal["f"]) == "published"
        assert api.content.get_state(self.portal["f"]["d"]) == "private"

    def test_by_names_author_and_actor_but_grants_nothing(self):
        with api.env.adopt_roles(["Manager"]):
            api.user.create(username="autorin", email="a@example.org")
        self.write(
            [
                {
                    "@type": "Folder",
                    "id": "f",
                    "title": "F",
                    "by": "autorin",
                    "transitions": ["publish"],
                    "items": [{"@type": "Document", "id": "d", "title": "D"}],
                }
            ]
        )
        with api.env.adopt_roles(["Manager"]):
            load_site_profile(self.portal, self.profile)
        folder, doc = self.portal["f"], self.portal["f"]["d"]
        assert folder.listCreators() == ("autorin",)
        assert doc.listCreators() == ("autorin",)  # inherited
        history = folder.workflow_history["simple_publication_workflow"]
        assert history[-1]["action"] == "publish"
        assert history[-1]["actor"] == "autorin"
        # Ownership, and the Owner role with it, stay with whoever loads the profile.
        assert folder.getOwner().getId() != "autorin"
        assert "Owner" not in api.user.get_roles(username="autorin", obj=folder)
        assert not api.user.has_permission("Modify portal content", username="autorin", obj=doc)

    def test_missing_profile(self):
        with pytest.raises(FileNotFoundError):
            load_site_profile(self.portal, self.profile / "nope")
