"""@@my-overview ("Mein Überblick"): what this person must do, by role, with links.

Every section is computed for the current user only and is left out when it is empty,
so a role never sees a heading (or a link) it cannot use. Where a section needs to
know the user's partners, it reads the partners' confirmed Person entries.
"""

from datetime import date
from datetime import timedelta
from kooperation import _
from kooperation.agreements.signatures import missing_parties
from kooperation.amendments.consents import consents
from kooperation.amendments.consents import own_parties
from kooperation.common.german import german_date
from kooperation.dashboard.query import deadline_row
from kooperation.dashboard.query import find_deadlines
from kooperation.dashboard.views import MySignaturesView
from kooperation.interfaces import INetwork
from kooperation.interfaces import IPerson
from kooperation.meetings.reminders import duty_done
from kooperation.meetings.reminders import duty_label
from kooperation.members.reminders import reports_of
from kooperation.members.reporting.quarters import missing_reports
from kooperation.registrations.conference import deciding_partners
from kooperation.registrations.interfaces import IRegistrationEvent
from kooperation.registrations.ledger import listed
from kooperation.registrations.ledger import owned_by
from kooperation.start.links import network_tools
from kooperation.workspace import pending_fields
from plone import api
from Products.Five import BrowserView
from zExceptions import Unauthorized
from zope.i18n import translate


# Roles that make a user part of a network (its groups' local roles).
MEMBER_ROLES = {"Reader", "Editor", "Coordinator", "Signatory"}
DUTY_DAYS = 60  # meetings whose invitation or minutes are due within this many days
DEADLINE_MONTHS = 6
DUTIES = ("invitation", "minutes")


SECTION_TITLES = (
    ("signatures", _("overview_signatures", default="Waiting for your signature")),
    ("consents", _("overview_consents", default="Waiting for your consent")),
    ("minutes", _("overview_minutes", default="Minutes to approve or publish")),
    ("persons", _("overview_persons", default="People waiting for your confirmation")),
    ("duties", _("overview_duties", default="Your duties at the next meetings")),
    ("actions", _("overview_actions", default="Open action items of your organisation")),
    ("registrations", _("overview_registrations", default="Registrations to approve")),
    ("reports", _("overview_reports", default="Quarterly reports due")),
    ("deadlines", _("overview_deadlines", default="Notice deadlines coming up")),
    ("open_events", _("overview_open_events", default="Open for registration")),
    ("networks", _("overview_networks", default="Your networks")),
)


def _as_date(value):
    if value is None:
        return None
    if hasattr(value, "date") and callable(value.date):
        return value.date()
    if isinstance(value, str):
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return value


def my_persons(user_id):
    """The confirmed Person entries of ``user_id`` (unrestricted: the user may not see all)."""
    catalog = api.portal.get_tool("portal_catalog")
    found = []
    for brain in catalog.unrestrictedSearchResults(object_provides=IPerson.__identifier__):
        person = brain._unrestrictedGetObject()
        if person.acts_as(user_id):
            found.append(person)
    return found


class OverviewView(BrowserView):
    """Mein Überblick."""

    def __call__(self):
        if api.user.is_anonymous():
            raise Unauthorized("Log in to see your overview")
        self.user = api.user.get_current()
        self.user_id = self.user.getId()
        self.today = date.today()
        self.persons = my_persons(self.user_id)
        self.partner_uids = {p.__parent__.UID() for p in self.persons}
        self.admin_of = [p.__parent__ for p in self.persons if p.grant().partner_admin]
        self.sections = [s for s in self.build() if s["rows"] or s.get("links")]
        return self.index()

    def tr(self, message):
        return translate(message, context=self.request)

    def page_title(self):
        return self.tr(_("heading_my_overview", default="My overview"))

    def fullname(self):
        return self.user.getProperty("fullname") or self.user_id

    # which networks the user coordinates ---------------------------------------------------
    def coordinated(self):
        catalog = api.portal.get_tool("portal_catalog")
        networks = []
        for brain in catalog(object_provides=INetwork.__identifier__, sort_on="sortable_title"):
            network = brain.getObject()
            if api.user.has_permission("kooperation: Manage network members", obj=network):
                networks.append(network)
        return networks

    def build(self):
        networks = self.coordinated()
        rows = {
            "signatures": self.signatures,
            "consents": self.consents,
            "minutes": self.minutes,
            "persons": self.pending_persons,
            "duties": self.duties,
            "actions": self.action_items,
            "registrations": self.registrations,
            "reports": lambda: self.reports(networks),
            "deadlines": lambda: self.deadlines(networks),
            "open_events": self.open_events,
            "networks": list,
        }
        sections = []
        for id, title in SECTION_TITLES:
            links = self.network_links(networks) if id == "networks" else None
            sections.append(self.section(id, title, rows[id](), links=links))
        return sections

    def section(self, id, title, rows, links=None):
        return {"id": id, "title": self.tr(title), "rows": rows, "links": links or []}

    # the sections -----------------------------------------------------------------------------
    def signatures(self):
        rows = []
        for row in MySignaturesView(self.context, self.request).rows():
            rows.append(
                {
                    "title": row["title"],
                    "url": row["sign_url"],
                    "text": self.tr(
                        _(
                            "overview_sign_for",
                            default="Sign for ${parties}",
                            mapping={"parties": row["for_parties"]},
                        )
                    ),
                }
            )
        rows.extend(self.amendment_signatures())
        return rows

    def amendment_signatures(self):
        if not self.persons:
            return []
        rows = []
        for brain in api.content.find(portal_type="Amendment", review_state="for_signature"):
            amendment = brain.getObject()
            waiting = set(own_parties(amendment, self.user_id)) & set(missing_parties(amendment))
            if waiting:
                rows.append(
                    {
                        "title": brain.Title,
                        "url": f"{brain.getURL()}/@@sign",
                        "text": self.tr(_("overview_sign", default="Sign")),
                    }
                )
        return rows

    def minutes(self):
        rows = []
        for brain in api.content.find(
            portal_type="Minutes", review_state=["circulation", "approved"], sort_on="created"
        ):
            obj = brain.getObject()
            if not api.user.has_permission("Review portal content", obj=obj):
                continue
            todo = (
                _("overview_minutes_approve", default="Approve")
                if brain.review_state == "circulation"
                else _("overview_minutes_publish", default="Publish")
            )
            rows.append({"title": brain.Title, "url": brain.getURL(), "text": self.tr(todo)})
        return rows

    def consents(self):
        if not self.persons:
            return []
        rows = []
        for brain in api.content.find(portal_type="Amendment", review_state="consultation"):
            amendment = brain.getObject()
            done = consents(amendment)
            waiting = [uid for uid in own_parties(amendment, self.user_id) if uid not in done]
            if waiting:
                rows.append(
                    {
                        "title": brain.Title,
                        "url": brain.getURL(),
                        "text": self.tr(_("overview_consent_open", default="Consent or object")),
                    }
                )
        return rows + self.conference_consents()

    def conference_consents(self):
        """Youth conferences in consultation where a partner this person decides for has
        not decided yet."""
        rows = []
        for brain in api.content.find(portal_type="YouthConference", review_state="consultation"):
            conference = brain.getObject()
            decided = conference.partner_decisions or {}
            own = deciding_partners(conference, self.user_id, date.today())
            if any(uid not in decided for uid in own):
                rows.append(
                    {
                        "title": brain.Title,
                        "url": f"{brain.getURL()}/@@conference-decisions",
                        "text": self.tr(
                            _("overview_conference_consent_open", default="Consent or withhold")
                        ),
                    }
                )
        return rows

    def pending_persons(self):
        rows = []
        for partner in self.admin_of:
            for person in partner.persons():
                if person.acts_as(self.user_id) or not pending_fields(person):
                    continue
                rows.append(
                    {
                        "title": f"{person.Title()} ({partner.Title()})",
                        "url": f"{person.absolute_url()}/@@confirm",
                        "text": self.tr(
                            _("overview_confirm_person", default="Confirm for the partner")
                        ),
                    }
                )
        return rows

    def duties(self):
        if not self.partner_uids:
            return []
        end = self.today + timedelta(days=DUTY_DAYS)
        rows = []
        for brain in api.content.find(
            portal_type="Meeting",
            start={"query": [self.today, end], "range": "min:max"},
            sort_on="start",
        ):
            meeting = brain.getObject()
            for duty, holder in sorted((meeting.duty_holders or {}).items()):
                if duty not in DUTIES or holder not in self.partner_uids:
                    continue
                if duty_done(meeting, duty):
                    continue
                rows.append(
                    {
                        "title": brain.Title,
                        "url": brain.getURL(),
                        "text": duty_label(duty, self.request.get("LANGUAGE") or None),
                        "date": german_date(_as_date(brain.start)),
                    }
                )
        return rows

    def action_items(self):
        if not self.partner_uids:
            return []
        rows = []
        for brain in api.content.find(portal_type="Minutes", sort_on="created"):
            minutes = brain.getObject()
            for item in minutes.action_items or ():
                if item.get("done") or item.get("partner") not in self.partner_uids:
                    continue
                due = _as_date(item.get("due"))
                rows.append(
                    {
                        "title": item.get("what", ""),
                        "url": brain.getURL(),
                        "text": brain.Title,
                        "date": german_date(due),
                        "overdue": bool(due and due < self.today),
                    }
                )
        return sorted(rows, key=lambda r: (r["date"] == "", r["date"][6:], r["date"][3:5]))

    def registrations(self):
        rows = []
        found = api.content.find(object_provides=IRegistrationEvent.__identifier__)
        for brain in sorted(found, key=lambda brain: brain.getPath()):
            event = brain.getObject()
            if not api.user.has_permission("kooperation: Manage registrations", obj=event):
                continue
            count = len(listed(event, state="pending"))
            if not count:
                continue
            rows.append(
                {
                    "title": event.Title(),
                    "url": f"{event.absolute_url()}/@@registrations?state=pending",
                    "text": self.tr(
                        _(
                            "overview_registrations_pending",
                            default="${count} waiting for approval",
                            mapping={"count": count},
                        )
                    ),
                }
            )
        return rows

    def reports(self, networks):
        rows = []
        for network in networks:
            if not getattr(network, "association_member", False):
                continue
            for item in missing_reports([network.UID()], reports_of(network), self.today):
                rows.append(
                    {
                        "title": network.Title(),
                        "url": network.absolute_url(),
                        "text": f"Q{item.quarter} {item.year}",
                        "date": german_date(item.due),
                        "overdue": item.overdue,
                    }
                )
        return rows

    def deadlines(self, networks):
        if not networks and not self.admin_of:
            return []
        end = self.today + timedelta(days=31 * DEADLINE_MONTHS)
        rows = []
        for brain in find_deadlines(self.context, start=self.today, end=end, limit=10):
            row = deadline_row(brain)
            notice = row["notice_deadline"]
            rows.append(
                {
                    "title": row["title"],
                    "url": row["url"],
                    "text": self.tr(
                        _("overview_notice_until", default="Notice must be received by")
                        if notice and notice >= self.today
                        else _("overview_term_end", default="Term ends")
                    ),
                    "date": german_date(
                        notice if notice and notice >= self.today else row["term_end"]
                    ),
                }
            )
        return rows

    def open_events(self):
        """Workshops and conferences the user may register for (and has not yet)."""
        rows = []
        for brain in api.content.find(
            portal_type=["Workshop", "YouthConference"],
            review_state="registration_open",
            sort_on="start",
        ):
            if any(
                api.content.get_state(obj) in ("pending", "confirmed", "waiting")
                for obj in owned_by(self.user_id, brain.getObject())
            ):
                continue
            rows.append(
                {
                    "title": brain.Title,
                    "url": f"{brain.getURL()}/anmeldung",
                    "text": self.tr(_("overview_register", default="Register")),
                    "date": german_date(_as_date(brain.start)),
                }
            )
        return rows

    def network_links(self, coordinated):
        """The networks the user belongs to with their tools: for coordinators the daily
        tools, for everybody the network page (and the members' area of a member)."""

        links = []
        for brain in api.content.find(object_provides=INetwork.__identifier__):
            network = brain.getObject()
            local = set(api.user.get_roles(user=self.user, obj=network, inherit=True))
            if network not in coordinated and not local & MEMBER_ROLES:
                continue
            tools = [
                {
                    "id": f"page-{network.getId()}",
                    "title": self.tr(_("tool_network_page", default="Network page")),
                    "url": network.absolute_url(),
                }
            ]
            if getattr(network, "association_member", False):
                tools.append(
                    {
                        "id": f"places-{network.getId()}",
                        "title": self.tr(_("tool_places", default="Places and projects")),
                        "url": f"{network.absolute_url()}/@@places-dashboard",
                    }
                )
            if network in coordinated:
                tools.extend(network_tools(network, self.request))
            links.append({"title": network.Title(), "tools": tools})
        return links
