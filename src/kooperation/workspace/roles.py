"""Local-only roles are never held site-wide.

PartnerAdmin, PartnerStaff and CaseParticipant open a partner's people, its internal
area and its case notes. The workspace grants them only as local roles, to the groups
that follow the partner's confirmed Person entries. Plone's role manager would let a
site manager give them to anybody site-wide in the users control panel (it adds every
portal role to its list on demand), and such a global role would open every case note.
So the role manager never answers them for a principal: a site-wide assignment of
these roles has no effect.
"""

from Products.PlonePAS.plugins.role import GroupAwareRoleManager


LOCAL_ONLY_ROLES = frozenset(("PartnerAdmin", "PartnerStaff", "CaseParticipant"))

_roles_for_principal = GroupAwareRoleManager.getRolesForPrincipal


def getRolesForPrincipal(self, principal, request=None):
    return tuple(
        role
        for role in _roles_for_principal(self, principal, request)
        if role not in LOCAL_ONLY_ROLES
    )


GroupAwareRoleManager.getRolesForPrincipal = getRolesForPrincipal
