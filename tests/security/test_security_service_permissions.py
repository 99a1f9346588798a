"""Every REST write service declares its permission in ZCML (issue 21).

The walk goes over what the running site has registered (plone.rest's service classes in
the component registry, with the permission the ZCML gave them), not over a list: a new
write service on ``zope2.View`` or ``zope.Public`` fails here, and so does a service that
docs/rights.md does not name with its permission and roles.
"""

from AccessControl.PermissionRole import rolesForPermissionOn
from kooperation.upgrades import PROFILE
from kooperation.upgrades import run_upgrades
from plone import api
from world import objects
from world import PASSWORD
from zope.component import getGlobalSiteManager
from zope.component import getUtilitiesFor
from zope.interface import Interface
from zope.security.interfaces import IPermission

import pytest
import re
import requests


WRITE_METHODS = {"POST", "PATCH", "PUT", "DELETE"}
# Permissions that let everybody who may see the object write: not a declaration.
TOO_WEAK = {None: "zope.Public", "View": "zope2.View"}
# plone.rest names a service's view "<METHOD>_<type>_<subtype>_<name>".
SERVICE_ID = re.compile(r"^[A-Z]+_[^_]+_[^_]+_")

# What the walk must at least find: the write services of issue 21.
KNOWN = {
    ("POST", "@users"),
    ("POST", "@handover"),
    ("POST", "@import-agreement"),
    ("POST", "@registrations"),
    ("DELETE", ""),
    ("POST", "@conference-decisions"),
    ("POST", "@amendments"),
    ("POST", "@consents"),
    ("POST", "@kooperation-daily"),
    ("POST", "@signatures"),
    ("POST", "@terminations"),
    ("DELETE", "@terminations"),
    ("POST", "@confirmation"),
    ("POST", "@send-invitation"),
    ("POST", "@correct"),
    ("DELETE", "@personal-data"),
}

# The permissions the product added for its services (granted by upgrade step 1003).
NEW_PERMISSIONS = (
    "kooperation: Submit signatures",
    "kooperation: Submit consents",
    "kooperation: Record notices",
    "kooperation: Import agreements",
    "kooperation: Submit registrations",
    "kooperation: Withdraw registrations",
    "kooperation: Submit conference decisions",
    "kooperation: Send invitations",
    "kooperation: Correct minutes",
    "kooperation: Run daily job",
)


# A write service as somebody might add it: on zope2.View.
PROBE_ZCML = """
<configure xmlns="http://namespaces.zope.org/zope" xmlns:plone="http://namespaces.plone.org/plone">
  <plone:service
      method="POST"
      factory="kooperation.agreements.services.signatures.post.SignaturesPost"
      for="kooperation.interfaces.ISignable"
      permission="zope2.View"
      layer="kooperation.interfaces.IKooperationLayer"
      name="@probe-service"
      />
</configure>
"""


def permission_of(service_class):
    """The title of the permission protecting the service; None for zope.Public."""
    roles = getattr(service_class, "__roles__", None)
    if roles is None:
        return None
    return getattr(roles, "__name__", repr(roles))


def product_services(registry=None):
    """(method, name, for, factory, permission title) of the product's REST services."""
    registry = registry or getGlobalSiteManager()
    found = []
    for registration in registry.registeredAdapters():
        factory = registration.factory
        method = getattr(factory, "method", None)
        bases = getattr(factory, "__mro__", ())
        if not isinstance(method, str) or len(bases) < 2:
            continue
        if not bases[1].__module__.startswith("kooperation."):
            continue
        name = SERVICE_ID.sub("", registration.name)
        found.append((method, name, registration.required[0], bases[1], permission_of(factory)))
    return found


def write_services(registry=None):
    return [s for s in product_services(registry) if s[0] in WRITE_METHODS]


def weak_declarations(services):
    return [
        f"{method} {name or '<object>'} on {for_.__identifier__} ({factory.__module__}): "
        f"{TOO_WEAK[permission]}"
        for method, name, for_, factory, permission in services
        if permission in TOO_WEAK
    ]


def permission_ids():
    """Permission title -> the ZCML ids that name it."""
    ids = {}
    for name, permission in getUtilitiesFor(IPermission):
        ids.setdefault(str(permission.title), set()).add(name)
    return ids


class TestDeclared:
    @pytest.fixture(autouse=True)
    def _setup(self, portal):
        self.portal = portal
        self.services = write_services()

    def test_the_walk_finds_the_write_services(self):
        assert {(method, name) for method, name, *_rest in self.services} >= KNOWN

    def test_no_write_service_is_public_or_view(self):
        assert weak_declarations(self.services) == []

    def test_every_permission_exists(self):
        ids = permission_ids()
        known_to_zope = {p[0] for p in self.portal.ac_inherited_permissions(1)}
        for method, name, _for, _factory, permission in self.services:
            assert permission in ids, f"{method} {name}: {permission!r} is no ZCML permission"
            assert permission in known_to_zope, f"{method} {name}: {permission!r} unknown"
            # Somebody holds it (not only Zope's default Manager of a forgotten rolemap).
            roles = set(rolesForPermissionOn(permission, self.portal))
            assert roles - {"Manager"}, f"{method} {name}: {permission!r} only for Manager"

    def test_the_product_permissions_are_in_no_workflow(self):
        """A permission a workflow manages changes with the state: the publisher would
        answer 401 where the service answers 409 for the wrong state."""
        wf_tool = api.portal.get_tool("portal_workflow")
        managed = {p for wf in wf_tool.objectValues() for p in getattr(wf, "permissions", ())}
        for method, name, _for, _factory, permission in self.services:
            if permission.startswith("kooperation: ") and permission != (
                "kooperation: Confirm partner people"
            ):
                assert permission not in managed, f"{method} {name}: {permission} in a workflow"

    def test_a_new_write_service_on_view_is_caught(self):
        from zope.component.hooks import getSite
        from zope.component.hooks import setSite
        from zope.configuration import xmlconfig

        import plone.rest

        # ZCML registers in the current site manager: the global one, as at startup.
        site = getSite()
        setSite(None)
        context = xmlconfig.file("meta.zcml", plone.rest)
        try:
            xmlconfig.string(PROBE_ZCML, context=context)
        finally:
            setSite(site)
        registry = getGlobalSiteManager()
        try:
            problems = weak_declarations(write_services())
            assert len(problems) == 1
            assert problems[0].startswith("POST @probe-service on kooperation.interfaces.ISignable")
            assert problems[0].endswith("zope2.View")
        finally:
            from kooperation.interfaces import IKooperationLayer
            from kooperation.interfaces import ISignable

            for registration in list(registry.registeredAdapters()):
                if registration.name.endswith("_@probe-service"):
                    registry.unregisterAdapter(
                        registration.factory,
                        (ISignable, IKooperationLayer),
                        Interface,
                        registration.name,
                    )
        assert weak_declarations(write_services()) == []

    def test_docs_name_each_service_with_its_permission_and_roles(self, repo):
        text = (repo / "docs" / "rights.md").read_text()
        rows = [
            [cell.strip() for cell in line.strip().strip("|").split("|")]
            for line in text.splitlines()
            if line.startswith("| `")
        ]
        ids = permission_ids()
        for method, name, _for, _factory, permission in self.services:
            endpoint = f"`{method} {name or '<'}"
            mine = [row for row in rows if row[0].startswith(endpoint)]
            assert mine, f"docs/rights.md has no row for {method} {name}"
            roles = set(rolesForPermissionOn(permission, self.portal))
            for row in mine:
                assert row[2].startswith(permission), (row[0], row[2], permission)
                assert any(f"`{i}`" in row[2] for i in ids[permission]), row[2]
                assert set(row[3].split(", ")) == roles, (row[0], row[3], roles)
        named = {(method, name) for method, name, *_rest in self.services}
        for row in rows:
            method, _space, rest = row[0].strip("`").partition(" ")
            if method not in WRITE_METHODS:
                continue
            name = "" if rest.startswith("<") else rest.split("/")[0]
            assert (method, name) in named, f"docs/rights.md names {row[0]}, not registered"


class TestReadServices:
    """Read services that declare a permission of their own in ZCML (not View) are in
    docs/rights.md's table of read services with that permission and its roles."""

    @pytest.fixture(autouse=True)
    def _setup(self, portal):
        self.portal = portal
        self.services = [s for s in product_services() if s[0] == "GET" and s[4] not in TOO_WEAK]

    def test_the_network_audit_log_declares_its_permission(self):
        from kooperation.interfaces import INetwork

        found = {(name, for_, permission) for _m, name, for_, _f, permission in self.services}
        assert ("@audit-log", INetwork, "kooperation: View network audit log") in found

    def test_docs_name_each_with_its_permission_and_roles(self, repo):
        text = (repo / "docs" / "rights.md").read_text()
        rows = [
            [cell.strip() for cell in line.strip().strip("|").split("|")]
            for line in text.splitlines()
            if line.startswith("| `GET")
        ]
        ids = permission_ids()
        for method, name, for_, _factory, permission in self.services:
            mine = [
                row
                for row in rows
                if row[0] == f"`{method} {name}`" and row[1] == for_.__name__.removeprefix("I")
            ]
            assert mine, f"docs/rights.md has no row for {method} {name} on {for_.__name__}"
            roles = set(rolesForPermissionOn(permission, self.portal))
            for row in mine:
                assert row[2].startswith(permission), (row[0], row[2], permission)
                assert any(f"`{i}`" in row[2] for i in ids[permission]), row[2]
                assert set(row[3].split(", ")) == roles, (row[0], row[3], roles)


class TestUpgrade1003:
    def test_a_site_of_1002_gets_the_services_permissions(self, portal):
        # A site as 1002 made it: the new permissions only with Zope's default (Manager).
        for permission in NEW_PERMISSIONS:
            portal.manage_permission(permission, roles=[], acquire=1)
        assert "Coordinator" not in rolesForPermissionOn("kooperation: Record notices", portal)
        setup = api.portal.get_tool("portal_setup")
        setup.setLastVersionForProfile(PROFILE, "1002")

        ok, message = run_upgrades(setup)

        assert ok, message
        assert setup.getLastVersionForProfile(PROFILE) == (setup.getVersionForProfile(PROFILE),)
        assert "Coordinator" in rolesForPermissionOn("kooperation: Record notices", portal)
        assert "Signatory" in rolesForPermissionOn("kooperation: Submit signatures", portal)
        assert "Anonymous" in rolesForPermissionOn("kooperation: Submit registrations", portal)
        assert set(rolesForPermissionOn("kooperation: Run daily job", portal)) == {
            "Manager",
            "Site Administrator",
        }


@pytest.mark.slow
class TestPublisher:
    """Over HTTP: the publisher refuses before the service's code runs."""

    @pytest.fixture(autouse=True)
    def _setup(self, world_functional, monkeypatch):
        functional = world_functional
        self.objs = objects(functional["portal"])
        self.base = f"http://{functional['host']}:{functional['port']}/plone"
        self.ran = []
        self.monkeypatch = monkeypatch

    def spy(self, service_class):
        """Record whether ``service_class``'s code runs."""
        reply = service_class.reply

        def spying(service):
            self.ran.append(service_class.__name__)
            return reply(service)

        self.monkeypatch.setattr(service_class, "reply", spying)

    def call(self, method, path, persona=None, body=None):
        auth = None if persona is None else (persona, PASSWORD)
        return requests.request(
            method,
            f"{self.base}/{path}",
            json=body,
            auth=auth,
            headers={"Accept": "application/json"},
            timeout=60,
        )

    def test_signatures_refused_by_the_publisher(self):
        from kooperation.agreements.services.signatures.post import SignaturesPost

        self.spy(SignaturesPost)
        sign = {"signatory": self.objs["partner"]["chief"].UID(), "date": "2021-03-01"}
        for persona in (None, "staff_c"):
            response = self.call("POST", "net/agreement-for_signature/@signatures", persona, sign)
            assert response.status_code == 401, response.text
            assert response.json()["type"] == "Unauthorized"
        assert self.ran == []
        # Who holds the permission reaches the code: the state decides (409), not 401.
        late = self.call("POST", "net/agreement-in_force/@signatures", "signatory_a", sign)
        assert late.status_code == 409, late.text
        assert self.ran == ["SignaturesPost"]

    def test_send_invitation_formerly_on_view(self):
        """The published meeting is visible to anybody; writing to it is not."""
        from kooperation.meetings.service import SendInvitationPost

        self.spy(SendInvitationPost)
        path = "net/rt/m2/@send-invitation"
        assert self.call("GET", "net/rt/m2").status_code == 200
        response = self.call("POST", path, None, {})
        assert response.status_code == 401, response.text
        assert response.json()["type"] == "Unauthorized"
        assert self.ran == []

    def test_anonymous_registers_for_an_open_conference(self):
        body = {
            "fullname": "Alex Muster",
            "email": "alex@example.org",
            "birth_date": "2009-05-01",
            "consent": True,
        }
        response = self.call("POST", "net/conf-registration_open/@registrations", None, body)
        assert response.status_code == 201, response.text
        # A closed one: the publisher lets anybody through, the state decides (409).
        closed = self.call("POST", "net/conf-registration_closed/@registrations", None, body)
        assert closed.status_code == 409, closed.text
        assert closed.json()["error"]["reason"] == "closed"
