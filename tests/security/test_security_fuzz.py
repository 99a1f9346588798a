"""No 5xx from input (issue 14): the catalogue of hostile bodies against every product
write endpoint and a PATCH of every product content type, then every object read back.

Figures (see news/14-fuzz.bugfix): the sweep sends about 4,500 requests (to the WSGI
application in the test's thread, see Sweep; in two parts, see PARTS); before the fixes
of issue 14 a few hundred of them answered 500, after them none. KOOPERATION_FUZZ_REPORT
names a file the 5xx answers are added to. The reads left
open then (news/14-reads.bugfix) are asserted with their statuses below; their cases in
detail are in test_security_reads.py.
"""

from AccessControl.SecurityManagement import getSecurityManager
from AccessControl.SecurityManagement import setSecurityManager
from base64 import b64encode
from fuzz_catalogue import OVERSIZED
from fuzz_catalogue import patch_bodies
from fuzz_catalogue import RAW_BODIES
from plone.dexterity.utils import iterSchemataForType
from plone.testing.zope import WSGI_SERVER_FIXTURE
from test_security_rest import CASES
from urllib.parse import urlencode
from urllib.parse import urlsplit
from webob import Request
from webob import Response
from world import objects
from world import PASSWORD
from zope.component.hooks import getSite
from zope.component.hooks import setSite
from zope.schema import getFieldsInOrder

import json
import os
import pytest


pytestmark = pytest.mark.slow

# Sample object (world name) of every product content type.
SAMPLES = (
    "agreement_draft",
    "amendment_draft",
    "network",
    "partner",
    "person",
    "area",
    "case_note",
    "series",
    "meeting",
    "minutes_draft",
    "workshop_planned",
    "conference_idea",
    "registration_pending",
    "report_draft",
    "project",
    "measure",
)
# Write endpoints beyond the table of test_security_rest (plone.restapi's own, on our types).
MORE_WRITES = (("POST", "@comments", "net/rt/m1/minutes-circulation", "coordinator"),)


@pytest.fixture
def functional(world_functional):
    """The functional layer over the world (world.py), built once instead of by each test."""
    return world_functional


def _fields(obj):
    names = []
    for schema in iterSchemataForType(obj.portal_type):
        names.extend(name for name, _field in getFieldsInOrder(schema))
    return sorted(set(names))


class Sweep:
    """Sends requests to the WSGI application the test server serves (the same pipeline,
    publisher and database), called in the test's thread instead of over a socket: the
    answers are the same, without a TCP round trip and a server thread per request.

    Like a ``requests`` session per persona, it follows redirects (307 and 308 keep the
    method and the body, as HTTP says). A PATCH that changes an object's id moves it and
    its children; ``path`` may be the object, sent to where it is now."""

    def __init__(self, app, portal):
        self.app = app
        self.portal = portal
        self.site = portal.getId()
        self.sent = 0
        self.failures = []

    def send(self, label, method, path, persona="manager", data=None, content_type=None, **kw):
        if not isinstance(path, str):
            path = _path(path)
        url = "/" + "/".join(part for part in (self.site, path) if part)
        params = kw.pop("params", None)
        if params:
            url += "?" + urlencode(params)
        headers = {"Accept": "application/json"}
        if persona is not None:
            token = b64encode(f"{persona}:{PASSWORD}".encode()).decode()
            headers["Authorization"] = f"Basic {token}"
        if content_type:
            headers["Content-Type"] = content_type
        headers.update(kw.pop("headers", {}))
        assert not kw, kw
        asked = method
        response = self._publish(method, url, headers, data)
        for _hop in range(30):
            location = response.headers.get("Location")
            if response.status_code not in REDIRECTS or not location:
                break
            if response.status_code not in (307, 308) and method != "HEAD":
                method, data = "GET", None
                headers.pop("Content-Type", None)
            target = urlsplit(location)
            url = target.path + (f"?{target.query}" if target.query else "")
            response = self._publish(method, url, headers, data)
        self.sent += 1
        if response.status_code >= 500:
            self.failures.append(f"{response.status_code} {asked} {path} {label}")
        return response

    def _publish(self, method, url, headers, data):
        if isinstance(data, str):
            data = data.encode("utf-8")
        request = Request.blank(url, method=method, headers=headers)
        if data is not None:
            request.body = data
        site, security = getSite(), getSecurityManager()
        try:
            return request.get_response(self.app)
        except Exception as error:  # what escapes the application, the server answers 500
            return Response(status=500, body=repr(error).encode())
        finally:
            setSecurityManager(security)
            setSite(site)
            # See what the request committed (an id changed by a PATCH, say).
            self.portal._p_jar.sync()


REDIRECTS = (301, 302, 303, 307, 308)


@pytest.fixture
def sweep(functional):
    portal = functional["portal"]
    return objects(portal), Sweep(WSGI_SERVER_FIXTURE.server.test_app, portal)


def _path(obj):
    return "/".join(obj.getPhysicalPath()[2:])


# The sweep in two parts of about the same time, each in a storage of its own (the
# functional layer), that pytest-xdist hands to both workers (tests/conftest.py,
# SPLIT_FILES): the write endpoints and the first samples, then the other samples.
PARTS = {"writes-and-first-samples": (True, SAMPLES[:6]), "last-samples": (False, SAMPLES[6:])}


class TestFuzz:
    @pytest.mark.parametrize("part", PARTS)
    def test_no_5xx_from_hostile_bodies(self, sweep, part):
        objs, s = sweep
        with_writes, samples = PARTS[part]
        writes = [(m, svc, path, right) for m, svc, path, _b, _w, _ws, right, _s in CASES]
        writes += list(MORE_WRITES)
        for method, service, path, persona in writes if with_writes else ():
            target = "/".join(p for p in (path, service) if p)
            for name, body, content_type in RAW_BODIES:
                s.send(name, method, target, persona, body, content_type)
            s.send("oversized", method, target, persona, b" " * OVERSIZED, "application/json")
        for sample in samples:
            # Sent to where the object is now (a PATCH of an id moves it).
            obj = objs[sample]
            for name, body, content_type in RAW_BODIES:
                s.send(name, "PATCH", obj, "manager", body, content_type)
            for label, body in patch_bodies(_fields(obj)):
                s.send(label, "PATCH", obj, "manager", json.dumps(body), "application/json")
        for sample in SAMPLES:
            # What was stored must not break reading it back (every sample: a write or a
            # PATCH of an id may change the others too).
            obj = objs[sample]
            s.send("read", "GET", obj)
            s.send("read", "GET", obj, params={"fullobjects": "1"})
            s.send("view", "GET", obj, headers={"Accept": "text/html"})
        print(f"fuzz ({part}): {s.sent} requests, {len(s.failures)} answered 5xx")
        report = os.environ.get("KOOPERATION_FUZZ_REPORT")
        if report:
            with open(report, "a") as lines:
                lines.writelines(f"{failure}\n" for failure in s.failures)
        assert s.failures == [], "\n".join(s.failures[:200])

    def test_reads_of_staff_and_anonymous(self, sweep):
        """The reads that answered 5xx before (issue 14): each now answers as its reader
        deserves -- 200 with the right, 401/403 without, 400 for bad parameters."""
        objs, s = sweep
        workshop = _path(objs["workshop_registration_open"])
        form = f"{workshop}/anmeldung"
        html = {"Accept": "text/html"}
        query = json.dumps({"criteria": [{"i": "SearchableText", "o": "x", "v": "a"}]})
        expected = [
            (200, "fullobjects", workshop, "staff_a", {"fullobjects": "1"}, {}),
            (200, "form", form, "staff_a", {}, {}),
            (200, "form", form, "coordinator", {}, {}),
            (200, "form", form, "staff_a", {}, html),
            (401, "form", form, None, {}, {}),
            (400, "b_size", f"{workshop}/@registrations", "coordinator", {"b_size": -1}, {}),
            (400, "b_start", f"{workshop}/@registrations", "coordinator", {"b_start": "x"}, {}),
            (200, "ics", f"{_path(objs['meeting'])}/@@ics_view", "coordinator", {}, html),
        ]
        for persona in ("staff_a", "manager"):
            params = {"name": "plone.app.vocabularies.Catalog", "query": query}
            expected.append((400, "vocabulary", "@@getVocabulary", persona, params, {}))
        for sample in SAMPLES:
            path = _path(objs[sample])
            expected.append((200, "history", f"{path}/@@history", "manager", {}, html))
            expected.append((401, "versions", f"{path}/@@versions_history_form", None, {}, {}))
        answers = []
        for status, label, path, persona, params, headers in expected:
            response = s.send(label, "GET", path, persona, params=params, headers=headers)
            if response.status_code != status:
                answers.append(f"{response.status_code} != {status} GET {path} {persona}")
        assert s.failures == [], "\n".join(s.failures)
        assert answers == [], "\n".join(answers)
