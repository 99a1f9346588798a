"""Every add and edit form of the product's types (read from portal_types) as GET on the
demo site: no visible field may expect JSON, a UID or an id typed as text (issue 16).

The criterion, per form:
- a z3c.form widget in input mode that is a text line, text area or lines widget for a
  field holding structure (``plone.schema.JSONField``, ``Dict``, ``Object`` or a list of
  them) or for a field named like ``…uid(s)`` / ``…_ids``;
- in the rendered page (custom forms too), a visible text input or text area whose name
  says so, whose label, help text or placeholder asks for JSON, a UID or ids, or a text
  area whose value is a JSON list or object (``[]``, ``{}``).
Meetings, minutes and amendments are walked too, with no exception list."""

from forms_walk import html_problems
from forms_walk import prepare
from forms_walk import render_form
from forms_walk import walk
from forms_walk import widget_problems

import pytest


class TestEveryForm:
    @pytest.fixture(autouse=True)
    def _setup(self, demo):
        self.portal = demo["portal"]
        self.request = demo["request"]
        prepare(self.portal, self.request)
        self.forms, self.missing = walk(self.portal, self.request)

    def test_every_type_has_its_forms(self):
        assert self.missing == []
        types = {type_name for type_name, _kind in self.forms}
        assert {"Workshop", "Registration", "Meeting", "Minutes", "Amendment"} <= types

    @pytest.mark.parametrize("kind", ["add", "edit"])
    def test_no_form_asks_for_json_or_ids(self, kind):
        problems = []
        for (type_name, form_kind), (context, name) in sorted(self.forms.items()):
            if form_kind != kind:
                continue
            form, html = render_form(self.portal, self.request, context, name)
            assert self.request.response.getStatus() < 400, (type_name, name)
            found = widget_problems(form) + html_problems(html)
            problems += [f"{type_name} {name}: {problem}" for problem in dict.fromkeys(found)]
        assert problems == [], "\n".join(problems)
