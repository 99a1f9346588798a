"""A network with partners A, B, C (staff users), a round table of all three and a meeting."""

from datetime import datetime
from kooperation.testing import add_person
from kooperation.workspace import group_ids
from mailbox_helpers import use_real_mailhost
from plone import api

import pytest
import pytz
import transaction


BERLIN = pytz.timezone("Europe/Berlin")


@pytest.fixture
def table(portal):
    return build_table(portal)


@pytest.fixture
def mail_table(functional, inbox):
    """The table in a functional site whose MailHost sends to ``inbox``; committed.

    Mails are written in English. Partner A's person and a second one have e-mail
    addresses, B's has none, C has nobody.
    """
    portal = functional["portal"]
    use_real_mailhost(portal, inbox)
    # Mails in English: the tests do not depend on the state of the German catalog.
    api.portal.set_registry_record("plone.default_language", "en")
    with api.env.adopt_roles(["Manager"]):
        t = build_table(portal)
        t["partners"]["a"]["staff"].email = "anna.a@example.org"
        add_person(
            container=t["partners"]["a"],
            id="bert",
            title="Bert Beispiel",
            email="bert.a@example.org",
        )
    transaction.commit()
    t["portal"] = portal
    t["app"] = functional["app"]
    return t


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
