"""Network workspaces: the groups of a network and of its partners, and their local roles.

Every network gets groups for its members, editors and coordinators; every partner
a staff group (nested in the network's members) and a signatories group. Roles are
granted once, as local roles on the network and on the partner's internal area, so
that the workflows' permission maps decide everything else. Portal users join a
partner through a Person entry with their login (``user_id``).
"""

from kooperation.interfaces import IPartner
from kooperation.vocabularies import find_network
from plone import api
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
AREA_ROLES = ("Reader", "Contributor", "Editor")
CASE_ROLES = ("CaseParticipant",)

NETWORK_GROUP_TITLES = {
    "members": "Mitglieder",
    "editors": "Redaktion",
    "coordinators": "Koordination",
}
PARTNER_GROUP_TITLES = {"staff": "Mitarbeitende", "signatories": "Zeichnungsberechtigte"}


def _set_roles(obj, principal_id, roles):
    """Set a principal's local roles on ``obj`` (none: remove them); log the change."""
    from kooperation.audit import log_event

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
    network = find_network(partner)
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
    _add_to_group(ids["staff"], network_ids["members"])
    _add_to_group(ids["signatories"], ids["staff"])
    _set_roles(network, ids["signatories"], SIGNATORY_ROLES)
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


def sync_person(person):
    """Put the person's portal user into the partner's staff (and signatories) group.

    What was granted is remembered on the person, so that a changed login, a
    revoked authority to sign or a move to another partner takes it back.
    """
    annotations = IAnnotations(person)
    before = set(annotations.get(MEMBERSHIP_KEY, ()))
    partner = person.__parent__
    wanted = set()
    user_id = (person.user_id or "").strip()
    if user_id and IPartner.providedBy(partner) and api.user.get(userid=user_id) is not None:
        ids = group_ids(partner) or setup_partner(partner)
        if ids:
            wanted.add((user_id, ids["staff"]))
            if person.may_sign:
                wanted.add((user_id, ids["signatories"]))
    for member_id, group_id in before - wanted:
        _remove_from_group(member_id, group_id)
    for member_id, group_id in wanted - before:
        _add_to_group(member_id, group_id)
    annotations[MEMBERSHIP_KEY] = sorted(wanted)


def release_person(person):
    """Take back every group membership the person's entry granted."""
    annotations = IAnnotations(person)
    for member_id, group_id in annotations.get(MEMBERSHIP_KEY, ()):
        _remove_from_group(member_id, group_id)
    annotations[MEMBERSHIP_KEY] = []


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


def person_changed(person, event):
    sync_person(person)


def person_moved(person, event):
    """Added, moved to another partner, or removed."""
    if event.newParent is None:
        release_person(person)
    else:
        sync_person(person)


def person_copied(person, event):
    IAnnotations(person).pop(MEMBERSHIP_KEY, None)


def case_note_changed(note, event):
    share_case_note(note)
