"""A network with partners A, B, C (staff users), a round table of all three and a meeting."""

from datetime import datetime
from kooperation.workspace import group_ids
from plone import api

import pytest


@pytest.fixture
def table(portal):
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
                api.content.create(
                    container=partners[pid],
                    type="Person",
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
            start=datetime(2026, 3, 2, 10),
            end=datetime(2026, 3, 2, 12),
            duty_holders={
                "topics": uids["b"],
                "invitation": uids["c"],
                "moderation": uids["b"],
                "minutes": uids["a"],
            },
        )
    return {"net": net, "series": series, "meeting": meeting, "partners": partners, "uids": uids}
