"""An amendment takes effect by the last signature and changes the agreement on its day.

The last party's signature moves the amendment to 'effective' and fixes its day of
effect (the last signature's day, or the agreed later date). On that day — at once
when it has come, else by the daily job — the agreement's text and fields become the
consolidated version and CMFEditions keeps a version whose comment names the amendment.
"""

from datetime import date
from kooperation.agreements.signatures import signatures
from kooperation.agreements.validity import IValidityRules
from kooperation.agreements.validity import RULE_FIELDS
from kooperation.amendments import model
from kooperation.amendments import texts
from kooperation.audit import log_event
from plone import api
from plone.app.textfield.value import RichTextValue
from Products.Five import BrowserView

import logging


logger = logging.getLogger("kooperation.amendments")

DEADLINE_INDEXES = [
    "notice_deadline",
    "term_end",
    "next_deadline",
    "deadline_dates",
    "deadline_status",
]


class AmendmentStatus(BrowserView):
    """Questions the amendment workflow's guards ask (``@@amendment-status``)."""

    def _signed(self):
        done = signatures(self.context)
        return [uid for uid in self.context.parties if uid in done]

    def all_signed(self):
        parties = self.context.parties
        return bool(parties) and len(self._signed()) == len(parties)

    def not_all_signed(self):
        return not self.all_signed()

    def no_signature(self):
        return not signatures(self.context)


def last_signature_day(amendment):
    done = signatures(amendment)
    return max((record.date for record in done.values()), default=None)


def effective_day(amendment):
    """The day it takes effect: the agreed date, or the day of the last signature."""
    signed = last_signature_day(amendment)
    if amendment.effective_rule == "fixed_date" and amendment.fixed_date:
        return max(amendment.fixed_date, signed) if signed else amendment.fixed_date
    return signed


def freeze(amendment, event):
    """Going to signature: fix who must sign (the parties of the text it changes)."""
    if event.new_state.getId() == "for_signature":
        amendment.signing_party_uids = tuple(model.required_signers(amendment))
    elif event.new_state.getId() in ("consultation", "draft"):
        amendment.signing_party_uids = None


def signature_recorded(amendment, event):
    """The last signature makes the amendment effective; applied at once when its day came."""
    if api.content.get_state(amendment) != "for_signature":
        return
    with api.env.adopt_roles(["Manager"]):
        if not AmendmentStatus(amendment, amendment.REQUEST).all_signed():
            return
        amendment.effective_on = effective_day(amendment)
        api.content.transition(obj=amendment, transition="make_effective")
    agreement = model.agreement_of(amendment)
    if not apply_due(agreement):
        # Due later: its rules already shape the terms and deadlines from its day on.
        agreement.reindexObject(idxs=DEADLINE_INDEXES)


def apply_due(agreement, today=None):
    """Apply the effective amendments whose day has come; return those applied."""
    today = today or date.today()
    due = [
        obj
        for obj in model.amendments_of(agreement)
        if api.content.get_state(obj) in model.EFFECTIVE_STATES
        and obj.effective_on is not None
        and obj.effective_on <= today
        and obj.applied_on is None
    ]
    due.sort(key=lambda obj: obj.effective_on)
    for obj in due:
        apply_amendment(agreement, obj, today)
    return due


def apply_amendment(agreement, amendment, today=None):
    """Make the agreement what it is on the amendment's day, and keep a version of it."""
    model.keep_original(agreement)
    version = texts.consolidate(
        model.original_of(agreement), model.effective_amendments(agreement), amendment.effective_on
    )
    store_version(agreement, version)
    amendment.applied_on = today or date.today()
    comment = texts.interpolate(
        "${title} vom ${date}", {"title": amendment.Title(), "date": amendment.effective_on}
    )
    repository = api.portal.get_tool("portal_repository")
    with api.env.adopt_roles(["Manager"]):
        repository.save(obj=agreement, comment=comment)
    agreement.reindexObject()
    amendment.reindexObject()
    log_event(
        "amendment_applied",
        obj=agreement,
        amendment=amendment.UID(),
        amendment_title=amendment.Title(),
        effective_on=amendment.effective_on.isoformat(),
    )
    logger.info("%s applied to %s", amendment.Title(), "/".join(agreement.getPhysicalPath()))


def store_version(agreement, version):
    """Write a consolidated Version's text and fields into the agreement."""
    if version.html != model.html_of(agreement):
        agreement.text = RichTextValue(version.html, "text/html", "text/x-html-safe")
    fields = version.fields
    agreement.parties = list(fields.parties)
    agreement.intended_parties = list(fields.intended_parties)
    agreement.legal_bases = list(fields.legal_bases)
    agreement.target_groups = list(fields.target_groups)
    rules = IValidityRules(agreement)
    for name in RULE_FIELDS:
        value = getattr(fields.rules, name)
        if getattr(rules, name) != value:
            setattr(rules, name, value)
    agreement.amended_by = version.last_amendment.id if version.last_amendment else None
