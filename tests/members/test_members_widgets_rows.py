"""More rows in one edit: "Add row" and "Remove" (rows-widget.js) on the row tables.

Without JavaScript the table ends with three empty rows, as before. The script copies
the widget's <template> row with the next free number and removes rows, so the posted
row numbers may have gaps and go beyond the ``<name>.rows`` marker; the server reads
them by number and refuses more than MAX_ROWS filled rows with a translated error.
"""

from datetime import date
from datetime import timedelta
from kooperation.interfaces import IKooperationLayer
from kooperation.members.widgets import MAX_ROWS
from kooperation.members.widgets import SCRIPT
from kooperation.members.widgets import SCRIPT_VERSION
from plone import api
from zope.interface import alsoProvides

import pytest
import re


P = "form.widgets.places"
F = "form.widgets.funding_phases"
PLACES = ("date", "sphere", "planned", "occupied", "waiting_list")
PHASES = ("title", "start", "end", "status")


def _request(context, fields):
    request = context.REQUEST
    alsoProvides(request, IKooperationLayer)
    request.form.clear()
    request.form.update(fields)
    return request


def _form(context, view_name, fields):
    _request(context, fields)
    form = context.restrictedTraverse(view_name).form_instance
    form.update()
    data, errors = form.extractData()
    return data, {error.widget.__name__ if error.widget else "": error for error in errors}


def _post(context, view_name, fields):
    """The page after posting ``fields`` to a form, as the publisher would render it."""
    request = _request(context, fields)
    request["REQUEST_METHOD"] = "POST"
    return context.restrictedTraverse(view_name)()


def _cells(prefix, columns, numbered_rows, marker):
    """Form fields of rows under the given numbers, as the browser posts them."""
    fields = {f"{prefix}.rows": str(marker)}
    for number, row in numbered_rows:
        for column, value in zip(columns, row, strict=True):
            fields[f"{prefix}.{column}.{number}"] = value
    return fields


def _day(offset):
    return (date(2018, 1, 1) + timedelta(days=offset)).isoformat()


def _widget_html(html, field):
    return html.split(f'data-fieldname="{field}"')[1].split("data-fieldname=")[0]


class TestPostedRows:
    @pytest.fixture(autouse=True)
    def _setup(self, member, budget):
        self.member = member
        self.budget = budget
        self.measure = budget["m1"]

    def places(self, numbered_rows, marker=3, **extra):
        fields = _cells(P, PLACES, numbered_rows, marker)
        return {"form.widgets.IBasic.title": "M", **fields, **extra}

    def test_rows_with_gaps_are_read_in_the_order_of_their_numbers(self):
        # Rows 1, 2, 4..9 were removed in the browser, 10 and 11 added; the marker says
        # 3 (as rendered), and 10 sorts after 3 as a number, not as text.
        rows = [
            (11, ("2019-03-31", "SGB III", "4", "4", "")),
            (0, ("2018-06-30", "SGB II", "5", "3", "1")),
            (10, ("2019-01-31", "SGB II", "6", "2", "")),
            (3, ("2018-11-15", "SGB II", "5", "4", "")),
        ]
        with api.env.adopt_user(username="editor"):
            data, errors = _form(self.budget, "++add++Measure", self.places(rows))
        assert errors == {}
        assert [report["date"] for report in data["places"]] == [
            "2018-06-30",
            "2018-11-15",
            "2019-01-31",
            "2019-03-31",
        ]
        assert data["places"][3]["places"] == {"SGB III": {"planned": 4, "occupied": 4}}
        assert data["places"][0]["waiting_list"] == 1

    def test_cells_that_are_no_row_numbers_are_ignored(self):
        fields = self.places([(0, ("2018-06-30", "SGB II", "5", "3", ""))])
        fields[f"{P}.date.x"] = "2018-07-01"
        fields[f"{P}.date.-1"] = "2018-07-02"
        fields[f"{P}.date.²"] = "2018-07-03"
        fields[f"{P}.date.{'9' * 5000}"] = "2018-07-04"
        fields[f"{P}.colour.1"] = "red"
        with api.env.adopt_user(username="editor"):
            data, errors = _form(self.budget, "++add++Measure", fields)
        assert errors == {}
        assert [report["date"] for report in data["places"]] == ["2018-06-30"]

    def test_max_rows_filled_rows_are_saved(self):
        # 100 days with two legal spheres each: 200 rows, far more than 3 empty ones
        rows = []
        for day in range(MAX_ROWS // 2):
            rows.append((2 * day, (_day(day), "SGB II", "10", "5", "")))
            rows.append((2 * day + 1, (_day(day), "SGB VIII", "8", "8", "")))
        # and empty rows added but not filled do not count
        rows += [(MAX_ROWS + n, ("", "", "", "", "")) for n in range(20)]
        with api.env.adopt_user(username="editor"):
            data, errors = _form(self.budget, "++add++Measure", self.places(rows))
        assert errors == {}
        assert len(data["places"]) == MAX_ROWS // 2
        assert data["places"][-1] == {
            "date": _day(MAX_ROWS // 2 - 1),
            "waiting_list": 0,
            "places": {
                "SGB II": {"planned": 10, "occupied": 5},
                "SGB VIII": {"planned": 8, "occupied": 8},
            },
        }

    def test_more_than_max_rows_is_a_field_error(self):
        rows = [(n, (_day(n), "SGB II", "10", "5", "")) for n in range(MAX_ROWS + 2)]
        with api.env.adopt_user(username="editor"):
            _data, errors = _form(self.budget, "++add++Measure", self.places(rows))
        assert list(errors) == ["places"]
        message = errors["places"].render()
        assert "Es können höchstens 200 Zeilen gespeichert werden, eingegeben sind 202." in message
        assert "Bitte entfernen Sie 2 Zeilen." in message

    def test_too_many_rows_are_not_saved_and_all_come_back(self):
        before = self.measure.places
        rows = [(n, (_day(n), "SGB II", "10", "5", "")) for n in range(MAX_ROWS + 1)]
        fields = self.places(rows, **{"form.buttons.save": "Save"})
        fields["form.widgets.IBasic.title"] = "Maßnahme 1"
        with api.env.adopt_user(username="coordinator"):
            html = _post(self.measure, "@@edit", fields)
        assert self.measure.places == before
        widget = _widget_html(html, P)
        assert "Es können höchstens 200 Zeilen gespeichert werden, eingegeben sind 201." in widget
        # every typed row is shown again, so that some can be removed
        assert f'name="{P}.date.{MAX_ROWS}" value="{_day(MAX_ROWS)}"' in widget
        assert f'name="{P}.date.{MAX_ROWS + EMPTY}"' in widget
        assert f'name="{P}.date.{MAX_ROWS + EMPTY + 1}"' not in widget

    def test_rows_added_in_the_browser_are_saved_by_the_edit_form(self):
        # the two stored rows (0, 1), row 2 removed, 3 and 4 left empty, 5 and 7 added
        rows = [
            (0, ("2018-06-30", "SGB VIII", "16", "13", "2")),
            (1, ("2018-11-15", "SGB VIII", "16", "14", "")),
            (3, ("", "", "", "", "")),
            (4, ("", "", "", "", "")),
            (5, ("2019-06-30", "SGB VIII", "16", "15", "")),
            (7, ("2019-06-30", "SGB II", "4", "2", "")),
        ]
        fields = self.places(rows, marker=8, **{"form.buttons.save": "Save"})
        fields["form.widgets.IBasic.title"] = "Maßnahme 1"
        with api.env.adopt_user(username="coordinator"):
            _post(self.measure, "@@edit", fields)
        assert self.measure.places[2:] == [
            {
                "date": "2019-06-30",
                "waiting_list": 0,
                "places": {
                    "SGB VIII": {"planned": 16, "occupied": 15},
                    "SGB II": {"planned": 4, "occupied": 2},
                },
            }
        ]
        assert len(self.measure.places) == 3


EMPTY = 3  # widgets.EMPTY_ROWS: empty rows after the stored or posted ones


class TestPostedPhases:
    @pytest.fixture(autouse=True)
    def _setup(self, member):
        self.member = member

    def phases(self, numbered_rows):
        return {"form.widgets.IBasic.title": "P", **_cells(F, PHASES, numbered_rows, 3)}

    def test_phases_with_gaps_and_many_empty_rows(self):
        # a status alone is the default of an empty row: 250 of them do not count
        rows = [(n, ("", "", "", "planned")) for n in range(250)]
        rows[7] = (7, ("1. Förderphase", "2015-01-01", "2018-12-31", "approved"))
        rows.append((251, ("2. Förderphase", "2019-01-01", "2022-06-30", "submitted")))
        with api.env.adopt_user(username="coordinator"):
            data, errors = _form(self.member, "++add++Project", self.phases(rows))
        assert errors == {}
        assert [phase["title"] for phase in data["funding_phases"]] == [
            "1. Förderphase",
            "2. Förderphase",
        ]
        assert data["funding_phases"][1]["status"] == "submitted"

    def test_more_than_max_phases_is_a_field_error(self):
        rows = [(n, (f"Phase {n}", _day(n), _day(n), "planned")) for n in range(MAX_ROWS + 1)]
        with api.env.adopt_user(username="coordinator"):
            _data, errors = _form(self.member, "++add++Project", self.phases(rows))
        assert list(errors) == ["funding_phases"]
        assert "eingegeben sind 201" in errors["funding_phases"].render()


class TestAddRowMarkup:
    """What rows-widget.js works with; without it the form is the same as before."""

    @pytest.fixture(autouse=True)
    def _setup(self, member, budget):
        self.measure = budget["m1"]

    def html(self):
        with api.env.adopt_user(username="coordinator"):
            return _widget_html(_post(self.measure, "@@edit", {}), P)

    def test_template_row_has_columns_but_no_names(self):
        widget = self.html()
        template = widget.split('<template class="rows-widget-template"')[1].split("</template>")[0]
        assert re.findall(r'data-column="(\w+)"', template) == list(PLACES)
        assert "name=" not in template  # not posted; the script names the copies
        assert "rows-widget-remove" in template
        # the stored rows and three empty ones, as without the script
        rows = widget.split("<tbody>")[1].split("</tbody>")[0]
        assert rows.count("<tr") == 2 + EMPTY
        assert rows.count("rows-widget-remove") == 2 + EMPTY
        assert f'name="{P}.rows" type="hidden" value="{2 + EMPTY}"' in widget
        assert f'data-name="{P}"' in widget
        assert f'data-max-rows="{MAX_ROWS}"' in widget

    def test_buttons_are_hidden_until_the_script_shows_them(self):
        widget = self.html()
        add = widget.split('class="btn btn-sm btn-outline-primary rows-widget-add"')[0]
        assert add.rsplit("<p", 1)[1].startswith(" hidden data-rows-js")
        assert 'type="button"' in widget.split("rows-widget-add")[1][:30]
        assert ">Zeile hinzufügen</button>" in widget
        assert ">Entfernen</button>" in widget
        assert "onclick" not in widget  # no inline handlers

    def test_script_is_loaded_deferred_from_the_static_resource(self):
        widget = self.html()
        portal_url = api.portal.get().absolute_url()
        src = f"{portal_url}/++plone++kooperation.fields/rows-widget.js?v={SCRIPT_VERSION}"
        assert f'<script defer="" src="{src}"' in widget

    def test_static_resource_serves_the_script(self):
        portal = api.portal.get()
        resource = portal.restrictedTraverse("++plone++kooperation.fields/rows-widget.js")
        assert resource.path == str(SCRIPT)
        body = b"".join(resource(portal.REQUEST, portal.REQUEST.response))
        assert b"rows-widget-template" in body
        assert "javascript" in portal.REQUEST.response.getHeader("Content-Type")

    def test_phases_template_row_defaults_to_planned(self):
        project = self.measure.aq_parent
        with api.env.adopt_user(username="coordinator"):
            widget = _widget_html(_post(project, "@@edit", {}), F)
        template = widget.split('<template class="rows-widget-template"')[1].split("</template>")[0]
        assert re.findall(r'data-column="(\w+)"', template) == list(PHASES)
        assert "name=" not in template
        # no empty choice: a copied row is "planned" until chosen otherwise
        status = template.split('data-column="status"')[1].split("</select>")[0]
        assert re.findall(r'<option value="(\w*)"', status)[0] == "planned"
        assert f'data-name="{F}"' in widget
        assert "rows-widget-add" in widget
