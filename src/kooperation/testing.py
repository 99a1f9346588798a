"""Test layers: the add-on on a German site, optionally filled from a site profile."""

from kooperation.sitesetup import load_site_profile
from kooperation.workspace import confirm_person
from plone import api
from plone.app.testing import applyProfile
from plone.app.testing import FunctionalTesting
from plone.app.testing import IntegrationTesting
from plone.app.testing import PLONE_FIXTURE
from plone.app.testing import PloneSandboxLayer
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.testing.zope import WSGI_SERVER_FIXTURE

import kooperation
import plone.app.contenttypes
import plone.restapi
import sys
import transaction


class KooperationLayer(PloneSandboxLayer):
    defaultBases = (PLONE_FIXTURE,)

    def setUpZope(self, app, configurationContext):
        self.loadZCML(package=plone.app.contenttypes)
        self.loadZCML(package=plone.restapi)
        self.loadZCML(package=kooperation)

    def setUpPloneSite(self, portal):
        # plone.app.testing leaves the site without a default workflow; a real site has one.
        portal.portal_workflow.setDefaultChain("simple_publication_workflow")
        applyProfile(portal, "plone.app.contenttypes:default")
        applyProfile(portal, "kooperation:default")
        api.portal.set_registry_record("plone.default_language", "de")
        api.portal.set_registry_record("plone.available_languages", ["de", "en"])
        api.portal.set_registry_record("plone.portal_timezone", "Europe/Berlin")
        portal.setLanguage("de")


KOOPERATION_FIXTURE = KooperationLayer()


class SiteProfileLayer(PloneSandboxLayer):
    """The add-on plus the content of a site profile folder (e.g. profiles/demo)."""

    defaultBases = (KOOPERATION_FIXTURE,)

    def __init__(self, profile_dir, name):
        self.profile_dir = profile_dir
        super().__init__(name=name)

    def setUpPloneSite(self, portal):
        setRoles(portal, TEST_USER_ID, ["Manager"])
        load_site_profile(portal, self.profile_dir)
        setRoles(portal, TEST_USER_ID, ["Member"])


class ContentLayer(PloneSandboxLayer):
    """The add-on plus the content ``build(portal)`` creates, built once when the layer is
    set up instead of by every test that needs it.

    ``build`` returns a dict of objects by name; ``objects(portal)`` finds them again in
    the storage of the running test. An integration or functional layer on top gives each
    test a rolled-back transaction or a storage of its own, so what a test changes is gone
    for the next one, as when each test built the content itself.
    """

    defaultBases = (KOOPERATION_FIXTURE,)

    def __init__(self, build, name):
        self.build = build
        super().__init__(name=name, module=sys._getframe(1).f_globals["__name__"])

    def setUpPloneSite(self, portal):
        self.paths = {name: obj.getPhysicalPath() for name, obj in self.build(portal).items()}
        # Commit while the site is set: the content was lost without (plone.testing
        # commits after setUpPloneSite, without the site, and swallows a commit's error).
        transaction.commit()

    def objects(self, portal):
        return {name: portal.unrestrictedTraverse(path) for name, path in self.paths.items()}


KOOPERATION_INTEGRATION_TESTING = IntegrationTesting(
    bases=(KOOPERATION_FIXTURE,), name="KooperationLayer:IntegrationTesting"
)
KOOPERATION_FUNCTIONAL_TESTING = FunctionalTesting(
    bases=(KOOPERATION_FIXTURE, WSGI_SERVER_FIXTURE),
    name="KooperationLayer:FunctionalTesting",
)


def demo_layers(profile_dir):
    """Integration and acceptance (real WSGI server) layers over a site profile."""
    fixture = SiteProfileLayer(profile_dir, name="KooperationDemoLayer")
    integration = IntegrationTesting(bases=(fixture,), name="KooperationDemoLayer:Integration")
    acceptance = FunctionalTesting(
        bases=(fixture, WSGI_SERVER_FIXTURE), name="KooperationDemoLayer:Acceptance"
    )
    return integration, acceptance


def add_person(container, **values):
    """A Person entry the partner has confirmed, as its admins would (trusted test code)."""
    person = api.content.create(container=container, type="Person", **values)
    confirm_person(person, by="test")
    return person


def create_network(portal, partners, id="net", title="Netz", boss_title=None, boss_email=False):
    """A network whose partners each have an entitled signatory ``boss`` (login boss-<pid>).

    The common start of the agreement, audit, amendment and job tests. ``partners``:
    (id, title) pairs; ``boss_title(pid, partner_title)`` names the signatory.
    """
    from datetime import date

    boss_title = boss_title or (lambda pid, partner_title: f"Chefin {pid.upper()}")
    with api.env.adopt_roles(["Manager"]):
        net = api.content.create(container=portal, type="Network", id=id, title=title)
        for pid, partner_title in partners:
            partner = api.content.create(
                container=net, type="Partner", id=pid, title=partner_title, partner_kind="other"
            )
            add_person(
                container=partner,
                id="boss",
                title=boss_title(pid, partner_title),
                position="Geschäftsführung",
                email=f"boss-{pid}@example.org" if boss_email else None,
                may_sign=True,
                signing_from=date(2010, 1, 1),
                user_id=f"boss-{pid}",
            )
    return net
