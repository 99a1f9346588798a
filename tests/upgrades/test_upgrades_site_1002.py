"""A database made by kooperation at profile 1002 (before the content types moved into
their capabilities) opens, upgrades and works with today's code.

``site-1002.tgz`` is the demo site as ``make site`` created it at commit 51628fd
(var/filestorage/Data.fs and var/blobstorage). Its objects are pickled under the old
module names (``kooperation.content.agreement.Agreement``, …).
"""

from upgrades_helpers import BIN
from upgrades_helpers import check as run_check
from upgrades_helpers import run
from upgrades_helpers import unpack

import pytest


CHECK = r"""
from Acquisition import aq_base
from kooperation.moved import MOVED
from plone import api
from plone.restapi.interfaces import ISerializeToJson
from zope.component import getMultiAdapter

result = {"objects": 0, "old_classes": [], "types": {}, "errors": []}
catalog = api.portal.get_tool("portal_catalog")
# the catalogued objects and the registrations, which leave the catalog in 1007 (each once)
found = {}
for brain in catalog.unrestrictedSearchResults(path="/".join(site.getPhysicalPath())):
    obj = brain._unrestrictedGetObject()
    found[brain.getPath()] = obj
    if obj.portal_type in ("Workshop", "YouthConference"):
        for child in obj.objectValues():
            if child.portal_type == "Registration":
                found["/".join(child.getPhysicalPath())] = child
result["registrations"] = sum(1 for obj in found.values() if obj.portal_type == "Registration")
for path, obj in found.items():
    result["objects"] += 1
    record, _serial = obj._p_jar._storage.load(obj._p_oid)  # the pickle as stored
    if any(old.encode() in record[:200] for old in MOVED):  # its class's dotted name
        result["old_classes"].append(path)
for fti in api.portal.get_tool("portal_types").objectValues():
    klass = getattr(fti, "klass", "")
    if klass.startswith("kooperation."):
        result["types"][fti.getId()] = [klass, fti.schema]
from kooperation.members.content.member import IMemberProfile
from kooperation.amendments.content.amendment import IAmendment
find = catalog.unrestrictedSearchResults
result["members"] = len(find(object_provides=IMemberProfile.__identifier__))
result["amendments"] = [
    len(find(object_provides=IAmendment.__identifier__)),
    len(find(portal_type="Amendment")),
]
agreement = catalog.unrestrictedSearchResults(portal_type="Agreement")[0]._unrestrictedGetObject()
request["LANGUAGE"] = "de"
html = agreement.restrictedTraverse("@@view")()
result["view"] = agreement.Title() in html
data = getMultiAdapter((agreement, request), ISerializeToJson)()
result["json"] = [data["@type"], data["initial_term"], len(data["parties"])]
repository = api.portal.get_tool("portal_repository")
history = repository.getHistoryMetadata(agreement)
result["versions"] = history.getLength(countPurged=False) if history else 0
if result["versions"]:
    old = repository.retrieve(agreement, 0).object
    result["old_version"] = [type(aq_base(old)).__module__, old.Title()]
print(json.dumps(result))
"""


@pytest.fixture(scope="module")
def instance(tmp_path_factory):
    return unpack("site-1002.tgz", tmp_path_factory.mktemp("site-1002"))


def check(instance):
    return run_check(CHECK, instance)


@pytest.mark.slow
def test_the_old_database_opens_upgrades_and_works(instance):
    before = check(instance)  # old names load through kooperation.moved
    assert before["objects"] > 50
    assert before["old_classes"]  # pickled under kooperation.content.*
    assert before["types"]["Agreement"][0] == "kooperation.content.agreement.Agreement"
    assert before["view"]
    assert before["json"][0] == "Agreement"

    upgraded = run(BIN / "kooperation-admin", "upgrade", "--instance", instance)
    assert upgraded.returncode == 0, upgraded.stderr

    after = check(instance)
    assert after["objects"] == before["objects"]
    assert after["registrations"] == before["registrations"] > 0
    assert after["old_classes"] == []
    assert after["types"]["Agreement"] == [
        "kooperation.agreements.content.agreement.Agreement",
        "kooperation.agreements.content.agreement.IAgreementSchema",
    ]
    assert not any("kooperation.content." in " ".join(v) for v in after["types"].values())
    assert after["members"] >= 1  # the catalog knows the interfaces by their new names
    # the catalog kept the interfaces by their old names until the upgrade reindexed them
    assert before["amendments"] == [0, 2]
    assert after["amendments"] == [2, 2]
    assert after["view"]
    assert after["json"] == before["json"]
    # CMFEditions keeps the old pickles of earlier versions: they load under the old names
    assert after["versions"] >= 1
    module, title = after["old_version"]
    assert module == "kooperation.agreements.content.agreement"
    assert title

    again = run(BIN / "kooperation-admin", "upgrade", "--instance", instance)
    assert again.returncode == 0
    assert "up to date" in again.stdout
