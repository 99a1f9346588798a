"""Who acts for a partner: what an entry proposes, what the partner confirmed, what counts.

Pure Python (no Zope). A Person entry may be written by the network's coordinators,
but only the partner itself decides who belongs to it and who signs for it: what the
entry says is a *proposal*; what counts is the part of it that the partner confirmed.
A change that takes something away counts at once (the minimum of both); a change that
grants more waits for the partner's confirmation.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import fields
from datetime import date


@dataclass(frozen=True)
class Grant:
    """The access-relevant values of a Person entry."""

    user_id: str | None = None
    may_sign: bool = False
    signing_from: date | None = None
    signing_until: date | None = None
    partner_admin: bool = False

    @classmethod
    def of(cls, obj):
        """The grant an object (or a mapping) states; blank logins count as none."""
        if isinstance(obj, Mapping):
            get = obj.get
        else:

            def get(name):
                return getattr(obj, name, None)

        return cls(
            user_id=(get("user_id") or "").strip() or None,
            may_sign=bool(get("may_sign")),
            signing_from=get("signing_from") or None,
            signing_until=get("signing_until") or None,
            partner_admin=bool(get("partner_admin")),
        )

    def as_dict(self):
        return {f.name: getattr(self, f.name) for f in fields(self)}

    def signs_on(self, day: date) -> bool:
        if not self.may_sign:
            return False
        if self.signing_from and day < self.signing_from:
            return False
        return not (self.signing_until and day > self.signing_until)


NOTHING = Grant()


def _later(a, b):
    """The later of two window starts (None: open)."""
    if a is None or b is None:
        return a or b
    return max(a, b)


def _earlier(a, b):
    """The earlier of two window ends (None: open)."""
    if a is None or b is None:
        return a or b
    return min(a, b)


def effective(proposed: Grant, confirmed: Grant | None) -> Grant:
    """What counts: only what both the entry and the partner's confirmation grant."""
    confirmed = confirmed or NOTHING
    user_id = proposed.user_id if proposed.user_id == confirmed.user_id else None
    may_sign = proposed.may_sign and confirmed.may_sign
    return Grant(
        user_id=user_id,
        may_sign=may_sign,
        signing_from=_later(proposed.signing_from, confirmed.signing_from) if may_sign else None,
        signing_until=_earlier(proposed.signing_until, confirmed.signing_until)
        if may_sign
        else None,
        partner_admin=bool(user_id) and proposed.partner_admin and confirmed.partner_admin,
    )


def pending(proposed: Grant, confirmed: Grant | None) -> list[str]:
    """The fields whose proposal grants more than the partner confirmed (in schema order)."""
    confirmed = confirmed or NOTHING
    counts = effective(proposed, confirmed)
    waiting = []
    if proposed.user_id and proposed.user_id != confirmed.user_id:
        waiting.append("user_id")
    if proposed.may_sign and not confirmed.may_sign:
        waiting.append("may_sign")
    elif proposed.may_sign and (
        counts.signing_from != proposed.signing_from
        or counts.signing_until != proposed.signing_until
    ):
        waiting.append("signing_window")
    if proposed.partner_admin and not confirmed.partner_admin and proposed.user_id:
        waiting.append("partner_admin")
    return waiting
