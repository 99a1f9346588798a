"""The rotation exceptions of a meeting series as rows (issue 16): what (skip, swap, set a
duty), the meeting's date, the partner(s) and the duty, instead of JSON.

Stored and served as before (``exceptions``: ``{"type": "skip", "date": …, "partner":
UID}``, ``swap`` with ``first``/``second``, ``assign`` with ``duty``/``partner``); the
series' invariant checks each item with ``kooperation.meetings.rotation.exception_from_json``."""

from kooperation import _
from kooperation.fields.rows import Column
from kooperation.fields.rows import iso_date
from kooperation.fields.rows import RowsWidget
from kooperation.fields.rows import text_of
from kooperation.meetings.rotation import DEFAULT_DUTIES
from kooperation.meetings.widgets import duty_title
from kooperation.meetings.widgets import partner_options
from z3c.form.browser.textlines import TextLinesWidget
from z3c.form.converter import TextLinesConverter
from z3c.form.interfaces import ITextLinesWidget
from z3c.form.widget import FieldWidget
from zope.component import adapter
from zope.interface import implementer
from zope.schema.interfaces import IList


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
            width="11rem",
        ),
        Column(
            "second",
            _("label_rotation_exception_second", default="Swapped with (swap only)"),
            "choice",
            options=partner_options,
            width="11rem",
        ),
        Column(
            "duty",
            _("label_rotation_exception_duty", default="Duty (give a duty only)"),
            "choice",
            options=duty_options,
            width="10rem",
        ),
    )

    NEEDS = {"skip": ("partner",), "swap": ("partner", "second"), "assign": ("partner", "duty")}

    def errors(self):
        """The table's messages, and the cells each kind of exception needs, at the field."""
        found = super().errors()
        if found or not self.table_posted():
            return found
        for index, (_number, cells) in enumerate(self.numbered_rows(), start=1):
            for name in self.NEEDS.get(cells.get("type") or "", ()):
                if not cells.get(name):
                    spec = self.spec(name)
                    found.append(
                        _(
                            "error_rows_required",
                            default="Row ${row}: please fill in “${column}”.",
                            mapping={"row": index, "column": self.t(spec.title)},
                        )
                    )
        return found

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


class IDutiesWidget(ITextLinesWidget):
    """The rotating duties, one a line, by their names."""


@implementer(IDutiesWidget)
class DutiesWidget(TextLinesWidget):
    """The default duties are stored by key (``topics``, ``minutes`` …) and shown by their
    translated names ("Themenvorbereitung"); a duty of the series' own stays as typed."""


def DutiesFieldWidget(field, request):
    return FieldWidget(field, DutiesWidget(request))


@adapter(IList, IDutiesWidget)
class DutiesConverter(TextLinesConverter):
    def _titles(self):
        return {duty: duty_title(duty, self.widget.request) for duty in DEFAULT_DUTIES}

    def toWidgetValue(self, value):
        if not value:
            return ""
        titles = self._titles()
        return "\n".join(titles.get(duty, duty) for duty in value)

    def toFieldValue(self, value):
        keys = {}
        for duty, title in self._titles().items():
            keys[title.casefold()] = duty
            keys[duty.casefold()] = duty
        lines = [line.strip() for line in (value or "").splitlines() if line.strip()]
        if not lines:
            return self.field.missing_value
        return [keys.get(line.casefold(), line) for line in lines]
