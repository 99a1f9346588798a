"""The Zope side of registrations: the pure rules (``kooperation.registrations.rules``) applied to
the registration objects of an event, with the seat ledger that makes them safe.

A new registration is decided on the ledger's claims, not on the registration objects
(``rules.decide_on`` with a ``Tally``), and writes only what it takes:

* a seat: key k (a free number below ``capacity``, picked at random) of ``ledger.seats``;
* a quota seat (if its partner has a quota): key (partner, k) of ``ledger.quota_seats``;
* its e-mail address: key of ``ledger.emails``;
* or, on the waiting list, the end of ``ledger.waiting`` (a list without conflict
  resolution: the place is exact and in the order of the commits).

The claims are BTrees whose conflict resolution merges inserts of different keys. So two
registrations that take different seats commit side by side (on two instances too), and
two that want the same seat, e-mail address or waiting place conflict; Zope retries the
loser (``max-conflict-retries`` in zope.conf), which decides again on the committed state.
A seat too many cannot commit: there are only ``capacity`` seat numbers. The new
registration object goes into the event's unordered BTree folder without the "container
modified" notification, which would rewrite the event on every registration, and not into
the portal catalog (see ``content.registration.Registration``): listings and counts read
the event's registrations (``listed``, ``counts``), the event's page the claims
(``figures``).

Cancellations, approvals, check-ins and purges read all registrations, let the pure
module decide and write back the changed objects and their claims (a promotion moves a
waiting registration to the released seat); a cancellation rewrites the waiting list, so
it conflicts with a concurrent join of the waiting list rather than miscounting it.

Registration states change only here (the workflow's transitions need
``kooperation: Change registration state``, which this module adopts, and their guard
asks ``writing_now()``: a Manager's toolbar or a plain ``api.content.transition`` is
refused), so the states of the objects, the claims and the decisions of the pure module
never drift apart and no cancellation skips the promotion from the waiting list.
"""

from Acquisition import aq_base
from BTrees.IOBTree import IOBTree
from datetime import datetime
from datetime import UTC
from kooperation.audit.subscribers import CREATING
from kooperation.common.eventdates import aware
from kooperation.registrations import rules
from kooperation.registrations.btrees import WideOOBTree
from kooperation.registrations.guard import writing
from kooperation.registrations.guard import writing_now  # noqa: F401 (the guard asks it)
from kooperation.registrations.interfaces import IRegistration
from kooperation.registrations.interfaces import IRegistrationEvent
from kooperation.registrations.interfaces import IRegistrationsPurged
from kooperation.registrations.interfaces import IYouthConference
from OFS.event import ObjectWillBeAddedEvent
from persistent import Persistent
from persistent.list import PersistentList
from plone import api
from plone.dexterity.utils import createContent
from zope.event import notify
from zope.interface import noLongerProvides
from zope.lifecycleevent import ObjectAddedEvent
from zope.lifecycleevent import ObjectModifiedEvent

import json
import random
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


FREE = ""


class SeatLedger(Persistent):
    """The event's claims (see the module's docstring) and its token secret. The ledger
    itself is written only when it is created; the registrations write its BTrees."""

    def __init__(self):
        self.secret = secrets.token_urlsafe(32)
        self._claims()

    def _claims(self):
        self.seats = IOBTree()  # seat number -> registration id, FREE while nobody holds it
        self.quota_seats = WideOOBTree()  # (partner, number) -> registration id
        self.emails = WideOOBTree()  # normalised e-mail address -> registration id
        self.waiting = PersistentList()  # registration ids in the order of the list

    @property
    def ready(self):
        return getattr(self, "seats", None) is not None

    def provide(self, capacity):
        """Seat numbers 0..capacity-1 exist before anyone takes one: taking a seat then
        changes a value and never splits a bucket, which would conflict with every
        registration committed beside it."""
        for number in range(min(capacity, rules.MAX_SEATS)):
            if number not in self.seats:
                self.seats[number] = FREE

    def seats_held(self):
        return sum(1 for holder in self.seats.values() if holder)

    def tally(self, partner):
        return rules.Tally(
            seats=self.seats_held(),
            partners={partner: self.quota_held(partner)},
            waiting=len(self.waiting),
            registered=self.emails,
        )

    def quota_held(self, partner):
        return len(self._quota_keys(partner))

    def _quota_keys(self, partner):
        return self.quota_seats.keys(min=(partner, 0), max=(partner, 2**31))

    def take_seat(self, settings, registration):
        """Claim a free seat (and quota seat) for ``registration`` (a ``rules.Registration``)."""
        free = [n for n, holder in self.seats.items() if not holder and n < settings.capacity]
        if not free:
            self.provide(settings.capacity)
            free = [n for n, holder in self.seats.items() if not holder]
        # at random, so registrations at the same moment rarely want the same number; one
        # above the others when the rules let someone in beyond the seat numbers
        number = random.choice(free) if free else max(self.seats.keys(), default=-1) + 1
        self.seats[number] = registration.id
        partner = registration.partner
        if partner in settings.quotas:
            taken = {number for _partner, number in self._quota_keys(partner)}
            quota = min(settings.quotas[partner], rules.MAX_SEATS)
            free = [n for n in range(quota) if n not in taken]
            number = random.choice(free) if free else max(taken, default=-1) + 1
            self.quota_seats[(partner, number)] = registration.id

    def release_seat(self, registration_id):
        for number in [n for n, holder in self.seats.items() if holder == registration_id]:
            self.seats[number] = FREE
        for key in [k for k, v in self.quota_seats.items() if v == registration_id]:
            del self.quota_seats[key]

    def hold_email(self, registration):
        try:
            key = rules.normalise_email(registration.email)
        except rules.RegistrationError:
            return  # an imported registration without an address: nothing to compare
        self.emails[key] = registration.id

    def release_email(self, registration_id):
        for key in [k for k, v in self.emails.items() if v == registration_id]:
            del self.emails[key]

    def claim(self, settings, registration):
        """All claims of a new (or re-read) registration."""
        if registration.state == "cancelled":
            return
        if not registration.purged:
            self.hold_email(registration)
        if registration.state in rules.SEAT_STATES:
            self.take_seat(settings, registration)
        elif registration.state == "waiting":
            self.waiting.append(registration.id)


def ledger(event):
    """The event's seat ledger with its claims; built from the registrations the first
    time (events from before the claims, or whose ledger was lost)."""
    found = getattr(aq_base(event), LEDGER, None)
    if found is None:
        found = SeatLedger()
        setattr(event, LEDGER, found)
        _rebuild(event, found)
    elif not found.ready:
        found._claims()
        _rebuild(event, found)
    return found


def _rebuild(event, book):
    config = settings(event)
    book.provide(config.capacity)
    registrations = current(event)
    for registration in sorted(registrations, key=_waiting_first_in_order):
        book.claim(config, registration)


def _waiting_first_in_order(registration):
    return (registration.position or 0, registration.id)


def open_ledger(event, _added):
    """The ledger and its seat numbers exist before the first registration, so a rush
    does not begin with every request creating them."""
    ledger(event)


def provide_seats(event, _modified):
    """A raised capacity gets its seat numbers when it is saved, not in the rush (claims
    to be made again get them then)."""
    book = getattr(aq_base(event), LEDGER, None)
    if event.capacity and book is not None and book.ready:
        book.provide(event.capacity)


def claims_of_added(obj, added):
    """A registration added other than by ``submit`` (an import, a copied registration, a
    test's fixture) holds no claims: the claims are made again from the registrations
    the next time they are needed."""
    book = getattr(aq_base(added.newParent), LEDGER, None)
    if book is None or not book.ready:
        return
    try:
        claimed = book.emails.get(rules.normalise_email(obj.email)) == obj.getId()
    except rules.RegistrationError:
        claimed = False
    if not claimed:
        book.seats = None


def release_removed(obj, removed):
    """A registration deleted in the contents view gives its seat, address and waiting
    place back (the next cancellation renumbers the waiting list)."""
    book = getattr(aq_base(removed.oldParent), LEDGER, None)
    if book is None or not book.ready:
        return
    rid = removed.oldName
    book.release_seat(rid)
    book.release_email(rid)
    if rid in book.waiting:
        book.waiting.remove(rid)


def not_adapted(obj):
    """No key reference and no link retriever for a registration, so five.intid and link
    integrity give it no integer id: nothing relates to a registration and it holds no
    links, and the intid utility's tree of key references (ordered by object id, so every
    new object lands in its last bucket) was where registrations at the same moment still
    collided."""
    return None


def secret(event):
    return ledger(event).secret


def now_utc():
    return datetime.now(UTC)


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
        start=aware(event.start),
        end=aware(getattr(event, "end", None)),
        capacity=event.capacity or 0,
        waiting_list=event.waiting_list or 0,
        quotas=quotas(event),
        quota_full=getattr(event, "quota_full", None) or "wait",
        opens=aware(getattr(event, "registration_opens", None)),
        closes=aware(getattr(event, "registration_closes", None)),
        cancel_until=aware(getattr(event, "cancel_until", None)),
        approval=bool(getattr(event, "approval", False)),
        min_age_without_consent=(getattr(event, "min_age_without_consent", 16) or 16)
        if youth
        else None,
        retention_days=event.retention_days if event.retention_days is not None else 90,
    )


def objects(event):
    """The registration objects of the event, in the order of submission."""
    found = [obj for obj in event.objectValues() if IRegistration.providedBy(obj)]
    earliest = datetime.min.replace(tzinfo=UTC)
    return sorted(found, key=lambda obj: (aware(obj.submitted) or earliest, obj.getId()))


def listed(event, state=None, partner=None):
    """The registration objects of the event in the order of submission, filtered by
    state and partner (``""``: without partner). Unrestricted like ``objects``: the
    callers check ``kooperation: Manage registrations`` first."""
    return select(objects(event), state, partner)


def select(found, state=None, partner=None):
    """The registration objects of ``found`` in the state and of the partner asked for."""
    if state:
        found = [obj for obj in found if api.content.get_state(obj) == state]
    if partner is not None:
        found = [obj for obj in found if (obj.partner or "") == partner]
    return found


def figures(event):
    """(seats taken, places taken on the waiting list) for the event's page and its
    settings, read off the ledger's claims: a page seen by everybody in a rush wakes no
    registration. Counted from the registrations where the claims are not made yet (a
    read must not write them)."""
    book = getattr(aq_base(event), LEDGER, None)
    if book is not None and book.ready:
        return book.seats_held(), len(book.waiting)
    found = current(event)
    return rules.seats_taken(found), len(rules.waiting(found))


def events(**query):
    """The workshops and youth conferences of the portal (unrestricted; ``query``
    narrows the catalog search)."""
    catalog = api.portal.get_tool("portal_catalog")
    for brain in catalog.unrestrictedSearchResults(
        object_provides=IRegistrationEvent.__identifier__, **query
    ):
        yield brain._unrestrictedGetObject()


def everywhere(**query):
    """The registrations of every event (of ``events(**query)``), in their events' order
    of submission. Registrations are not in the catalog: this is how site-wide tasks
    (the user's own registrations, a personal data export) find them."""
    for event in events(**query):
        yield from objects(event)


def owned_by(userid, event):
    """The registrations of ``event`` whose registrant is ``userid`` (the local Owner)."""
    return [
        obj for obj in objects(event) if "Owner" in (obj.get_local_roles_for_userid(userid) or ())
    ]


def as_rule(obj):
    """The pure ``Registration`` of a registration object."""
    return rules.Registration(
        id=obj.getId(),
        email=obj.email or "",
        created=aware(obj.submitted),
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


def _write_back(event, before, after):
    """Make the objects and the ledger's claims match ``after``; return the changed objects."""
    before = {r.id: r for r in before}
    book = ledger(event)
    config = settings(event)
    changed = []
    moved = []
    for new in after:
        old = before.get(new.id)
        if old == new:
            continue
        obj = event[new.id]
        obj.position = new.position
        obj.awaiting = list(new.awaiting)
        if new.purged and not obj.purged:
            _forget(obj, new)
        if new.state == "cancelled" or new.purged:
            book.release_email(new.id)
        if old.state in rules.SEAT_STATES and new.state not in rules.SEAT_STATES:
            book.release_seat(new.id)
        elif new.state in rules.SEAT_STATES and old.state not in rules.SEAT_STATES:
            moved.append(new)
        _transition(obj, new.state)
        changed.append(obj)
    for new in moved:  # after the releases: a promoted registration takes the freed seat
        book.take_seat(config, new)
    order = [r.id for r in rules.waiting(after)]
    if list(book.waiting) != order:
        book.waiting[:] = order
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
    config = settings(event)
    book = ledger(event)
    decision = rules.decide_on(config, book.tally(submission.partner), submission, now)
    if decision.refused:
        return Outcome(decision, None)
    new = rules.Registration(
        id=rid,
        email=submission.email.strip(),
        created=now,
        state=decision.outcome,
        partner=submission.partner,
        position=decision.position,
        awaiting=decision.awaiting,
        birth_date=submission.birth_date,
    )
    book.claim(config, new)
    with api.env.adopt_roles(["Manager"]):
        obj = _add(
            event,
            rid,
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
        )
        _set_owner(obj, owner)
        setattr(obj, CREATING, True)
        try:
            _transition(obj, new.state)
        finally:
            delattr(obj, CREATING)
    if IRegistrationsPurged.providedBy(event):
        # registration reopened after the purge: the daily job must look again
        noLongerProvides(event, IRegistrationsPurged)
        event.reindexObject(idxs=["object_provides"])
    return Outcome(decision, obj)


def _add(event, rid, **fields):
    """Add a registration with the events of an addition (workflow, UID, audit) but
    without ``notifyContainerModified``: that would reindex the event and set its
    modification date, so every two registrations would conflict on the event itself."""
    obj = createContent("Registration", id=rid, **fields)
    notify(ObjectWillBeAddedEvent(obj, event, rid))
    event._setObject(rid, obj, suppress_events=True)
    obj = event._getOb(rid)
    notify(ObjectAddedEvent(obj, event, rid))
    return obj


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


class Transition:
    """A change: the registration, who moved up from the waiting list, all objects changed."""

    def __init__(self, registration, promoted, changed):
        self.registration = registration
        self.promoted = promoted
        self.changed = changed


def _change(obj, change):
    event = event_of(obj)
    before = current(event)
    result = change(settings(event), before)
    changed = _write_back(event, before, result.registrations)
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
    )


def approve(obj, what="approval"):
    """Record the coordinators' approval or the guardian's consent."""
    return _change(
        obj,
        lambda event, regs: rules.approve(event, regs, obj.getId(), what),
    )


def check_in(obj, now=None, attended=True):
    now = now or now_utc()
    return _change(
        obj,
        lambda event, regs: rules.check_in(event, regs, obj.getId(), now, attended=attended),
    )


def purge_due(event, day):
    """Delete the personal data of the event's registrations when the retention has passed;
    states, partners and counts stay. Returns the ids purged."""
    before = current(event)
    purged, after = rules.purge(settings(event), before, day)
    if purged:
        _write_back(event, before, after)
    return purged


def counts(event, found=None):
    """Registrations per state and partner; ``found``: the event's registration objects,
    when the caller has them already (else they are woken here)."""
    found = objects(event) if found is None else found
    return rules.counts(tuple(as_rule(obj) for obj in found))


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
