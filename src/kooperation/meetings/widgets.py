"""Form widgets of meetings and minutes: tables instead of JSON (``kooperation.fields.rows``).

The fields stay ``JSONField``s with the JSON of the REST API; the widgets show

* the agenda as rows: time, topic, presenting partner (a choice of the network's partners,
  stored as its name as before), linked documents kept as they are;
* the attendance as one row per invited partner and person with present / excused / absent;
* the duty holders as one row per duty of the series with a choice of its member partners,
  prefilled from the rotation plan, with the rotation's reason next to it;
* the decisions and action items of minutes as rows (what, partner, person, due, done);
* the text per agenda item as one text area per agenda item of the meeting.
"""

from Acquisition import aq_chain
from kooperation import _
from kooperation.common.german import german_date
from kooperation.common.network import network_of
from kooperation.fields.rows import Column
from kooperation.fields.rows import IRowsWidget
from kooperation.fields.rows import RowsWidget
from kooperation.fields.rows import text_of
from kooperation.interfaces import IPerson
from kooperation.meetings.interfaces import IMeeting
from kooperation.meetings.interfaces import IMinutes
from kooperation.meetings.rotation import MESSAGES as ROTATION_MESSAGES
from kooperation.meetings.rotation import RotationError
from kooperation.meetings.series import _day
from kooperation.meetings.series import meetings_of
from kooperation.meetings.series import next_free_meeting
from kooperation.meetings.series import planned_meeting
from kooperation.meetings.series import viewable_minutes
from kooperation.meetings.validation import find_series
from kooperation.vocabularies import PartnersFactory
from plone import api
from z3c.form.converter import BaseDataConverter
from z3c.form.interfaces import NO_VALUE
from z3c.form.widget import FieldWidget
from zope.component import adapter
from zope.i18n import translate
from zope.interface import implementer
from zope.schema.interfaces import IList

import html
import json
import re


ATTENDANCE_STATUSES = {
    "present": _("attendance_present", default="present"),
    "excused": _("attendance_excused", default="excused"),
    "absent": _("attendance_absent", default="absent"),
}


def partner_options(widget):
    """The partners of the network of the form's context: (UID, title)."""
    return [(term.value, term.title) for term in PartnersFactory(widget.content())]


def partner_name_options(widget):
    """The partners of the network by name (the agenda stores the presenter's name)."""
    return [(title, title) for _uid, title in partner_options(widget)]


def member_options(widget):
    """The member partners of the series (duty holders must be members): (UID, title)."""
    series = find_series(widget.content())
    if series is None:
        return []
    titles = dict(partner_options(widget))
    return [(uid, titles.get(uid, uid)) for uid in series.members or ()]


def person_options(widget):
    """The people of the network's partners, by name (attendance and action items store names)."""

    network = network_of(widget.content())
    if network is None:
        return []
    brains = api.content.find(
        context=network, object_provides=IPerson.__identifier__, sort_on="sortable_title"
    )
    return [(b.Title, b.Title) for b in brains]


def meeting_of(context):
    for obj in aq_chain(context):
        if IMeeting.providedBy(obj):
            return obj
    return None


def duty_title(duty, request):
    msgid = f"rotation_duty_{duty}"
    if msgid in ROTATION_MESSAGES:
        return translate(_(msgid, default=ROTATION_MESSAGES[msgid]), context=request)
    return duty


def reason_text(reason, titles, request):
    """A rotation reason in the request's language, partners by name."""
    mapping = {
        key: titles.get(value, value) if isinstance(value, str) else german_date(value)
        for key, value in (reason.mapping or {}).items()
    }
    return translate(_(reason.msgid, default=reason.default, mapping=mapping), context=request)


class AgendaWidget(RowsWidget):
    """The agenda: time, topic, presenting partner; linked documents are kept."""

    kind = "agenda"
    specs = (
        Column("time", _("label_agenda_time", default="Time"), width="5.5rem"),
        Column("title", _("label_agenda_topic", default="Topic"), required=True, width="16rem"),
        Column(
            "presenter",
            _("label_agenda_presenter", default="Presenting partner"),
            "choice",
            options=partner_name_options,
            width="10rem",
            max_width="14rem",
        ),
        Column("documents", _("label_agenda_documents", default="Documents"), "hidden"),
    )

    def rows_of(self, items):
        rows = []
        for item in items:
            documents = item.get("documents") or []
            rows.append(
                {
                    "time": text_of(item.get("time")),
                    "title": text_of(item.get("title")),
                    "presenter": text_of(item.get("presenter")),
                    "documents": json.dumps(documents) if documents else "",
                }
            )
        return rows

    def value_of(self, rows):
        items = []
        for row in rows:
            item = {"title": row["title"]}
            for key in ("presenter", "time"):
                if row.get(key):
                    item[key] = row[key]
            if row.get("documents"):
                try:
                    documents = json.loads(row["documents"])
                except ValueError:
                    documents = []
                if isinstance(documents, list) and documents:
                    item["documents"] = [str(d) for d in documents]
            items.append(item)
        return items

    def display_cell(self, column, value):
        if column == "documents":
            try:
                count = len(json.loads(value)) if value else 0
            except ValueError:
                count = 0
            if not count:
                return ""
            return self.t(
                _("info_agenda_documents", default="${count} linked", mapping={"count": count})
            )
        return super().display_cell(column, value)


class AttendanceWidget(RowsWidget):
    """One row per invited partner and person: present, excused, absent or not recorded."""

    kind = "attendance"
    extensible = False
    specs = (
        Column(
            "partner",
            _("label_attendance_partner", default="Partner"),
            "label",
            options=partner_options,
        ),
        Column("person", _("label_attendance_name", default="Name"), "label"),
        Column(
            "status",
            _("label_attendance_status", default="Attendance"),
            "choice",
            options=lambda widget: list(ATTENDANCE_STATUSES.items()),
            width="10rem",
        ),
    )

    def display_cell(self, column, value):
        if column == "partner":
            return self.option_title(column, value)
        return super().display_cell(column, value)

    def invited(self):
        """The invited partners (the series' members when none are named) and their people."""
        context = self.content()
        meeting = meeting_of(context)
        uids = list(getattr(meeting, "invited", None) or ()) if meeting is not None else []
        if not uids:
            series = find_series(context)
            uids = list(series.members or ()) if series is not None else []
        found = []
        for uid in uids:
            partner = api.content.get(UID=uid)
            people = []
            if partner is not None and hasattr(partner, "persons"):
                people = [p.Title() for p in partner.persons() if p.is_contact or p.user_id]
            found.append((uid, people))
        return found

    def rows_of(self, items):
        status = {(i.get("partner"), i.get("person") or ""): i.get("status") for i in items}
        rows, seen = [], set()
        for uid, people in self.invited():
            for person in people or [""]:
                key = (uid, person)
                seen.add(key)
                rows.append({"partner": uid, "person": person, "status": status.get(key) or ""})
            if people and (uid, "") in status:  # recorded for the partner as a whole
                seen.add((uid, ""))
                rows.append({"partner": uid, "person": "", "status": status[(uid, "")]})
        for item in items:  # recorded before, no longer invited: kept
            key = (item.get("partner"), item.get("person") or "")
            if key not in seen:
                rows.append({"partner": key[0], "person": key[1], "status": item.get("status")})
        return rows

    def is_empty(self, cells):
        return not cells.get("status")

    def value_of(self, rows):
        items = []
        for row in rows:
            item = {"partner": row["partner"]}
            if row.get("person"):
                item["person"] = row["person"]
            item["status"] = row["status"]
            items.append(item)
        return items


class DutyHoldersWidget(RowsWidget):
    """One row per duty of the series: a choice of its member partners and the reason.

    A new meeting (add form) is prefilled with the rotation's plan for the next date of
    the series without a meeting; an existing one shows the plan's reasons for its date.
    """

    kind = "duty-holders"
    extensible = False
    specs = (
        Column("duty", _("label_duty", default="Duty"), "label"),
        Column(
            "partner",
            _("label_duty_partner", default="Partner"),
            "choice",
            options=member_options,
            significant=False,
            width="12rem",
            max_width="16rem",
        ),
        Column("reason", _("label_duty_reason", default="Rotation plan"), "label"),
    )

    def update(self):
        super().update()
        self._plan = self.rotation()

    def rotation(self):
        """(MeetingPlan or None, whether it is the proposal for a new meeting)."""
        context = self.content()
        series = find_series(context)
        if series is None or not series.members:
            return None, False
        meeting = meeting_of(context)
        try:
            if meeting is None:
                return next_free_meeting(series), True
            return planned_meeting(series, _day(meeting.start)), False
        except RotationError:
            return None, False

    def intro(self):
        """The text above the table: which date the rotation's proposal is for."""
        item, new = getattr(self, "_plan", (None, False))
        if item is None:
            return ""
        if new:
            return self.t(
                _(
                    "help_duty_holders_proposed",
                    default="Proposed by the rotation plan for the next meeting on ${date}. "
                    "You can change every duty.",
                    mapping={"date": german_date(item.day)},
                )
            )
        return self.t(
            _(
                "help_duty_holders_plan",
                default="The rotation plan for this meeting on ${date} is shown next to each duty.",
                mapping={"date": german_date(item.day)},
            )
        )

    def stored(self):
        value = super().stored()
        return value if isinstance(value, dict) else {}

    def stored_items(self):
        return [self.stored()]

    def duties(self):
        series = find_series(self.content())
        return list(series.duties or ()) if series is not None else []

    def display_cell(self, column, value):
        if column == "duty":
            return duty_title(value, self.request)
        if column == "partner":
            return self.option_title(column, value)
        return super().display_cell(column, value)

    def rows_of(self, items):
        holders = items[0] if items else {}
        item, new = getattr(self, "_plan", (None, False))
        titles = dict(self.options("partner") or ())
        planned = {a.duty: a for a in item.assignments} if item is not None else {}
        prefill = new and not any(holders.values())
        rows = []
        for duty in self.duties() + [d for d in holders if d not in self.duties()]:
            assignment = planned.get(duty)
            partner = holders.get(duty) or ""
            if prefill and assignment is not None:
                partner = assignment.partner or ""
            reason = ""
            if assignment is not None:
                proposed = titles.get(assignment.partner, "–") if assignment.partner else "–"
                why = " ".join(reason_text(r, titles, self.request) for r in assignment.reasons)
                reason = f"{proposed}: {why}" if why else proposed
            rows.append({"duty": duty, "partner": partner, "reason": reason})
        return rows

    def value_of(self, rows):
        return {row["duty"]: row["partner"] for row in rows if row.get("duty") and row["partner"]}

    def is_empty(self, cells):
        return not cells.get("duty")

    def cell_error(self, row_number, spec, cell):
        if spec.name == "reason":
            return None
        if spec.name == "duty":
            if cell and cell not in self.duties():
                return _(
                    "error_meeting_unknown_duty",
                    default="${duty} is not a duty of this series.",
                    mapping={"duty": cell},
                )
            return None
        return super().cell_error(row_number, spec, cell)


class IDecisionsWidget(IRowsWidget):
    """The rows widget of a list of texts."""


@implementer(IDecisionsWidget)
class DecisionsWidget(RowsWidget):
    """The decisions of minutes (a list of texts): one row each."""

    kind = "decisions"
    specs = (Column("text", _("label_decision", default="Decision"), width="24rem"),)

    def stored_items(self):
        value = self.stored()
        if not isinstance(value, list | tuple):
            return []
        return [{"text": text_of(v)} for v in value]

    def extract(self, default=NO_VALUE):
        if f"{self.name}.rows" not in self.request.form:
            return default
        return [row["text"] for row in self.posted_rows()]


@adapter(IList, IDecisionsWidget)
class TextListConverter(BaseDataConverter):
    """The decisions as the list of texts they are (the widget reads and posts lists)."""

    def toWidgetValue(self, value):
        return list(value or ())

    def toFieldValue(self, value):
        if value is NO_VALUE:
            return self.field.missing_value
        return [str(v) for v in value or ()]


def earlier_open_items(minutes_or_meeting):
    """(meeting, item) of the open action items in the minutes of the series' earlier meetings."""

    meeting = meeting_of(minutes_or_meeting)
    series = find_series(minutes_or_meeting)
    if series is None:
        return []
    start = _day(meeting.start) if meeting is not None else None
    found = []
    for other in meetings_of(series):
        if start is not None and _day(other.start) >= start:
            continue
        for minutes in viewable_minutes(other):
            if IMinutes.providedBy(minutes_or_meeting) and minutes == minutes_or_meeting:
                continue
            found += [(other, item) for item in minutes.action_items or () if not item.get("done")]
    return found


class ActionItemsWidget(RowsWidget):
    """Action items: what, responsible partner and/or person, due date, done."""

    kind = "action-items"
    group_titles = {
        "who": _("label_action_responsible", default="Responsible"),
        "when": _("label_action_due_done", default="Due, done"),
    }
    specs = (
        Column(
            "what", _("label_action_what", default="What"), "textarea", required=True, width="9rem"
        ),
        Column(
            "partner",
            _("label_action_partner", default="Responsible partner"),
            "choice",
            options=partner_options,
            width="10rem",
            max_width="12rem",
            group="who",
        ),
        Column(
            "person",
            _("label_action_person", default="Responsible person"),
            "choice",
            options=person_options,
            max_width="12rem",
            group="who",
        ),
        Column("due", _("label_action_due", default="Due"), "date", width="8.5rem", group="when"),
        Column(
            "done",
            _("label_action_done", default="Done"),
            "checkbox",
            significant=False,
            group="when",
        ),
    )

    def value_of(self, rows):
        items = []
        for row in rows:
            item = {"what": row["what"]}
            if row.get("partner"):
                item["partner"] = row["partner"]
            if row.get("person"):
                item["person"] = row["person"]
            due = self.spec("due").to_value(row.get("due", ""))
            item["due"] = due
            item["done"] = bool(row.get("done"))
            items.append(item)
        return items

    def errors(self):
        found = super().errors()
        if found or not self.table_posted():
            return found
        for index, cells in enumerate(self.posted_rows(), start=1):
            if not cells.get("partner") and not cells.get("person"):
                found.append(
                    _(
                        "error_action_owner",
                        default="Row ${row}: please choose the responsible partner or person.",
                        mapping={"row": index},
                    )
                )
        return found

    def intro(self):
        if not self.carried_over():
            return ""
        return self.t(
            _(
                "help_action_items_carried_over",
                default="Carried over: open action items from the minutes of earlier meetings. "
                "Add a row for one that is discussed again.",
            )
        )

    def intro_items(self):
        return [
            " – ".join(x for x in (i["what"], i["owner"], i["due"], i["from_text"]) if x)
            for i in self.carried_over()
        ]

    def carried_over(self):
        """Open action items of earlier minutes of the series, for the help above the table."""
        context = self.content()
        items = earlier_open_items(context)
        titles = dict(self.options("partner") or ())
        return [
            {
                "what": item.get("what", ""),
                "owner": ", ".join(
                    x for x in (titles.get(item.get("partner"), ""), item.get("person")) if x
                ),
                "due": self.display_cell("due", item.get("due") or ""),
                "from": german_date(_day(meeting.start)),
                "from_text": self.t(
                    _(
                        "info_action_item_from",
                        default="from the meeting of ${date}",
                        mapping={"date": german_date(_day(meeting.start))},
                    )
                ),
            }
            for meeting, item in items
        ]


PARAGRAPHS = re.compile(r"^(<p>[^<>]*</p>\s*)+$")


def plain(text):
    """Paragraphs of plain text from stored HTML made of paragraphs; other HTML as it is."""
    text = text_of(text).strip()
    if PARAGRAPHS.match(text):
        parts = re.findall(r"<p>([^<>]*)</p>", text)
        return "\n\n".join(html.unescape(p) for p in parts)
    return text


def as_html(text):
    """Typed text as HTML paragraphs (escaped); text that is HTML already stays as typed."""
    text = text_of(text).strip()
    if not text or re.search(r"<[a-zA-Z/]", text):
        return text
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    return "".join(
        "<p>" + html.escape(p, quote=False).replace("\n", "<br />") + "</p>" for p in paragraphs
    )


class AgendaTextsWidget(RowsWidget):
    """One text area per agenda item of the meeting (title fixed, text written)."""

    kind = "agenda-texts"
    extensible = False
    specs = (
        Column("title", _("label_agenda_topic", default="Topic"), "label"),
        Column("html", _("label_agenda_text", default="Text"), "textarea", width="24rem"),
    )

    def rows_of(self, items):
        rows = [{"title": text_of(i.get("title")), "html": plain(i.get("html"))} for i in items]
        known = {row["title"] for row in rows}
        meeting = meeting_of(self.content())
        for item in getattr(meeting, "agenda", None) or ():
            title = text_of(item.get("title"))
            if title and title not in known:
                known.add(title)
                rows.append({"title": title, "html": ""})
        return rows

    def is_empty(self, cells):
        return not cells.get("title")

    def value_of(self, rows):
        return [
            {"title": row["title"], "html": as_html(row["html"])} for row in rows if row["html"]
        ]


def AgendaFieldWidget(field, request):
    return FieldWidget(field, AgendaWidget(request))


def AttendanceFieldWidget(field, request):
    return FieldWidget(field, AttendanceWidget(request))


def DutyHoldersFieldWidget(field, request):
    return FieldWidget(field, DutyHoldersWidget(request))


def DecisionsFieldWidget(field, request):
    return FieldWidget(field, DecisionsWidget(request))


def ActionItemsFieldWidget(field, request):
    return FieldWidget(field, ActionItemsWidget(request))


def AgendaTextsFieldWidget(field, request):
    return FieldWidget(field, AgendaTextsWidget(request))
