"""Hostile values posted to every add and edit form of the product's types (issue 16;
the forms' counterpart of tests/security/test_security_fuzz.py): a date like 31.02.2026,
a number that is no number, an unknown choice in a required list, garbage in JSON and
rows fields, absurd lengths. Never an exception (a 500 for the user), a field-level
error in German, nothing saved."""

from forms_walk import _widgets
from forms_walk import prepare
from forms_walk import walk
from z3c.form.interfaces import HIDDEN_MODE
from z3c.form.interfaces import INPUT_MODE
from zope.i18n import translate
from zope.schema.interfaces import IChoice
from zope.schema.interfaces import IDate
from zope.schema.interfaces import IDatetime
from zope.schema.interfaces import IFloat
from zope.schema.interfaces import IInt

import pytest


def _hostile(widget):
    """(value, must the form refuse it) for ``widget``, or None."""
    field = widget.field
    if IDatetime.providedBy(field):
        return "31.02.2026 10:00", True
    if IDate.providedBy(field):
        return "31.02.2026", True
    if IInt.providedBy(field) or IFloat.providedBy(field):
        return "zwölf", True
    if IChoice.providedBy(field) and field.required:
        return ["keine-solche-auswahl"], True
    if "JSON" in type(field).__name__:
        return '{"a": [1, 2', True
    if "Dict" in type(field).__name__:  # rows of sub-widgets: the garbage is not read
        return '{"a": [1, 2', False
    if type(field).__name__ in ("TextLine", "Text"):
        return "x" * 200_000, False
    return None


def _shown(form):
    """The values as the form shows them, as a browser would post them back."""
    values = {}
    for widget in _widgets(form):
        value = widget.value
        if widget.mode in (INPUT_MODE, HIDDEN_MODE) and isinstance(value, (str, list)):
            values[widget.name] = value
    return values


def _button(form):
    form = getattr(form, "form_instance", form)
    for name in ("save", "add"):
        if name in form.buttons:
            return f"form.buttons.{name}"
    return None


class TestHostileForms:
    @pytest.fixture(autouse=True)
    def _setup(self, demo):
        self.portal = demo["portal"]
        self.request = demo["request"]
        prepare(self.portal, self.request)
        self.forms, _missing = walk(self.portal, self.request)

    def _form(self, context, name, values=None):
        self.request.form.clear()
        self.request.form.update(values or {})
        self.request["REQUEST_METHOD"] = "POST" if values else "GET"
        view = context.restrictedTraverse(name)
        self.request["PUBLISHED"] = view
        form = getattr(view, "form_instance", None)
        if form is None:
            return None
        form.update()
        return form

    @pytest.mark.parametrize("kind", ["add", "edit"])
    def test_hostile_values_are_refused_at_their_field(self, kind):
        failures = []
        tried = 0
        for (type_name, form_kind), (context, name) in sorted(self.forms.items()):
            if form_kind != kind:
                continue
            form = self._form(context, name)
            if form is None:  # a custom form (amendments): tests of its own
                continue
            button = _button(form)
            shown = _shown(form)
            for widget in list(_widgets(form)):
                if widget.mode != INPUT_MODE:
                    continue
                hostile = _hostile(widget)
                if hostile is None or button is None:
                    continue
                value, refused = hostile
                before = (len(context.objectIds()), context.modified())
                values = dict(shown, **{widget.name: value, button: "Speichern"})
                where = f"{type_name} {name} {widget.name}={str(value)[:20]!r}"
                tried += 1
                try:
                    posted = self._form(context, name, values)
                    data, errors = posted.extractData()
                except Exception as error:  # noqa: BLE001 - that is the finding
                    failures.append(f"{where}: {type(error).__name__}: {error}"[:300])
                    continue
                if refused:
                    mine = [
                        e for e in errors if e.widget is not None and e.widget.name == widget.name
                    ]
                    if not mine:
                        failures.append(f"{where}: accepted")
                        continue
                    text = translate(mine[0].message, context=self.request)
                    if not text or text == mine[0].message and text.isascii() and " " in text:
                        failures.append(f"{where}: not in German: {text}")
                    if (len(context.objectIds()), context.modified()) != before:
                        failures.append(f"{where}: saved")
        assert tried > 20
        assert failures == [], "\n".join(failures)
