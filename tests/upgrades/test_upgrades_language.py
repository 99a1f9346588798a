"""1005: language negotiation on for existing sites (German default, English on request)."""

from kooperation.upgrades.v1005 import upgrade_language_negotiation
from plone import api


RECORDS = ("plone.use_request_negotiation", "plone.use_cookie_negotiation")


def test_new_sites_negotiate(portal):
    for name in RECORDS:
        assert api.portal.get_registry_record(name) is True
    assert api.portal.get_registry_record("plone.available_languages") == ["de", "en"]


def test_existing_sites_get_it_by_the_upgrade(portal):
    with api.env.adopt_roles(["Manager"]):
        for name in RECORDS:
            api.portal.set_registry_record(name, False)
        api.portal.set_registry_record("plone.available_languages", ["de"])
        upgrade_language_negotiation(api.portal.get_tool("portal_setup"))
    for name in RECORDS:
        assert api.portal.get_registry_record(name) is True
    assert api.portal.get_registry_record("plone.available_languages") == ["de", "en"]
    assert api.portal.get_registry_record("plone.default_language") == "de"
