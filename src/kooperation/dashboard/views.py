"""Classic UI: the deadline dashboard (network, site) and the signatures awaiting me."""

from datetime import date
from kooperation import _
from kooperation.agreements.signatures import missing_parties
from kooperation.common.errors import KooperationError
from kooperation.common.german import german_date
from kooperation.dashboard.query import deadline_row
from kooperation.dashboard.query import DEFAULT_STATES
from kooperation.dashboard.query import find_deadlines
from kooperation.dashboard.query import parse_filters
from kooperation.interfaces import IAgreement
from kooperation.interfaces import INetwork
from kooperation.interfaces import IPartner
from kooperation.interfaces import IPerson
from kooperation.members.deadlines import project_deadlines
from kooperation.vocabularies import LEGAL_SPHERES
from plone import api
from Products.CMFCore.interfaces import ISiteRoot
from Products.Five import BrowserView
from zExceptions import Unauthorized
from zope.i18n import translate


MONTH_CHOICES = (1, 3, 6, 12, 24)


def state_titles(request):
    """Translated titles of the agreement workflow's states."""
    workflow = api.portal.get_tool("portal_workflow")
    titles = {}
    for wf in workflow.getWorkflowsFor("Agreement"):
        for state_id, state in wf.states.items():
            titles[state_id] = translate(state.title, domain="kooperation", context=request)
    return titles


def filter_context_title(context, request):
    if ISiteRoot.providedBy(context):
        return translate(_("dashboard_all_networks", default="All networks"), context=request)
    return context.Title()


class DeadlinesView(BrowserView):
    """@@deadlines on a network or the site: upcoming notice deadlines and term ends."""

    def update(self):
        self.error = None
        self.today = date.today()
        try:
            self.filters = parse_filters(self.request.form, today=self.today)
        except KooperationError as error:
            self.error = error.message(self.request)
            self.filters = parse_filters({}, today=self.today)
            self.brains = []
        else:
            self.brains = find_deadlines(self.context, **self.filters.query())
        self.states = state_titles(self.request)

    def __call__(self):
        self.update()
        return self.index()

    def page_title(self):
        return self.heading()

    def heading(self):
        return translate(
            _(
                "dashboard_heading",
                default="Deadlines: ${title}",
                mapping={"title": filter_context_title(self.context, self.request)},
            ),
            context=self.request,
        )

    def period(self):
        return translate(
            _(
                "dashboard_period",
                default="Notice deadlines and term ends from ${start} to ${end}.",
                mapping={
                    "start": german_date(self.filters.start),
                    "end": german_date(self.filters.end),
                },
            ),
            context=self.request,
        )

    def project_rows(self):
        """Project ends, pilot ends and funding phases in the period (members' area)."""

        if self.error or self.filters.partner:
            return []
        return project_deadlines(
            self.context,
            self.filters.start,
            self.filters.end,
            self.request,
            legal_sphere=self.filters.legal_sphere,
        )

    def rows(self):
        for brain in self.brains:
            row = deadline_row(brain, self.today)
            row["state_title"] = self.states.get(row["review_state"], row["review_state"])
            row["notice_deadline_text"] = german_date(row["notice_deadline"])
            row["term_end_text"] = german_date(row["term_end"])
            row["parties_text"] = ", ".join(row["parties"])
            yield row

    # The filter form

    def partner_options(self):
        """The partners in the context, from the catalog."""
        query = {"object_provides": IPartner.__identifier__, "sort_on": "sortable_title"}
        if INetwork.providedBy(self.context):
            query["path"] = "/".join(self.context.getPhysicalPath())
        selected = self.filters.partner
        return [
            {"value": brain.UID, "title": brain.Title, "selected": selected == brain.UID}
            for brain in api.content.find(**query)
        ]

    def state_options(self):
        selected = set(self.filters.review_state)
        return [
            {"value": state, "title": self.states.get(state, state), "checked": state in selected}
            for state in DEFAULT_STATES
        ]

    def sphere_options(self):
        return [
            {
                "value": term.value,
                "title": translate(term.title, context=self.request),
                "selected": term.value == self.filters.legal_sphere,
            }
            for term in LEGAL_SPHERES
        ]

    def month_options(self):
        choices = sorted({*MONTH_CHOICES, self.filters.months})
        return [
            {
                "value": value,
                "title": translate(
                    _("dashboard_months", default="${months} months", mapping={"months": value}),
                    context=self.request,
                ),
                "selected": value == self.filters.months,
            }
            for value in choices
        ]

    def export_url(self, name):
        query = self.filters.query_string()
        url = f"{self.context.absolute_url()}/@@{name}"
        return f"{url}?{query}" if query else url


class MySignaturesView(BrowserView):
    """@@my-signatures: agreements for signature where the current user signs for a
    party that has not signed yet.

    The candidates come from the catalog (agreements for signature, their parties'
    UIDs from metadata); only the persons of those parties and the agreements that
    name one of the user's partners are woken, to read ``user_id``/``may_sign``
    and the signatures.
    """

    def __call__(self):
        if api.user.is_anonymous():
            raise Unauthorized("Log in to see the agreements awaiting your signature.")
        return self.index()

    def my_partners(self, candidates):
        """UIDs of the partners among ``candidates`` for which the user may sign today."""
        user_id = api.user.get_current().getId()
        catalog = api.portal.get_tool("portal_catalog")
        partners = catalog.unrestrictedSearchResults(
            UID=list(candidates), object_provides=IPartner.__identifier__
        )
        if not partners:
            return set()
        uid_by_path = {brain.getPath(): brain.UID for brain in partners}
        persons = catalog.unrestrictedSearchResults(
            object_provides=IPerson.__identifier__,
            path={"query": list(uid_by_path), "depth": 1},
        )
        today = date.today()
        mine = set()
        for brain in persons:
            person = brain._unrestrictedGetObject()
            if person.acts_as(user_id) and person.may_sign_on(today):
                mine.add(uid_by_path[brain.getPath().rsplit("/", 1)[0]])
        return mine

    def rows(self):
        catalog = api.portal.get_tool("portal_catalog")
        pending = catalog(object_provides=IAgreement.__identifier__, review_state="for_signature")
        candidates = {uid for brain in pending for uid in (brain.agreement_parties or ())}
        if not candidates:
            return []
        mine = self.my_partners(candidates)
        if not mine:
            return []
        rows = []
        for brain in catalog(
            object_provides=IAgreement.__identifier__,
            review_state="for_signature",
            agreement_parties=list(mine),
            sort_on="sortable_title",
        ):
            waiting = mine & set(missing_parties(brain.getObject()))
            if not waiting:
                continue
            titles = dict(
                zip(brain.agreement_parties or (), brain.party_titles or (), strict=False)
            )
            url = brain.getURL()
            rows.append(
                {
                    "title": brain.Title,
                    "url": url,
                    "sign_url": f"{url}/@@sign",
                    "for_parties": ", ".join(sorted(titles.get(uid, uid) for uid in waiting)),
                    "parties": ", ".join(t for t in brain.party_titles or () if t),
                }
            )
        return rows
