"""Create a kooperation site and fill it from a site profile (profiles/<name>/site.json).

A site profile is data, not code: every item is the JSON plone.restapi would take
for a POST, so demo content passes the same deserializers and validators as user
input.
"""

from contextlib import contextmanager
from kooperation.agreements.signatures import record_signature
from kooperation.agreements.status import enter_into_force_if_due
from kooperation.registrations import demo
from kooperation.sitesetup import accounts
from kooperation.workspace import confirm_person
from pathlib import Path
from plone import api
from plone.restapi.interfaces import IDeserializeFromJson
from Products.CMFCore.indexing import processQueue
from Products.CMFPlone.factory import addPloneSite
from zope.component import getMultiAdapter
from zope.component.hooks import setSite

import json
import transaction


SITE_ID = "Plone"
DEFAULT_LANGUAGE = "de"
AVAILABLE_LANGUAGES = ["de", "en"]
TIMEZONE = "Europe/Berlin"

# Site-wide profiles first, then the add-on. The add-on profile is applied as an
# extension of addPloneSite, never through distribution_name (which ignores it).
# Classic UI needs its theme profile, or every page renders as unstyled HTML
# (kooperation:default depends on it too, so an existing site gets it by upgrade 1002).
EXTENSION_PROFILES = (
    "plone.app.contenttypes:default",
    "plonetheme.barceloneta:default",
    "kooperation:default",
)

# Keys of a site.json item that are instructions to the loader, not fields.
_LOADER_KEYS = frozenset(
    {"@type", "id", "items", "text_file", "transitions", "signatures", "event_setup", "by"}
)


def create_site(app, profile_dir, site_id=SITE_ID):
    """Create the site from a site profile; return it. Does nothing to an existing site."""
    profile = read_site_profile(profile_dir)
    site = addPloneSite(
        app,
        site_id,
        title=profile["title"],
        description=profile.get("description", ""),
        default_language=DEFAULT_LANGUAGE,
        portal_timezone=TIMEZONE,
        extension_ids=EXTENSION_PROFILES,
    )
    setSite(site)
    api.portal.set_registry_record("plone.available_languages", AVAILABLE_LANGUAGES)
    load_site_profile(site, profile_dir, profile=profile)
    return site


def read_site_profile(profile_dir):
    path = Path(profile_dir) / "site.json"
    if not path.is_file():
        raise FileNotFoundError(f"No site profile at {path}")
    return json.loads(path.read_text(encoding="utf-8"))


def load_site_profile(site, profile_dir, profile=None):
    """Create the content of a site profile below ``site``."""

    profile = profile or read_site_profile(profile_dir)
    accounts.create_users(profile)  # first: a Person entry's login must exist when confirmed
    for item in profile.get("content", ()):
        _create_item(site, item, Path(profile_dir))
    accounts.grant_network_roles(site, profile)
    # Index now, while the site is set: a caller may commit after leaving the site.
    processQueue()


@contextmanager
def _acting(userid):
    """Act as the person the profile names (``by``), with the rights of whoever loads
    the profile: workflow history, versions, signature records and the audit log then
    name that person, as if they had done it; ownership stays with the loader."""
    if not userid:
        yield
        return
    with api.env.adopt_user(username=userid), api.env.adopt_roles(["Manager"]):
        yield


def _create_item(container, item, profile_dir, by=None):
    """``by`` (inherited by the children): the login of who wrote the item."""
    by = item.get("by", by)
    obj = api.content.create(
        container=container,
        type=item["@type"],
        id=item["id"],
        title=item.get("title", item["id"]),
        safe_id=False,
    )
    site = api.portal.get()
    fields = {k: _resolve(site, v) for k, v in item.items() if k not in _LOADER_KEYS}
    if "text_file" in item:
        fields["text"] = {
            "data": (profile_dir / item["text_file"]).read_text(encoding="utf-8"),
            "content-type": "text/html",
            "encoding": "utf-8",
        }
    if fields:
        request = obj.REQUEST
        deserializer = getMultiAdapter((obj, request), IDeserializeFromJson)
        deserializer(data=fields, create=True)
    if by:
        obj.setCreators((by,))  # the byline; not ownership, which would grant rights
    if item["@type"] == "Person":
        # Whoever creates a site from a profile speaks for the partners it lists.
        confirm_person(obj, by="site-profile", how="site_profile")
    with _acting(by):
        for transition in item.get("transitions", ()):
            api.content.transition(obj=obj, transition=transition)
        if "signatures" in item:
            _sign(obj, item["signatures"], profile_dir)
    if "event_setup" in item:  # registrations and partners' decisions (kooperation.registrations)
        demo.apply(obj, _resolve(site, item["event_setup"]))
    for child in item.get("items", ()):
        _create_item(obj, child, profile_dir, by)
    obj.reindexObject()
    return obj


def _resolve(site, value):
    """``{"@path": "a/b"}`` (relative to the site) becomes the UID of that content."""
    if isinstance(value, dict) and set(value) == {"@path"}:
        return site.unrestrictedTraverse(value["@path"]).UID()
    if isinstance(value, list):
        return [_resolve(site, v) for v in value]
    if isinstance(value, dict):  # e.g. a meeting's duty holders, or action items
        return {k: _resolve(site, v) for k, v in value.items()}
    return value


def _sign(obj, records, profile_dir):
    """Record signatures as the coordinator would, from the paper original."""
    from datetime import date
    from plone.namedfile.file import NamedBlobFile

    site = api.portal.get()
    for record in records:
        evidence = None
        if record.get("evidence_file"):
            path = profile_dir / record["evidence_file"]
            evidence = NamedBlobFile(
                data=path.read_bytes(), contentType="application/pdf", filename=path.name
            )
        record_signature(
            obj,
            _resolve(site, record["signatory"]),
            date.fromisoformat(record["date"]),
            api.user.get_current().getId(),
            True,
            place=record.get("place"),
            function=record.get("function"),
            evidence=evidence,
        )
    enter_into_force_if_due(obj)


def ensure_site(app, profile_dir, site_id=SITE_ID):
    """Create and commit the site unless it exists. Returns (site, created)."""
    if site_id in app.objectIds():
        return app[site_id], False
    site = create_site(app, profile_dir, site_id=site_id)
    transaction.commit()
    return site, True
