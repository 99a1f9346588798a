"""The API reference's examples (docs/api/examples/): real HTTP calls against the demo site
of the acceptance layer, written down in a normalised form and compared with the files
in git.

Each call through ``api`` gives one pair ``<name>.req`` / ``<name>.resp``. Normalised:
the server's address is ``http://localhost:8080/plone``; a UID is ``<uid:path>`` (its
object's path below the site) or ``<uid:N>`` (numbered in order of appearance) when no
object has it; today's date and times from today are ``<today>`` and ``<now>``; JSON is
pretty-printed with sorted keys. A difference fails the test with a diff and the hint to
write the files anew (``KOOPERATION_WRITE_API_EXAMPLES=1 make test-apidocs``).

The acceptance layer gives every test a database of its own (a functional layer), so
writes over HTTP are gone after the test.
"""

from datetime import date
from datetime import datetime
from datetime import timedelta
from pathlib import Path
from plone import api

import base64
import difflib
import json
import os
import pytest
import re
import requests
import transaction


REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "docs" / "api" / "examples"
WRITE = os.environ.get("KOOPERATION_WRITE_API_EXAMPLES") == "1"
PASSWORD = "secret"
BASE = "http://localhost:8080/plone"
DEMO_LOGINS = (
    "koordination",
    "jobcenter-gf",
    "bfo-gf",
    "zib-leitung",
    "stadt-leitung",
    "jobcenter-u25",
    "redaktion",
    "kreis-offenbach",
)
UID = re.compile(r"\b[0-9a-f]{32}\b")
SHORT_ID = re.compile(r"\b[0-9a-f]{12}\b")  # ids of registrations, notices
ISO_MOMENT = re.compile(
    r"\b(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(:\d{2}(\.\d+)?)?)([+-]\d{2}:?\d{2}|Z)?"
)
ISO_DAY = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
ICAL_MOMENT = re.compile(r"\b(\d{8})T\d{6}Z?\b")
GERMAN_DAY = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b")
TEXT_TYPES = ("application/json", "text/", "application/csv")
HINT = "run `KOOPERATION_WRITE_API_EXAMPLES=1 make test-apidocs` and check the diff in git"


def _days_around_today():
    today = date.today()
    return {(today + timedelta(days=n)).isoformat() for n in (-1, 0, 1)}


class Recorder:
    """Makes the calls, normalises them, and writes or compares the example files."""

    def __init__(self, portal, server):
        self.portal = portal
        self.server = server
        self.netloc = server.split("/")[2]
        self.placeholders = {}
        self.mismatches = []
        self.paths = {}

    # -- UIDs ----------------------------------------------------------------------------
    def _refresh_paths(self):
        transaction.begin()  # see what the server committed
        site = "/".join(self.portal.getPhysicalPath())
        catalog = self.portal.portal_catalog
        for brain in catalog.unrestrictedSearchResults(path=site):
            self.paths[brain.UID] = brain.getPath()[len(site) + 1 :]

    def uid_placeholder(self, uid):
        if uid not in self.placeholders:
            if uid not in self.paths:
                self._refresh_paths()
            path = self.paths.get(uid)
            if path:
                self.placeholders[uid] = f"<uid:{path}>"
            else:
                numbered = sum(1 for v in self.placeholders.values() if v.startswith("<uid:#"))
                self.placeholders[uid] = f"<uid:#{numbered + 1}>"
        return self.placeholders[uid]

    def uid(self, path):
        """The UID of the object at ``path`` below the site (for request bodies)."""
        self._refresh_paths()
        for uid, known in self.paths.items():
            if known == path:
                return uid
        raise KeyError(path)

    def id_placeholder(self, value):
        key = ("id", value)
        if key not in self.placeholders:
            numbered = sum(1 for k in self.placeholders if isinstance(k, tuple))
            self.placeholders[key] = f"<id:{numbered + 1}>"
        return self.placeholders[key]

    # -- normalising ---------------------------------------------------------------------
    def normalise_text(self, text):
        text = text.replace(self.server, BASE).replace(self.netloc, "localhost:8080")
        text = UID.sub(lambda m: self.uid_placeholder(m.group()), text)
        text = SHORT_ID.sub(lambda m: self.id_placeholder(m.group()), text)
        around = _days_around_today()
        text = ISO_MOMENT.sub(lambda m: "<now>" if m.group(1) in around else m.group(), text)
        compact = {day.replace("-", "") for day in around}
        text = ICAL_MOMENT.sub(lambda m: "<now>" if m.group(1) in compact else m.group(), text)
        today = date.today()
        text = ISO_DAY.sub(
            lambda m: "<today>" if m.group() == today.isoformat() else m.group(), text
        )
        text = GERMAN_DAY.sub(
            lambda m: (
                "<today>"
                if (int(m.group(3)), int(m.group(2)), int(m.group(1)))
                == (today.year, today.month, today.day)
                else m.group()
            ),
            text,
        )
        return text

    def normalise_json(self, data, mask=(), keep=None):
        if keep is not None and isinstance(data, dict):
            data = {key: value for key, value in data.items() if key in keep}

        def walk(value):
            if isinstance(value, dict):
                return {
                    self.normalise_text(key): "<varies>" if key in mask else walk(item)
                    for key, item in value.items()
                }
            if isinstance(value, list):
                return [walk(item) for item in value]
            if isinstance(value, str):
                return self.normalise_text(value)
            return value

        return json.dumps(walk(data), indent=2, sort_keys=True, ensure_ascii=False)

    # -- one call ------------------------------------------------------------------------
    def __call__(
        self,
        name,
        method,
        path,
        user=None,
        body=None,
        params=None,
        accept="application/json",
        mask=(),
        keep=None,
        lines=None,
        raw_body=None,
        content_type=None,
    ):
        """Call, record as ``name`` (None: do not record), return the response."""
        url = f"{self.server}/{path}" if path else self.server
        headers = {}
        if accept:
            headers["Accept"] = accept
        auth = (user, PASSWORD) if user else None
        data = None
        if body is not None:
            data = json.dumps(body).encode("utf-8")
            headers["Content-Type"] = "application/json"
        elif raw_body is not None:
            data = raw_body
            headers["Content-Type"] = content_type or "application/json"
        response = requests.request(
            method, url, headers=headers, auth=auth, data=data, params=params, timeout=120
        )
        if name is not None:
            request_text = self.request_text(method, response.request.url, headers, user, body)
            response_text = self.response_text(response, mask, keep, lines)
            self.check(f"{name}.req", request_text)
            self.check(f"{name}.resp", response_text)
        return response

    def request_text(self, method, url, headers, user, body):
        target = url[len(self.server) :] or "/"
        out = [f"{method} /plone{target} HTTP/1.1"]
        for key in ("Accept", "Content-Type"):
            if key in headers:
                out.append(f"{key}: {headers[key]}")
        if user:
            token = base64.b64encode(f"{user}:{PASSWORD}".encode()).decode()
            out.append(f"Authorization: Basic {token}")
        text = "\n".join(out) + "\n"
        if body is not None:
            text += "\n" + self.normalise_json(body) + "\n"
        return self.normalise_text(text)

    def response_text(self, response, mask, keep, lines):
        reason = requests.status_codes._codes.get(response.status_code, ("",))[0]
        reason = response.reason or reason.replace("_", " ").title()
        out = [f"HTTP/1.1 {response.status_code} {reason}"]
        content_type = response.headers.get("Content-Type", "")
        if content_type:
            out.append(f"Content-Type: {content_type}")
        for key in ("Location", "Content-Disposition"):
            if key in response.headers:
                out.append(f"{key}: {response.headers[key]}")
        text = "\n".join(out) + "\n"
        if not response.content:
            return self.normalise_text(text)
        if content_type.startswith("application/json"):
            body = self.normalise_json(response.json(), mask=mask, keep=keep)
        elif content_type.startswith(TEXT_TYPES):
            body = response.text.replace("\r\n", "\n").rstrip("\n")
            if lines is not None:
                all_lines = body.split("\n")
                body = "\n".join(all_lines[:lines])
                if len(all_lines) > lines:
                    body += f"\n… ({len(all_lines) - lines} more lines)"
            body = self.normalise_text(body)
        else:
            body = f"<{len(response.content) and 'binary'}: {response.content[:5]!r}…>"
        return self.normalise_text(text) + "\n" + body + "\n"

    # -- files ---------------------------------------------------------------------------
    def check(self, filename, text):
        path = EXAMPLES / filename
        if WRITE:
            path.parent.mkdir(parents=True, exist_ok=True)
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                path.write_text(text, encoding="utf-8")
            return
        old = path.read_text(encoding="utf-8") if path.exists() else ""
        if old != text:
            diff = "".join(
                difflib.unified_diff(
                    old.splitlines(keepends=True),
                    text.splitlines(keepends=True),
                    f"docs/api/examples/{filename} (in git)",
                    f"docs/api/examples/{filename} (this run)",
                )
            )
            self.mismatches.append(diff or f"docs/api/examples/{filename} is missing")


@pytest.fixture
def api_examples(acceptance):
    """The recorder: ``api_examples(name, method, path, user=..., body=...)``."""
    portal = acceptance["portal"]
    with api.env.adopt_roles(["Manager"]):
        for login in DEMO_LOGINS:
            portal.acl_users.userSetPassword(login, PASSWORD)
    transaction.commit()
    server = f"http://{acceptance['host']}:{acceptance['port']}/plone"
    recorder = Recorder(portal, server)
    yield recorder
    if recorder.mismatches:
        pytest.fail(
            "The API examples differ from docs/api/examples/ ("
            + HINT
            + "):\n"
            + "\n".join(recorder.mismatches),
            pytrace=False,
        )


def now():
    return datetime.now()
