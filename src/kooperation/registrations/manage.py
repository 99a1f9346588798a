"""Classic UI for coordinators (the registrations of an event: filters, counts, check-in,
approval, exports, a mail to all) and for staff ("meine Anmeldungen")."""

from functools import cached_property
from kooperation import _
from kooperation.common.german import german_datetime
from kooperation.common.page import full_width
from kooperation.registrations import ledger
from kooperation.registrations import mails
from kooperation.registrations import service
from kooperation.registrations.export import neutralise_cell
from kooperation.registrations.interfaces import IRegistration
from kooperation.registrations.interfaces import IRegistrationEvent
from kooperation.registrations.rules import RegistrationError
from kooperation.registrations.service import rule_message
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from Products.statusmessages.interfaces import IStatusMessage
from zope.i18n import translate

import csv
import io


STATE_TITLES = {
    "confirmed": _("registration_state_confirmed", default="Registered"),
    "waiting": _("registration_state_waiting", default="Waiting list"),
    "pending": _("registration_state_pending", default="Awaiting approval"),
    "cancelled": _("registration_state_cancelled", default="Cancelled"),
    "attended": _("registration_state_attended", default="Attended"),
    "no_show": _("registration_state_no_show", default="No-show"),
}
EXPORT_HEADERS = (
    "id",
    "state",
    "position",
    "name",
    "email",
    "partner",
    "organisation",
    "dietary",
    "submitted",
    "awaiting",
)


def partner_titles(uids):
    """UID -> title of the partners ``uids`` (empty ones: registrations without partner)."""
    uids = [uid for uid in uids if uid]
    if not uids:
        return {}
    catalog = api.portal.get_tool("portal_catalog")
    return {b.UID: b.Title for b in catalog.unrestrictedSearchResults(UID=uids)}


def rows(event, state=None, partner=None, found=None, titles=None):
    """The registrations of ``event`` as dicts, filtered by state and partner; ``found``
    (the event's registration objects) and ``titles`` (partner titles by UID): when the
    caller has them already."""
    state = state if isinstance(state, str) and state else None
    partner = partner if isinstance(partner, str) and partner else None  # "": all
    if found is None:
        found = ledger.objects(event)
    listed = ledger.select(found, state=state, partner=partner)
    if titles is None:
        titles = partner_titles({obj.partner for obj in listed})
    found = []
    for obj in listed:
        obj_state = api.content.get_state(obj)
        found.append(
            {
                "obj": obj,
                "id": obj.getId(),
                "state": obj_state,
                "position": obj.position,
                "name": obj.fullname,
                "email": obj.email,
                "partner": obj.partner or "",
                "partner_title": titles.get(obj.partner, ""),
                "organisation": obj.organisation,
                "dietary": (obj.answers or {}).get("dietary", ""),
                "submitted": obj.submitted,
                "awaiting": " ".join(obj.awaiting or ()),
            }
        )
    return found


def export_cells(row):
    """One export row, every cell neutralised against formula injection."""
    values = (
        row["id"],
        row["state"],
        row["position"],
        row["name"],
        row["email"],
        row["partner_title"] or row["partner"],
        row["organisation"],
        row["dietary"],
        row["submitted"].isoformat() if row["submitted"] else "",
        row["awaiting"],
    )
    return [neutralise_cell(value) for value in values]


class RegistrationsView(BrowserView):
    """``@@registrations``: list with filters, counts per partner and state, and the
    coordinators' actions (check-in, no-show, approve, consent, cancel, mail to all)."""

    def __call__(self):
        full_width(self.request)
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            self.handle(self.request.form)
            query = self.request.get("QUERY_STRING", "")
            target = f"{self.context.absolute_url()}/@@registrations"
            self.request.response.redirect(f"{target}?{query}" if query else target)
            return ""
        return self.index()

    def handle(self, form):
        messages = IStatusMessage(self.request)
        action = form.get("action")
        if action == "mail_all":
            subject = (form.get("subject") or "").strip()
            text = (form.get("text") or "").strip()
            if not subject or not text:
                messages.add(
                    _("error_mail_all_empty", default="Please give a subject and a text."),
                    type="error",
                )
                return
            sent = mails.mail_all(self.context, subject, text)
            messages.add(
                _("msg_mail_all_sent", default="${n} mails queued.", mapping={"n": sent}),
                type="info",
            )
            return
        ids = form.get("ids") or []
        if isinstance(ids, str):
            ids = [ids]
        done = 0
        for rid in ids:
            obj = self.context.get(rid)
            if obj is None or not IRegistration.providedBy(obj):
                continue
            try:
                if action == "attended":
                    ledger.check_in(obj, attended=True)
                elif action == "no_show":
                    ledger.check_in(obj, attended=False)
                elif action in ("approval", "consent"):
                    service.approve(obj, action)
                elif action == "cancel":
                    service.cancel(obj, deadline=False)
                else:
                    continue
                done += 1
            except RegistrationError as error:
                messages.add(f"{rid}: {rule_message(self.request, error)}", type="error")
        if done:
            messages.add(
                _("msg_registrations_changed", default="${n} changed.", mapping={"n": done}),
                type="info",
            )

    @property
    def page_title(self):
        """The tab names the list: "Anmeldungen: <event>" (theme.title)."""
        heading = translate(
            _("heading_registrations", default="Registrations"), context=self.request
        )
        return f"{heading}: {self.context.Title()}"

    def state_filter(self):
        return self.request.form.get("state") or ""

    @property
    def partner_filter(self):
        return self.request.form.get("partner")

    @cached_property
    def _found(self):
        """The event's registrations, woken once for the counts and the list."""
        return ledger.objects(self.context)

    @cached_property
    def _counts(self):
        return ledger.counts(self.context, self._found)

    @cached_property
    def _titles(self):
        """Every partner with a registration, by UID (one catalog query for the page)."""
        return partner_titles(self._counts.by_partner)

    def rows(self):
        return rows(self.context, self.state_filter, self.partner_filter, self._found, self._titles)

    def state_title(self, state):
        return translate(STATE_TITLES.get(state, state), context=self.request)

    def states(self):
        return [(key, self.state_title(key)) for key in STATE_TITLES]

    def counts(self):
        counts = self._counts
        titles = self._titles
        per_partner = [
            {
                "partner": titles.get(uid, uid) or "–",
                "states": [states.get(key, 0) for key in STATE_TITLES],
            }
            for uid, states in sorted(counts.by_partner.items())
        ]
        return {
            "total": [counts.by_state.get(key, 0) for key in STATE_TITLES],
            "partners": per_partner,
            "seats_taken": counts.seats_taken,
            "capacity": self.context.capacity,
        }

    def authenticator(self):
        return self.context.restrictedTraverse("@@authenticator").token()


class RegistrationsCSV(BrowserView):
    """``@@registrations.csv``: UTF-8 with BOM, ``;`` as delimiter."""

    def __call__(self):
        out = io.StringIO()
        writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
        writer.writerow(EXPORT_HEADERS)
        for row in rows(self.context, self.request.form.get("state")):
            writer.writerow(export_cells(row))
        response = self.request.response
        response.setHeader("Content-Type", "text/csv; charset=utf-8")
        response.setHeader(
            "Content-Disposition", f'attachment; filename="{self.context.getId()}.csv"'
        )
        return ("\ufeff" + out.getvalue()).encode("utf-8")


class RegistrationsXLSX(BrowserView):
    """``@@registrations.xlsx``: numbers stay numbers, text cells are neutralised."""

    def __call__(self):
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        sheet.title = "Anmeldungen"
        sheet.append(list(EXPORT_HEADERS))
        for row in rows(self.context, self.request.form.get("state")):
            sheet.append(export_cells(row))
        out = io.BytesIO()
        book.save(out)
        response = self.request.response
        response.setHeader(
            "Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        response.setHeader(
            "Content-Disposition", f'attachment; filename="{self.context.getId()}.xlsx"'
        )
        return out.getvalue()


class MyRegistrations(BrowserView):
    """``@@my-registrations`` (meine Anmeldungen): the current user's registrations, each
    with a cancel button while cancelling is possible."""

    confirming = None

    def __call__(self):
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            uid = self.request.form.get("uid")
            if not self.request.form.get("confirmed"):
                # First ask: a cancellation cannot be undone (the seat may go to others).
                self.confirming = next((r for r in self.rows() if r["uid"] == uid), None)
                if self.confirming is not None:
                    return self.index()
            self.cancel(uid)
            self.request.response.redirect(f"{self.context.absolute_url()}/@@my-registrations")
            return ""
        return self.index()

    @cached_property
    def _mine(self):
        if api.user.is_anonymous():
            return []
        userid = api.user.get_current().getId()
        found = []
        for event in ledger.events():
            found.extend(ledger.owned_by(userid, event))
        return sorted(found, key=lambda obj: obj.created(), reverse=True)

    def rows(self):
        result = []
        for obj in self._mine:
            event = obj.aq_parent
            state = api.content.get_state(obj)
            result.append(
                {
                    "uid": obj.UID(),
                    "event": event.Title(),
                    "event_url": event.absolute_url(),
                    "start": german_datetime(event.start),
                    "state": state,
                    "state_title": translate(STATE_TITLES.get(state, state), context=self.request),
                    "position": obj.position,
                    "cancellable": state in ("confirmed", "waiting", "pending"),
                }
            )
        return result

    def open_events(self):
        """What the user may register for: the next step on an empty page."""
        found = api.content.find(
            object_provides=IRegistrationEvent.__identifier__,
            review_state=ledger.OPEN_STATE,
            sort_on="start",
        )
        return [
            {"title": b.Title, "url": b.getURL(), "start": german_datetime(b.start)} for b in found
        ]

    def cancel(self, uid):
        messages = IStatusMessage(self.request)
        obj = next((o for o in self._mine if o.UID() == uid), None)
        if obj is None or not api.user.has_permission("kooperation: Cancel registration", obj=obj):
            messages.add(
                _("error_may_not_cancel", default="You may not cancel this registration."),
                type="error",
            )
            return
        try:
            service.cancel(obj)
        except RegistrationError as error:
            messages.add(rule_message(self.request, error), type="error")
            return
        messages.add(_("msg_registration_cancelled", default="Your registration is cancelled."))

    def authenticator(self):
        return self.context.restrictedTraverse("@@authenticator").token()
