"""Registrations for the annual workshop and the youth conference, without Zope.

Pure Python so the rules that keep an event from overbooking can be read and tested on
their own. The Zope side (event types, easyform action, REST service, mails) builds an
``Event`` from the event's settings and the ``Registration``s from its registration
objects, calls ``register``/``cancel``/``approve``/``check_in`` and writes back what changed.

Seats and the waiting list
--------------------------
* A seat is held by a registration that is confirmed, pending (Zur Prüfung: it waits for
  approval or for a guardian's consent, and its seat is kept so that approving it can never
  overbook), attended or no_show. Never more seats are held than ``capacity``.
* A submission with a free seat (and room in its partner's quota) is confirmed, or pending
  when it awaits approval or consent. Without one it goes to the waiting list while that has
  room (position n); otherwise it is refused as "full". A reached partner quota puts it on the
  waiting list or refuses it ("quota"), as ``Event.quota_full`` says.
* A cancellation frees a seat: the first on the waiting list whose partner still has quota room
  moves up (confirmed, or pending if it awaits approval/consent); positions are renumbered
  1..n without gaps. ``cancel`` returns who moved up so the caller can tell them by mail.
* The same e-mail address (trimmed, case-insensitive) cannot register twice for an event while
  its registration is not cancelled: the second submission is refused as "duplicate".

Concurrency (what the Zope side must do)
----------------------------------------
``register`` decides on the registrations it is given, ``decide_on`` on a ``Tally`` of
them: seats held (in all and by the submitting partner), places taken on the waiting list
and the e-mail addresses registered. Two transactions that read the same state both see
the last free seat. If their writes merge (a ``BTrees.Length`` counter, inserts into one
BTree that conflict resolution combines), both commit and the event is overbooked
(``tests/registrations/test_registrations_rules_concurrency.py`` shows it). The Zope side therefore
keeps the tally in *claims* that two writes share only when they compete for the same
thing: seat number k of ``capacity``, quota seat k of a partner, the e-mail address, the
next place on the waiting list. Two registrations that take different seats write
different keys and both commit; two that want the same seat, address or waiting place
write the same key or list, the second raises ``ConflictError``, and Zope's retry decides
again on the committed state (another seat, the waiting list, refused).

Age (youth conference)
----------------------
Age is counted at the event's start day the German way: the day of birth counts (§ 187 (2)
sentence 2 BGB), so a year of life ends with the day before the birthday and one is 16 from
the start of the 16th birthday. Someone born on 29 February has no such day in a common year;
the year then ends with the last day of February (§ 188 (3) BGB) and they are 16 from 1 March.
Under ``Event.min_age_without_consent`` (16: Art. 8 GDPR, Germany kept that age) a
registration without a guardian's consent stays pending until ``approve(..., "consent")``.
"""

from dataclasses import dataclass
from dataclasses import field
from dataclasses import replace
from datetime import date
from datetime import datetime
from datetime import timedelta
from kooperation.common.emails import email_key
from kooperation.common.emails import InvalidEmailAddress
from kooperation.common.phrases import interpolate

import base64
import hashlib
import hmac
import json


STATES = ("confirmed", "waiting", "pending", "cancelled", "attended", "no_show")
SEAT_STATES = ("confirmed", "pending", "attended", "no_show")
CANCELLABLE = ("confirmed", "waiting", "pending")
QUOTA_FULL = ("wait", "refuse")
AWAITING = ("approval", "consent")
TOKEN_VERSION = "v1"
# The most seats, waiting places or seats of one partner an event may have: a large
# youth conference has a few thousand; the seat numbers of the claims are made up front.
MAX_SEATS = 10000

# Reasons and errors: msgid -> English default, for the catalog (see locales/update.py).
MESSAGES = {
    "registration_confirmed": "Your registration is confirmed.",
    "registration_waiting": "You are on the waiting list at position ${position}.",
    "registration_pending_approval": "Your registration awaits the coordinators' approval.",
    "registration_pending_consent": (
        "Participants under ${age} need a guardian's consent: your registration is kept "
        "until it is given."
    ),
    "registration_refused_closed": "Registration for this event is not open.",
    "registration_refused_duplicate": "This e-mail address is already registered for this event.",
    "registration_refused_full": "The event and its waiting list are full.",
    "registration_refused_quota": "All seats of your organisation for this event are taken.",
    "error_registration_setting": "The setting ${name} is invalid: ${problem}.",
    "error_registration_field": "The field ${name} is invalid: ${problem}.",
    "error_registration_unknown": "There is no registration ${id}.",
    "error_cancel_state": "A registration in state ${state} cannot be cancelled.",
    "error_cancel_deadline": "Cancellation was possible until ${deadline}.",
    "error_check_in_day": "Check-in is possible from the event day, ${day}.",
    "error_check_in_state": "Only confirmed participants can be checked in (state ${state}).",
    "error_approve_state": "Registration ${id} does not await ${what}.",
}


class RegistrationError(ValueError):
    """Bad input or a transition that the rules forbid; ``msgid``/``mapping`` for i18n."""

    def __init__(self, msgid, mapping=None, field=None):
        self.msgid = msgid
        self.mapping = dict(mapping or {})
        self.field = field
        super().__init__(str(self))

    @property
    def default(self):
        return MESSAGES[self.msgid]

    def __str__(self):
        return interpolate(self.default, self.mapping)


def _setting(name, problem):
    return RegistrationError("error_registration_setting", {"name": name, "problem": problem}, name)


def _bad_field(name, problem):
    return RegistrationError("error_registration_field", {"name": name, "problem": problem}, name)


def _count(value):
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def normalise_email(email):
    """The form of an e-mail address that duplicates are recognised by: the normal form
    of ``kooperation.common.emails`` (NFKC, no zero-width characters, no trailing dot),
    case-folded. Addresses stored before that check keep their former key (trimmed,
    case-folded) so they still count."""
    if not isinstance(email, str) or "@" not in email.strip():
        raise _bad_field("email", "not an e-mail address")
    try:
        return email_key(email)
    except InvalidEmailAddress:
        return email.strip().casefold()


def age_on(birth_date, day):
    """Completed years of life on ``day`` (§ 187 (2) BGB: one is n from the nth birthday's
    start; born 29 February: from 1 March in common years, § 188 (3))."""
    before_birthday = (day.month, day.day) < (birth_date.month, birth_date.day)
    return day.year - birth_date.year - before_birthday


@dataclass(frozen=True)
class Event:
    """An event's registration settings. Datetimes must all be naive or all aware."""

    start: datetime
    capacity: int
    end: datetime | None = None
    waiting_list: int = 0
    quotas: dict = field(default_factory=dict)  # partner -> seats; partners not named: no limit
    quota_full: str = "wait"
    opens: datetime | None = None
    closes: datetime | None = None  # default: the event's start
    cancel_until: datetime | None = None  # default: the event's start
    approval: bool = False
    min_age_without_consent: int | None = None  # 16 for the youth conference
    retention_days: int = 90

    def __post_init__(self):
        for name in ("start", "end", "opens", "closes", "cancel_until"):
            value = getattr(self, name)
            if not (value is None and name != "start") and not isinstance(value, datetime):
                raise _setting(name, "not a date and time")
        for name in ("capacity", "waiting_list", "retention_days"):
            if not _count(getattr(self, name)):
                raise _setting(name, "not a whole number of at least 0")
        for name in ("capacity", "waiting_list"):
            if getattr(self, name) > MAX_SEATS:
                raise _setting(name, f"more than {MAX_SEATS}")
        if not isinstance(self.quotas, dict) or not all(_count(v) for v in self.quotas.values()):
            raise _setting("quotas", "seats per partner must be whole numbers of at least 0")
        if self.quota_full not in QUOTA_FULL:
            raise _setting("quota_full", "must be wait or refuse")
        age = self.min_age_without_consent
        if age is not None and not (_count(age) and age > 0):
            raise _setting("min_age_without_consent", "not a whole number of at least 1")
        try:
            if self.end is not None and self.end < self.start:
                raise _setting("end", "before the start")
            if self.opens and self.closes and self.closes < self.opens:
                raise _setting("closes", "before registration opens")
        except TypeError:
            raise _setting("start", "mixes dates with and without a time zone") from None

    @property
    def day(self):
        return self.start.date()

    @property
    def registration_closes(self):
        return self.closes if self.closes is not None else self.start

    @property
    def cancellation_deadline(self):
        return self.cancel_until if self.cancel_until is not None else self.start

    @property
    def purge_day(self):
        """The first day on which personal data must be gone: event end + retention days."""
        return (self.end or self.start).date() + timedelta(days=self.retention_days)


@dataclass(frozen=True)
class Submission:
    """What a form submission brings; ``id`` is the id the registration will get."""

    id: str
    email: str
    created: datetime
    partner: str = ""
    birth_date: date | None = None
    guardian_consent: bool = False


@dataclass(frozen=True)
class Registration:
    """A stored registration. ``position`` only for waiting; ``awaiting`` what a pending one
    waits for ("approval", "consent"); ``purged`` once the personal data are gone."""

    id: str
    email: str
    created: datetime
    state: str = "confirmed"
    partner: str = ""
    position: int | None = None
    awaiting: tuple = ()
    birth_date: date | None = None
    purged: bool = False

    def __post_init__(self):
        if self.state not in STATES:
            raise _bad_field("state", f"must be one of {', '.join(STATES)}")
        if (self.state == "waiting") != (self.position is not None):
            raise _bad_field("position", "a waiting registration, and only it, has a position")

    @property
    def key(self):
        return None if self.purged else normalise_email(self.email)


@dataclass(frozen=True)
class Decision:
    """The outcome of a submission; ``reason`` a MESSAGES id to tell the person."""

    outcome: str
    reason: str
    position: int | None = None
    awaiting: tuple = ()
    mapping: dict = field(default_factory=dict)

    @property
    def refused(self):
        return self.outcome == "refused"

    @property
    def text(self):
        return interpolate(MESSAGES[self.reason], self.mapping)


def seats_taken(registrations, partner=None):
    """Seats held, of everyone or of one partner."""
    return sum(
        1
        for r in registrations
        if r.state in SEAT_STATES and (partner is None or r.partner == partner)
    )


def waiting(registrations):
    """The waiting list in order."""
    return sorted((r for r in registrations if r.state == "waiting"), key=lambda r: r.position)


@dataclass(frozen=True)
class Tally:
    """What a decision on a new submission needs of the registrations so far. ``partners``
    holds the seats of (at least) the submitting partner; ``registered`` answers ``in`` for
    the keys (``normalise_email``) of addresses registered and not cancelled."""

    seats: int
    partners: dict
    waiting: int
    registered: object = frozenset()

    def seats_of(self, partner):
        return self.partners.get(partner, 0)


def tally(registrations):
    """The ``Tally`` of stored registrations."""
    partners = {}
    for r in registrations:
        if r.state in SEAT_STATES:
            partners[r.partner] = partners.get(r.partner, 0) + 1
    return Tally(
        seats=seats_taken(registrations),
        partners=partners,
        waiting=len(waiting(registrations)),
        registered=frozenset(r.key for r in registrations if r.state != "cancelled"),
    )


def _quota_room(event, partner, held):
    """Room in ``partner``'s quota when it holds ``held`` seats."""
    return partner not in event.quotas or held < event.quotas[partner]


def _awaiting(event, submission):
    needs = []
    if event.approval:
        needs.append("approval")
    if event.min_age_without_consent is not None:
        birth = submission.birth_date
        if not isinstance(birth, date) or isinstance(birth, datetime):
            raise _bad_field("birth_date", "a date of birth is required")
        if birth > event.day:
            raise _bad_field("birth_date", "lies after the event")
        too_young = age_on(birth, event.day) < event.min_age_without_consent
        if too_young and not submission.guardian_consent:
            needs.append("consent")
    return tuple(needs)


def _pending_decision(event, needs):
    if "consent" in needs:
        return Decision(
            "pending",
            "registration_pending_consent",
            awaiting=needs,
            mapping={"age": event.min_age_without_consent},
        )
    return Decision("pending", "registration_pending_approval", awaiting=needs)


def _check_now(event, now):
    if not isinstance(now, datetime):
        raise _bad_field("now", "not a date and time")
    if (now.utcoffset() is None) != (event.start.utcoffset() is None):
        raise _bad_field("now", "mixes dates with and without a time zone")


def decide(event, registrations, submission, now):
    """What becomes of ``submission`` given the event's current ``registrations`` at ``now``."""
    if any(r.id == submission.id for r in registrations):
        raise _bad_field("id", "already used by another registration")
    return decide_on(event, tally(registrations), submission, now)


def decide_on(event, counted, submission, now):
    """``decide`` on a ``Tally`` of the registrations (the Zope side keeps one in claims)."""
    _check_now(event, now)
    if not isinstance(submission.partner, str):
        raise _bad_field("partner", "not a text")
    if not isinstance(submission.created, datetime):
        raise _bad_field("created", "not a date and time")
    email = normalise_email(submission.email)
    opens = event.opens
    if (opens is not None and now < opens) or now > event.registration_closes:
        return Decision("refused", "registration_refused_closed")
    if email in counted.registered:
        return Decision("refused", "registration_refused_duplicate")
    needs = _awaiting(event, submission)
    seat_free = counted.seats < event.capacity
    quota_ok = _quota_room(event, submission.partner, counted.seats_of(submission.partner))
    if seat_free and quota_ok:
        if needs:
            return _pending_decision(event, needs)
        return Decision("confirmed", "registration_confirmed")
    if seat_free and event.quota_full == "refuse":
        return Decision("refused", "registration_refused_quota")
    queue = counted.waiting
    if queue < event.waiting_list:
        return Decision(
            "waiting",
            "registration_waiting",
            position=queue + 1,
            awaiting=needs,
            mapping={"position": queue + 1},
        )
    return Decision(
        "refused", "registration_refused_quota" if seat_free else "registration_refused_full"
    )


def register(event, registrations, submission, now):
    """(decision, registrations with the new one added unless refused)."""
    registrations = tuple(registrations)
    decision = decide(event, registrations, submission, now)
    if decision.refused:
        return decision, registrations
    new = Registration(
        id=submission.id,
        email=submission.email.strip(),
        created=submission.created,
        state=decision.outcome,
        partner=submission.partner,
        position=decision.position,
        awaiting=decision.awaiting,
        birth_date=submission.birth_date,
    )
    return decision, (*registrations, new)


def _renumber(registrations):
    order = {r.id: i for i, r in enumerate(waiting(registrations), start=1)}
    return tuple(replace(r, position=order[r.id]) if r.id in order else r for r in registrations)


def promote(event, registrations):
    """(promoted, registrations): fill free seats from the waiting list in order, skipping
    those whose partner's quota is reached; positions renumbered. Also after raising capacity."""
    registrations = tuple(registrations)
    promoted = []
    while seats_taken(registrations) < event.capacity:
        candidate = next(
            (
                r
                for r in waiting(registrations)
                if _quota_room(event, r.partner, seats_taken(registrations, r.partner))
            ),
            None,
        )
        if candidate is None:
            break
        moved = replace(
            candidate, state="pending" if candidate.awaiting else "confirmed", position=None
        )
        promoted.append(moved)
        registrations = _renumber(tuple(moved if r.id == moved.id else r for r in registrations))
    return tuple(promoted), registrations


def _find(registrations, registration_id):
    for r in registrations:
        if r.id == registration_id:
            return r
    raise RegistrationError("error_registration_unknown", {"id": registration_id}, "id")


@dataclass(frozen=True)
class Change:
    """Result of a transition: the changed registration, who moved up, the new state of all."""

    registration: Registration
    promoted: tuple
    registrations: tuple


def cancel(event, registrations, registration_id, now, deadline=True):
    """Cancel a registration; ``deadline=False`` for coordinators, who may cancel later."""
    _check_now(event, now)
    registrations = tuple(registrations)
    current = _find(registrations, registration_id)
    if current.state not in CANCELLABLE:
        raise RegistrationError("error_cancel_state", {"state": current.state}, "state")
    if deadline and now > event.cancellation_deadline:
        raise RegistrationError(
            "error_cancel_deadline", {"deadline": event.cancellation_deadline}, "state"
        )
    cancelled = replace(current, state="cancelled", position=None)
    registrations = _renumber(tuple(cancelled if r.id == current.id else r for r in registrations))
    promoted, registrations = promote(event, registrations)
    return Change(cancelled, promoted, registrations)


def approve(event, registrations, registration_id, what="approval"):
    """Record the coordinators' approval or a guardian's consent; a pending registration with
    nothing left to wait for is confirmed (its seat was kept), a waiting one keeps its place
    and is confirmed when it moves up. Refusing approval is ``cancel(..., deadline=False)``."""
    registrations = tuple(registrations)
    current = _find(registrations, registration_id)
    usable = current.state in ("pending", "waiting")
    if what not in AWAITING or what not in current.awaiting or not usable:
        raise RegistrationError("error_approve_state", {"id": registration_id, "what": what})
    rest = tuple(a for a in current.awaiting if a != what)
    state = "confirmed" if current.state == "pending" and not rest else current.state
    changed = replace(current, awaiting=rest, state=state)
    registrations = tuple(changed if r.id == current.id else r for r in registrations)
    return Change(changed, (), registrations)


def check_in(event, registrations, registration_id, now, attended=True):
    """Mark attended (or no_show) on or after the event day; corrections between the two."""
    _check_now(event, now)
    registrations = tuple(registrations)
    current = _find(registrations, registration_id)
    if now.date() < event.day:
        raise RegistrationError("error_check_in_day", {"day": event.day}, "state")
    if current.state not in ("confirmed", "attended", "no_show"):
        raise RegistrationError("error_check_in_state", {"state": current.state}, "state")
    changed = replace(current, state="attended" if attended else "no_show")
    registrations = tuple(changed if r.id == current.id else r for r in registrations)
    return Change(changed, (), registrations)


@dataclass(frozen=True)
class Counts:
    """Registrations per state, and per partner and state ("" for no partner)."""

    by_state: dict
    by_partner: dict
    total: int
    seats_taken: int


def counts(registrations):
    by_state = dict.fromkeys(STATES, 0)
    by_partner = {}
    for r in registrations:
        by_state[r.state] += 1
        partner = by_partner.setdefault(r.partner or "", dict.fromkeys(STATES, 0))
        partner[r.state] += 1
    total = sum(by_state.values())
    return Counts(by_state, by_partner, total, seats_taken(registrations))


def due_for_purge(event, registrations, day):
    """Registrations whose personal data must be deleted on ``day`` (from event end +
    retention days on; already purged ones are not listed again)."""
    if day < event.purge_day:
        return ()
    return tuple(r for r in registrations if not r.purged)


def purge(event, registrations, day):
    """(purged ids, registrations without personal data where due). State, partner and the
    day of creation stay, so the counts per state and partner remain."""
    due = {r.id for r in due_for_purge(event, registrations, day)}
    kept = tuple(
        replace(
            r,
            email="",
            birth_date=None,
            created=datetime.combine(r.created.date(), datetime.min.time(), r.created.tzinfo),
            purged=True,
        )
        if r.id in due
        else r
        for r in registrations
    )
    return tuple(sorted(due)), kept


def _secret_bytes(secret):
    if isinstance(secret, str):
        secret = secret.encode("utf-8")
    if not isinstance(secret, bytes) or len(secret) < 16:
        raise _setting("secret", "must be at least 16 bytes")
    return secret


def _mac(secret, version, registration_id, email):
    message = json.dumps([version, str(registration_id), normalise_email(email)])
    digest = hmac.new(_secret_bytes(secret), message.encode("utf-8"), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def make_token(secret, registration_id, email):
    """The signed, URL-safe cancellation token of a registration: ``v1.<hmac-sha256>``.

    No expiry: it only lets its holder cancel, and cancelling ends after the deadline anyway.
    The version prefix lets a later scheme coexist with links already mailed."""
    return f"{TOKEN_VERSION}.{_mac(secret, TOKEN_VERSION, registration_id, email)}"


def check_token(secret, registration_id, email, token):
    """Whether ``token`` is this registration's token (constant-time comparison)."""
    if not isinstance(token, str) or not token.isascii():
        return False
    version, _sep, _mac_part = token.partition(".")
    if version != TOKEN_VERSION:
        return False
    _secret_bytes(secret)  # a bad secret is a configuration error, not a bad token
    try:
        expected = make_token(secret, registration_id, email)
    except RegistrationError:
        return False
    return hmac.compare_digest(expected.encode("ascii"), token.encode("ascii"))
