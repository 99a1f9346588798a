"""A network with three partners, people in every role, and content in every state.

Built through the real machinery: users join partners through Person entries and
the network's groups, exactly as the product does it.
"""

from datetime import date
from kooperation.testing import add_person
from kooperation.testing import ContentLayer
from kooperation.workspace import group_ids
from plone import api
from plone.app.testing import FunctionalTesting
from plone.testing.zope import WSGI_SERVER_FIXTURE


PASSWORD = "secret-pw-0815"

# persona -> (how they are set up). Anonymous has no user.
PERSONAS = (
    "anonymous",
    "outsider",
    "staff_a",
    "staff_b",
    "staff_c",
    "editor",
    "coordinator",
    "signatory_a",
    "manager",
)

AGREEMENT_PATHS = {
    "draft": (),
    "consultation": ("submit_for_consultation",),
    "for_signature": ("freeze_for_signature",),
    "in_force": ("freeze_for_signature", "@sign", "enter_into_force"),
    "terminated": ("freeze_for_signature", "@sign", "enter_into_force", "give_notice"),
    "ended": ("freeze_for_signature", "@sign", "enter_into_force", "@single-term", "expire"),
    "cancelled": ("cancel",),
}


# Amendments of the agreement in force; "@sign-ab" leaves partner C's signature missing.
AMENDMENT_PATHS = {
    "draft": (),
    "consultation": ("submit_for_consultation",),
    "for_signature": ("freeze_for_signature", "@sign-ab"),
    "effective": ("freeze_for_signature", "@sign-ab", "@sign-c"),
    "rejected": ("submit_for_consultation", "reject"),
    "withdrawn": ("withdraw",),
}


def _user(user_id):
    return api.user.create(email=f"{user_id}@example.org", username=user_id, password=PASSWORD)


def _person(partner, pid, user_id=None, may_sign=False, partner_admin=False):
    return add_person(
        container=partner,
        id=pid,
        title=f"{pid} {partner.getId()}",
        user_id=user_id,
        may_sign=may_sign,
        partner_admin=partner_admin,
        signing_from=date(2010, 1, 1) if may_sign else None,
        email=f"{pid}.{partner.getId()}@example.org",
    )


def objects(portal):
    """The world's objects by name (as ``build`` returns them), in the test's storage."""
    return WORLD_FIXTURE.objects(portal)


def build(portal):
    """Create the world; return a dict of the objects by name."""
    objs = {}
    with api.env.adopt_roles(["Manager"]):
        for user_id in PERSONAS[1:]:
            _user(user_id)
        api.user.grant_roles(username="manager", roles=["Manager"])
        other = api.content.create(container=portal, type="Network", id="other", title="Anderes")
        x = api.content.create(
            container=other, type="Partner", id="x", title="Partner X", partner_kind="other"
        )
        _person(x, "staff", "outsider")
        net = api.content.create(container=portal, type="Network", id="net", title="Netz")
        ids = group_ids(net)
        api.group.add_user(groupname=ids["editors"], username="editor")
        api.group.add_user(groupname=ids["coordinators"], username="coordinator")
    # The coordinator keeps the register: partners and their people.
    partners = {}
    with api.env.adopt_user(username="coordinator"):
        for pid in "abc":
            partners[pid] = api.content.create(
                container=net,
                type="Partner",
                id=pid,
                title=f"Partner {pid.upper()}",
                partner_kind="other",
            )
            _person(partners[pid], "boss", None, may_sign=True)
            _person(partners[pid], "staff", f"staff_{pid}")
        # Partner A's management: signs and confirms who acts for A.
        _person(partners["a"], "chief", "signatory_a", may_sign=True, partner_admin=True)
    with api.env.adopt_roles(["Manager"]):
        objs.update(network=net, partner=partners["a"], person=partners["a"]["staff"])
        objs["area"] = partners["a"]["intern"]
        # Published: the other network, partner B and its signatory's entry.
        for obj in (other, partners["b"], partners["b"]["boss"]):
            api.content.transition(obj=obj, transition="publish")
        objs.update(
            network_published=other,
            partner_published=partners["b"],
            person_published=partners["b"]["boss"],
        )
    with api.env.adopt_user(username="staff_a"):
        objs["case_note"] = api.content.create(
            container=partners["a"]["intern"],
            type="CaseNote",
            title="Fall Kevin M.",
            partners=[partners["a"].UID(), partners["b"].UID()],
            legal_basis="consent",
            legal_basis_details="Einwilligung vom 01.02.2026",
        )
    with api.env.adopt_roles(["Manager"]):
        for state, path in AGREEMENT_PATHS.items():
            objs[f"agreement_{state}"] = _agreement(net, partners, state, path)
        for state, path in AMENDMENT_PATHS.items():
            objs[f"amendment_{state}"] = _amendment(
                objs["agreement_in_force"], partners, state, path
            )
    objs.update(_round_table(net, partners))
    objs.update(_registration_events(net, partners))
    objs.update(_members_area(net))
    return objs


# Minutes of a meeting whose minute-taker is partner A; one per state.
MINUTES_PATHS = {
    "draft": (),
    "circulation": ("circulate",),
    "approved": ("circulate", "approve"),
    "published": ("circulate", "approve", "publish"),
    "published_public": ("circulate", "approve", "publish_public"),
}


def _round_table(net, partners):
    from datetime import datetime

    objs = {}
    uids = [partners[p].UID() for p in "abc"]
    with api.env.adopt_user(username="coordinator"):
        series = api.content.create(
            container=net, type="MeetingSeries", id="rt", title="Runder Tisch", members=uids
        )
        meeting = api.content.create(
            container=series,
            type="Meeting",
            id="m1",
            title="Sitzung",
            start=datetime(2026, 3, 2, 10),
            end=datetime(2026, 3, 2, 12),
            duty_holders={
                "topics": uids[1],
                "invitation": uids[2],
                "moderation": uids[1],
                "minutes": uids[0],
            },
        )
        series_published = api.content.create(
            container=net, type="MeetingSeries", id="ak", title="Arbeitskreis", members=uids
        )
        meeting_published = api.content.create(
            container=series,
            type="Meeting",
            id="m2",
            title="Öffentliche Sitzung",
            start=datetime(2026, 4, 2, 10),
            end=datetime(2026, 4, 2, 12),
        )
        for obj in (series_published, meeting_published):
            api.content.transition(obj=obj, transition="publish")
        for state, path in MINUTES_PATHS.items():
            obj = api.content.create(
                container=meeting, type="Minutes", id=f"minutes-{state}", title=state
            )
            for step in path:
                api.content.transition(obj=obj, transition=step)
            assert api.content.get_state(obj) == state
            objs[f"minutes_{state}"] = obj
    objs.update(
        series=series,
        meeting=meeting,
        series_published=series_published,
        meeting_published=meeting_published,
    )
    return objs


# Quarterly reports of the network as a member of the association; one per state.
REPORT_PATHS = {
    "draft": (),
    "submitted": ("submit",),
    "published": ("submit", "publish"),
    "public": ("submit", "publish_public"),
}


def _members_area(net):
    """A project with a measure (each also published) and reports in every state."""
    objs = {}
    with api.env.adopt_user(username="coordinator"):
        for suffix in ("", "_published"):
            project = api.content.create(
                container=net, type="Project", id=f"project{suffix}", title=f"Projekt{suffix}"
            )
            measure = api.content.create(
                container=project,
                type="Measure",
                id="measure",
                title="Maßnahme",
                places=[{"date": "2018-11-15", "places": {"SGB II": {"planned": 3}}}],
            )
            if suffix:
                for obj in (project, measure):
                    api.content.transition(obj=obj, transition="publish")
            objs[f"project{suffix}"] = project
            objs[f"measure{suffix}"] = measure
    for state, path in REPORT_PATHS.items():
        with api.env.adopt_user(username="editor"):
            obj = api.content.create(
                container=net,
                type="Report",
                id=f"report-{state}",
                title=state,
                year=2026,
                quarter=3,
            )
        with api.env.adopt_user(username="coordinator"):
            for step in path:
                api.content.transition(obj=obj, transition=step)
        assert api.content.get_state(obj) == state
        objs[f"report_{state}"] = obj
    return objs


def _agreement(net, partners, state, path):
    from kooperation.agreements.signatures import record_signature
    from kooperation.agreements.validity import IValidityRules
    from kooperation.deadlines import Period

    obj = api.content.create(
        container=net,
        type="Agreement",
        id=f"agreement-{state}",
        title=f"Vereinbarung {state}",
        parties=[partners[p].UID() for p in "abc"],
        text_date=date(2020, 1, 1),
    )
    rules = IValidityRules(obj)
    rules.initial_term = Period(1, "years")
    rules.renewal_term = Period(1, "years")
    rules.notice_period = Period(3, "months")
    for step in path:
        if step == "@sign":
            for p in "abc":
                record_signature(
                    obj,
                    partners[p]["boss"].UID(),
                    date(2020, 2, 1),
                    "admin",
                    True,
                    qes_reference="test",
                )
        elif step == "@single-term":
            # No renewal: its single year ended in 2021.
            rules.renewal_term = None
        else:
            api.content.transition(obj=obj, transition=step)
    assert api.content.get_state(obj) == state
    return obj


def _amendment(agreement, partners, state, path):
    from kooperation.agreements.signatures import record_signature

    obj = api.content.create(
        container=agreement,
        type="Amendment",
        id=f"amendment-{state}",
        title=f"Änderung {state}",
        legal_bases_added=[f"§ 13 SGB VIII ({state})"],
    )
    for step in path:
        if step.startswith("@sign-"):
            for p in step[len("@sign-") :]:
                record_signature(
                    obj,
                    partners[p]["boss"].UID(),
                    date(2021, 3, 1),
                    "admin",
                    True,
                    qes_reference="test",
                )
        else:
            api.content.transition(obj=obj, transition=step)
    assert api.content.get_state(obj) == state
    return obj


# Events with registration (issue 8): one per workflow state; registrations of staff_a.
WORKSHOP_PATHS = {
    "planned": (),
    "registration_open": ("open_registration",),
    "registration_closed": ("open_registration", "close_registration"),
    "held": ("open_registration", "close_registration", "mark_held"),
}
CONFERENCE_PATHS = {
    "idea": (),
    "consultation": ("start_consultation",),
    "decided": ("start_consultation", "@consent", "decide"),
    "registration_open": ("start_consultation", "@consent", "decide", "open_registration"),
    "registration_closed": (
        *("start_consultation", "@consent", "decide", "open_registration"),
        "close_registration",
    ),
    "held": (
        *("start_consultation", "@consent", "decide", "open_registration"),
        *("close_registration", "mark_held"),
    ),
    "documented": (
        *("start_consultation", "@consent", "decide", "open_registration"),
        *("close_registration", "mark_held", "document"),
    ),
}
REGISTRATION_PATHS = {
    "pending": (),
    "confirmed": ("confirm",),
    "waiting": ("wait",),
    "cancelled": ("cancel",),
    "attended": ("confirm", "attend"),
    "no_show": ("confirm", "miss"),
}


def _registration_events(net, partners):
    from datetime import datetime
    from kooperation.registrations.ledger import _set_owner

    objs = {}
    start = datetime(2026, 12, 10, 9)
    with api.env.adopt_roles(["Manager"]):
        for state, path in WORKSHOP_PATHS.items():
            obj = api.content.create(
                container=net,
                type="Workshop",
                id=f"workshop-{state}",
                title=state,
                start=start,
                end=start.replace(hour=17),
            )
            for step in path:
                api.content.transition(obj=obj, transition=step)
            objs[f"workshop_{state}"] = obj
        for state, path in CONFERENCE_PATHS.items():
            obj = api.content.create(
                container=net,
                type="YouthConference",
                id=f"conf-{state}",
                title=state,
                start=start,
                end=start.replace(hour=17),
            )
            for step in path:
                if step == "@consent":
                    obj.partner_decisions = {
                        p.UID(): {"decision": "consent"} for p in partners.values()
                    }
                else:
                    api.content.transition(obj=obj, transition=step)
            objs[f"conference_{state}"] = obj
        event = objs["workshop_registration_open"]
        for state, path in REGISTRATION_PATHS.items():
            obj = api.content.create(
                container=event,
                type="Registration",
                id=f"registration-{state}",
                title="Staff A",
                email=f"staff_a+{state}@example.org",
                position=1 if state == "waiting" else None,
            )
            _set_owner(obj, "staff_a")
            # Registration transitions are guarded: only while the service writes.
            from kooperation.registrations.guard import writing

            with writing():
                for step in path:
                    api.content.transition(obj=obj, transition=step)
            objs[f"registration_{state}"] = obj
    return objs


# The world, built once when the layer is set up instead of by every test (about 3 s).
# The tests run on WORLD_FUNCTIONAL_TESTING (fixture ``world_functional``): each gets a
# storage of its own stacked on this layer's, so what a test commits is gone for the next.
WORLD_FIXTURE = ContentLayer(build, name="SecurityWorldLayer")
WORLD_FUNCTIONAL_TESTING = FunctionalTesting(
    bases=(WORLD_FIXTURE, WSGI_SERVER_FIXTURE), name="SecurityWorldLayer:Functional"
)
