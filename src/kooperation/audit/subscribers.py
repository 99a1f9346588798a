"""Event subscribers that write the audit trail."""

from Acquisition import aq_base
from kooperation.audit import get_log
from kooperation.audit import local_roles
from kooperation.audit import log_event
from plone import api


MAX_COMMENT_CHARS = 500
# Set (volatile) on an object while the product gives it its first state as part of its
# creation; that transition is the creation itself, not an action to log.
CREATING = "_v_kooperation_creating"


def transition(obj, event):
    """Every workflow transition (publication included): ``transition:<id>``, but not the
    first state of a registration as it is submitted: a rush of registrations would all
    append to the one log, and the registration records its submission itself."""
    if getattr(aq_base(obj), CREATING, False):
        return
    workflow = event.workflow
    details = {
        "transition": event.action,
        "workflow": workflow.getId() if workflow is not None else "",
        "review_state": api.content.get_state(obj, default=""),
    }
    history = getattr(obj, "workflow_history", {}).get(details["workflow"]) or ()
    if history and history[-1].get("comments"):
        details["comment"] = str(history[-1]["comments"])[:MAX_COMMENT_CHARS]
    log_event(f"transition:{event.action}", obj=obj, **details)


def signature(obj, event):
    """``sign`` or ``sign_on_behalf``; the entry is about the signatory's portal user."""
    record = event.record
    person = api.content.get(UID=record.signatory) if record.signatory else None
    evidence = record.evidence
    log_event(
        "sign_on_behalf" if record.on_behalf else "sign",
        obj=obj,
        subject=getattr(person, "user_id", None) or None,
        party=record.party,
        party_title=record.party_title,
        signatory=record.signatory,
        signatory_name=record.signatory_name,
        function=record.function,
        place=record.place,
        date=record.date.isoformat(),
        on_behalf=record.on_behalf,
        evidence=evidence.filename if evidence is not None else None,
        qes_reference=record.qes_reference or None,
        form=getattr(record, "form", "written"),
        signed_at=record.signed_at.isoformat() if getattr(record, "signed_at", None) else None,
        validation=dict(record.validation) if getattr(record, "validation", None) else None,
    )


def _previous_local_roles(path):
    log = get_log()
    if log is None:
        return None
    for entry in log.entries(action="role_change", path=path):
        if entry.path == path and "local_roles" in entry.details:
            return entry.details["local_roles"]
    return None


def _diff(before, after):
    granted, revoked = {}, {}
    for principal in sorted(set(before) | set(after)):
        old, new = set(before.get(principal, ())), set(after.get(principal, ()))
        if new - old:
            granted[principal] = sorted(new - old)
        if old - new:
            revoked[principal] = sorted(old - new)
    return granted, revoked


def local_roles_modified(obj, event):
    """Sharing (Classic UI ``@@sharing`` and REST ``@sharing``): ``role_change``.

    The event does not say what changed, so the entry keeps the local roles after the
    change and, when an earlier entry knows them, what was granted and revoked.
    """
    after = local_roles(obj)
    path = "/".join(obj.getPhysicalPath())
    before = _previous_local_roles(path)
    details = {
        "scope": "local",
        "local_roles": after,
        "inherit": not getattr(obj, "__ac_local_roles_block__", False),
    }
    if before is not None:
        details["granted"], details["revoked"] = _diff(before, after)
    log_event("role_change", obj=obj, **details)


def _group_title(group_id):
    group = api.group.get(groupname=group_id)
    return (group.getProperty("title") or "") if group is not None else ""


def added_to_group(event):
    log_event(
        "group_membership",
        subject=event.principal,
        change="added",
        principal=event.principal,
        group=event.group_id,
        group_title=_group_title(event.group_id),
    )


def removed_from_group(event):
    log_event(
        "group_membership",
        subject=event.principal,
        change="removed",
        principal=event.principal,
        group=event.group_id,
        group_title=_group_title(event.group_id),
    )
