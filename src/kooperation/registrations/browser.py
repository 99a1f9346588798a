"""Classic UI: the cancellation link of the mails (no login), the guard of the youth
conference's "decide" transition."""

from datetime import date
from datetime import datetime
from datetime import UTC
from kooperation import _
from kooperation.common.eventdates import local
from kooperation.common.german import german_date
from kooperation.common.german import german_datetime
from kooperation.registrations import ledger
from kooperation.registrations import service
from kooperation.registrations.conference import conference_partners
from kooperation.registrations.conference import decidable_partners
from kooperation.registrations.conference import decision_errors
from kooperation.registrations.conference import missing_consents
from kooperation.registrations.conference import record_decision
from kooperation.registrations.interfaces import IYouthConference
from kooperation.registrations.rules import RegistrationError
from kooperation.registrations.service import rule_message
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from Products.statusmessages.interfaces import IStatusMessage
from zope.i18n import translate


class CancelByToken(BrowserView):
    """``@@cancel-registration?id=..&token=..``: shows the registration and, on POST,
    cancels it. The signed token stands for the registrant; nobody needs to log in."""

    status = None
    error = None

    def __call__(self):
        form = self.request.form
        self.obj = ledger.find_by_token(self.context, form.get("id"), form.get("token"))
        if self.obj is None:
            self.request.response.setStatus(404)
            self.error = _(
                "error_registration_token",
                default="This cancellation link is not valid (any more).",
            )
            return self.index()
        # The registrant holds no role here: the token is their right to cancel.
        self.state = api.content.get_state(self.obj)
        if self.request.method == "POST" and form.get("confirm"):
            CheckAuthenticator(self.request)
            try:
                with api.env.adopt_roles(["Manager"]):
                    service.cancel(self.obj)
            except RegistrationError as error:
                self.request.response.setStatus(409)
                self.error = rule_message(self.request, error)
            else:
                self.status = _(
                    "msg_registration_cancelled", default="Your registration is cancelled."
                )
            self.state = api.content.get_state(self.obj)
        return self.index()

    @property
    def cancellable(self):
        return self.state in ("confirmed", "waiting", "pending")


class ConferenceStatus(BrowserView):
    """@@conference-status, the workflow guard's question: have all partners consented?"""

    def partners(self):
        return conference_partners(self.context)

    def missing(self):
        return missing_consents(self.context)

    def all_consented(self):
        return not self.missing()


class EventView(BrowserView):
    """The page of a workshop or youth conference: dates, place, free seats, the way to
    the registration form, and the coordinators' links."""

    def info(self):
        context = self.context
        taken, waiting = ledger.figures(context)  # no registration woken
        state = api.content.get_state(context)
        form = context.get("anmeldung")
        return {
            "start": context.start,
            "end": context.end,
            "location": getattr(context, "location", None),
            "state": state,
            "open": state == ledger.OPEN_STATE,
            "free": max(0, (context.capacity or 0) - taken),
            "capacity": context.capacity,
            "waiting": waiting,
            "form_url": form.absolute_url() if form is not None else None,
            "may_register": api.user.has_permission("kooperation: Register for event", obj=context),
            "coordinator": api.user.has_permission(
                "kooperation: Manage registrations", obj=context
            ),
            "anonymous": api.user.is_anonymous(),
            "conference": IYouthConference.providedBy(context) and not api.user.is_anonymous(),
            **self.window(),
        }

    def window(self):
        """Whether the registration deadline has passed or registration opens later, with
        the day in German (the page then says so instead of offering the form)."""
        try:
            rules = ledger.settings(self.context)
        except Exception:  # settings stored around the form: the page still renders
            return {"closed_since": None, "opens_on": None, "closes_on": None}
        now = datetime.now(UTC)
        closes = rules.registration_closes
        opens = rules.opens

        def shown(value):  # in the portal's time, as the rules read them
            return german_datetime(local(value, self.context))

        return {
            "closed_since": shown(closes) if closes is not None and now > closes else None,
            "opens_on": shown(opens) if opens is not None and now < opens else None,
            "closes_on": shown(closes) if closes is not None and now <= closes else None,
        }


DECIDE = "kooperation: Submit conference decisions"
MAY_NOT_DECIDE = "Only the partner's decision makers or the coordinators record its decision."
DECISION_TITLES = {
    "consent": _("conference_decision_consent", default="Consent"),
    "withheld": _("conference_decision_withheld", default="Consent withheld"),
}


class ConferenceDecisions(BrowserView):
    """``@@conference-decisions`` of a youth conference: each partner's decision, and for
    a partner's decision makers (coordinators: for any partner, on their behalf) the form
    to give or withhold consent while the conference is in consultation. The same
    ``record_decision`` as ``POST @conference-decisions``."""

    errors = None

    def __call__(self):
        self.errors = {}
        if self.request.method == "POST" and self.request.form.get("form.submitted"):
            CheckAuthenticator(self.request)
            if self.handle(self.request.form):
                return self.request.response.redirect(
                    f"{self.context.absolute_url()}/@@conference-decisions"
                )
        return self.index()

    def page_title(self):
        heading = translate(
            _("heading_conference_decisions", default="Partners' consent"), context=self.request
        )
        return f"{heading}: {self.context.Title()}"

    def today(self):
        return date.today()

    def in_consultation(self):
        return api.content.get_state(self.context) == "consultation"

    def choices(self):
        """The partners this user may decide for now (UID -> partner)."""
        if not self.in_consultation() or api.user.is_anonymous():
            return {}
        if not api.user.has_permission(DECIDE, obj=self.context):
            return {}
        userid = api.user.get_current().getId()
        return decidable_partners(self.context, userid, self.today())

    def choice_list(self):
        return sorted(
            ({"uid": uid, "title": p.Title()} for uid, p in self.choices().items()),
            key=lambda c: c["title"],
        )

    def rows(self):
        decisions = self.context.partner_decisions or {}
        rows = []
        for partner in sorted(conference_partners(self.context), key=lambda p: p.Title()):
            found = decisions.get(partner.UID()) or {}
            title = DECISION_TITLES.get(found.get("decision"))
            rows.append(
                {
                    "partner": partner.Title(),
                    "decision": translate(title, context=self.request) if title else "",
                    "consent": found.get("decision") == "consent",
                    "date": german_date(found.get("date")),
                    "note": found.get("note") or "",
                }
            )
        return rows

    def missing(self):
        return missing_consents(self.context)

    def handle(self, form):
        choices = self.choices()
        if not choices:
            IStatusMessage(self.request).add(
                _("error_may_not_decide", default=MAY_NOT_DECIDE),
                type="error",
            )
            return False
        partner = form.get("partner")
        decision = form.get("decision")
        note = form.get("note") or ""
        if partner not in choices:
            self.errors["partner"] = _(
                "error_registration_partner", default="Please choose a partner of the network."
            )
        self.errors.update(decision_errors(decision, note))
        if self.errors:
            return False
        userid = api.user.get_current().getId()
        record_decision(self.context, partner, decision, userid, self.today(), note)
        IStatusMessage(self.request).add(
            _("msg_conference_decision_saved", default="The decision is recorded."), type="info"
        )
        return True

    def error(self, name):
        message = self.errors.get(name) if self.errors else None
        return translate(message, context=self.request) if message else ""
