"""The audit trail: who did what, on which object, when, from which address.

Others call ``log_event``; managers read the log through ``@@audit-log`` and ``@audit-log``.
The log lives in an annotation of the site (see ``kooperation.audit.log``).

Plone fires no event when roles are granted through plone.api or the users control panel,
so role changes made in code go through ``grant_roles``/``revoke_roles`` here. Group
membership needs no wrapper: PluggableAuthService fires PrincipalAddedToGroup/-Removed.
"""

from kooperation import logger
from kooperation.audit.log import AuditLog
from kooperation.common.confidential import listed_title
from plone import api
from plone.api.exc import CannotGetPortalError
from plone.uuid.interfaces import IUUID
from zope.annotation.interfaces import IAnnotations
from zope.globalrequest import getRequest


ANNOTATION_KEY = "kooperation.audit"
ANONYMOUS = "Anonymous User"


def get_log(portal=None, create=False):
    """The site's AuditLog; None while nothing was logged (unless ``create``)."""
    if portal is None:
        portal = api.portal.get()
    annotations = IAnnotations(portal)
    log = annotations.get(ANNOTATION_KEY)
    if log is None and create:
        log = annotations[ANNOTATION_KEY] = AuditLog()
    return log


def _actor():
    user = api.user.get_current()
    user_id = user.getId() if user is not None else None
    if not user_id:
        return ANONYMOUS, ""
    member = api.user.get(userid=user_id)  # the users of the Zope root have no member data
    name = (member.getProperty("fullname", "") or "") if member is not None else ""
    return user_id, name or user.getUserName()


def _address(request):
    environ = getattr(request, "environ", None) or {}
    address = environ.get("REMOTE_ADDR") or ""
    forwarded = ""
    if request is not None and hasattr(request, "getHeader"):
        forwarded = request.getHeader("X-Forwarded-For") or ""
    return address, forwarded


def describe(obj):
    """uid, path, title and portal_type of ``obj`` for an entry."""
    if obj is None:
        return {}
    title = getattr(obj, "Title", None)
    portal_type = getattr(obj, "portal_type", "") or ""
    return {
        "uid": IUUID(obj, None) or "",
        "path": "/".join(obj.getPhysicalPath()),
        "title": listed_title(portal_type, title() if callable(title) else (title or "")),
        "portal_type": portal_type,
    }


def log_event(action, obj=None, request=None, subject=None, **details):
    """Append an entry for ``action`` on ``obj`` by the current user; return it.

    ``subject``: the user id the entry is about (e.g. the member added to a group), so
    that a user's personal-data export finds it. ``details``: a small JSON-able dict.
    Outside a site (no portal) nothing is logged and None is returned.
    """
    try:
        portal = api.portal.get()
    except CannotGetPortalError:
        logger.warning("Audit event %s outside a site is not logged.", action)
        return None
    request = request if request is not None else getRequest()
    user_id, user_name = _actor()
    address, forwarded = _address(request)
    return get_log(portal, create=True).append(
        action,
        user_id=user_id,
        user_name=user_name,
        subject=subject or "",
        address=address,
        forwarded_for=forwarded,
        details=details,
        **describe(obj),
    )


def query(start=0, size=25, **filters):
    """(total, entries) newest first; filters as ``AuditLog.search``."""
    log = get_log()
    if log is None:
        return 0, []
    return log.query(start=start, size=size, **filters)


def entries(**filters):
    """All matching entries, newest first."""
    log = get_log()
    return iter(()) if log is None else log.entries(**filters)


def local_roles(obj):
    """{principal: sorted roles} set on ``obj`` itself."""
    return {principal: sorted(roles) for principal, roles in (obj.get_local_roles() or ()) if roles}


def _principal_roles(obj, username, groupname):
    if obj is not None:
        return set(obj.get_local_roles_for_userid(username or groupname))
    # Only the roles assigned to the principal itself, not those it gets from groups.
    principal = api.user.get(username=username) if username else api.group.get(groupname)
    if principal is None:
        raise ValueError(f"Unknown principal {username or groupname!r}.")
    manager = api.portal.get_tool("acl_users").portal_role_manager
    return set(manager.getRolesForPrincipal(principal))


def _change_roles(grant, roles, obj, username, groupname):
    if bool(username) == bool(groupname):
        raise ValueError("Name either a user or a group.")
    roles = sorted(set(roles))
    before = _principal_roles(obj, username, groupname)
    if grant:
        changer = api.user.grant_roles if username else api.group.grant_roles
    else:
        changer = api.user.revoke_roles if username else api.group.revoke_roles
    if username:
        changer(username=username, roles=roles, obj=obj)
    else:
        changer(groupname=groupname, roles=roles, obj=obj)
    after = _principal_roles(obj, username, groupname)
    if obj is not None:
        obj.reindexObjectSecurity()
    if before == after:
        return None
    details = {
        "principal": username or groupname,
        "principal_type": "user" if username else "group",
        "scope": "local" if obj is not None else "global",
        "granted": sorted(after - before),
        "revoked": sorted(before - after),
        "roles": sorted(after),
    }
    if obj is not None:
        details["local_roles"] = local_roles(obj)
    return log_event("role_change", obj=obj, subject=username, **details)


def grant_roles(roles, obj=None, username=None, groupname=None):
    """plone.api's grant_roles for a user or group, logged (and security reindexed)."""
    return _change_roles(True, roles, obj, username, groupname)


def revoke_roles(roles, obj=None, username=None, groupname=None):
    """plone.api's revoke_roles for a user or group, logged (and security reindexed)."""
    return _change_roles(False, roles, obj, username, groupname)
