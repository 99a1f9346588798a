"""Network workspaces: the groups of a network and of its partners, and their local roles.

Every network gets groups for its members, editors and coordinators; every partner
a staff group (nested in the network's members), a signatories group and an admins
group (its management, who decide who acts for it). Roles are granted once, as local
roles on the network, the partner and the partner's internal area, so that the
workflows' permission maps decide everything else.

Portal users join a partner through a Person entry with their login (``user_id``).
What the entry says is a proposal; what counts is the part the partner's admins
confirmed (``confirmation.effective``). Only that part reaches the partner's groups,
and nobody can join those groups another way: ``veto_direct_membership`` refuses every
change of their members that does not come from ``sync_person``.
"""

from Acquisition import aq_base
from datetime import datetime
from kooperation import _
from kooperation.audit import log_event
from kooperation.common.errors import KooperationError
from kooperation.common.flags import ThreadFlag
from kooperation.common.network import network_of
from kooperation.interfaces import IPartner
from kooperation.workspace.confirmation import effective
from kooperation.workspace.confirmation import Grant
from kooperation.workspace.confirmation import pending
from kooperation.workspace.roles import LOCAL_ONLY_ROLES  # noqa: F401  (applies the rule)
from persistent.mapping import PersistentMapping
from plone import api
from zExceptions import Forbidden
from zope.annotation.interfaces import IAnnotations

import logging


logger = logging.getLogger(__name__)

GROUPS_KEY = "kooperation.groups"
AREA_ID = "intern"

# Local roles the network grants to its groups.
NETWORK_ROLES = {
    "members": ("Reader",),
    "editors": ("Editor", "Contributor", "Reviewer"),
    "coordinators": ("Coordinator", "Reader", "Contributor", "Editor", "Reviewer"),
}
# Local roles of a partner's groups: signatories on the network, staff on the internal area.
SIGNATORY_ROLES = ("Signatory",)
ADMIN_ROLES = ("PartnerAdmin",)
# PartnerStaff is what the internal area's workflow maps its permissions to: a role
# nobody holds globally, so a global Reader or Manager sees nothing there.
AREA_ROLES = ("Reader", "Contributor", "Editor", "PartnerStaff")
CASE_ROLES = ("CaseParticipant",)
# Roles that exist only as local roles granted here; never held site-wide (see roles).

NETWORK_GROUP_TITLES = {
    "members": "Mitglieder",
    "editors": "Redaktion",
    "coordinators": "Koordination",
}
PARTNER_GROUP_TITLES = {
    "staff": "Mitarbeitende",
    "signatories": "Zeichnungsberechtigte",
    "admins": "Personalverwaltung",
}


def _set_roles(obj, principal_id, roles):
    """Set a principal's local roles on ``obj`` (none: remove them); log the change."""

    before = set(obj.get_local_roles_for_userid(principal_id))
    after = set(roles)
    if before == after:
        return
    if after:
        obj.manage_setLocalRoles(principal_id, sorted(after))
    else:
        obj.manage_delLocalRoles([principal_id])
    log_event(
        "role_change",
        obj=obj,
        principal=principal_id,
        principal_type="group" if api.group.get(groupname=principal_id) else "user",
        scope="local",
        granted=sorted(after - before),
        revoked=sorted(before - after),
        roles=sorted(after),
    )


def group_ids(obj):
    """The group ids of a network or partner by kind ({} before they exist)."""
    return dict(IAnnotations(obj).get(GROUPS_KEY, {}))


def _ensure_group(group_id, title):
    if api.group.get(groupname=group_id) is None:
        api.group.create(groupname=group_id, title=title)
    return group_id


def _unique(base):
    group_id, n = base, 1
    while api.group.get(groupname=group_id) is not None:
        n += 1
        group_id = f"{base}-{n}"
    return group_id


def setup_network(network):
    """Create the network's groups (once) and grant their local roles."""
    annotations = IAnnotations(network)
    ids = dict(annotations.get(GROUPS_KEY, {}))
    for kind, suffix in NETWORK_GROUP_TITLES.items():
        if kind not in ids or api.group.get(groupname=ids[kind]) is None:
            group_id = ids.get(kind) or _unique(f"{network.getId()}-{kind}")
            ids[kind] = _ensure_group(group_id, f"{network.Title()}: {suffix}")
        _set_roles(network, ids[kind], NETWORK_ROLES[kind])
    annotations[GROUPS_KEY] = ids
    network.reindexObjectSecurity()
    return ids


def setup_partner(partner):
    """Create the partner's groups and internal area; nest staff in the network's members."""
    network = network_of(partner)
    if network is None:
        return {}
    network_ids = group_ids(network) or setup_network(network)
    annotations = IAnnotations(partner)
    ids = dict(annotations.get(GROUPS_KEY, {}))
    for kind, suffix in PARTNER_GROUP_TITLES.items():
        if kind not in ids or api.group.get(groupname=ids[kind]) is None:
            group_id = ids.get(kind) or _unique(f"{network.getId()}-{partner.getId()}-{kind}")
            ids[kind] = _ensure_group(group_id, f"{partner.Title()}: {suffix}")
    annotations[GROUPS_KEY] = ids
    with _syncing():
        _add_to_group(ids["staff"], network_ids["members"])
        _add_to_group(ids["signatories"], ids["staff"])
        _add_to_group(ids["admins"], ids["staff"])
    _set_roles(network, ids["signatories"], SIGNATORY_ROLES)
    _set_roles(partner, ids["admins"], ADMIN_ROLES)
    network.reindexObjectSecurity()
    area = partner.get(AREA_ID)
    if area is None:
        with api.env.adopt_roles(["Manager"]):
            area = api.content.create(
                container=partner,
                type="PartnerArea",
                id=AREA_ID,
                title="Interner Bereich",
                safe_id=False,
            )
    # Only the partner's staff: not even whoever created the partner (its Owner role).
    for principal_id in [pid for pid, _roles in area.get_local_roles() if pid != ids["staff"]]:
        _set_roles(area, principal_id, ())
    _set_roles(area, ids["staff"], AREA_ROLES)
    area.reindexObjectSecurity()
    return ids


def _add_to_group(member_id, group_id):
    """Add a user or a group to a group (nested groups are resolved by Plone)."""
    portal_groups = api.portal.get_tool("portal_groups")
    group = portal_groups.getGroupById(group_id)
    if member_id not in group.getMemberIds():
        portal_groups.addPrincipalToGroup(member_id, group_id)


def _remove_from_group(member_id, group_id):
    portal_groups = api.portal.get_tool("portal_groups")
    group = portal_groups.getGroupById(group_id)
    if group is not None and member_id in group.getMemberIds():
        portal_groups.removePrincipalFromGroup(member_id, group_id)


def remove_groups(obj):
    """Delete the groups of a removed network or partner."""
    for group_id in group_ids(obj).values():
        if api.group.get(groupname=group_id) is not None:
            api.group.delete(groupname=group_id)


# Persons: a portal user belongs to a partner through a Person entry ----------------------------

MEMBERSHIP_KEY = "kooperation.membership"
CONFIRMED_KEY = "kooperation.confirmed"
# Changes of the partner groups' members made while this is raised are the legitimate ones.
_SYNCING = ThreadFlag()


def _syncing():
    return _SYNCING.raised()


def confirmation(person):
    """The partner's last confirmation of ``person`` (a dict; empty: never confirmed)."""
    return dict(IAnnotations(person).get(CONFIRMED_KEY, {}))


def effective_grant(person):
    """What counts of the entry: the part of it that the partner confirmed."""
    record = IAnnotations(person).get(CONFIRMED_KEY)
    return effective(Grant.of(person), Grant.of(record) if record else None)


def pending_fields(person):
    """The fields of the entry that wait for the partner's confirmation."""
    record = IAnnotations(person).get(CONFIRMED_KEY)
    return pending(Grant.of(person), Grant.of(record) if record else None)


def partner_admins(partner):
    """The logins that manage ``partner``'s people, from its confirmed entries."""
    admins = set()
    for person in partner.persons() if IPartner.providedBy(partner) else ():
        grant = effective_grant(person)
        if grant.partner_admin and grant.user_id:
            admins.add(grant.user_id)
    return admins


def _refused(field, message):
    error = KooperationError(field, message)
    error.status = 403
    return error


def check_may_confirm(person, user_id, may_manage_network, evidence):
    """Raise unless ``user_id`` may confirm ``person`` for its partner.

    The partner's admins confirm its people, but nobody their own entry. A partner
    that has no admin yet gets its first people recorded by the network on behalf,
    with the partner's signed nomination as evidence (like a signature on behalf).
    """
    partner = person.__parent__
    own = {(person.user_id or "").strip(), confirmation(person).get("user_id") or ""}
    if user_id in own:
        raise _refused(
            "user_id",
            _(
                "error_confirm_own_entry",
                default="Nobody confirms their own entry: another person of the partner "
                "who manages its people must do it.",
            ),
        )
    admins = partner_admins(partner)
    if user_id in admins:
        return "partner"
    if admins:
        raise _refused(
            "user_id",
            _(
                "error_confirm_not_admin",
                default="Only the people who manage ${partner}'s people confirm who acts for it.",
                mapping={"partner": partner.Title()},
            ),
        )
    if not may_manage_network:
        raise _refused(
            "user_id",
            _(
                "error_confirm_not_allowed",
                default="You may not confirm people for ${partner}.",
                mapping={"partner": partner.Title()},
            ),
        )
    if evidence is None:
        raise KooperationError(
            "evidence",
            _(
                "error_confirm_needs_evidence",
                default="${partner} has nobody yet who manages its people: record the "
                "partner's signed nomination as evidence.",
                mapping={"partner": partner.Title()},
            ),
        )
    return "on_behalf"


def may_confirm(person):
    """The current user may confirm ``person`` (given the evidence the rule may need)."""
    if not api.user.has_permission("kooperation: Confirm partner people", obj=person):
        return False
    user = api.user.get_current()
    network = api.user.has_permission("kooperation: Manage network members", obj=person)
    try:
        check_may_confirm(person, user.getId(), network, evidence=True)
    except KooperationError:
        return False
    return True


def confirm_person(person, by, how="partner", evidence=None, note=""):
    """Record that the partner confirms the entry as it stands now; grant what follows.

    Trusted code (site profiles, upgrades, tests) calls this directly; web requests
    go through ``check_may_confirm`` first.
    """

    grant = Grant.of(person)
    record = PersistentMapping(grant.as_dict())
    record.update(
        confirmed_by=by,
        confirmed_at=datetime.now(),
        how=how,
        evidence=evidence,
        note=(note or "")[:2000],
    )
    IAnnotations(person)[CONFIRMED_KEY] = record
    sync_person(person)
    log_event(
        "person_confirmed",
        obj=person,
        subject=grant.user_id,
        how=how,
        may_sign=grant.may_sign,
        partner_admin=grant.partner_admin,
        evidence=bool(evidence),
    )
    return record


def sync_person(person):
    """Put the person's portal user into the partner's groups, as far as confirmed.

    What was granted is remembered on the person, so that a changed login, a
    revoked authority to sign or a move to another partner takes it back.
    """
    annotations = IAnnotations(person)
    before = {tuple(pair) for pair in annotations.get(MEMBERSHIP_KEY, ())}
    partner = person.__parent__
    wanted = set()
    grant = effective_grant(person)
    user_id = grant.user_id
    if user_id and IPartner.providedBy(partner) and api.user.get(userid=user_id) is not None:
        ids = group_ids(partner) or setup_partner(partner)
        if ids:
            wanted.add((user_id, ids["staff"]))
            if grant.may_sign:
                wanted.add((user_id, ids["signatories"]))
            if grant.partner_admin and "admins" in ids:
                wanted.add((user_id, ids["admins"]))
    with _syncing():
        for member_id, group_id in before - wanted:
            _remove_from_group(member_id, group_id)
        for member_id, group_id in wanted - before:
            _add_to_group(member_id, group_id)
    annotations[MEMBERSHIP_KEY] = sorted(wanted)


def release_person(person):
    """Take back every group membership the person's entry granted."""
    annotations = IAnnotations(person)
    with _syncing():
        for member_id, group_id in annotations.get(MEMBERSHIP_KEY, ()):
            _remove_from_group(member_id, group_id)
    annotations[MEMBERSHIP_KEY] = []


def partner_group_ids():
    """The ids of every partner's groups (they follow the confirmed entries alone)."""
    catalog = api.portal.get_tool("portal_catalog")
    found = set()
    for brain in catalog.unrestrictedSearchResults(portal_type="Partner"):
        found.update(group_ids(brain._unrestrictedGetObject()).values())
    return found


def veto_direct_membership(event):
    """Refuse joining a partner's group other than by a confirmed Person entry.

    A site manager could otherwise add himself to a partner's staff in the users and
    groups control panel (or ``@groups``) and read its internal area.
    """
    if _SYNCING:
        return
    if event.group_id in partner_group_ids():
        raise Forbidden(
            "The members of a partner's groups follow its confirmed Person entries; "
            "ask the partner to confirm the person instead."
        )


# Case notes -------------------------------------------------------------------------------------


def share_case_note(note):
    """Grant CaseParticipant to the staff groups of exactly the named partners."""
    wanted = set()
    for uid in note.partners or ():
        partner = api.content.get(UID=uid)
        if partner is not None and IPartner.providedBy(partner):
            ids = group_ids(partner) or setup_partner(partner)
            if ids:
                wanted.add(ids["staff"])
    for principal_id, roles in list(note.get_local_roles()):
        if "CaseParticipant" in roles and principal_id not in wanted:
            _set_roles(note, principal_id, [r for r in roles if r != "CaseParticipant"])
    for group_id in wanted:
        _set_roles(note, group_id, set(note.get_local_roles_for_userid(group_id)) | set(CASE_ROLES))
    note.reindexObjectSecurity()


# Subscribers ------------------------------------------------------------------------------------


def network_added(network, event):
    setup_network(network)


def partner_added(partner, event):
    setup_partner(partner)


def container_removed(obj, event):
    remove_groups(obj)


def container_copied(obj, event):
    """A copy gets groups of its own, not the original's."""
    IAnnotations(obj).pop(GROUPS_KEY, None)


def _confirm_if_by_partner(person):
    """An entry written by one of the partner's admins is the partner's own decision."""
    if not pending_fields(person):
        return
    user = api.user.get_current()
    user_id = user.getId() if user is not None else None
    try:
        how = check_may_confirm(person, user_id, False, None)
    except KooperationError:
        return
    confirm_person(person, by=user_id, how=how)


def person_changed(person, event):
    _confirm_if_by_partner(person)
    sync_person(person)


def person_moved(person, event):
    """Added, moved to another partner, or removed."""
    if event.newParent is None:
        release_person(person)
        return
    if event.oldParent is None or aq_base(event.oldParent) is not aq_base(event.newParent):
        # New here: another partner's confirmation does not carry over.
        IAnnotations(person).pop(CONFIRMED_KEY, None)
    _confirm_if_by_partner(person)
    sync_person(person)


def person_copied(person, event):
    IAnnotations(person).pop(MEMBERSHIP_KEY, None)
    IAnnotations(person).pop(CONFIRMED_KEY, None)


def case_note_changed(note, event):
    share_case_note(note)
