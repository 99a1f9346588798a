"""The round table of the meeting tests: partners A, B, C (staff users), a series of all three
and a meeting; built once per layer set-up (TABLE_FIXTURE) for the integration tests."""

from datetime import datetime
from kooperation.testing import add_person
from kooperation.testing import ContentLayer
from kooperation.workspace import group_ids
from plone import api
from plone.app.testing import IntegrationTesting

import pytz


BERLIN = pytz.timezone("Europe/Berlin")


def build_table(portal):
    with api.env.adopt_roles(["Manager"]):
        for user_id in ("staff_a", "staff_b", "editor", "coordinator"):
            api.user.create(email=f"{user_id}@example.org", username=user_id, password="pw-0815x")
        net = api.content.create(container=portal, type="Network", id="net", title="Netz")
        ids = group_ids(net)
        api.group.add_user(groupname=ids["editors"], username="editor")
        api.group.add_user(groupname=ids["coordinators"], username="coordinator")
        partners = {}
        for pid in "abc":
            partners[pid] = api.content.create(
                container=net,
                type="Partner",
                id=pid,
                title=f"Partner {pid.upper()}",
                partner_kind="other",
            )
            if pid != "c":
                add_person(
                    container=partners[pid],
                    id="staff",
                    title=f"Anna Muster{pid}",
                    user_id=f"staff_{pid}",
                )
    uids = {pid: p.UID() for pid, p in partners.items()}
    with api.env.adopt_user(username="coordinator"):
        series = api.content.create(
            container=net,
            type="MeetingSeries",
            id="rt",
            title="Runder Tisch",
            members=[uids["a"], uids["b"], uids["c"]],
            interval_weeks=4,
        )
        meeting = api.content.create(
            container=series,
            type="Meeting",
            id="m1",
            title="Sitzung 1",
            start=BERLIN.localize(datetime(2026, 3, 2, 10)),
            end=BERLIN.localize(datetime(2026, 3, 2, 12)),
            duty_holders={
                "topics": uids["b"],
                "invitation": uids["c"],
                "moderation": uids["b"],
                "minutes": uids["a"],
            },
        )
    return {"net": net, "series": series, "meeting": meeting, "partners": partners, "uids": uids}


def table_objects(portal):
    """The table as ``build_table`` returns it, from TABLE_FIXTURE in the test's storage."""
    objs = TABLE_FIXTURE.objects(portal)
    partners = {pid: objs[f"partner_{pid}"] for pid in "abc"}
    return {
        "net": objs["net"],
        "series": objs["series"],
        "meeting": objs["meeting"],
        "partners": partners,
        "uids": {pid: partner.UID() for pid, partner in partners.items()},
    }


def _build_flat(portal):
    table = build_table(portal)
    partners = {f"partner_{pid}": partner for pid, partner in table["partners"].items()}
    return {"net": table["net"], "series": table["series"], "meeting": table["meeting"], **partners}


TABLE_FIXTURE = ContentLayer(_build_flat, name="MeetingsTableLayer")
TABLE_INTEGRATION_TESTING = IntegrationTesting(
    bases=(TABLE_FIXTURE,), name="MeetingsTableLayer:Integration"
)
