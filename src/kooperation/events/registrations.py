"""The Zope side of registrations: the pure rules (``kooperation.registration``) applied to
the registration objects of an event, with the seat ledger that makes them safe.

Every write (submit, cancel, approve, check-in, purge) reads the event's registrations,
lets the pure module decide, writes the changed registration objects **and rewrites the
event's ``SeatLedger``**, a plain ``Persistent`` without conflict resolution. Two
concurrent writes to one event therefore both write the ledger: the second commit raises
``ConflictError`` and Zope's publisher retries the request, which decides again on the
committed state (waiting list or refused instead of a seat too many). The registrations
themselves are items in the event's BTree folder, whose inserts *would* merge; that is why
the ledger is needed.

Registration states change only here (the workflow's transitions need
``kooperation: Change registration state``, which this module adopts, and their guard
asks ``writing_now()``: a Manager's toolbar or a plain ``api.content.transition`` is
refused), so the states of the objects and the decisions of the pure module never drift
apart and no cancellation skips the promotion from the waiting list.
"""

from datetime import datetime
from datetime import UTC
from kooperation import registration as rules
from kooperation.events.guard import writing
from kooperation.events.guard import writing_now  # noqa: F401 (the guard asks it)
from kooperation.events.interfaces import IRegistration
from kooperation.events.interfaces import IRegistrationsPurged
from kooperation.events.interfaces import IYouthConference
from persistent import Persistent
from plone import api
from zope.event import notify
from zope.interface import noLongerProvides
from zope.lifecycleevent import ObjectModifiedEvent

import json
import secrets
import uuid


LEDGER = "_kooperation_seat_ledger"
OPEN_STATE = "registration_open"
TRANSITIONS = {
    # (from, to) -> transition of kooperation_registration_workflow
    ("pending", "confirmed"): "confirm",
    ("waiting", "confirmed"): "confirm",
    ("pending", "waiting"): "wait",
    ("waiting", "pending"): "hold",
    ("pending", "cancelled"): "cancel",
    ("confirmed", "cancelled"): "cancel",
    ("waiting", "cancelled"): "cancel",
    ("confirmed", "attended"): "attend",
    ("no_show", "attended"): "attend",
    ("confirmed", "no_show"): "miss",
    ("attended", "no_show"): "miss",
}


class SeatLedger(Persistent):
    """Rewritten by every registration write of its event; deliberately no
    ``_p_resolveConflict``, so concurrent writes conflict instead of merging."""

    def __init__(self):
        self.secret = secrets.token_urlsafe(32)
        self.writes = 0
        self.last = None

    def touch(self, what):
        self.writes += 1
        self.last = what


def ledger(event):
    found = event.__dict__.get(LEDGER)
    if found is None:
        found = SeatLedger()
        setattr(event, LEDGER, found)
    return found


def secret(event):
    return ledger(event).secret


def now_utc():
    return datetime.now(UTC)


def _aware(value):
    """Datetimes of the schema are naive in the portal's time zone; the pure rules need
    them all aware."""
    if value is None:
        return None
    if value.tzinfo is not None:
        return value
    from plone.app.event.base import default_timezone
    from zoneinfo import ZoneInfo

    return value.replace(tzinfo=ZoneInfo(default_timezone(as_tzinfo=False) or "UTC"))


def event_of(obj):
    """The workshop or youth conference a registration belongs to."""
    return obj.aq_parent if IRegistration.providedBy(obj) else obj


def quotas(event):
    """Partner UID -> seats. Reads what the former JSON field stored as well (a dict, or its
    JSON text) and skips entries that are not whole numbers of at least 0."""
    value = getattr(event, "quotas", None) or {}
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            value = {}
    if not isinstance(value, dict):
        return {}
    found = {}
    for partner, seats in value.items():
        try:
            seats = int(seats)
        except (TypeError, ValueError):
            continue
        if partner and seats >= 0:
            found[str(partner)] = seats
    return found


def settings(event):
    """The event's registration settings as a pure ``rules.Event``."""
    youth = IYouthConference.providedBy(event)
    return rules.Event(
        start=_aware(event.start),
        end=_aware(getattr(event, "end", None)),
        capacity=event.capacity or 0,
        waiting_list=event.waiting_list or 0,
        quotas=quotas(event),
        quota_full=getattr(event, "quota_full", None) or "wait",
        opens=_aware(getattr(event, "registration_opens", None)),
        closes=_aware(getattr(event, "registration_closes", None)),
        cancel_until=_aware(getattr(event, "cancel_until", None)),
        approval=bool(getattr(event, "approval", False)),
        min_age_without_consent=(getattr(event, "min_age_without_consent", 16) or 16)
        if youth
        else None,
        retention_days=event.retention_days if event.retention_days is not None else 90,
    )


def objects(event):
    """The registration objects of the event, in the order of submission."""
    found = [obj for obj in event.objectValues() if IRegistration.providedBy(obj)]
    return sorted(found, key=lambda obj: (obj.submitted or datetime.min, obj.getId()))


def brains(event, state=None, partner=None):
    """The catalog entries of the event's registrations in the order of submission,
    filtered by state and partner (``""``: without partner). Unrestricted like
    ``objects``: the callers check ``kooperation: Manage registrations`` first."""
    query = {
        "portal_type": "Registration",
        "path": {"query": "/".join(event.getPhysicalPath()), "depth": 1},
        "sort_on": "registration_order",
    }
    if state:
        query["review_state"] = state
    if partner is not None:
        query["registration_partner"] = partner
    catalog = api.portal.get_tool("portal_catalog")
    return catalog.unrestrictedSearchResults(**query)


def counts_from_brains(event):
    """``counts`` without waking the registrations."""
    return rules.counts(
        tuple(
            rules.Registration(
                id=b.getId,
                email="",
                created=None,
                state=b.review_state,
                partner=b.registration_partner or "",
                position=b.registration_position,
            )
            for b in brains(event)
        )
    )


def as_rule(obj):
    """The pure ``Registration`` of a registration object."""
    return rules.Registration(
        id=obj.getId(),
        email=obj.email or "",
        created=_aware(obj.submitted),
        state=api.content.get_state(obj),
        partner=obj.partner or "",
        position=obj.position,
        awaiting=tuple(obj.awaiting or ()),
        birth_date=obj.birth_date,
        purged=bool(obj.purged),
    )


def current(event):
    return tuple(as_rule(obj) for obj in objects(event))


def _transition(obj, target):
    state = api.content.get_state(obj)
    if state == target:
        return
    with writing(), api.env.adopt_roles(["Manager"]):
        api.content.transition(obj=obj, transition=TRANSITIONS[(state, target)])


def _write_back(event, before, after, what):
    """Make the objects match ``after``; rewrite the ledger; return the changed objects."""
    before = {r.id: r for r in before}
    changed = []
    for new in after:
        old = before.get(new.id)
        if old == new:
            continue
        obj = event[new.id]
        obj.position = new.position
        obj.awaiting = list(new.awaiting)
        if new.purged and not obj.purged:
            _forget(obj, new)
        _transition(obj, new.state)
        obj.reindexObject()
        changed.append(obj)
    ledger(event).touch(what)
    return changed


def _forget(obj, new):
    obj.purged = True
    obj.email = ""
    obj.fullname = ""
    obj.title = ""
    obj.organisation = ""
    obj.birth_date = None
    obj.answers = {}
    obj.submitted = new.created


class Outcome:
    """What a submission came to: the pure decision and the new object (None if refused)."""

    def __init__(self, decision, registration):
        self.decision = decision
        self.registration = registration

    @property
    def state(self):
        return self.decision.outcome


def submit(event, data, now=None, owner=None):
    """Register ``data`` (fullname, email, partner, organisation, birth_date,
    guardian_consent, answers) for ``event``; ``owner``: the user id that may see and
    cancel it. Raises ``rules.RegistrationError`` for bad input."""
    now = now or now_utc()
    registrations = current(event)
    rid = "registration-" + uuid.uuid4().hex[:12]
    submission = rules.Submission(
        id=rid,
        email=data.get("email") or "",
        created=now,
        partner=data.get("partner") or "",
        birth_date=data.get("birth_date"),
        guardian_consent=bool(data.get("guardian_consent")),
    )
    if api.content.get_state(event) != OPEN_STATE:
        rules.normalise_email(submission.email)  # bad input stays bad input
        return Outcome(rules.Decision("refused", "registration_refused_closed"), None)
    decision, after = rules.register(settings(event), registrations, submission, now)
    ledger(event).touch(rid)
    if decision.refused:
        return Outcome(decision, None)
    new = after[-1]
    with api.env.adopt_roles(["Manager"]):
        obj = api.content.create(
            container=event,
            type="Registration",
            id=rid,
            title=data.get("fullname") or new.email,
            fullname=data.get("fullname") or "",
            email=new.email,
            partner=new.partner,
            organisation=data.get("organisation") or "",
            birth_date=new.birth_date,
            guardian_consent=bool(data.get("guardian_consent")),
            position=new.position,
            awaiting=list(new.awaiting),
            submitted=now,
            answers=dict(data.get("answers") or {}),
            safe_id=False,
        )
        _set_owner(obj, owner)
    _transition(obj, new.state)
    obj.reindexObject()
    if IRegistrationsPurged.providedBy(event):
        # registration reopened after the purge: the daily job must look again
        noLongerProvides(event, IRegistrationsPurged)
        event.reindexObject(idxs=["object_provides"])
    return Outcome(decision, obj)


def _set_owner(obj, owner):
    """Only the registrant (if logged in) holds Owner; never the adopted Manager."""
    for principal, roles in obj.get_local_roles():
        if "Owner" in roles:
            obj.manage_delLocalRoles([principal])
    if owner:
        obj.manage_setLocalRoles(owner, ["Owner"])
        user = api.user.get(userid=owner)
        if user is not None:
            obj.changeOwnership(user.getUser(), recursive=False)
    obj.reindexObjectSecurity()


class Transition:
    """A change: the registration, who moved up from the waiting list, all objects changed."""

    def __init__(self, registration, promoted, changed):
        self.registration = registration
        self.promoted = promoted
        self.changed = changed


def _change(obj, change, what):
    event = event_of(obj)
    before = current(event)
    result = change(settings(event), before)
    changed = _write_back(event, before, result.registrations, what)
    promoted = [event[r.id] for r in result.promoted]
    for item in changed:
        notify(ObjectModifiedEvent(item))
    return Transition(obj, promoted, changed)


def cancel(obj, now=None, deadline=True):
    """Cancel; the first on the waiting list moves up. ``deadline=False`` for coordinators."""
    now = now or now_utc()
    return _change(
        obj,
        lambda event, regs: rules.cancel(event, regs, obj.getId(), now, deadline=deadline),
        f"cancel {obj.getId()}",
    )


def approve(obj, what="approval"):
    """Record the coordinators' approval or the guardian's consent."""
    return _change(
        obj,
        lambda event, regs: rules.approve(event, regs, obj.getId(), what),
        f"approve {obj.getId()}",
    )


def check_in(obj, now=None, attended=True):
    now = now or now_utc()
    return _change(
        obj,
        lambda event, regs: rules.check_in(event, regs, obj.getId(), now, attended=attended),
        f"check-in {obj.getId()}",
    )


def purge_due(event, day):
    """Delete the personal data of the event's registrations when the retention has passed;
    states, partners and counts stay. Returns the ids purged."""
    before = current(event)
    purged, after = rules.purge(settings(event), before, day)
    if purged:
        _write_back(event, before, after, "purge")
    return purged


def counts(event):
    return rules.counts(current(event))


def find_by_token(event, registration_id, token):
    """The registration the signed token is for, or None."""
    obj = event.get(registration_id) if isinstance(registration_id, str) else None
    if obj is None or not IRegistration.providedBy(obj) or obj.purged:
        return None
    if not rules.check_token(secret(event), obj.getId(), obj.email, token):
        return None
    return obj


def token_for(obj):
    return rules.make_token(secret(event_of(obj)), obj.getId(), obj.email)


def cancel_url(obj):
    event = event_of(obj)
    return f"{event.absolute_url()}/@@cancel-registration?id={obj.getId()}&token={token_for(obj)}"
