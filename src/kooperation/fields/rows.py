"""A rows widget for JSON fields: one table row per list item, typed cells instead of JSON.

The fields stay ``JSONField``s (REST reads and writes the same JSON); only the Classic UI
widget changes (``directives.widget(field=...FieldWidget)``). A widget class names its
columns (:class:`Column`): text, long text, date, whole number, choice (e.g. the partners of
the context's network) or checkbox, and maps the stored items to cells (``rows_of``) and the
posted cells back (``value_of``). The default mapping takes each column's ``key`` from the
item; widgets with another stored shape (a dict, nested values) override the two methods.

Posted cells are named ``<name>.<column>.<n>``, a marker ``<name>.rows`` tells that the table
was posted. Empty rows are left out. A form that still posts the JSON text under the field's
name is accepted as before.

Without JavaScript an extensible table ends with ``EMPTY_ROWS`` empty rows.
``rows-widget.js`` (``++plone++kooperation.fields``) adds "Add row" (a copy of the
``<template>`` row with the next free number) and "Remove" per row; numbers may have gaps.
A table with ``extensible = False`` has a fixed set of rows (one per duty, per invited
partner) given by ``rows_of``.

:class:`RowsValidator` refuses more than ``MAX_ROWS`` filled rows, and, for widgets with
``check_cells``, a cell that is no date, no whole number or none of its choices, or a
required cell left empty: a translated, field-level message naming row and column. Nothing
typed is lost: the form comes back with the cells as posted.
"""

from Acquisition import aq_base
from datetime import date
from datetime import datetime
from kooperation import _
from kooperation.common.jsonconverter import JSONTextConverter
from pathlib import Path
from plone import api
from plone.schema.jsonfield import IJSONField
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from z3c.form.interfaces import DISPLAY_MODE
from z3c.form.interfaces import IWidget
from z3c.form.interfaces import NO_VALUE
from z3c.form.validator import SimpleFieldValidator
from z3c.form.validator import WidgetValidatorDiscriminators
from z3c.form.widget import Widget
from zope.component import adapter
from zope.i18n import translate
from zope.interface import implementer
from zope.schema.interfaces import IField
from zope.schema.interfaces import ValidationError

import hashlib
import json


EMPTY_ROWS = 3
MAX_ROWS = 200
KINDS = ("text", "textarea", "date", "number", "choice", "checkbox", "label", "hidden")

SCRIPT = Path(__file__).parent / "static" / "rows-widget.js"
# The file's hash in the URL: a changed script is fetched again despite long caching.
SCRIPT_VERSION = hashlib.sha256(SCRIPT.read_bytes()).hexdigest()[:12]
SCRIPT_PATH = f"++plone++kooperation.fields/rows-widget.js?v={SCRIPT_VERSION}"

CHECKED = "on"


class RowsInvalid(ValidationError):
    """A table the widget refuses; ``doc()`` is the translated reason."""

    def __init__(self, msg):
        super().__init__(msg)
        self.msg = msg

    def doc(self):
        return self.msg


def parse_date(text):
    """A date from ``2026-03-31`` or ``31.03.2026`` (None when it is no date)."""
    text = (text or "").strip()
    for pattern in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def iso_date(value):
    """An ISO date for ``<input type=date>``; the text as it is when it is no date."""
    if value in (None, ""):
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    day = parse_date(str(value))
    return day.isoformat() if day else str(value)


def whole_number(text, empty):
    """A whole number from the form; ``empty`` for nothing; the text when it is no number."""
    text = (text or "").strip()
    if not text:
        return empty
    try:
        return int(text)
    except ValueError:
        return text


def text_of(value):
    return "" if value is None else str(value)


class Column:
    """One column: ``name`` of its cells, ``title`` (a message), ``kind`` (see ``KINDS``).

    ``options(widget)`` gives the choices ``[(value, title)]`` of a choice column; ``key``
    is the item's key (default ``name``); ``required`` cells must be filled in a filled row;
    ``significant`` cells make a row filled (a default choice alone does not); ``blank``
    offers an empty choice; ``width`` is the cell's minimum width (CSS); columns with the
    same ``group`` share one table cell (e.g. partner and person), one below the other.
    A ``label`` is shown and posted unchanged, a ``hidden`` cell only posted (kept data,
    no column of its own).
    """

    def __init__(
        self,
        name,
        title,
        kind="text",
        options=None,
        key=None,
        required=False,
        significant=True,
        blank=True,
        width=None,
        max_width=None,
        group=None,
    ):
        assert kind in KINDS, kind
        self.name = name
        self.title = title
        self.kind = kind
        self.options = options
        self.key = key or name
        self.required = required
        self.significant = significant and kind not in ("label", "hidden")
        self.blank = blank
        self.width = width  # a CSS length: the cell's minimum width
        self.max_width = max_width  # a CSS length: the widest the cell's field gets
        self.group = group  # columns of one group share a table cell, one below the other

    def to_cell(self, value):
        """The cell's text for a stored value."""
        if self.kind == "date":
            return iso_date(value)
        if self.kind == "checkbox":
            return CHECKED if value else ""
        return text_of(value)

    def to_value(self, cell):
        """The stored value for a posted cell (typed text kept where it is no value)."""
        if self.kind == "checkbox":
            return bool(cell)
        if self.kind == "number":
            return whole_number(cell, None)
        if self.kind == "date":
            if not cell:
                return None
            day = parse_date(cell)
            return day.isoformat() if day else cell
        return cell


class IRowsWidget(IWidget):
    """A table of rows that is stored as JSON."""


@implementer(IRowsWidget)
class RowsWidget(Widget):
    """Posted cells ``<name>.<column>.<n>``, a marker ``<name>.rows``."""

    klass = "rows-widget"
    kind = "rows"
    specs = ()  # Column objects
    extensible = True
    check_cells = True
    max_rows = MAX_ROWS
    input_template = ViewPageTemplateFile("templates/rows_widget.pt")
    display_template = ViewPageTemplateFile("templates/rows_widget_display.pt")

    # Columns ----------------------------------------------------------------------------------

    @property
    def columns(self):
        return tuple(spec.name for spec in self.specs)

    def spec(self, column):
        for spec in self.specs:
            if spec.name == column:
                return spec
        return None

    def groups(self):
        """The visible columns by table cell: a column alone, or the columns of a group."""
        found, index = [], {}
        for spec in self.specs:
            if spec.kind == "hidden":
                continue
            if spec.group is None:
                found.append([spec.name])
            elif spec.group in index:
                found[index[spec.group]].append(spec.name)
            else:
                index[spec.group] = len(found)
                found.append([spec.name])
        return found

    def column_title(self, column):
        spec = self.spec(column)
        return self.t(spec.title) if spec is not None else column

    group_titles = {}  # group -> message: the header of a cell with several columns

    def headers(self):
        found = []
        for group in self.groups():
            title = self.group_titles.get(self.spec(group[0]).group)
            if title is not None:
                found.append(self.t(title))
            else:
                found.append(" / ".join(self.column_title(c) for c in group))
        return found

    def visible_columns(self):
        return tuple(spec.name for spec in self.specs if spec.kind != "hidden")

    def hidden_columns(self):
        return tuple(spec.name for spec in self.specs if spec.kind == "hidden")

    def cell_style(self, column):
        spec = self.spec(column)
        if spec is None:
            return None
        styles = [f"min-width: {spec.width}"] if spec.width else []
        if spec.max_width:
            styles.append(f"max-width: {spec.max_width}")
        return "; ".join(styles) or None

    def control_style(self, column):
        """A long choice (a partner's name) must not widen the table beyond the page."""
        spec = self.spec(column)
        return f"max-width: {spec.max_width}" if spec is not None and spec.max_width else None

    def intro(self):
        """A text above the table (e.g. where prefilled values come from)."""
        return ""

    def intro_items(self):
        """A list of texts above the table (e.g. items carried over)."""
        return []

    def column_kind(self, column):
        spec = self.spec(column)
        return spec.kind if spec is not None else "text"

    def blank_option(self, column):
        spec = self.spec(column)
        return spec is None or spec.blank

    def options(self, column):
        """The choices of a choice column, plus a stored value that is no longer one of them."""
        spec = self.spec(column)
        if spec is None or spec.kind not in ("choice", "label") or spec.options is None:
            return None
        cache = self.__dict__.setdefault("_options", {})
        if column not in cache:
            cache[column] = [(value, self.t(title)) for value, title in spec.options(self)]
        return cache[column]

    def cell_options(self, column, value):
        options = self.options(column)
        if options is None:
            return None
        if value and value not in {v for v, _t in options}:
            return [*options, (value, value)]
        return options

    def option_title(self, column, value):
        for option, title in self.options(column) or ():
            if option == value:
                return title
        return value

    def content(self):
        """The object the form is about, or, in an add form, the container."""
        context = getattr(self, "context", None)
        if context is None and getattr(self, "form", None) is not None:
            context = self.form.context
        return context

    # Reading the posted cells -----------------------------------------------------------------

    def render(self):
        if self.mode == DISPLAY_MODE:
            return self.display_template()
        return self.input_template()

    def cell_name(self, column, number):
        return f"{self.name}.{column}.{number}"

    def posted_numbers(self):
        """The row numbers posted, in order; rows added in the browser may leave gaps.

        They are read from the cells' names, not counted from the ``<name>.rows`` marker
        (that only tells that the table was posted), so removed rows do not matter.
        """
        prefix = f"{self.name}."
        numbers = set()
        for key in self.request.form:
            if not key.startswith(prefix):
                continue
            column, _dot, number = key[len(prefix) :].rpartition(".")
            # ASCII digits only, and no absurd numbers (int() refuses > 4300 digits)
            digits = number.isascii() and number.isdigit() and len(number) < 10
            if column in self.columns and digits:
                numbers.add(int(number))
        return sorted(numbers)

    def is_empty(self, cells):
        significant = [s.name for s in self.specs if s.significant] or self.columns
        return not any(cells.get(column) for column in significant)

    def numbered_rows(self):
        """(number, cells) of the filled rows posted, in the order of their numbers."""
        form = self.request.form
        rows = []
        for number in self.posted_numbers():
            cells = {}
            for column in self.columns:
                value = form.get(self.cell_name(column, number), "")
                cells[column] = value.strip() if isinstance(value, str) else ""
            if not self.is_empty(cells):
                rows.append((number, cells))
        return rows

    def posted_rows(self):
        return [cells for _number, cells in self.numbered_rows()]

    def table_posted(self):
        form = self.request.form
        return self.name not in form and f"{self.name}.rows" in form

    def posted_row_count(self):
        """How many filled rows the table posted (0 when it posted none or JSON)."""
        return len(self.posted_rows()) if self.table_posted() else 0

    def extract(self, default=NO_VALUE):
        form = self.request.form
        if self.name in form:  # the JSON text, as before
            return form[self.name]
        if f"{self.name}.rows" not in form:
            return default
        return json.dumps(self.value_of(self.posted_rows()))

    # Stored value <-> rows --------------------------------------------------------------------

    def stored(self):
        """The stored value from the widget value (JSON text from the converter)."""
        value = self.value
        if isinstance(value, str):
            try:
                value = json.loads(value) if value.strip() else None
            except ValueError:
                return []
        return value

    def stored_items(self):
        value = self.stored()
        if not isinstance(value, list):
            return []
        return [row for row in value if isinstance(row, dict)]

    def rows_of(self, items):
        specs = self.specs
        return [{spec.name: spec.to_cell(item.get(spec.key)) for spec in specs} for item in items]

    def value_of(self, rows):
        items = []
        for row in rows:
            item = {}
            for spec in self.specs:
                value = spec.to_value(row.get(spec.name, ""))
                if value not in (None, "") or spec.required:
                    item[spec.key] = value
            items.append(item)
        return items

    def empty_row(self):
        row = dict.fromkeys(self.columns, "")
        for spec in self.specs:
            if not spec.blank and spec.kind == "choice":
                options = self.options(spec.name)
                row[spec.name] = options[0][0] if options else ""
        return row

    def table(self):
        """The rows to show: the stored ones, then (extensible tables) empty rows."""
        rows = self.rows_of(self.stored_items())
        if self.mode != DISPLAY_MODE and self.extensible:
            rows += [self.empty_row() for _i in range(EMPTY_ROWS)]
        return [
            {"number": number, "cells": row, "names": {c: self.cell_name(c, number) for c in row}}
            for number, row in enumerate(rows)
        ]

    def template_row(self):
        """The empty row that the script copies for "Add row" (names set there)."""
        return {"number": None, "cells": self.empty_row(), "names": {}}

    def display_cell(self, column, value):
        kind = self.column_kind(column)
        if kind == "date":
            day = parse_date(value)
            return day.strftime("%d.%m.%Y") if day else value
        if kind == "checkbox":
            return "✓" if value else ""
        if kind == "choice":
            return self.option_title(column, value)
        return value

    # Checks -----------------------------------------------------------------------------------

    def cell_error(self, row_number, spec, cell):
        """The message for one posted cell, or None."""
        mapping = {"row": row_number, "column": self.t(spec.title), "value": cell}
        if not cell:
            if spec.required:
                return _(
                    "error_rows_required",
                    default="Row ${row}: please fill in “${column}”.",
                    mapping=mapping,
                )
            return None
        if spec.kind == "number" and not isinstance(whole_number(cell, None), int):
            return _(
                "error_rows_number",
                default="Row ${row}, “${column}”: “${value}” is not a whole number.",
                mapping=mapping,
            )
        if spec.kind == "date" and parse_date(cell) is None:
            return _(
                "error_rows_date",
                default="Row ${row}, “${column}”: “${value}” is not a date (for example "
                "31.03.2026).",
                mapping=mapping,
            )
        if spec.kind in ("choice", "label") and spec.options is not None:
            allowed = {value for value, _title in self.options(spec.name) or ()}
            if cell not in allowed and cell not in self.kept_values(spec):
                return _(
                    "error_rows_choice",
                    default="Row ${row}, “${column}”: “${value}” is not one of the choices.",
                    mapping=mapping,
                )
        return None

    def kept_values(self, spec):
        """Values stored before that are no longer choices: saving them again is fine."""
        context = aq_base(self.content())
        field = getattr(self, "field", None)
        stored = getattr(context, field.__name__, None) if field is not None else None
        if not isinstance(stored, list):
            return set()
        return {str(i.get(spec.key)) for i in stored if isinstance(i, dict) and i.get(spec.key)}

    def errors(self):
        """Messages for the posted table (empty when it is fine)."""
        if not self.table_posted():
            return []
        rows = self.numbered_rows()
        if len(rows) > self.max_rows:
            count = len(rows)
            return [
                _(
                    "error_rows_too_many",
                    default="At most ${max} rows can be saved, there are ${count}. "
                    "Please remove ${excess} rows.",
                    mapping={"max": self.max_rows, "count": count, "excess": count - self.max_rows},
                )
            ]
        if not self.check_cells:
            return []
        found = []
        for index, (_number, cells) in enumerate(rows, start=1):
            for spec in self.specs:
                message = self.cell_error(index, spec, cells.get(spec.name, ""))
                if message is not None:
                    found.append(message)
        return found

    def script_url(self):
        return f"{api.portal.get().absolute_url()}/{SCRIPT_PATH}"

    def t(self, message):
        return translate(message, context=self.request)


class RowsValidator(SimpleFieldValidator):
    """The table's checks (limit of rows, cells), then the field's own validation.

    Over the limit or with a wrong cell nothing is saved, and the form comes back with
    every row typed, so that the person can correct it.
    """

    def validate(self, value, force=False):
        errors = self.widget.errors()
        if errors:
            raise RowsInvalid(errors[0])
        return super().validate(value, force)


WidgetValidatorDiscriminators(RowsValidator, field=IField, widget=IRowsWidget)


@adapter(IJSONField, IRowsWidget)
class RowsJSONConverter(JSONTextConverter):
    """JSON text <-> the stored value; validation is left to ``RowsValidator``.

    plone.schema's converter validates while converting, so a wrong cell would come back
    as the field's "Wrong contained type" instead of the table's message about that cell.
    JSON text posted under the field's name is read as JSON only (``common.jsonconverter``).
    """

    def toWidgetValue(self, value):
        if value is self.field.missing_value:
            return ""
        return json.dumps(value)
