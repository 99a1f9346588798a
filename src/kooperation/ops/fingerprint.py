"""A checksum of what must survive a restore: every content object, its workflow
state, the signatures with their evidence, the CMFEditions versions and every file.

``kooperation-admin fingerprint`` prints it; compare the digest before a backup and
after a restore. Counts come along so that an empty site cannot match by accident.
"""

from plone import api
from plone.namedfile.interfaces import INamedBlobFile
from zope.annotation.interfaces import IAnnotations

import hashlib
import json


SIGNATURES_KEY = "kooperation.signatures"


def _sha(data):
    return hashlib.sha256(data).hexdigest()


def _files(obj):
    """sha256 of every blob file or image held in an attribute of ``obj``."""
    obj._p_activate()
    found = {}
    for name, value in sorted(vars(obj).items()):
        if INamedBlobFile.providedBy(value):
            found[name] = _sha(value.data)
    return found


def _signatures(obj):
    records = IAnnotations(obj).get(SIGNATURES_KEY) or {}
    out = []
    for party, record in sorted(records.items()):
        record._p_activate()  # vars() of a ghost is empty
        values = {k: v for k, v in vars(record).items() if not k.startswith("_")}
        evidence = values.pop("evidence", None)
        values = {k: str(v) for k, v in sorted(values.items())}
        values["evidence"] = _sha(evidence.data) if evidence is not None else None
        out.append({"party": party, **values})
    return out


def _versions(repository, obj):
    try:
        history = repository.getHistoryMetadata(obj)
    except Exception:
        history = None
    if not history:
        return []
    out = []
    for version_id in range(history.getLength(countPurged=False)):
        meta = history.retrieve(version_id, countPurged=False)["metadata"]["sys_metadata"]
        old = repository.retrieve(obj, version_id).object
        out.append(
            {
                "id": version_id,
                "timestamp": meta.get("timestamp"),
                "comment": meta.get("comment"),
                "title": old.Title(),
                "files": _files(old),
            }
        )
    return out


def fingerprint(portal=None):
    """``{"digest": sha256, "objects": n, "signatures": n, "versions": n, "files": n}``."""
    portal = portal if portal is not None else api.portal.get()
    catalog = api.portal.get_tool("portal_catalog")
    repository = api.portal.get_tool("portal_repository")
    records = []
    counts = {"objects": 0, "signatures": 0, "versions": 0, "files": 0}
    for brain in sorted(
        catalog.unrestrictedSearchResults(path="/".join(portal.getPhysicalPath())),
        key=lambda b: b.getPath(),
    ):
        obj = brain._unrestrictedGetObject()
        record = {
            "path": brain.getPath(),
            "type": obj.portal_type,
            "uid": obj.UID(),
            "title": obj.Title(),
            "modified": str(obj.modified()),
            "state": api.content.get_state(obj, default=None),
            "files": _files(obj),
            "signatures": _signatures(obj),
            "versions": _versions(repository, obj),
        }
        counts["objects"] += 1
        counts["signatures"] += len(record["signatures"])
        counts["versions"] += len(record["versions"])
        counts["files"] += len(record["files"]) + sum(
            1 for s in record["signatures"] if s["evidence"]
        )
        records.append(record)
    canonical = json.dumps(records, sort_keys=True, default=str).encode()
    return {"digest": _sha(canonical), **counts}
