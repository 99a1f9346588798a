"""Personal data of a portal user (GDPR Art. 15 and 17): export and deletion.

The export gathers what the portal holds about one user: the account, its groups and
roles, the Person entries that name the user or their e-mail, the signatures they gave
or recorded, the content they created and the audit entries by or about them. For
what is personal by nature, comments and event registrations, the export carries the
content itself (the comment's text and the page it is on, the registration's fields),
not only a path; registrations made under the user's e-mail by someone else count too.

The deletion removes the account, its group memberships and local roles, and blanks
e-mail, phone and login of the Person entries. It keeps what must be kept as evidence:
signature records (they carry the signatory's name and function as text), the audit
log, and the Dublin Core creator of content. The export and the deletion are logged.
"""

from Acquisition import aq_base
from Acquisition import aq_parent
from datetime import date
from datetime import datetime
from itertools import chain
from kooperation.agreements.signatures import signatures
from kooperation.audit import entries as audit_entries
from kooperation.audit import log_event
from kooperation.common.confidential import listed_title
from kooperation.interfaces import ISignable
from kooperation.registrations.ledger import everywhere as all_registrations
from kooperation.workspace.content.person import IPersonSchema
from plone import api
from plone.dexterity.utils import iterSchemata
from plone.uuid.interfaces import IUUID
from zope.event import notify
from zope.lifecycleevent import Attributes
from zope.lifecycleevent import ObjectModifiedEvent
from zope.schema import getFieldsInOrder


PERSON_FIELDS = ("email", "phone", "user_id")
HIDDEN_PROPERTIES = {"portrait"}


def jsonable(value):
    """Plain JSON for member properties and catalog metadata (DateTime, dates, sets)."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if hasattr(value, "ISO8601"):  # Zope DateTime
        return value.ISO8601()
    if isinstance(value, (list, tuple, set, frozenset)):
        return [jsonable(item) for item in value]
    if isinstance(value, dict):
        return {str(key): jsonable(item) for key, item in value.items()}
    return str(value)


def find_user(userid):
    """The member with this id, or None (also for ids that are not text)."""
    if not isinstance(userid, str) or not userid or len(userid) > 200:
        return None
    return api.user.get(userid=userid)


def _catalog(**query):
    return api.portal.get_tool("portal_catalog").unrestrictedSearchResults(**query)


def _ref(obj):
    return {
        "uid": IUUID(obj, None) or "",
        "path": "/".join(obj.getPhysicalPath()),
        "title": listed_title(obj.portal_type, obj.Title()),
        "portal_type": obj.portal_type,
    }


def _account(member):
    tool = api.portal.get_tool("portal_memberdata")
    properties = {}
    for name in tool.propertyIds():
        if name not in HIDDEN_PROPERTIES:
            properties[name] = jsonable(member.getProperty(name, None))
    groups = []
    for group in api.group.get_groups(user=member):
        if group.getId() == "AuthenticatedUsers":
            continue
        groups.append({"id": group.getId(), "title": group.getProperty("title") or ""})
    manager = api.portal.get_tool("acl_users").portal_role_manager
    return {
        "id": member.getId(),
        "login": member.getUserName(),
        "properties": properties,
        "roles": sorted(manager.getRolesForPrincipal(member)),
        "groups": sorted(groups, key=lambda group: group["id"]),
    }


def persons_of(userid, email):
    """Person entries that name the user's login or e-mail."""
    email = (email or "").strip().lower()
    found = []
    for brain in _catalog(portal_type="Person"):
        person = brain._unrestrictedGetObject()
        by_login = (getattr(person, "user_id", None) or "").strip() == userid
        by_email = bool(email) and (getattr(person, "email", None) or "").strip().lower() == email
        if by_login or by_email:
            found.append(person)
    return found


def _person_json(person):
    partner = person.__parent__
    return {
        **_ref(person),
        "partner": partner.Title() if partner is not None else "",
        "position": getattr(person, "position", None) or "",
        **{name: getattr(person, name, None) or "" for name in PERSON_FIELDS},
        "may_sign": bool(getattr(person, "may_sign", False)),
        "signing_from": jsonable(getattr(person, "signing_from", None)),
        "signing_until": jsonable(getattr(person, "signing_until", None)),
    }


def signatures_of(userid, person_uids):
    """(signed object, record, how) for signatures the user gave or recorded."""
    for brain in _catalog(object_provides=ISignable.__identifier__):
        obj = brain._unrestrictedGetObject()
        for record in signatures(obj).values():
            how = []
            if record.signatory in person_uids:
                how.append("signatory")
            if record.recorded_by == userid:
                how.append("recorded_by")
            if how:
                yield obj, record, how


def _local_roles(userid):
    """(object, roles) where the user holds local roles of their own (registrations are
    not in the catalog: they are asked for apart)."""
    portal = api.portal.get()
    brains = _catalog(path="/".join(portal.getPhysicalPath()))
    catalogued = (brain._unrestrictedGetObject() for brain in brains)
    for obj in chain([portal], catalogued, all_registrations()):
        roles = obj.get_local_roles_for_userid(userid)
        if roles:
            yield obj, sorted(roles)


# Types whose content is the user's own data: exported with their fields, not by path.
COMMENT_TYPE = "Discussion Item"
REGISTRATION_TYPE = "Registration"


def _field_value(value):
    raw = getattr(value, "raw", None)  # RichTextValue
    return raw if isinstance(raw, str) else jsonable(value)


def _content(obj):
    """The fields of a comment or registration, as the user would want to read them."""
    if obj.portal_type == COMMENT_TYPE:
        content = aq_parent(aq_parent(obj))  # comment -> conversation -> page
        return {
            "text": obj.text or "",
            "author_name": obj.author_name or "",
            "on": _ref(content) if content is not None else None,
            "in_reply_to": obj.in_reply_to,
        }
    values = {}
    for schema in iterSchemata(obj):
        for name, _field in getFieldsInOrder(schema):
            values[name] = _field_value(getattr(obj, name, None))
    event = aq_parent(obj)
    values["event"] = _ref(event) if event is not None else None
    values["review_state"] = api.content.get_state(obj, default="")
    return values


def _created(userid):
    items = []
    for brain in _catalog(Creator=userid, sort_on="created"):
        item = {
            "uid": brain.UID,
            "path": brain.getPath(),
            "title": listed_title(brain.portal_type, brain.Title),
            "portal_type": brain.portal_type,
            "review_state": brain.review_state or "",
            "created": jsonable(brain.created),
        }
        if brain.portal_type in (COMMENT_TYPE, REGISTRATION_TYPE):
            item["content"] = _content(brain._unrestrictedGetObject())
        items.append(item)
    return items


def registrations_of(userid, email):
    """Registrations the user made or that carry their e-mail, with their fields."""
    email = (email or "").strip().lower()
    found = []
    for obj in sorted(all_registrations(), key=lambda obj: obj.created()):
        mine = email and (getattr(obj, "email", None) or "").strip().lower() == email
        # the stored Dublin Core creators; registrations made in a job have none
        creators = getattr(aq_base(obj), "creators", None) or ()
        if mine or userid in creators:
            found.append({**_ref(obj), "content": _content(obj)})
    return found


def personal_data(member):
    """Everything the portal holds about ``member`` as JSON-able data (not logged)."""
    userid = member.getId()
    persons = persons_of(userid, member.getProperty("email", ""))
    person_uids = {person.UID() for person in persons}
    return {
        "user": _account(member),
        "local_roles": [{**_ref(obj), "roles": roles} for obj, roles in _local_roles(userid)],
        "persons": [_person_json(person) for person in persons],
        "signatures": [
            {"object": _ref(obj), "as": how, **record.as_json(obj.absolute_url())}
            for obj, record, how in signatures_of(userid, person_uids)
        ],
        "content_created": _created(userid),
        "registrations": registrations_of(userid, member.getProperty("email", "")),
        "audit": [entry.as_json() for entry in audit_entries(user=userid)],
    }


def export_personal_data(member, request=None, via=""):
    """personal_data, logged as ``export_personal_data``."""
    data = personal_data(member)
    log_event(
        "export_personal_data",
        request=request,
        subject=member.getId(),
        via=via,
        **{
            name: len(data[name])
            for name in ("persons", "signatures", "content_created", "registrations")
        },
    )
    return data


def delete_personal_data(member, request=None):
    """Remove the account and what identifies the user; keep the evidence. Logged.

    Callers check who may do this; the work itself runs with the Manager role, because
    Site Administrators lack "Manage users" on acl_users and rights on every object.
    """
    with api.env.adopt_roles(["Manager"]):
        summary = _delete(member)
    log_event("delete_personal_data", request=request, subject=member.getId(), **summary)
    return summary


def _delete(member):
    userid = member.getId()
    persons = persons_of(userid, member.getProperty("email", ""))
    person_uids = {person.UID() for person in persons}
    kept_signatures = sum(1 for _ in signatures_of(userid, person_uids))

    portal_groups = api.portal.get_tool("portal_groups")
    groups = []
    for group in api.group.get_groups(user=member):
        if group.getId() != "AuthenticatedUsers":
            portal_groups.removePrincipalFromGroup(userid, group.getId())
            groups.append(group.getId())

    blanked = []
    for person in persons:
        for name in PERSON_FIELDS:
            setattr(person, name, None)
        person.reindexObject()
        # Lets the network workspace take back what the entry granted.
        notify(ObjectModifiedEvent(person, Attributes(IPersonSchema, *PERSON_FIELDS)))
        blanked.append("/".join(person.getPhysicalPath()))

    local = []
    for obj, _roles in list(_local_roles(userid)):
        obj.manage_delLocalRoles([userid])
        obj.reindexObjectSecurity()
        local.append("/".join(obj.getPhysicalPath()))

    # Local roles are gone already (no second walk over the site); content stays.
    api.portal.get_tool("portal_membership").deleteMembers(
        (userid,), delete_memberareas=0, delete_localroles=0
    )
    return {
        "groups_removed": sorted(groups),
        "persons_blanked": blanked,
        "local_roles_removed": local,
        "signatures_kept": kept_signatures,
        "content_created_kept": len(_created(userid)),
    }
