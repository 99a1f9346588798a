"""A person leaves a partner or moves to another: their open duties, and the hand-over.

Seed 003: a coordinator left on 31.10.2018 and her duties had to be handed over.
The person's entry stays (signatures keep name and function); their authority to
sign ends on the day they leave, their contact role and deputyships pass to a
successor, and the memberships their login held are taken back. Other parts of
the product add their own duties (rotation, action items) as IOpenDuties
subscription adapters.
"""

from datetime import date
from kooperation import _
from kooperation.agreements.signatures import signatures
from kooperation.audit import log_event
from kooperation.common.errors import KooperationError
from kooperation.common.network import network_of
from kooperation.interfaces import IPartner
from kooperation.interfaces import IPerson
from kooperation.workspace import group_ids
from plone import api
from zope.component import subscribers
from zope.event import notify
from zope.interface import Interface
from zope.lifecycleevent import ObjectModifiedEvent


class IOpenDuties(Interface):
    """Subscription adapter of a Person: ``duties(today)`` returns a list of duty dicts."""


def _duty(kind, title, url=None, **details):
    return {"kind": kind, "title": title, "url": url, **details}


def open_duties(person, today=None):
    """What the person holds that someone else must take over (JSON-able dicts)."""
    today = today or date.today()
    partner = person.__parent__
    duties = []
    signs = person.may_sign and not (person.signing_until and person.signing_until < today)
    if signs:
        duties.append(
            _duty(
                "signatory",
                _("duty_signatory", default="Entitled to sign for the partner"),
                person.absolute_url(),
                since=person.signing_from.isoformat() if person.signing_from else None,
                until=person.signing_until.isoformat() if person.signing_until else None,
            )
        )
    if person.is_contact:
        duties.append(
            _duty("contact", _("duty_contact", default="Contact person"), person.absolute_url())
        )
    for other in _persons(partner):
        if other.deputy == person.UID() and other.UID() != person.UID():
            duties.append(
                _duty(
                    "deputy",
                    _("duty_deputy", default="Deputy of ${name}", mapping={"name": other.Title()}),
                    other.absolute_url(),
                )
            )
    if signs:
        for agreement in _waiting_for(partner):
            duties.append(
                _duty(
                    "signature_pending",
                    _(
                        "duty_signature_pending",
                        default="Signature missing: ${title}",
                        mapping={"title": agreement.Title()},
                    ),
                    agreement.absolute_url(),
                )
            )
    network = network_of(person)
    user_id = (person.user_id or "").strip()
    if network is not None and user_id:
        for kind, group_id in sorted(group_ids(network).items()):
            if kind == "members":
                continue
            if user_id in _member_ids(group_id):
                duties.append(
                    _duty(
                        "group",
                        _(
                            "duty_group",
                            default="Member of the group ${group}",
                            mapping={"group": _group_title(group_id)},
                        ),
                        group=group_id,
                    )
                )
    for provider in subscribers((person,), IOpenDuties):
        duties.extend(provider.duties(today))
    return duties


def _persons(partner):
    if not IPartner.providedBy(partner):
        return []
    return [obj for obj in partner.objectValues() if IPerson.providedBy(obj)]


def _waiting_for(partner):
    brains = api.content.find(
        portal_type="Agreement", review_state="for_signature", agreement_parties=partner.UID()
    )
    found = []
    for brain in brains:
        agreement = brain.getObject()
        if partner.UID() not in signatures(agreement):
            found.append(agreement)
    return found


def _member_ids(group_id):
    group = api.portal.get_tool("portal_groups").getGroupById(group_id)
    return group.getMemberIds() if group is not None else []


def _group_title(group_id):
    group = api.group.get(groupname=group_id)
    return group.getProperty("title") or group_id if group is not None else group_id


def _successor(person, successor_uid):
    if not successor_uid:
        return None
    successor = api.content.get(UID=successor_uid)
    if (
        successor is None
        or not IPerson.providedBy(successor)
        or successor.__parent__.UID() != person.__parent__.UID()
        or successor.UID() == person.UID()
    ):
        raise KooperationError(
            "successor",
            _(
                "error_successor",
                default="The successor must be another person of the same partner.",
            ),
        )
    return successor


def leave(person, day, successor_uid=None):
    """Record that the person leaves the partner on ``day``; return what was changed."""
    if not isinstance(day, date):
        raise KooperationError(
            "date", _("error_leave_date", default="The day of leaving is missing.")
        )
    if person.signing_from and day < person.signing_from:
        raise KooperationError(
            "date",
            _(
                "error_leave_before_window",
                default="The day of leaving (${date}) lies before the authority to sign "
                "began (${start}).",
                mapping={"date": day, "start": person.signing_from},
            ),
        )
    successor = _successor(person, successor_uid)
    changes = []
    if person.may_sign and not (person.signing_until and person.signing_until <= day):
        person.signing_until = day
        changes.append("signing_until")
    if person.is_contact:
        person.is_contact = False
        changes.append("contact")
        if successor is not None and not successor.is_contact:
            successor.is_contact = True
            notify(ObjectModifiedEvent(successor))
    for other in _persons(person.__parent__):
        if other.deputy == person.UID() and other.UID() != person.UID():
            other.deputy = successor.UID() if successor is not None else None
            notify(ObjectModifiedEvent(other))
            changes.append("deputy")
    user_id = (person.user_id or "").strip()
    network = network_of(person)
    if user_id and network is not None:
        portal_groups = api.portal.get_tool("portal_groups")
        for kind, group_id in group_ids(network).items():
            if kind != "members" and user_id in _member_ids(group_id):
                portal_groups.removePrincipalFromGroup(user_id, group_id)
                changes.append(f"group:{kind}")
    if user_id:
        person.user_id = None
        changes.append("login")
    notify(ObjectModifiedEvent(person))
    _audit("handover_leave", person, subject=user_id or None, day=day.isoformat(), changes=changes)
    return changes


def move(person, partner_uid):
    """Move the person to another partner of the same network; return the moved object."""
    target = api.content.get(UID=partner_uid) if partner_uid else None
    if (
        target is None
        or not IPartner.providedBy(target)
        or _uid(network_of(target)) != _uid(network_of(person))
        or target.UID() == person.__parent__.UID()
    ):
        raise KooperationError(
            "partner",
            _("error_move_target", default="Choose another partner of the same network."),
        )
    source = person.__parent__.Title()
    with api.env.adopt_roles(["Manager"]):
        moved = api.content.move(source=person, target=target)
    _audit("handover_move", moved, source=source, target=target.Title())
    return moved


def _uid(obj):
    return obj.UID() if obj is not None else None


def _audit(action, obj, **details):
    log_event(action, obj=obj, **details)
