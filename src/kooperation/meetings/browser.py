"""Classic UI: the series page, the meeting page, and the minutes with the privacy warning."""

from datetime import date
from datetime import datetime
from kooperation import _
from kooperation.common.download import attachment
from kooperation.common.download import language_of
from kooperation.common.errors import KooperationError
from kooperation.common.errors import render
from kooperation.common.german import german_date
from kooperation.common.urls import safe_url
from kooperation.common.workflow import state_title
from kooperation.meetings import printing
from kooperation.meetings.corrections import correct
from kooperation.meetings.corrections import LOCKED_STATES
from kooperation.meetings.corrections import may_correct
from kooperation.meetings.corrections import versions
from kooperation.meetings.invitation import invited_partners
from kooperation.meetings.invitation import may_invite
from kooperation.meetings.invitation import recipients as invitation_recipients
from kooperation.meetings.invitation import send_invitation
from kooperation.meetings.invitation import sent_invitation
from kooperation.meetings.mail import find_partner
from kooperation.meetings.privacy import findings_by_place
from kooperation.meetings.privacy import privacy_warning
from kooperation.meetings.reminders import due_rules
from kooperation.meetings.rotation import MESSAGES as ROTATION_MESSAGES
from kooperation.meetings.rotation import RotationError
from kooperation.meetings.rotation.reminders import DEFAULT_REMIND_DAYS
from kooperation.meetings.series import _day
from kooperation.meetings.series import meetings_of
from kooperation.meetings.series import rotation_plan
from kooperation.meetings.series import viewable_minutes
from kooperation.meetings.widgets import earlier_open_items
from kooperation.printing import pdf
from plone import api
from plone.dexterity.browser.edit import DefaultEditForm
from plone.protect import CheckAuthenticator
from plone.z3cform import layout
from Products.Five import BrowserView
from zExceptions import Unauthorized
from zope.i18n import translate


STATUS = {
    "present": _("attendance_present", default="present"),
    "excused": _("attendance_excused", default="excused"),
    "absent": _("attendance_absent", default="absent"),
}


def duty_title(duty, request):
    msgid = f"rotation_duty_{duty}"
    if msgid in ROTATION_MESSAGES:
        return translate(_(msgid, default=ROTATION_MESSAGES[msgid]), context=request)
    return duty


def _titles(uids):
    """Partner names by UID, for the people who see the meeting, minutes or series.

    A partner named in minutes is shown by name to whoever may read them, also when
    the partner's own page is not published (public minutes read by anonymous
    visitors): only Partner titles are looked up, nothing else is revealed.
    """
    uids = [uid for uid in uids if isinstance(uid, str) and uid]
    if not uids:
        return {}
    catalog = api.portal.get_tool("portal_catalog")
    return {
        b.UID: b.Title for b in catalog.unrestrictedSearchResults(UID=uids, portal_type="Partner")
    }


class SeriesView(BrowserView):
    error = None

    def __call__(self):
        self.plan = None
        try:
            self.plan = rotation_plan(self.context, 5)
        except RotationError as error:
            self.error = render(error.msgid, error.default, error.mapping, self.request)
        uids = list(self.context.members or ())
        if self.context.coordinator:
            uids.append(self.context.coordinator)
        self.titles = _titles(uids)
        return self.index()

    def duties(self):
        return [duty_title(d, self.request) for d in self.context.duties or ()]

    def coordinator(self):
        return self.titles.get(self.context.coordinator, "")

    def deadlines(self):
        """When the invitation and the minutes are due, as the daily job's reminders count."""
        due = due_rules(self.context)
        return translate(
            _(
                "info_series_duty_deadlines",
                default="The invitation is due ${invitation} days before each meeting, the "
                "minutes ${minutes} days after it; their holders are reminded by e-mail "
                "${remind} days before a duty is due.",
                mapping={
                    "invitation": -due["invitation"],
                    "minutes": due["minutes"],
                    "remind": DEFAULT_REMIND_DAYS,
                },
            ),
            context=self.request,
        )

    def members(self):
        return [self.titles.get(uid, uid) for uid in self.context.members or ()]

    def upcoming(self):
        if self.plan is None:
            return []
        by_day = {_day(m.start): m for m in meetings_of(self.context)}
        rows = []
        for item in self.plan.upcoming:
            meeting = by_day.get(item.day)
            rows.append(
                {
                    "date": german_date(item.day),
                    "url": meeting.absolute_url() if meeting is not None else None,
                    "title": meeting.Title() if meeting is not None else "",
                    "holders": [
                        self.titles.get(item.holder(duty), "–") for duty in self.plan.duties
                    ],
                }
            )
        return rows

    def tally(self):
        if self.plan is None:
            return []
        return [
            {
                "partner": self.titles.get(row.partner, row.partner),
                "counts": [
                    f"{row.held.get(duty, 0)} (+{row.planned.get(duty, 0)})"
                    for duty in self.plan.duties
                ],
            }
            for row in self.plan.tally
        ]

    def past(self):
        today = date.today()
        rows = []
        for meeting in reversed(meetings_of(self.context)):
            if not meeting.held and _day(meeting.start) >= today:
                continue
            rows.append(
                {
                    "date": german_date(_day(meeting.start)),
                    "title": meeting.Title(),
                    "url": meeting.absolute_url(),
                    "minutes": [
                        {"title": m.Title(), "url": m.absolute_url()}
                        for m in viewable_minutes(meeting)
                    ],
                }
            )
        return rows


class MeetingView(BrowserView):
    def __call__(self):
        self.prepare()
        return self.index()

    def prepare(self):
        self.series = self.context.__parent__
        holders = self.context.duty_holders or {}
        uids = [*holders.values(), *(self.context.invited or ())]
        uids += [row.get("partner") for row in self.context.attendance or ()]
        uids += [item.get("partner") for _m, item in self._open_items()]
        self.titles = _titles(uids)

    def day(self):
        return german_date(_day(self.context.start))

    def hours(self):
        """14:00–15:30 Uhr: when the meeting begins and ends, in its own time zone."""
        from plone.event.interfaces import IEventAccessor

        accessor = IEventAccessor(self.context)
        start, end = accessor.start, accessor.end
        if not isinstance(start, datetime) or accessor.whole_day:
            return ""
        hours = f"{start:%H:%M}"
        if isinstance(end, datetime) and end.date() == start.date() and end > start:
            hours += f"–{end:%H:%M}"
        return translate(
            _("meeting_hours", default="${hours}", mapping={"hours": hours}), context=self.request
        )

    def video_link(self):
        """The video link if it may be a link (http/https); a stored ``javascript:`` is not."""

        return safe_url(self.context.video_link)

    def holders(self):
        holders = self.context.duty_holders or {}
        return [
            {"duty": duty_title(duty, self.request), "partner": self.titles.get(uid, uid)}
            for duty, uid in holders.items()
        ]

    def attendance(self):
        return [
            {
                "partner": self.titles.get(row.get("partner"), row.get("partner")),
                "person": row.get("person", ""),
                "status": translate(STATUS[row["status"]], context=self.request),
            }
            for row in self.context.attendance or ()
        ]

    def invited(self):
        return [self.titles.get(uid, uid) for uid in self.context.invited or ()]

    def invitation(self):
        return invitation_info(sent_invitation(self.context))

    def may_invite(self):
        return may_invite(self.context)

    def is_member(self):
        """Invitation status and the attendance list name people: not for anonymous visitors."""
        return not api.user.is_anonymous()

    def minutes(self):
        return [
            {"title": m.Title(), "url": m.absolute_url()} for m in viewable_minutes(self.context)
        ]

    def write_minutes(self):
        """ "Protokoll schreiben" for who may add the minutes here (the minute-taker's
        partner, the editors, the coordinators) while the meeting has none they can edit;
        "Protokoll bearbeiten" for minutes they may still edit."""
        for minutes in viewable_minutes(self.context):
            if api.user.has_permission("Modify portal content", obj=minutes):
                return {
                    "url": f"{minutes.absolute_url()}/edit",
                    "label": _("link_edit_minutes", default="Edit the minutes"),
                }
        if viewable_minutes(self.context):
            return None
        if not api.user.has_permission(
            "Add portal content", obj=self.context
        ) or not api.user.has_permission("kooperation: Add Minutes", obj=self.context):
            return None
        return {
            "url": f"{self.context.absolute_url()}/++add++Minutes",
            "label": _("link_write_minutes", default="Write the minutes"),
        }

    def _open_items(self):
        """Open action items of the minutes of earlier meetings of the series."""
        start = _day(self.context.start)
        found = []
        for meeting in meetings_of(self.context.__parent__):
            if _day(meeting.start) >= start:
                continue
            for minutes in viewable_minutes(meeting):
                found += [
                    (meeting, item) for item in minutes.action_items or () if not item.get("done")
                ]
        return found

    def open_items(self):
        return [
            {
                "what": item.get("what"),
                "owner": ", ".join(
                    x
                    for x in (
                        self.titles.get(item.get("partner"), item.get("partner")),
                        item.get("person"),
                    )
                    if x
                ),
                "due": item.get("due") or "",
                "from": german_date(_day(meeting.start)),
            }
            for meeting, item in self._open_items()
        ]


class MinutesView(BrowserView):
    def __call__(self):
        self.warning, findings = privacy_warning(self.context, self.request)
        self.findings = [
            {"text": f.text, "why": translate(_(f.msgid, default=f.default), context=self.request)}
            for f in findings
        ]
        return self.index()

    def meeting(self):
        return self.context.__parent__

    def versions(self):
        return version_rows(self.context)

    def may_correct(self):

        state = api.content.get_state(self.context, default=None)
        return state in LOCKED_STATES and may_correct(self.context)

    def publish_blocked(self):
        """Why "Publish publicly" is not offered, and where to correct it (or None).

        Shown to who could publish (Review portal content) while the minutes could be
        published publicly but for the third-party warning (``@@minutes-status``).
        """
        state = api.content.get_state(self.context, default=None)
        if state not in ("approved", "published") or not self.warning:
            return None
        if not api.user.has_permission("Review portal content", obj=self.context):
            return None
        url = None
        if self.may_correct():
            url = f"{self.context.absolute_url()}/@@correct"
        elif api.user.has_permission("Modify portal content", obj=self.context):
            url = f"{self.context.absolute_url()}/edit"
        return {"places": findings_by_place(self.context, self.request), "url": url}

    def carried_over(self):
        """Open action items of the minutes of the series' earlier meetings."""
        titles = _titles([item.get("partner") for _m, item in earlier_open_items(self.context)])
        return [
            {
                "what": item.get("what", ""),
                "owner": ", ".join(
                    x for x in (titles.get(item.get("partner"), ""), item.get("person")) if x
                ),
                "due": item.get("due") or "",
                "from": german_date(_day(meeting.start)),
            }
            for meeting, item in earlier_open_items(self.context)
        ]

    def owner(self, item):
        titles = getattr(self, "_owner_titles", None)
        if titles is None:
            uids = [a.get("partner") for a in self.context.action_items or ()]
            titles = self._owner_titles = _titles(uids)
        return ", ".join(x for x in (titles.get(item.get("partner"), ""), item.get("person")) if x)


class MinutesEditForm(DefaultEditForm):
    """The edit form, with the privacy warning above the fields."""

    def update(self):
        super().update()
        if not self.request.form.get("form.buttons.save"):
            text, _findings = privacy_warning(self.context, self.request)
            if text:
                self.status = text


MinutesEditView = layout.wrap_form(MinutesEditForm)


class MinutesStatus(BrowserView):
    """For the workflow guard: public minutes must not look like they contain case data."""

    def free_of_third_party_data(self):
        text, _findings = privacy_warning(self.context, self.request)
        return text is None


class SendInvitationView(BrowserView):
    """@@send-invitation on a meeting: who gets it, a note, send (POST with CSRF token)."""

    error = None

    def __call__(self):
        self.allowed = may_invite(self.context)
        if not self.allowed:
            self.error = translate(
                _(
                    "error_invitation_not_allowed",
                    default="Only the partner holding the invitation duty or a coordinator may "
                    "send the invitation.",
                ),
                context=self.request,
            )
            self.request.response.setStatus(403)
        elif self.request.method == "POST" and "form.send" in self.request.form:
            CheckAuthenticator(self.request)
            try:
                to = send_invitation(self.context, note=self.request.form.get("note", ""))
            except KooperationError as error:
                self.error = error.message(self.request)
                self.request.response.setStatus(400)
            else:
                api.portal.show_message(
                    _(
                        "msg_invitation_sent",
                        default="The invitation has been sent to ${count} people.",
                        mapping={"count": len(to)},
                    ),
                    self.request,
                )
                self.request.response.redirect(self.context.absolute_url())
                return ""
        return self.index()

    def recipients(self):
        return invitation_recipients(self.context)

    def sent(self):
        return invitation_info(sent_invitation(self.context))


def invitation_info(record):
    if not record:
        return None
    when = record.get("sent_at")
    return {
        "by": record.get("sent_by_name") or record.get("sent_by"),
        "at": when.strftime("%d.%m.%Y %H:%M") if when else "",
        "count": len(record.get("recipients") or ()),
    }


def _tr(request, msgid, default, **mapping):
    return translate(_(msgid, default=default, mapping=mapping or None), context=request)


def _page_label(request):
    """The agreement print's "Page x of y" in the request's language."""
    return pdf.labels_for(language_of(request)).page


def _language(request):
    return str(request.get("LANGUAGE", "") or "de")[:2]


def meeting_when(meeting):
    """ "02.03.2026, 10:00–12:00" (the date alone for whole-day meetings)."""
    start, end = meeting.start, getattr(meeting, "end", None)
    text = german_date(_day(start))
    if not getattr(meeting, "whole_day", False) and hasattr(start, "hour"):
        text += f", {start:%H:%M}" + (f"–{end:%H:%M}" if hasattr(end, "hour") else "")
    return text


def _subtitle(meeting):
    parts = [meeting.__parent__.Title(), meeting_when(meeting), meeting.place]
    return " · ".join(p for p in parts if p)


def present_people(partner):
    """Names of the partner's people who still work there (not left, see handover)."""
    return [p.Title() for p in partner.persons() if p.is_contact or p.user_id]


class AgendaPdf(MeetingView):
    """@@agenda-pdf: the agenda with the duty holders and the open action items."""

    def __call__(self):

        self.prepare()
        request, meeting = self.request, self.context
        facts = [_tr(request, "label_meeting_when", "Date") + f": {meeting_when(meeting)}"]
        if meeting.place:
            facts.append(_tr(request, "label_meeting_place", "Place") + f": {meeting.place}")
        if self.video_link():
            facts.append(
                _tr(request, "label_meeting_video_link", "Video link") + f": {self.video_link()}"
            )
        facts += [f"{row['duty']}: {row['partner']}" for row in self.holders()]
        agenda = [
            " – ".join(
                x
                for x in (
                    item.get("time"),
                    item.get("title"),
                    item.get("presenter") and f"({item['presenter']})",
                )
                if x
            )
            for item in meeting.agenda or ()
        ]
        items = [[i["what"], i["owner"], i["due"], i["from"]] for i in self.open_items()]
        header = [
            _tr(request, "label_action_what", "What"),
            _tr(request, "label_action_owner", "Who"),
            _tr(request, "label_action_due", "Due"),
            _tr(request, "label_action_from", "From the meeting of"),
        ]
        sections = [
            ("", printing.html_list(facts, ordered=False)),
            (_tr(request, "label_meeting_agenda", "Agenda"), printing.html_list(agenda)),
            (
                _tr(
                    request, "heading_open_action_items", "Open action items from earlier meetings"
                ),
                printing.html_table(header, items) if items else "",
            ),
        ]
        title = _tr(request, "title_agenda_pdf", "Agenda: ${meeting}", meeting=meeting.Title())
        doc = printing.document(
            title, _subtitle(meeting), sections, _page_label(request), _language(request)
        )
        return attachment(request, printing.render(doc), f"{meeting.getId()}-agenda.pdf")


class AttendanceListPdf(BrowserView):
    """@@attendance-list-pdf: the invited partners' people, one row each, to sign on paper."""

    def __call__(self):

        if api.user.is_anonymous():  # the list names the partners' people
            raise Unauthorized("attendance-list-pdf")
        request, meeting = self.request, self.context
        people = []
        for uid in invited_partners(meeting):
            partner = find_partner(uid)
            if partner is not None:
                people.append((partner.Title(), present_people(partner)))
        labels = printing.AttendanceLabels(
            number=_tr(request, "label_attendance_number", "No."),
            name=_tr(request, "label_attendance_name", "Name"),
            partner=_tr(request, "label_attendance_partner", "Partner"),
            signature=_tr(request, "label_attendance_signature", "Signature"),
            page=_page_label(request),
        )
        title = _tr(
            request, "title_attendance_list", "Attendance list: ${meeting}", meeting=meeting.Title()
        )
        data = printing.attendance_list_pdf(
            title, _subtitle(meeting), people, labels, _language(request)
        )
        return attachment(request, data, f"{meeting.getId()}-attendance.pdf")


class MinutesPdf(BrowserView):
    """@@minutes-pdf: the minutes with text per agenda item, decisions and action items."""

    def __call__(self):

        request, minutes = self.request, self.context
        meeting = minutes.__parent__
        titles = _titles([a.get("partner") for a in minutes.action_items or ()])
        sections = [("", minutes.text.output if minutes.text else "")]
        sections += [(i.get("title", ""), i.get("html", "")) for i in minutes.agenda_texts or ()]
        sections.append(
            (
                _tr(request, "label_minutes_decisions", "Decisions"),
                printing.html_list(minutes.decisions) if minutes.decisions else "",
            )
        )
        rows = [
            [
                a.get("what", ""),
                ", ".join(x for x in (titles.get(a.get("partner"), ""), a.get("person")) if x),
                a.get("due") or "",
                _tr(request, "label_yes", "yes") if a.get("done") else "",
            ]
            for a in minutes.action_items or ()
        ]
        header = [
            _tr(request, "label_action_what", "What"),
            _tr(request, "label_action_owner", "Who"),
            _tr(request, "label_action_due", "Due"),
            _tr(request, "label_action_done", "Done"),
        ]
        sections.append(
            (
                _tr(request, "label_minutes_action_items", "Action items"),
                printing.html_table(header, rows) if rows else "",
            )
        )
        state = api.content.get_state(minutes, default="")
        state = state_title(minutes.portal_type, state, request)
        subtitle = " · ".join(x for x in (_subtitle(meeting), state) if x)
        doc = printing.document(
            minutes.Title(), subtitle, sections, _page_label(request), _language(request)
        )
        return attachment(request, printing.render(doc), f"{minutes.getId()}.pdf")


class CorrectView(BrowserView):
    """@@correct on approved minutes: new text, decisions and the done flag and due date of
    action items, with a reason (a new version)."""

    error = None

    def __call__(self):

        self.allowed = may_correct(self.context)
        if not self.allowed:
            self.error = _tr(
                self.request,
                "error_correction_not_allowed",
                "Only the network's coordinators and editors may correct approved minutes.",
            )
            self.request.response.setStatus(403)
        elif self.request.method == "POST" and "form.correct" in self.request.form:
            CheckAuthenticator(self.request)
            form = self.request.form
            try:
                correct(
                    self.context,
                    form.get("reason", ""),
                    text=form.get("text", ""),
                    decisions=form.get("decisions", ""),
                    action_items=self.action_changes(),
                )
            except KooperationError as error:
                self.error = error.message(self.request)
                self.request.response.setStatus(400)
            else:
                api.portal.show_message(
                    _("msg_minutes_corrected", default="The correction has been saved."),
                    self.request,
                )
                self.request.response.redirect(self.context.absolute_url())
                return ""
        return self.index()

    def text(self):
        if "text" in self.request.form:
            return self.request.form["text"]
        return self.context.text.raw if self.context.text else ""

    def decisions(self):
        if "decisions" in self.request.form:
            return self.request.form["decisions"]
        return "\n".join(self.context.decisions or ())

    def action_changes(self):
        """done and due of every action item as the form sends them (None: no items, or
        a form without them)."""
        items = self.context.action_items or ()
        form = self.request.form
        if not items or not form.get("action_items_shown"):
            return None
        return [
            {
                "index": index,
                "done": bool(form.get(f"action_done_{index}")),
                "due": form.get(f"action_due_{index}") or None,
            }
            for index in range(len(items))
        ]

    def action_items(self):
        """The action items for the form: what, who, done and due (as sent after an error)."""
        items = self.context.action_items or ()
        titles = _titles([item.get("partner") for item in items])
        sent = self.request.method == "POST" and "form.correct" in self.request.form
        form = self.request.form
        return [
            {
                "index": index,
                "what": item.get("what", ""),
                "owner": ", ".join(
                    x for x in (titles.get(item.get("partner"), ""), item.get("person")) if x
                ),
                "done": bool(form.get(f"action_done_{index}")) if sent else bool(item.get("done")),
                "due": form.get(f"action_due_{index}", "") if sent else item.get("due") or "",
            }
            for index, item in enumerate(items)
        ]


def version_rows(minutes):
    """The kept versions for the minutes page, newest first."""

    from plone.app.event.base import default_timezone

    # the time as the portal's readers live it (Europe/Berlin), not the server's clock
    zone = default_timezone(minutes, as_tzinfo=True)
    rows = []
    for item in versions(minutes):
        stamp = item["timestamp"]
        when = ""
        if stamp:
            when = datetime.fromtimestamp(stamp, zone).strftime("%d.%m.%Y %H:%M")
        user = api.user.get(userid=item["by"]) if item["by"] else None
        rows.append(
            {
                "version": item["version"],
                "number": item["version"] + 1,  # people count from 1
                "when": when,
                "by": (user.getProperty("fullname", "") if user else "") or item["by"],
                "comment": item["comment"],
            }
        )
    return list(reversed(rows))
