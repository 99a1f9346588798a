"""A youth conference goes ahead only when every partner of its network has consented."""

from kooperation import _
from kooperation.common.network import partner_brains
from plone import api


def conference_partners(conference):
    """The partners themselves (who decides for one is read from its Person entries)."""
    return [b._unrestrictedGetObject() for b in partner_brains(conference)]


def missing_consents(conference):
    """Titles of the partners without a consent (from the catalog: no partner is woken)."""
    decisions = conference.partner_decisions or {}
    return [
        b.Title
        for b in partner_brains(conference)
        if (decisions.get(b.UID) or {}).get("decision") != "consent"
    ]


DECISIONS = ("consent", "withheld")
MAX_NOTE_CHARS = 1000


def decision_maker_for(partner, userid, day):
    """Whether ``userid`` may decide for ``partner`` (a Person with the authority to sign)."""
    return any(p.acts_as(userid) and p.may_sign_on(day) for p in partner.persons())


def deciding_partners(conference, userid, day, partners=None):
    """UID -> partner of the partners ``userid`` decides for (``partners``: the
    conference's, when the caller has them)."""
    partners = conference_partners(conference) if partners is None else partners
    return {p.UID(): p for p in partners if decision_maker_for(p, userid, day)}


def decidable_partners(conference, userid, day, partners=None):
    """UID -> partner of the partners the current user ``userid`` may decide for: every
    partner for a coordinator (``Review portal content``, deciding on the partner's
    behalf), else the partners whose decision maker the user is."""
    partners = conference_partners(conference) if partners is None else partners
    if api.user.has_permission("Review portal content", obj=conference):
        return {p.UID(): p for p in partners}
    return deciding_partners(conference, userid, day, partners)


def decision_errors(decision, note):
    """Field name -> message for a decision that is neither consent nor withheld, and a
    note that is not a short text (the form and the REST service say the same)."""
    errors = {}
    if decision not in DECISIONS:
        errors["decision"] = _(
            "error_conference_decision", default="The decision is consent or withheld."
        )
    if not isinstance(note, str) or len(note) > MAX_NOTE_CHARS:
        errors["note"] = _("error_conference_note", default="The note is a short text.")
    return errors


def record_decision(conference, partner_uid, decision, userid, day, note=""):
    """Record a partner's consent or refusal (the REST service and the form both call
    this; they check the right and the state first)."""
    decisions = dict(conference.partner_decisions or {})
    decisions[partner_uid] = {
        "decision": decision,
        "by": userid,
        "date": day.isoformat(),
        "note": note,
    }
    conference.partner_decisions = decisions
    conference.reindexObject(idxs=["modified"])
    return decisions
