"""What the REST API, the EasyForm action and the views call: a registration write plus
the mails it causes (queued, so they leave only when the transaction commits).

Conflicts are Zope's to retry (``max-conflict-retries`` in zope.conf): a registration
conflicts only with one that wants the same seat, e-mail address or waiting place
(``registrations``), and the retry decides again on the committed state.
"""

from kooperation import _
from kooperation.common.errors import render
from kooperation.common.network import partner_brains
from kooperation.registrations import ledger
from kooperation.registrations import mails
from kooperation.registrations.form import FieldErrors
from kooperation.registrations.rules import MESSAGES
from kooperation.registrations.rules import RegistrationError
from plone import api


def partner_uids(event):
    return {b.UID for b in partner_brains(event)}


def current_user_id():
    if api.user.is_anonymous():
        return None
    return api.user.get_current().getId()


def staff_partners(event, userid):
    """UIDs of the network's partners that have a Person entry of ``userid`` (sorted)."""
    if not userid:
        return []
    return sorted(
        brain.UID
        for brain in partner_brains(event)
        if any(person.acts_as(userid) for person in brain._unrestrictedGetObject().persons())
    )


def registration_partner(event, requested):
    """The partner whose seats a registration counts against (issue 14).

    * Staff of a partner (a Person entry with their login): their partner, never the
      body's. A body naming another partner is refused (400); with entries at several
      partners the body may choose among them.
    * Coordinators (``kooperation: Manage registrations``) without such an entry register
      someone on a partner's behalf and may name any partner of the network.
    * Everyone else (anonymous, logins without a Person entry) cannot name a partner and
      registers without one, which counts against no partner's seats; the event's setting
      ``without_partner`` decides whether that is allowed.
    """

    userid = current_user_id()
    own = staff_partners(event, userid)
    if own:
        if requested and requested not in own:
            raise FieldErrors(
                {
                    "partner": _(
                        "error_registration_partner_own",
                        default="You register for your own organisation, not for another partner.",
                    )
                }
            )
        return requested or own[0]
    if requested:
        if userid and api.user.has_permission("kooperation: Manage registrations", obj=event):
            return requested
        raise FieldErrors(
            {
                "partner": _(
                    "error_registration_partner_staff",
                    default="Only the staff of a partner register for it.",
                )
            }
        )
    if not getattr(event, "without_partner", True):
        raise FieldErrors(
            {
                "partner": _(
                    "error_registration_partner_required",
                    default="This event is open to the staff of the network's partners only.",
                )
            }
        )
    return ""


def register(event, data, now=None):
    """Submit; tell the registrant (and the coordinators, if wished). The partner is the
    registrant's own (``registration_partner``), not whatever the body named."""
    data = dict(data, partner=registration_partner(event, data.get("partner") or ""))
    outcome = ledger.submit(event, data, now=now, owner=current_user_id())
    if outcome.registration is not None:
        mails.send_state(outcome.registration)
        mails.notify_coordinators(outcome.registration)
    return outcome


def _tell_promoted(change):
    for obj in change.promoted:
        mails.send_state(obj, promoted=True)


def cancel(obj, now=None, deadline=True):
    change = ledger.cancel(obj, now=now, deadline=deadline)
    mails.send_cancelled(obj)
    _tell_promoted(change)
    return change


def approve(obj, what="approval"):
    change = ledger.approve(obj, what)
    if api.content.get_state(obj) == "confirmed":
        mails.send_state(obj)
    return change


def message(decision):
    return MESSAGES[decision.reason]


def rule_message(request, error_or_decision):
    return render(
        error_or_decision.msgid
        if isinstance(error_or_decision, RegistrationError)
        else error_or_decision.reason,
        error_or_decision.default
        if isinstance(error_or_decision, RegistrationError)
        else message(error_or_decision),
        error_or_decision.mapping,
        request,
    )
