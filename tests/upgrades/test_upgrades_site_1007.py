"""A database made by kooperation at profile 1007 (before ``events/`` and ``registration/``
became ``registrations/``) opens, works, upgrades and works with today's code.

``site-1007.tgz`` is the demo site as ``make site`` created it at commit bed8af0
(var/filestorage/Data.fs and var/blobstorage). Its events, registrations, seat ledgers and
wide trees are pickled under ``kooperation.events.*``; the registration workflow's guard
and the registration forms' action name ``kooperation.events`` modules as text.
"""

from upgrades_helpers import check
from upgrades_helpers import unpack
from upgrades_helpers import upgrade

import pytest


CHECK = r"""
from Acquisition import aq_base
from kooperation.registrations import ledger
from kooperation.registrations.easyform import FORM_ID
from kooperation.registrations.interfaces import IRegistrationEvent
from plone import api
from ZODB.serialize import referencesf
from ZODB.utils import z64
import transaction

OLD = b"kooperation.events."
catalog = api.portal.get_tool("portal_catalog")
events = [
    b._unrestrictedGetObject()
    for b in catalog.unrestrictedSearchResults(portal_type=["Workshop", "YouthConference"])
]
result = {"events": sorted(e.getId() for e in events)}
result["by_interface"] = len(
    catalog.unrestrictedSearchResults(object_provides=IRegistrationEvent.__identifier__)
)
result["classes"] = sorted(
    {type(aq_base(o)).__module__ for e in events for o in [e, *e.objectValues()]}
)
result["figures"] = [list(ledger.figures(e)) for e in events]
result["counts"] = [ledger.counts(e).by_state for e in events]
result["types"] = {
    name: api.portal.get_tool("portal_types")[name].klass
    for name in ("Workshop", "YouthConference", "Registration")
}
wf = api.portal.get_tool("portal_workflow").getWorkflowById("kooperation_registration_workflow")
result["guards"] = sorted({t.getGuard().getExprText() for t in wf.transitions.objectValues()})
result["forms"] = [
    "kooperation.registrations.easyform.Register" in e[FORM_ID].actions_model for e in events
]
# who may see each event and its form: anonymous visitors, by the permission and the catalog
from AccessControl.PermissionRole import rolesForPermissionOn

result["form_states"] = [api.content.get_state(e[FORM_ID], default=None) for e in events]
result["anonymous"] = [
    [
        "Anonymous" in rolesForPermissionOn("View", o)
        and "Anonymous" in catalog.getIndexDataForUID("/".join(o.getPhysicalPath()))[
            "allowedRolesAndUsers"
        ]
        for o in (e, e[FORM_ID])
    ]
    for e in events
]

# the site works: a confirmed registration is cancelled (the workflow's guard opens for the
# ledger), its seat goes to the first on the waiting list or back to the free seats; then
# the form of each event renders with its action (looked up by the name in its model)
event = next(e for e in events if ledger.counts(e).seats_taken)
confirmed = next(r for r in ledger.listed(event, state="confirmed"))
before = ledger.counts(event)
ledger.cancel(confirmed, deadline=False)
after = ledger.counts(event)
result["cancelled"] = [api.content.get_state(confirmed), before.seats_taken, after.seats_taken]
request["LANGUAGE"] = "de"
result["form_pages"] = ["<form" in e[FORM_ID].restrictedTraverse("@@view")() for e in events]
transaction.abort()

# the records reachable from the root that name an old module
connection = site._p_jar
storage = connection._storage
seen, todo, old = set(), [z64], []
while todo:
    oid = todo.pop()
    if oid in seen:
        continue
    seen.add(oid)
    data = storage.load(oid)[0]
    if OLD in data:
        old.append(data[:80].split(b"\n")[0].decode("latin-1"))
    todo.extend(referencesf(data))
result["old_records"] = sorted(old)
print(json.dumps(result))
"""


@pytest.fixture(scope="module")
def instance(tmp_path_factory):
    return unpack("site-1007.tgz", tmp_path_factory.mktemp("site-1007"))


@pytest.mark.slow
def test_the_1007_database_works_upgrades_and_works(instance):
    before = check(CHECK, instance)  # old names load through kooperation.moved
    assert before["events"]
    assert before["by_interface"] == 0  # the catalog has them under the old names
    assert "kooperation.registrations.content.workshop" in before["classes"]
    assert "kooperation.registrations.content.registration" in before["classes"]
    assert before["types"]["Workshop"] == "kooperation.events.content.workshop.Workshop"
    assert before["guards"][-1] == "python:modules['kooperation.events.guard'].writing_now()"
    assert before["forms"] == [False] * len(before["events"])
    cancelled, seats_before, _seats_after = before["cancelled"]
    assert cancelled == "cancelled"  # the guard's old module name works too
    assert seats_before >= 1
    assert all(before["form_pages"])
    # the youth conference (in consultation) hid itself, not its published form
    assert sorted(before["form_states"]) == ["private", "published"]
    assert [False, True] in before["anonymous"]
    assert any("kooperation.events.content.workshop" in r for r in before["old_records"])
    assert any("kooperation.events.registrations" in r for r in before["old_records"])

    upgrade(instance)

    after = check(CHECK, instance)
    assert after["events"] == before["events"]
    assert after["by_interface"] == len(after["events"])
    assert after["types"] == {
        "Workshop": "kooperation.registrations.content.workshop.Workshop",
        "YouthConference": "kooperation.registrations.content.youth_conference.YouthConference",
        "Registration": "kooperation.registrations.content.registration.Registration",
    }
    assert after["guards"][-1] == (
        "python:modules['kooperation.registrations.guard'].writing_now()"
    )
    assert after["forms"] == [True] * len(after["events"])
    assert after["figures"] == before["figures"]
    assert after["counts"] == before["counts"]
    assert after["cancelled"] == before["cancelled"]
    assert all(after["form_pages"])
    assert after["form_states"] == [None] * len(after["events"])  # no workflow of their own
    assert all(event == form for event, form in after["anonymous"])  # what the event shows
    assert after["old_records"] == []  # no object reachable from the root names events/

    assert "up to date" in upgrade(instance)
