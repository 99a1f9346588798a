"""Personal calendar feeds: <site>/@@feed/<token>/deadlines.ics and .../meetings.ics.

A calendar app subscribes without a login. The token names the user; the feed is the
same catalog query that user's own login would run (``api.env.adopt_user``), so it
shows exactly what they may see. An unknown, revoked or renewed token answers 404.

``deadlines.ics`` looks ``DEFAULT_MONTHS`` (12) months ahead; ``?months=N`` (1 to
``MAX_MONTHS``) chooses another window, as on ``@@deadlines.ics``. The feed page lets
the user pick it, and the address shown carries the choice.
"""

from datetime import datetime
from datetime import timedelta
from kooperation import _
from kooperation.dashboard.export import DeadlinesICal
from kooperation.dashboard.query import DEFAULT_MONTHS
from kooperation.start import tokens
from plone import api
from Products.Five import BrowserView
from zExceptions import NotFound
from zExceptions import Unauthorized
from zope.i18n import translate
from zope.interface import implementer
from zope.publisher.interfaces import IPublishTraverse


FEEDS = ("deadlines.ics", "meetings.ics")
EVENT_TYPES = ("Meeting", "Workshop", "YouthConference")
# Meetings of the last 90 days stay in the feed (a calendar keeps what it saw).
PAST_DAYS = 90


MONTH_CHOICES = (3, 6, 12, 24, 36, 60)


def feed_urls(token, months=None):
    """The feed addresses; ``months`` (other than the default) for the deadlines feed."""
    base = f"{api.portal.get().absolute_url()}/@@feed/{token}"
    urls = {name: f"{base}/{name}" for name in FEEDS}
    if months and months != DEFAULT_MONTHS:
        urls["deadlines.ics"] += f"?months={months}"
    return urls


def meetings_ical(portal, request):
    """The meetings and events the *current* user may see, as one iCalendar."""
    from plone.app.event.ical.exporter import construct_icalendar

    since = datetime.now() - timedelta(days=PAST_DAYS)
    brains = api.content.find(
        portal_type=list(EVENT_TYPES),
        end={"query": since, "range": "min"},
        sort_on="start",
    )
    events = [brain.getObject() for brain in brains]
    calendar = construct_icalendar(portal, events)
    calendar["x-wr-calname"] = translate(
        _("feed_meetings_name", default="Meetings: ${title}", mapping={"title": portal.Title()}),
        context=request,
    )
    return calendar.to_ical()


@implementer(IPublishTraverse)
class FeedView(BrowserView):
    """@@feed/<token>/<name>: no login, the token decides whose feed it is."""

    def __init__(self, context, request):
        super().__init__(context, request)
        self.parts = []

    def publishTraverse(self, request, name):
        self.parts.append(name)
        return self

    def __call__(self):
        if len(self.parts) != 2 or self.parts[1] not in FEEDS:
            raise NotFound("No such feed")
        token, name = self.parts
        user_id = tokens.user_for(token)
        if user_id is None or api.user.get(userid=user_id) is None:
            raise NotFound("No such feed")
        portal = api.portal.get()
        response = self.request.response
        with api.env.adopt_user(username=user_id):
            if name == "deadlines.ics":
                body = DeadlinesICal(portal, self.request)()
            else:
                body = meetings_ical(portal, self.request)
                response.setHeader("Content-Type", "text/calendar; charset=utf-8")
        response.setHeader("Content-Disposition", f'inline; filename="{name}"')
        response.setHeader("Cache-Control", "private, no-cache")
        response.setHeader("X-Robots-Tag", "noindex")
        return body


class FeedSettingsView(BrowserView):
    """@@calendar-feeds: the user's feed addresses; create, renew or switch them off."""

    def __call__(self):
        if api.user.is_anonymous():
            raise Unauthorized("Log in to see your calendar feeds")
        self.user_id = api.user.get_current().getId()
        action = self.request.form.get("action")
        if self.request.method == "POST" and action in ("renew", "revoke"):
            from plone.protect import CheckAuthenticator

            CheckAuthenticator(self.request)
            if action == "renew":
                tokens.renew(self.user_id)
                message = _(
                    "feed_renewed",
                    default="Your feed addresses are new: the old ones no longer work.",
                )
            else:
                tokens.revoke(self.user_id)
                message = _("feed_revoked", default="Your feed addresses are switched off.")
            api.portal.show_message(message, request=self.request)
            self.request.response.redirect(f"{self.context.absolute_url()}/@@calendar-feeds")
            return ""
        return self.index()

    def months(self):
        """The chosen window of the deadlines feed (one of ``MONTH_CHOICES``)."""
        value = self.request.form.get("months")
        try:
            months = int(value) if isinstance(value, str) else DEFAULT_MONTHS
        except ValueError:
            months = DEFAULT_MONTHS
        return months if months in MONTH_CHOICES else DEFAULT_MONTHS

    def month_choices(self):
        chosen = self.months()
        return [{"value": m, "selected": m == chosen} for m in MONTH_CHOICES]

    def urls(self):
        token = tokens.token_for(self.user_id)
        return feed_urls(token, self.months()) if token else None
