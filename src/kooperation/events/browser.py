"""Classic UI: the cancellation link of the mails (no login), the guard of the youth
conference's "decide" transition."""

from kooperation import _
from kooperation.events import registrations
from kooperation.events import service
from kooperation.events.conference import conference_partners
from kooperation.events.conference import missing_consents
from kooperation.events.service import rule_message
from kooperation.registration import RegistrationError
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView


class CancelByToken(BrowserView):
    """``@@cancel-registration?id=..&token=..``: shows the registration and, on POST,
    cancels it. The signed token stands for the registrant; nobody needs to log in."""

    status = None
    error = None

    def __call__(self):
        form = self.request.form
        self.obj = registrations.find_by_token(self.context, form.get("id"), form.get("token"))
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
        from kooperation.events import registrations

        context = self.context
        counts = registrations.counts(context)
        state = api.content.get_state(context)
        form = context.get("anmeldung")
        return {
            "start": context.start,
            "end": context.end,
            "location": getattr(context, "location", None),
            "state": state,
            "open": state == registrations.OPEN_STATE,
            "free": max(0, (context.capacity or 0) - counts.seats_taken),
            "capacity": context.capacity,
            "waiting": counts.by_state["waiting"],
            "form_url": form.absolute_url() if form is not None else None,
            "may_register": api.user.has_permission("kooperation: Register for event", obj=context),
            "coordinator": api.user.has_permission(
                "kooperation: Manage registrations", obj=context
            ),
            "anonymous": api.user.is_anonymous(),
            **self.window(),
        }

    def window(self):
        """Whether the registration deadline has passed or registration opens later, with
        the day in German (the page then says so instead of offering the form)."""
        from datetime import datetime
        from datetime import UTC
        from zoneinfo import ZoneInfo

        try:
            rules = registrations.settings(self.context)
        except Exception:  # settings stored around the form: the page still renders
            return {"closed_since": None, "opens_on": None, "closes_on": None}
        now = datetime.now(UTC)
        closes = rules.registration_closes
        opens = rules.opens
        from plone.app.event.base import default_timezone

        tz = default_timezone(as_tzinfo=False) or "UTC"  # as registrations._aware reads it

        def local(value):
            return value.astimezone(ZoneInfo(tz)).strftime("%d.%m.%Y %H:%M")

        return {
            "closed_since": local(closes) if closes is not None and now > closes else None,
            "opens_on": local(opens) if opens is not None and now < opens else None,
            "closes_on": local(closes) if closes is not None and now <= closes else None,
        }
