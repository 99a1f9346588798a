"""The rotation exceptions of a meeting series as rows (issue 16): what (skip, swap, set a
duty), the meeting's date, the partner(s) and the duty, instead of JSON.

Stored and served as before (``exceptions``: ``{"type": "skip", "date": …, "partner":
UID}``, ``swap`` with ``first``/``second``, ``assign`` with ``duty``/``partner``); the
series' invariant checks each item with ``kooperation.rotation.exception_from_json``."""

from kooperation import _
from kooperation.fields.rows import Column
from kooperation.fields.rows import iso_date
from kooperation.fields.rows import RowsWidget
from kooperation.fields.rows import text_of
from kooperation.meetings.widgets import duty_title
from kooperation.meetings.widgets import partner_options
from kooperation.rotation import DEFAULT_DUTIES
from z3c.form.widget import FieldWidget


KINDS = (
    ("skip", _("rotation_exception_skip", default="Skip the partner")),
    ("swap", _("rotation_exception_swap", default="Swap two partners")),
    ("assign", _("rotation_exception_assign", default="Give a duty to a partner")),
)


def kind_options(widget):
    return list(KINDS)


def duty_options(widget):
    duties = getattr(widget.content(), "duties", None) or DEFAULT_DUTIES
    return [(duty, duty_title(duty, widget.request)) for duty in duties]


class ExceptionsWidget(RowsWidget):
    kind = "rotation-exceptions"
    specs = (
        Column(
            "type",
            _("label_rotation_exception_type", default="Exception"),
            "choice",
            options=kind_options,
            required=True,
            significant=False,
            blank=False,
            width="14rem",
        ),
        Column(
            "date", _("label_rotation_exception_date", default="Meeting on"), "date", required=True
        ),
        Column(
            "partner",
            _("label_rotation_exception_partner", default="Partner"),
            "choice",
            options=partner_options,
            width="14rem",
        ),
        Column(
            "second",
            _("label_rotation_exception_second", default="Swapped with (swap only)"),
            "choice",
            options=partner_options,
            width="14rem",
        ),
        Column(
            "duty",
            _("label_rotation_exception_duty", default="Duty (give a duty only)"),
            "choice",
            options=duty_options,
            width="12rem",
        ),
    )

    def intro(self):
        return self.t(
            _(
                "help_rotation_exceptions_rows",
                default="One row per exception: skip a partner at a meeting, swap two "
                "partners, or give one duty to a partner.",
            )
        )

    def rows_of(self, items):
        rows = []
        for item in items:
            kind = item.get("type")
            rows.append(
                {
                    "type": text_of(kind),
                    "date": iso_date(item.get("date")),
                    "partner": text_of(
                        item.get("first") if kind == "swap" else item.get("partner")
                    ),
                    "second": text_of(item.get("second")),
                    "duty": text_of(item.get("duty")),
                }
            )
        return rows

    def value_of(self, rows):
        items = []
        for row in rows:
            date = self.spec("date").to_value(row.get("date", ""))
            kind = row.get("type") or ""
            item = {"type": kind, "date": date}
            if kind == "swap":
                item.update(first=row.get("partner") or "", second=row.get("second") or "")
            elif kind == "assign":
                item.update(duty=row.get("duty") or "", partner=row.get("partner") or "")
            else:
                item["partner"] = row.get("partner") or ""
            items.append(item)
        return items


def ExceptionsFieldWidget(field, request):
    return FieldWidget(field, ExceptionsWidget(request))
